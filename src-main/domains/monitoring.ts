import { asc, desc, eq } from 'drizzle-orm';
import type { MonitoringEntry, MonitoringState } from '../contract/post-certification';
import { isGranting } from '../contract/certification';
import { AppError, type InputIssue } from '../contract/result';
import type { Store } from '../db/open';
import { controlMeasures, monitoringEntries, reevaluations } from '../db/schema';
import type { HandlerMap } from '../kernel/context';
import { currentAuthorization } from './authorization';
import { caseList, edit, findLiveRow, liveRow, liveRows, saveListRow, tombstoneRow } from './case-rows';
import { getControlPlan, measureRows } from './control-plan';
import { linkOf, openReevaluation, reevaluationOf } from './reevaluation-case';

/*
 * Monitoring after authorization (seed 000, "Monitoring"): what customs did under the control plan and what it
 * found, and the events on the operator's side (incidents, changes it notified). Open only while the decision in
 * force grants the status: there is nothing to monitor before, or after a refusal.
 */

type EntryRow = typeof monitoringEntries.$inferSelect;

const entryRows = caseList(monitoringEntries, 'monitoring_entry', 'monitoring record', 'record');

function toEntry(store: Store, row: EntryRow): MonitoringEntry {
  const { removedAt: _removed, ...rest } = row;
  const measure = row.measureId
    ? (store.db.select({ measure: controlMeasures.measure }).from(controlMeasures).where(eq(controlMeasures.id, row.measureId)).get()?.measure ?? null)
    : null;
  return { ...rest, measure };
}

export function getMonitoring(store: Store, caseId: string): MonitoringState {
  const plan = getControlPlan(store, caseId);
  const entries = liveRows(store, monitoringEntries, eq(monitoringEntries.caseId, caseId), [
    desc(monitoringEntries.date),
    desc(monitoringEntries.createdAt),
  ]).map((row) => toEntry(store, row));
  const opened = store.db
    .select()
    .from(reevaluations)
    .where(eq(reevaluations.previousCaseId, caseId))
    .orderBy(asc(reevaluations.createdAt))
    .all()
    .map((row) => linkOf(store, row, row.caseId));
  return {
    caseId,
    authorized: isGranting(currentAuthorization(store, caseId)?.decision),
    reevaluationDue: plan.reevaluationDue,
    partialReevaluationAreas: plan.partialReevaluationAreas,
    entries,
    reevaluations: opened,
    reevaluationOf: reevaluationOf(store, caseId),
  };
}

/** Monitoring and re-evaluation need the status granted; anything else is refused with the reason's code. */
export function requireAuthorized(store: Store, caseId: string): void {
  if (!isGranting(currentAuthorization(store, caseId)?.decision)) {
    throw new AppError('conflict', 'The operator is not authorized on this case: monitoring and re-evaluation follow a granted status.', [
      { path: 'caseId', message: 'no decision granting the status', code: 'not_authorized' },
    ]);
  }
}

type Draft = { kind: EntryRow['kind']; date: string; measureId: string | null; outcome: EntryRow['outcome']; description: string; result: string };

function entryIssues(store: Store, caseId: string, draft: Draft): InputIssue[] {
  const issues: InputIssue[] = [];
  const activity = draft.kind === 'monitoring_activity';
  if (activity && draft.outcome === null) {
    issues.push({ path: 'outcome', message: 'a monitoring activity records its result', code: 'outcome_required' });
  }
  if (!activity && (draft.outcome !== null || draft.measureId !== null)) {
    issues.push({ path: draft.outcome !== null ? 'outcome' : 'measureId', message: 'an event has no outcome or measure', code: 'event_has_no_outcome' });
  }
  if (draft.measureId !== null) {
    if (!findLiveRow(store, measureRows, draft.measureId, caseId)) {
      issues.push({ path: 'measureId', message: 'not a control-plan measure of this case', code: 'measure_not_in_case' });
    }
  }
  return issues;
}

export const monitoringHandlers: HandlerMap<'monitoring'> = {
  'monitoring:get': (ctx, input) => getMonitoring(ctx.store, input.caseId),

  'monitoring:save': (ctx, { caseId, id, ...fields }) =>
    edit(ctx, (actor) => {
      requireAuthorized(ctx.store, caseId);
      const issues = entryIssues(ctx.store, caseId, fields);
      if (issues.length > 0) throw new AppError('invalid_input', `Invalid input at: ${issues.map((i) => i.path).join(', ')}`, issues);
      saveListRow(ctx.store, actor, entryRows, { ownerId: caseId, id }, fields, {
        extra: () => ({ recordedByName: actor.name }),
        // The audit log names the measure the entry was recorded under, as the page shows it.
        audited: (row) => toEntry(ctx.store, row),
      });
      return getMonitoring(ctx.store, caseId);
    }),

  'monitoring:remove': (ctx, input) =>
    edit(ctx, (actor) => {
      tombstoneRow(ctx.store, actor, entryRows, liveRow(ctx.store, entryRows, input.id, input.caseId));
      return getMonitoring(ctx.store, input.caseId);
    }),

  'monitoring:reevaluate': (ctx, input) =>
    edit(ctx, (actor) => {
      requireAuthorized(ctx.store, input.caseId);
      return openReevaluation(ctx, actor, input);
    }),
};
