import { and, asc, count, eq, isNull, max, sql } from 'drizzle-orm';
import type { Plan } from '../contract/plan';
import { AppError } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, type UserActor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { caseSteps, checklistRuns, interviews, plans, procedures, sites, visits } from '../db/schema';
import type { HandlerContext, HandlerMap } from '../kernel/context';
import { caseList, editCase, findLiveRow, type ListRow, liveRow, liveRows, oneRow, requireCase, type RowList, saveListRow, setRow, tombstoneRow, upsertRow, withoutTombstone } from './case-rows';
import { ensureShippedTemplates, requireTemplate } from './templates-store';

/*
 * The validation plan (step 1): per case, sites, planned visits, interviews, the procedures (which checklist runs
 * where, in order), resources and time frame. Lists are tombstoned, never deleted, so a later merge of several
 * validators' devices can tell "removed" from "never seen"; removed rows are left out of `plan:get`.
 */

/** A site of this case that has not been removed; `path` names the input field that referred to it. */
export function requireLiveSite(store: Store, caseId: string, siteId: string, path = 'siteId'): void {
  if (!findLiveRow(store, siteRows, siteId, caseId)) {
    throw new AppError('not_found', 'No such site in this case (it may have been removed).', [
      { path, message: 'not a site of this case', code: 'site_not_in_case' },
    ]);
  }
}

/**
 * The plan is read-only once its step (planning) is done: what was planned is what the validation was measured
 * against. Reopening the step (with a reason, audit-logged) makes it editable again.
 */
export function refusePlanLocked(store: Store, caseId: string): void {
  const row = store.db
    .select({ status: caseSteps.status })
    .from(caseSteps)
    .where(and(eq(caseSteps.caseId, caseId), eq(caseSteps.step, 'planning')))
    .get();
  if (row?.status === 'done') {
    throw new AppError('immutable', 'The plan is done and read-only; reopen the planning step (with a reason) to change it.', [
      { path: 'caseId', message: 'the planning step is done', code: 'plan_locked' },
    ]);
  }
}

type SiteRow = typeof sites.$inferSelect;

const planMeta = oneRow(plans, 'plan');
const siteRows = caseList(sites, 'site', 'site');
export const visitRows = caseList(visits, 'visit', 'planned visit');
export const interviewRows = caseList(interviews, 'interview', 'interview');
const procedureRows = caseList(procedures, 'procedure', 'procedure');

export function getPlan(store: Store, caseId: string): Plan {
  requireCase(store, caseId);
  const meta = store.db.select().from(plans).where(eq(plans.caseId, caseId)).get();
  return {
    caseId,
    resources: meta?.resources ?? '',
    startsOn: meta?.startsOn ?? null,
    endsOn: meta?.endsOn ?? null,
    notes: meta?.notes ?? '',
    sites: liveRows(store, sites, eq(sites.caseId, caseId), [asc(sites.createdAt), asc(sites.id)]).map(withoutTombstone),
    visits: liveRows(store, visits, eq(visits.caseId, caseId), [
      asc(visits.date),
      asc(sql`coalesce(${visits.startTime}, '')`),
      asc(visits.createdAt),
      asc(visits.id),
    ]).map(withoutTombstone),
    interviews: liveRows(store, interviews, eq(interviews.caseId, caseId), [
      sql`${interviews.date} IS NULL`,
      asc(interviews.date),
      asc(interviews.createdAt),
      asc(interviews.id),
    ]).map(withoutTombstone),
    procedures: liveRows(store, procedures, eq(procedures.caseId, caseId), [
      asc(procedures.position),
      asc(procedures.createdAt),
      asc(procedures.id),
    ]).map(withoutTombstone),
  };
}

/** Lists of the plan change only while the planning step is open; see `refusePlanLocked`. */
function editPlan<T>(ctx: HandlerContext, caseId: string, work: (actor: UserActor) => T): T {
  return editCase(ctx, caseId, (actor) => {
    refusePlanLocked(ctx.store, caseId);
    return work(actor);
  });
}

/** Saves a row of one of the plan's lists (see `saveListRow`), answered without its tombstone. */
function saveRow<Row extends ListRow>(
  ctx: HandlerContext,
  list: RowList<Row>,
  input: { caseId: string; id?: string | undefined },
  fields: Partial<Row>,
  options: { check?: () => void; extra?: () => Partial<Row> } = {},
): Omit<Row, 'removedAt'> {
  return editPlan(ctx, input.caseId, (actor) => withoutTombstone(saveListRow(ctx.store, actor, list, { ownerId: input.caseId, id: input.id }, fields, options)));
}

