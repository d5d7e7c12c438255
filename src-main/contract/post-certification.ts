import { z } from 'zod';
import { ByCaseInput, CaseDraftKey, CaseItemInput, caseRecord, EditTimes, Id, IsoDate, optionalEmail, optionalLine, optionalPhone, optionalText, shortText, text, Timestamp } from './common';
import { MonitoringMeasure } from './control-plan';

/*
 * After authorization (seed 000, "Post Certification"): one customs account manager per AEO, whose work is recorded
 * as activities under the five functions the seed lists; monitoring of the AEO against the control plan (activities
 * and their results, events such as incidents and changes the operator notifies); and the re-evaluation, full or
 * partial, opened as a new case that starts from the earlier case's plan and risks.
 */

/** The five "Functions of the Account Manager" of seed 000, in its order. */
export const accountManagerFunctions = [
  'day_to_day_questions',
  'information_exchange',
  'meetings_and_visits',
  'advance_notice_of_changes',
  'institutional_networks',
] as const;
export const AccountManagerFunction = z.enum(accountManagerFunctions);
export type AccountManagerFunction = z.infer<typeof AccountManagerFunction>;

export const AccountManagerDraft = z.strictObject({
  operatorId: Id,
  name: shortText(200),
  position: optionalLine(200),
  phone: optionalPhone(),
  email: optionalEmail(),
  assignedOn: IsoDate,
});

export const AccountManager = z.strictObject({
  id: Id,
  operatorId: Id,
  name: text(),
  position: text(),
  phone: text(),
  email: text(),
  assignedOn: IsoDate,
  updatedAt: Timestamp,
});
export type AccountManager = z.infer<typeof AccountManager>;

export const ActivityDraft = z.strictObject({
  operatorId: Id,
  id: Id.optional(),
  function: AccountManagerFunction,
  date: IsoDate,
  note: optionalText(4000),
});

export const AccountManagerActivity = z.strictObject({
  id: Id,
  operatorId: Id,
  function: AccountManagerFunction,
  date: IsoDate,
  note: text(),
  /** Who was the account manager when the activity was recorded (a manager may be replaced later). */
  managerName: text(),
  ...EditTimes,
});
export type AccountManagerActivity = z.infer<typeof AccountManagerActivity>;

export const AccountManagerState = z.strictObject({
  operatorId: Id,
  manager: AccountManager.nullable(),
  /** Newest first. */
  activities: z.array(AccountManagerActivity),
});
export type AccountManagerState = z.infer<typeof AccountManagerState>;

/** What happens after authorization: customs' own monitoring, and events on the operator's side. */
export const monitoringEntryKinds = ['monitoring_activity', 'incident', 'change_notified'] as const;
export const MonitoringEntryKind = z.enum(monitoringEntryKinds);
export type MonitoringEntryKind = z.infer<typeof MonitoringEntryKind>;

/** The result of a monitoring activity; events have none. */
export const monitoringOutcomes = ['satisfactory', 'deviation_found', 'follow_up_required'] as const;
export const MonitoringOutcome = z.enum(monitoringOutcomes);
export type MonitoringOutcome = z.infer<typeof MonitoringOutcome>;

export const MonitoringDraft = z.strictObject({
  ...CaseDraftKey,
  kind: MonitoringEntryKind,
  date: IsoDate,
  /** For a monitoring activity: which control-plan measure it carries out, if any. */
  measureId: Id.nullable().default(null),
  /** For a monitoring activity: required. For an event: none. */
  outcome: MonitoringOutcome.nullable().default(null),
  description: shortText(4000),
  result: optionalText(4000),
});

export const MonitoringEntry = caseRecord({
  kind: MonitoringEntryKind,
  date: IsoDate,
  measureId: Id.nullable(),
  measure: MonitoringMeasure.nullable(),
  outcome: MonitoringOutcome.nullable(),
  description: text(),
  result: text(),
  recordedByName: text(),
});
export type MonitoringEntry = z.infer<typeof MonitoringEntry>;

export const reevaluationScopes = ['full', 'partial'] as const;
export const ReevaluationScope = z.enum(reevaluationScopes);
export type ReevaluationScope = z.infer<typeof ReevaluationScope>;

export const ReevaluationLink = z.strictObject({
  caseId: Id,
  caseNumber: text(),
  scope: ReevaluationScope,
  areas: z.array(text()),
  /** The control plan's re-evaluation date it was opened for. */
  dueOn: IsoDate.nullable(),
  openedOn: IsoDate,
});
export type ReevaluationLink = z.infer<typeof ReevaluationLink>;

export const MonitoringState = z.strictObject({
  caseId: Id,
  /** Monitoring is open once the decision in force grants the status. */
  authorized: z.boolean(),
  reevaluationDue: IsoDate.nullable(),
  partialReevaluationAreas: z.array(text()),
  /** Newest first. */
  entries: z.array(MonitoringEntry),
  /** Re-evaluation cases opened from this case. */
  reevaluations: z.array(ReevaluationLink),
  /** The earlier case this one re-evaluates, if it is a re-evaluation. */
  reevaluationOf: ReevaluationLink.nullable(),
});
export type MonitoringState = z.infer<typeof MonitoringState>;

export const ReevaluationDraft = z.strictObject({
  caseId: Id,
  scope: ReevaluationScope,
  /** The new case's number. */
  caseNumber: shortText(40),
  /** Required for a partial re-evaluation: the areas that changed since the validation. */
  areas: z.array(shortText(300)).max(50).default([]),
});

export const postCertificationContract = {
  'accountManager:get': { input: z.strictObject({ operatorId: Id }), output: AccountManagerState },
  /** Assigns (or replaces) the operator's one account manager. */
  'accountManager:assign': { input: AccountManagerDraft, output: AccountManagerState },
  'accountManager:saveActivity': { input: ActivityDraft, output: AccountManagerState },
  'accountManager:removeActivity': { input: z.strictObject({ operatorId: Id, id: Id }), output: AccountManagerState },
  'monitoring:get': { input: ByCaseInput, output: MonitoringState },
  'monitoring:save': { input: MonitoringDraft, output: MonitoringState },
  'monitoring:remove': { input: CaseItemInput, output: MonitoringState },
  /**
   * Opens the re-evaluation of an authorized case as a new case of the same operator, linked to it, starting from
   * its plan (sites, interviews, procedures) and its risks; due on the control plan's re-evaluation date.
   */
  'monitoring:reevaluate': { input: ReevaluationDraft, output: z.strictObject({ caseId: Id, caseNumber: text() }) },
} as const;
