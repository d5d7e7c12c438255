import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { wcoCriteria } from '../../contract/checklist-template';
import { monitoringFrequencies, monitoringMeasures } from '../../contract/control-plan';
import { controlEffectiveness, findingStatuses, riskResponses } from '../../contract/risks';
import { cases } from './core';
import { sites } from './plan';

/**
 * ISO 28000 security risk assessment (steps 5–7). Likelihood and consequence are 1–5; the level is not stored but
 * read from the configured matrix, so a changed matrix re-bands every open case (frozen report versions keep
 * theirs). Residual likelihood and consequence are both set or both null.
 */
export const risks = sqliteTable(
  'risks',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    /** WCO SAFE criterion letter A–M, or null when none fits. */
    criterion: text('criterion', { enum: wcoCriteria }),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'restrict' }),
    criticalAsset: text('critical_asset').notNull().default(''),
    threat: text('threat').notNull().default(''),
    vulnerability: text('vulnerability').notNull().default(''),
    likelihood: integer('likelihood').notNull(),
    consequence: integer('consequence').notNull(),
    /** The operator's internal controls (step 6) and how their effectiveness was tested. */
    controls: text('controls').notNull().default(''),
    controlTesting: text('control_testing').notNull().default(''),
    controlsEffective: text('controls_effective', { enum: controlEffectiveness }).notNull().default('not_tested'),
    residualLikelihood: integer('residual_likelihood'),
    residualConsequence: integer('residual_consequence'),
    /** Why the residual risk is rated above the inherent one (required then; controls should lower a risk). */
    residualReason: text('residual_reason').notNull().default(''),
    /** accept / improvement_action / condition / refuse; null until decided (step 7). */
    response: text('response', { enum: riskResponses }),
    responseNotes: text('response_notes').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('risks_case').on(t.caseId)],
);

/** What a risk rests on: checklist answers and evidence files. Unlinking is a tombstone. */
export const riskLinks = sqliteTable(
  'risk_links',
  {
    id: text('id').primaryKey(),
    riskId: text('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'restrict' }),
    target: text('target', { enum: ['answer', 'evidence'] }).notNull(),
    targetId: text('target_id').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('risk_links_risk').on(t.riskId), index('risk_links_target').on(t.targetId)],
);

/** Findings and the improvement actions they require; they feed the improvement-actions letter. */
export const findings = sqliteTable(
  'findings',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    description: text('description').notNull(),
    requiredAction: text('required_action').notNull().default(''),
    /** The person responsible at the operator. */
    owner: text('owner').notNull().default(''),
    deadline: text('deadline'),
    status: text('status', { enum: findingStatuses }).notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('findings_case').on(t.caseId)],
);

export const findingLinks = sqliteTable(
  'finding_links',
  {
    id: text('id').primaryKey(),
    findingId: text('finding_id')
      .notNull()
      .references(() => findings.id, { onDelete: 'restrict' }),
    target: text('target', { enum: ['answer', 'evidence', 'risk'] }).notNull(),
    targetId: text('target_id').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('finding_links_finding').on(t.findingId), index('finding_links_target').on(t.targetId)],
);

/** Step 9: how customs monitors one residual risk after authorization. */
export const controlMeasures = sqliteTable(
  'control_measures',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    riskId: text('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'restrict' }),
    measure: text('measure', { enum: monitoringMeasures }).notNull(),
    description: text('description').notNull().default(''),
    frequency: text('frequency', { enum: monitoringFrequencies }).notNull(),
    /** First occurrence; null means "from the authorization date". */
    startsOn: text('starts_on'),
    accountManager: text('account_manager').notNull(),
    triggers: text('triggers').notNull().default(''),
    customsResponse: text('customs_response').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('control_measures_case').on(t.caseId), index('control_measures_risk').on(t.riskId)],
);
