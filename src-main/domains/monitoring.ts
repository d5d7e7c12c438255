import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { MonitoringEntry, MonitoringState } from '../contract/post-certification';
import { isGranting } from '../contract/certification';
import { AppError, type InputIssue } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, fieldChanges } from '../db/audit-chain';
import type { Store } from '../db/open';
import { controlMeasures, monitoringEntries, reevaluations } from '../db/schema';
import { requireActor, type HandlerMap } from '../kernel/context';
import { currentAuthorization } from './authorization';
import { getControlPlan } from './control-plan';
import { linkOf, openReevaluation, reevaluationOf } from './reevaluation-case';

/*
 * Monitoring after authorization (seed 000, "Monitoring"): what customs did under the control plan and what it
 * found, and the events on the operator's side (incidents, changes it notified). Open only while the decision in
 * force grants the status: there is nothing to monitor before, or after a refusal.
 */

type EntryRow = typeof monitoringEntries.$inferSelect;

function toEntry(store: Store, row: EntryRow): MonitoringEntry {
  const { removedAt: _removed, ...rest } = row;
  const measure = row.measureId
    ? (store.db.select({ measure: controlMeasures.measure }).from(controlMeasures).where(eq(controlMeasures.id, row.measureId)).get()?.measure ?? null)
    : null;
  return { ...rest, measure };
}

export function getMonitoring(store: Store, caseId: string): MonitoringState {
  const plan = getControlPlan(store, caseId);
  const entries = store.db
    .select()
    .from(monitoringEntries)
    .where(and(eq(monitoringEntries.caseId, caseId), isNull(monitoringEntries.removedAt)))
    .orderBy(desc(monitoringEntries.date), desc(monitoringEntries.createdAt))
    .all()
    .map((row) => toEntry(store, row));
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
    const measure = store.db.select().from(controlMeasures).where(eq(controlMeasures.id, draft.measureId)).get();
    if (!measure || measure.caseId !== caseId || measure.removedAt !== null) {
      issues.push({ path: 'measureId', message: 'not a control-plan measure of this case', code: 'measure_not_in_case' });
    }
  }
  return issues;
}

function liveEntry(store: Store, caseId: string, id: string): EntryRow {
  const row = store.db.select().from(monitoringEntries).where(eq(monitoringEntries.id, id)).get();
  if (!row || row.caseId !== caseId || row.removedAt !== null) {
    throw new AppError('not_found', 'No such monitoring record in this case (it may have been removed).', [{ path: 'id', message: 'not a record of this case' }]);
  }
  return row;
}

export const monitoringHandlers: HandlerMap<'monitoring'> = {
  'monitoring:get': (ctx, input) => getMonitoring(ctx.store, input.caseId),

  'monitoring:save': (ctx, { caseId, id, ...fields }) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireAuthorized(ctx.store, caseId);
      const issues = entryIssues(ctx.store, caseId, fields);
      if (issues.length > 0) throw new AppError('invalid_input', `Invalid input at: ${issues.map((i) => i.path).join(', ')}`, issues);
      const now = nowUtc();
      if (id === undefined) {
        const row: EntryRow = { id: newId(), caseId, ...fields, recordedByName: actor.name, createdAt: now, updatedAt: now, removedAt: null };
        ctx.store.db.insert(monitoringEntries).values(row).run();
        appendAudit(ctx.store.sqlite, actor, [{ entity: 'monitoring_entry', entityId: row.id, action: 'create', after: toEntry(ctx.store, row) }]);
      } else {
        const before = liveEntry(ctx.store, caseId, id);
        const changes = fieldChanges('monitoring_entry', id, before, fields);
        if (changes.length > 0) {
          ctx.store.db.update(monitoringEntries).set({ ...fields, updatedAt: now }).where(eq(monitoringEntries.id, id)).run();
          appendAudit(ctx.store.sqlite, actor, changes);
        }
      }
      return getMonitoring(ctx.store, caseId);
    });
  },

  'monitoring:remove': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const row = liveEntry(ctx.store, input.caseId, input.id);
      const now = nowUtc();
      ctx.store.db.update(monitoringEntries).set({ removedAt: now, updatedAt: now }).where(eq(monitoringEntries.id, row.id)).run();
      appendAudit(ctx.store.sqlite, actor, [{ entity: 'monitoring_entry', entityId: row.id, action: 'delete', field: 'removedAt', before: null, after: now }]);
      return getMonitoring(ctx.store, input.caseId);
    });
  },

  'monitoring:reevaluate': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireAuthorized(ctx.store, input.caseId);
      return openReevaluation(ctx, actor, input);
    });
  },
};
