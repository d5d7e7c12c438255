import { and, asc, count, eq, isNull, max, sql } from 'drizzle-orm';
import type { Interview, Plan, Procedure, Site, Visit } from '../contract/plan';
import { AppError } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, fieldChanges, type Actor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { caseSteps, cases, checklistRuns, interviews, plans, procedures, sites, visits } from '../db/schema';
import { requireActor, type HandlerContext, type HandlerMap } from '../kernel/context';
import { ensureShippedTemplates, requireTemplate } from './templates-store';

/*
 * The validation plan (step 1): per case, sites, planned visits, interviews, the procedures (which checklist runs
 * where, in order), resources and time frame. Lists are tombstoned, never deleted, so a later merge of several
 * validators' devices can tell "removed" from "never seen"; removed rows are left out of `plan:get`.
 */

export function requireCase(store: Store, caseId: string): void {
  const row = store.db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new AppError('not_found', 'No validation case with this id.');
}

/** A site of this case that has not been removed; `path` names the input field that referred to it. */
export function requireLiveSite(store: Store, caseId: string, siteId: string, path = 'siteId'): void {
  const row = store.db
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.id, siteId), eq(sites.caseId, caseId), isNull(sites.removedAt)))
    .get();
  if (!row) {
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
type VisitRow = typeof visits.$inferSelect;
type InterviewRow = typeof interviews.$inferSelect;
type ProcedureRow = typeof procedures.$inferSelect;

const toSite = ({ removedAt: _removed, ...row }: SiteRow): Site => row;
const toVisit = ({ removedAt: _removed, ...row }: VisitRow): Visit => row;
const toInterview = ({ removedAt: _removed, ...row }: InterviewRow): Interview => row;
const toProcedure = ({ removedAt: _removed, ...row }: ProcedureRow): Procedure => row;

export function getPlan(store: Store, caseId: string): Plan {
  requireCase(store, caseId);
  const meta = store.db.select().from(plans).where(eq(plans.caseId, caseId)).get();
  const db = store.db;
  return {
    caseId,
    resources: meta?.resources ?? '',
    startsOn: meta?.startsOn ?? null,
    endsOn: meta?.endsOn ?? null,
    notes: meta?.notes ?? '',
    sites: db
      .select()
      .from(sites)
      .where(and(eq(sites.caseId, caseId), isNull(sites.removedAt)))
      .orderBy(asc(sites.createdAt), asc(sites.id))
      .all()
      .map(toSite),
    visits: db
      .select()
      .from(visits)
      .where(and(eq(visits.caseId, caseId), isNull(visits.removedAt)))
      .orderBy(asc(visits.date), asc(sql`coalesce(${visits.startTime}, '')`), asc(visits.createdAt), asc(visits.id))
      .all()
      .map(toVisit),
    interviews: db
      .select()
      .from(interviews)
      .where(and(eq(interviews.caseId, caseId), isNull(interviews.removedAt)))
      .orderBy(sql`${interviews.date} IS NULL`, asc(interviews.date), asc(interviews.createdAt), asc(interviews.id))
      .all()
      .map(toInterview),
    procedures: db
      .select()
      .from(procedures)
      .where(and(eq(procedures.caseId, caseId), isNull(procedures.removedAt)))
      .orderBy(asc(procedures.position), asc(procedures.createdAt), asc(procedures.id))
      .all()
      .map(toProcedure),
  };
}

type Base = { id: string; caseId: string; createdAt: string; updatedAt: string; removedAt: string | null };

type RowOps<Row extends Base> = {
  entity: string;
  label: string;
  find(store: Store, id: string): Row | undefined;
  insert(store: Store, row: Row): void;
  update(store: Store, id: string, set: Partial<Row>): void;
};

const siteOps: RowOps<SiteRow> = {
  entity: 'site',
  label: 'site',
  find: (store, id) => store.db.select().from(sites).where(eq(sites.id, id)).get(),
  insert: (store, row) => void store.db.insert(sites).values(row).run(),
  update: (store, id, set) => void store.db.update(sites).set(set).where(eq(sites.id, id)).run(),
};
const visitOps: RowOps<VisitRow> = {
  entity: 'visit',
  label: 'planned visit',
  find: (store, id) => store.db.select().from(visits).where(eq(visits.id, id)).get(),
  insert: (store, row) => void store.db.insert(visits).values(row).run(),
  update: (store, id, set) => void store.db.update(visits).set(set).where(eq(visits.id, id)).run(),
};
const interviewOps: RowOps<InterviewRow> = {
  entity: 'interview',
  label: 'interview',
  find: (store, id) => store.db.select().from(interviews).where(eq(interviews.id, id)).get(),
  insert: (store, row) => void store.db.insert(interviews).values(row).run(),
  update: (store, id, set) => void store.db.update(interviews).set(set).where(eq(interviews.id, id)).run(),
};
const procedureOps: RowOps<ProcedureRow> = {
  entity: 'procedure',
  label: 'procedure',
  find: (store, id) => store.db.select().from(procedures).where(eq(procedures.id, id)).get(),
  insert: (store, row) => void store.db.insert(procedures).values(row).run(),
  update: (store, id, set) => void store.db.update(procedures).set(set).where(eq(procedures.id, id)).run(),
};

function liveRowOf<Row extends Base>(store: Store, ops: RowOps<Row>, caseId: string, id: string): Row {
  const row = ops.find(store, id);
  if (!row || row.caseId !== caseId || row.removedAt !== null) {
    throw new AppError('not_found', `No such ${ops.label} in this case (it may have been removed).`, [
      { path: 'id', message: `not a ${ops.label} of this case` },
    ]);
  }
  return row;
}

const withoutTombstone = <Row extends Base>({ removedAt: _removed, ...row }: Row) => row;

/**
 * Save = insert when `id` is absent, else update the case's live row of that id. One audit row for a creation,
 * one per changed field for an update; an update that changes nothing writes nothing.
 */
function saveRow<Row extends Base>(
  ctx: HandlerContext,
  ops: RowOps<Row>,
  input: { caseId: string; id?: string | undefined },
  fields: Partial<Row>,
  hooks: { check?: () => void; onInsert?: () => Partial<Row> } = {},
): Row {
  const actor = requireActor(ctx);
  return ctx.store.db.transaction(() => {
    requireCase(ctx.store, input.caseId);
    refusePlanLocked(ctx.store, input.caseId);
    const before = input.id === undefined ? undefined : liveRowOf(ctx.store, ops, input.caseId, input.id);
    hooks.check?.();
    const now = nowUtc();
    if (!before) {
      const row = {
        id: newId(),
        caseId: input.caseId,
        ...fields,
        ...hooks.onInsert?.(),
        createdAt: now,
        updatedAt: now,
        removedAt: null,
      } as Row;
      ops.insert(ctx.store, row);
      appendAudit(ctx.store.sqlite, actor, [
        { entity: ops.entity, entityId: row.id, action: 'create', after: withoutTombstone(row) },
      ]);
      return row;
    }
    const changes = fieldChanges(ops.entity, before.id, before, fields);
    if (changes.length === 0) return before;
    ops.update(ctx.store, before.id, { ...fields, updatedAt: now });
    appendAudit(ctx.store.sqlite, actor, changes);
    return { ...before, ...fields, updatedAt: now };
  });
}

/** Removal is a tombstone (`removedAt`), audited as a delete. */
function removeRow<Row extends Base>(
  ctx: HandlerContext,
  ops: RowOps<Row>,
  input: { caseId: string; id: string },
  check?: (row: Row) => void,
): Plan {
  const actor = requireActor(ctx);
  return ctx.store.db.transaction(() => {
    requireCase(ctx.store, input.caseId);
    refusePlanLocked(ctx.store, input.caseId);
    const row = liveRowOf(ctx.store, ops, input.caseId, input.id);
    check?.(row);
    const now = nowUtc();
    ops.update(ctx.store, row.id, { removedAt: now, updatedAt: now } as Partial<Row>);
    appendAudit(ctx.store.sqlite, actor, [
      { entity: ops.entity, entityId: row.id, action: 'delete', field: 'removedAt', before: null, after: now },
    ]);
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

function reorder(ctx: HandlerContext, actor: Actor, caseId: string, order: string[]): Plan {
  return ctx.store.db.transaction(() => {
    requireCase(ctx.store, caseId);
    refusePlanLocked(ctx.store, caseId);
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
      procedureOps.update(ctx.store, id, { position, updatedAt: now });
      return [{ entity: 'procedure', entityId: id, action: 'update' as const, field: 'position', before, after: position }];
    });
    appendAudit(ctx.store.sqlite, actor, changes);
    return getPlan(ctx.store, caseId);
  });
}

export const planHandlers: HandlerMap<'plan'> = {
  'plan:get': (ctx, input) => getPlan(ctx.store, input.caseId),

  'plan:updateMeta': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      refusePlanLocked(ctx.store, input.caseId);
      const now = nowUtc();
      const existing = ctx.store.db.select().from(plans).where(eq(plans.caseId, input.caseId)).get();
      if (!existing) {
        const row = { id: newId(), caseId: input.caseId, ...input.meta, updatedAt: now };
        ctx.store.db.insert(plans).values(row).run();
        appendAudit(ctx.store.sqlite, actor, [{ entity: 'plan', entityId: row.id, action: 'create', after: row }]);
      } else {
        const changes = fieldChanges('plan', existing.id, existing, input.meta);
        if (changes.length > 0) {
          ctx.store.db
            .update(plans)
            .set({ ...input.meta, updatedAt: now })
            .where(eq(plans.id, existing.id))
            .run();
          appendAudit(ctx.store.sqlite, actor, changes);
        }
      }
      return getPlan(ctx.store, input.caseId);
    });
  },

  'plan:saveSite': (ctx, { caseId, id, ...fields }) => toSite(saveRow(ctx, siteOps, { caseId, id }, fields)),

  'plan:removeSite': (ctx, input) => removeRow(ctx, siteOps, input, (site) => refuseSiteWithDependants(ctx.store, site)),

  'plan:saveVisit': (ctx, { caseId, id, ...fields }) =>
    toVisit(
      saveRow(ctx, visitOps, { caseId, id }, fields, {
        check: () => requireLiveSite(ctx.store, caseId, fields.siteId),
      }),
    ),

  'plan:removeVisit': (ctx, input) => removeRow(ctx, visitOps, input),

  'plan:saveInterview': (ctx, { caseId, id, ...fields }) =>
    toInterview(saveRow(ctx, interviewOps, { caseId, id }, fields)),

  'plan:removeInterview': (ctx, input) => removeRow(ctx, interviewOps, input),

  'plan:saveProcedure': (ctx, { caseId, id, ...fields }) => {
    ensureShippedTemplates(ctx);
    return toProcedure(
      saveRow(ctx, procedureOps, { caseId, id }, fields, {
        check: () => {
          if (fields.siteId !== null) requireLiveSite(ctx.store, caseId, fields.siteId);
          requireTemplate(ctx.store, fields.templateId);
        },
        onInsert: () => ({ position: nextProcedurePosition(ctx.store, caseId) }),
      }),
    );
  },

  'plan:removeProcedure': (ctx, input) => removeRow(ctx, procedureOps, input),

  'plan:reorderProcedures': (ctx, input) => reorder(ctx, requireActor(ctx), input.caseId, input.order),
};
