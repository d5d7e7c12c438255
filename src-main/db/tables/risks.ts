import { index, integer, text } from 'drizzle-orm/sqlite-core';
import { wcoCriteria } from '../../contract/checklist-template';
import { monitoringFrequencies, monitoringMeasures } from '../../contract/control-plan';
import { controlEffectiveness, findingStatuses, riskResponses } from '../../contract/risks';
import { caseListTable } from '../case-rows';
import { freeText, optionalRef, ref } from '../../core/sql-columns';
import { linkTable } from '../link-table';
import { sites } from './plan';

/**
 * ISO 28000 security risk assessment (steps 5–7). Likelihood and consequence are 1–5; the level is not stored but
 * read from the configured matrix, so a changed matrix re-bands every open case (frozen report versions keep
 * theirs). Residual likelihood and consequence are both set or both null.
 */
export const risks = caseListTable('risks', {
  title: text('title').notNull(),
  /** WCO SAFE criterion letter A–M, or null when none fits. */
  criterion: text('criterion', { enum: wcoCriteria }),
  siteId: optionalRef('site_id', () => sites.id),
  criticalAsset: freeText('critical_asset'),
  threat: freeText('threat'),
  vulnerability: freeText('vulnerability'),
  likelihood: integer('likelihood').notNull(),
  consequence: integer('consequence').notNull(),
  /** The operator's internal controls (step 6) and how their effectiveness was tested. */
  controls: freeText('controls'),
  controlTesting: freeText('control_testing'),
  controlsEffective: text('controls_effective', { enum: controlEffectiveness }).notNull().default('not_tested'),
  residualLikelihood: integer('residual_likelihood'),
  residualConsequence: integer('residual_consequence'),
  /** Why the residual risk is rated above the inherent one (required then; controls should lower a risk). */
  residualReason: freeText('residual_reason'),
  /** accept / improvement_action / condition / refuse; null until decided (step 7). */
  response: text('response', { enum: riskResponses }),
  responseNotes: freeText('response_notes'),
  createdBy: text('created_by').notNull(),
});

/** What a risk rests on: checklist answers and evidence files. Unlinking is a tombstone. */
export const riskLinks = linkTable('risk_links', 'risk', () => risks.id, ['answer', 'evidence']);

/** Findings and the improvement actions they require; they feed the improvement-actions letter. */
export const findings = caseListTable('findings', {
  description: text('description').notNull(),
  requiredAction: freeText('required_action'),
  /** The person responsible at the operator. */
  owner: freeText('owner'),
  deadline: text('deadline'),
  status: text('status', { enum: findingStatuses }).notNull().default('open'),
  createdBy: text('created_by').notNull(),
});

export const findingLinks = linkTable('finding_links', 'finding', () => findings.id, ['answer', 'evidence', 'risk']);

/** Step 9: how customs monitors one residual risk after authorization. */
export const controlMeasures = caseListTable(
  'control_measures',
  {
    riskId: ref('risk_id', () => risks.id),
    measure: text('measure', { enum: monitoringMeasures }).notNull(),
    description: freeText('description'),
    frequency: text('frequency', { enum: monitoringFrequencies }).notNull(),
    /** First occurrence; null means "from the authorization date". */
    startsOn: text('starts_on'),
    accountManager: text('account_manager').notNull(),
    triggers: freeText('triggers'),
    customsResponse: freeText('customs_response'),
  },
  (t) => [index('control_measures_risk').on(t.riskId)],
);
