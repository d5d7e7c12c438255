import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { criterionConclusions as conclusionValues, recommendations } from '../../contract/assessment';
import { wcoCriteria } from '../../contract/checklist-template';
import { reportVersionStatuses } from '../../contract/reports';
import { caseRowColumns, caseSingletonColumns } from '../case-rows';
import { freeText, stamp, stringList } from '../../core/sql-columns';

/** The validators' overall judgement on a case (steps 8–9): one row per case, created on first save. */
export const caseAssessments = sqliteTable('case_assessments', {
  ...caseSingletonColumns(),
  /** grant / grant_with_conditions / postpone / refuse; null until decided. */
  recommendation: text('recommendation', { enum: recommendations }),
  reasoning: freeText('reasoning'),
  mattersOfSignificance: freeText('matters_of_significance'),
  method: freeText('method'),
  teamLead: freeText('team_lead'),
  authorizationDate: text('authorization_date'),
  /** JSON array of areas for a partial re-evaluation. */
  partialReevaluationAreas: stringList('partial_reevaluation_areas'),
  updatedAt: stamp('updated_at'),
});

/** A conclusion per WCO SAFE criterion A–M. */
export const criterionConclusions = sqliteTable(
  'criterion_conclusions',
  {
    ...caseRowColumns(),
    criterion: text('criterion', { enum: wcoCriteria }).notNull(),
    /** met / met_with_improvements / not_met / not_applicable; null = not assessed yet. */
    conclusion: text('conclusion', { enum: conclusionValues }),
    text: freeText('text'),
    updatedAt: stamp('updated_at'),
  },
  (t) => [uniqueIndex('criterion_conclusions_case_criterion').on(t.caseId, t.criterion)],
);

/**
 * Frozen report models, numbered per case. A sealed row is immutable: the handlers refuse to change it and a
 * trigger (migration report_immutability) makes the database refuse UPDATE and DELETE of it too.
 */
export const reportVersions = sqliteTable(
  'report_versions',
  {
    ...caseRowColumns(),
    version: integer('version').notNull(),
    /** The ReportModel as canonical JSON. */
    model: text('model').notNull(),
    modelSha256: text('model_sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: stamp('created_at'),
    status: text('status', { enum: reportVersionStatuses }).notNull().default('draft'),
    supersedesId: text('supersedes_id'),
    sealedAt: text('sealed_at'),
  },
  (t) => [uniqueIndex('report_versions_case_version').on(t.caseId, t.version)],
);

/* ---- Issue 5: keys, trust lists, sealed and imported bundles ---- */