/** Removes a row of one of the plan's lists by tombstone, after `check` (a site still in use stays). */
function removeRow<Row extends ListRow>(
  ctx: HandlerContext,
  list: RowList<Row>,
  input: { caseId: string; id: string },
  check?: (row: Row) => void,
): Plan {
  return editPlan(ctx, input.caseId, (actor) => {
    const row = liveRow(ctx.store, list, input.id, input.caseId);
    check?.(row);
    tombstoneRow(ctx.store, actor, list, row);
    return getPlan(ctx.store, input.caseId);
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A site that planned visits, procedures or checklist runs refer to stays: removing it would orphan them. */
function refuseSiteWithDependants(store: Store, site: SiteRow): void {
  const live = (table: typeof visits | typeof procedures) =>
    store.db
      .select({ n: count() })
      .from(table)
      .where(and(eq(table.siteId, site.id), isNull(table.removedAt)))
      .get()?.n ?? 0;
  const visitCount = live(visits);
  const procedureCount = live(procedures);
  const runCount =
    store.db.select({ n: count() }).from(checklistRuns).where(eq(checklistRuns.siteId, site.id)).get()?.n ?? 0;
  const parts = [
    visitCount > 0 ? plural(visitCount, 'planned visit', 'planned visits') : null,
    procedureCount > 0 ? plural(procedureCount, 'procedure', 'procedures') : null,
    runCount > 0 ? plural(runCount, 'checklist run', 'checklist runs') : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const advice =
    runCount > 0
      ? 'Checklist runs keep the site they were carried out at, so this site stays in the plan.'
      : 'Remove them or move them to another site first.';
  throw new AppError('conflict', `"${site.name}" cannot be removed: ${list} refer to it. ${advice}`, [
    { path: 'id', message: `referred to by ${list}` },
  ]);
}

function nextProcedurePosition(store: Store, caseId: string): number {
  const row = store.db
    .select({ last: max(procedures.position) })
    .from(procedures)
    .where(and(eq(procedures.caseId, caseId), isNull(procedures.removedAt)))
    .get();
  return (row?.last ?? -1) + 1;
}

function reorder(ctx: HandlerContext, caseId: string, order: string[]): Plan {
  return editPlan(ctx, caseId, (actor) => {
    const live = ctx.store.db
      .select({ id: procedures.id, position: procedures.position })
      .from(procedures)
      .where(and(eq(procedures.caseId, caseId), isNull(procedures.removedAt)))
      .all();
    const liveIds = new Set(live.map((p) => p.id));
    const given = new Set(order);
    const unknown = order.filter((id) => !liveIds.has(id));
    const missing = live.filter((p) => !given.has(p.id)).map((p) => p.id);
    const repeated = given.size !== order.length;
    if (unknown.length > 0 || missing.length > 0 || repeated) {
      const problems = [
        unknown.length > 0 ? `${plural(unknown.length, 'id is', 'ids are')} not a procedure of this case` : null,
        missing.length > 0 ? `${plural(missing.length, 'procedure is', 'procedures are')} missing` : null,
        repeated ? 'an id is listed twice' : null,
      ].filter(Boolean);
      const message = `The new order must list each of the case's ${plural(live.length, 'procedure', 'procedures')} exactly once: ${problems.join('; ')}.`;
      throw new AppError('invalid_input', message, [{ path: 'order', message }]);
    }
    const positions = new Map(live.map((p) => [p.id, p.position]));
    const now = nowUtc();
    const changes = order.flatMap((id, position) => {
      const before = positions.get(id);
      if (before === position) return [];
      setRow(ctx.store, procedures, id, { position, updatedAt: now });
      return [{ entity: 'procedure', entityId: id, action: 'update' as const, field: 'position', before, after: position }];
    });
    appendAudit(ctx.store.sqlite, actor, changes);
    return getPlan(ctx.store, caseId);
  });
}

export const planHandlers: HandlerMap<'plan'> = {
  'plan:get': (ctx, input) => getPlan(ctx.store, input.caseId),

  'plan:updateMeta': (ctx, input) =>
    editPlan(ctx, input.caseId, (actor) => {
      const fresh = (now: string) => ({ id: newId(), caseId: input.caseId, ...input.meta, updatedAt: now });
      appendAudit(ctx.store.sqlite, actor, upsertRow(ctx.store, planMeta, eq(plans.caseId, input.caseId), input.meta, fresh).changes);
      return getPlan(ctx.store, input.caseId);
    }),

  'plan:saveSite': (ctx, { caseId, id, ...fields }) => saveRow(ctx, siteRows, { caseId, id }, fields),

  'plan:removeSite': (ctx, input) => removeRow(ctx, siteRows, input, (site) => refuseSiteWithDependants(ctx.store, site)),

  'plan:saveVisit': (ctx, { caseId, id, ...fields }) =>
    saveRow(ctx, visitRows, { caseId, id }, fields, { check: () => requireLiveSite(ctx.store, caseId, fields.siteId) }),

  'plan:removeVisit': (ctx, input) => removeRow(ctx, visitRows, input),

  'plan:saveInterview': (ctx, { caseId, id, ...fields }) => saveRow(ctx, interviewRows, { caseId, id }, fields),

  'plan:removeInterview': (ctx, input) => removeRow(ctx, interviewRows, input),

  'plan:saveProcedure': (ctx, { caseId, id, ...fields }) => {
    ensureShippedTemplates(ctx);
    return saveRow(ctx, procedureRows, { caseId, id }, fields, {
      check: () => {
        if (fields.siteId !== null) requireLiveSite(ctx.store, caseId, fields.siteId);
        requireTemplate(ctx.store, fields.templateId);
      },
      extra: () => ({ position: nextProcedurePosition(ctx.store, caseId) }),
    });
  },

  'plan:removeProcedure': (ctx, input) => removeRow(ctx, procedureRows, input),

  'plan:reorderProcedures': (ctx, input) => reorder(ctx, input.caseId, input.order),
};
