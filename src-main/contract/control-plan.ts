import { z } from 'zod';
import { WcoCriterion } from './checklist-template';
import { ByCaseInput, CaseDraftKey, CaseItemInput, caseRecord, Id, IsoDate, optionalText, shortText, text } from './common';
import { RiskResponse, ScoreAndLevel } from './risks';

/*
 * The control plan (step 9): how customs monitors each residual risk after authorization, and when the operator
 * is re-evaluated (authorization date + the configured maximum monitoring period).
 */

export const monitoringMeasures = [
  'post_clearance_audit',
  'document_check',
  'unannounced_visit',
  'announced_visit',
  'data_analysis_indicator',
  'self_assessment_review',
  'other',
] as const;
export const MonitoringMeasure = z.enum(monitoringMeasures);
export type MonitoringMeasure = z.infer<typeof MonitoringMeasure>;

/** Dated frequencies give schedule entries; `ongoing` and `on_trigger` have none. */
export const monitoringFrequencies = [
  'once',
  'monthly',
  'quarterly',
  'semiannually',
  'annually',
  'ongoing',
  'on_trigger',
] as const;
export const MonitoringFrequency = z.enum(monitoringFrequencies);
export type MonitoringFrequency = z.infer<typeof MonitoringFrequency>;

/** Save = create when `id` is absent, update when present. `riskId` must be a risk of the same case. */
export const MeasureDraft = z.strictObject({
  ...CaseDraftKey,
  riskId: Id,
  measure: MonitoringMeasure,
  description: optionalText(4000),
  frequency: MonitoringFrequency,
  /** First occurrence; null: from the authorization date. */
  startsOn: IsoDate.nullable().default(null),
  accountManager: shortText(200),
  triggers: optionalText(4000),
  customsResponse: optionalText(4000),
});

/** What a control measure says, shared by the stored measure and its frozen copy in the report model. */
export const measureFields = {
  measure: MonitoringMeasure,
  description: text(),
  frequency: MonitoringFrequency,
  startsOn: IsoDate.nullable(),
  accountManager: text(),
  triggers: text(),
  customsResponse: text(),
};

export const ControlMeasure = caseRecord({
  riskId: Id,
  ...measureFields,
});
export type ControlMeasure = z.infer<typeof ControlMeasure>;

export const ResidualRisk = z.strictObject({
  riskId: Id,
  title: text(),
  criterion: WcoCriterion.nullable(),
  inherent: ScoreAndLevel,
  /** Null: residual rating not set yet. */
  residual: ScoreAndLevel.nullable(),
  response: RiskResponse.nullable(),
  measureIds: z.array(Id),
});
export type ResidualRisk = z.infer<typeof ResidualRisk>;

export const ScheduleEntry = z.strictObject({
  date: IsoDate,
  kind: z.enum(['measure', 'reevaluation']),
  measureId: Id.nullable(),
  riskId: Id.nullable(),
  measure: MonitoringMeasure.nullable(),
  accountManager: text().nullable(),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

export const ControlPlan = z.strictObject({
  caseId: Id,
  authorizationDate: IsoDate.nullable(),
  maxMonitoringMonths: z.number().int(),
  /** Authorization date + the maximum monitoring period; null while there is no authorization date. */
  reevaluationDue: IsoDate.nullable(),
  partialReevaluationAreas: z.array(text()),
  residualRisks: z.array(ResidualRisk),
  measures: z.array(ControlMeasure),
  /** Dated occurrences up to the re-evaluation date, in date order; ends with the re-evaluation itself. */
  schedule: z.array(ScheduleEntry),
  /** Risks with no monitoring measure yet. */
  unmonitoredRiskIds: z.array(Id),
});
export type ControlPlan = z.infer<typeof ControlPlan>;

export const controlPlanContract = {
  'controlPlan:get': { input: ByCaseInput, output: ControlPlan },
  /** A measure with no risk, or a risk of another case, is `invalid_input` at `riskId`. */
  'controlPlan:saveMeasure': { input: MeasureDraft, output: ControlMeasure },
  'controlPlan:removeMeasure': { input: CaseItemInput, output: ControlPlan },
  'controlPlan:updateMeta': {
    input: z.strictObject({
      caseId: Id,
      authorizationDate: IsoDate.nullable().optional(),
      partialReevaluationAreas: z.array(shortText(300)).max(50).optional(),
    }),
    output: ControlPlan,
  },
} as const;
