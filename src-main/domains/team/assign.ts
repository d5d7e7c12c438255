import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Contract } from '../../contract';
import { AppError } from '../../contract/result';
import type { TeamAssignment } from '../../contract/team';
import type { HandoutAssignment } from '../../core/bundle/statement';
import { lookupKey } from '../../core/bundle/trust-list';
import { newId, nowUtc } from '../../core/ids';
import { appendAudit, type AuditChange } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import { assignments, checklistRuns, checklistTemplates, interviews, sites, visits } from '../../db/schema';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { requireTrust } from '../bundles/layout';
import { requireCase } from '../case-rows';
import { runsHandlers } from '../runs';

/*
 * The lead's split of a case: per validator (named by his enrolled signing key, so the handout can be encrypted to
 * him and his field report recognised), the sites, visits, interviews, checklist runs and WCO criteria he covers.
 * A run assignment names a template version and a site; the lead's laptop creates the run now, so every laptop
 * shares its id. Setting a validator's part replaces what he had (withdrawn parts are tombstoned), audited.
 */

type AssignInput = z.output<Contract['team:assign']['input']>;
type AssignmentRow = typeof assignments.$inferSelect;

export async function assign(ctx: HandlerContext, input: AssignInput): Promise<TeamAssignment> {
  const actor = requireActor(ctx);
  const store = ctx.store;
  requireCase(store, input.caseId);
  const member = lookupKey(requireTrust(store), input.keyId, new Date());
  if (member.status !== 'valid' || !member.member || member.member.role === 'hq') {
    throw new AppError('invalid_input', 'This key is not a valid validator or team lead in the trust list.', [{ path: 'keyId', message: 'not an enrolled validator', code: 'not_enrolled' }]);
  }
  const name = member.member.name;
  requireAll(store, input.caseId, 'sites', input.sites, sites);
  requireAll(store, input.caseId, 'visits', input.visits, visits);
  requireAll(store, input.caseId, 'interviews', input.interviews, interviews);

  // Runs: the run already assigned (to anyone) for the same template version and site is shared, else created.
  // Two validators on one run is how the lead gets a second opinion, and the merge compares them item by item.
  const held = listRows(store, input.caseId).filter((r) => r.kind === 'run');
  const runIds: string[] = [];
  for (const wanted of input.runs) {
    const reuse = held.find((r) => {
      const run = runOf(store, r.targetId);
      return run && run.templateId === wanted.templateId && run.version === wanted.version && run.siteId === wanted.siteId;
    });
    if (reuse) {
      runIds.push(reuse.targetId);
      continue;
    }
    const created = await runsHandlers['runs:create'](ctx, {
      caseId: input.caseId,
      siteId: wanted.siteId,
      templateId: wanted.templateId,
      version: wanted.version,
      label: wanted.label || name,
      metadata: {},
    });
    runIds.push(created.id);
  }

  const wanted = new Map<string, { kind: AssignmentRow['kind']; targetId: string }>();
  const add = (kind: AssignmentRow['kind'], ids: readonly string[]) => ids.forEach((targetId) => wanted.set(`${kind}:${targetId}`, { kind, targetId }));
  add('site', input.sites);
  add('visit', input.visits);
  add('interview', input.interviews);
  add('run', runIds);
  add('criterion', input.criteria);

  store.db.transaction(() => {
    const now = nowUtc();
    const audit: AuditChange[] = [];
    const current = store.db.select().from(assignments).where(and(eq(assignments.caseId, input.caseId), eq(assignments.keyId, input.keyId))).all();
    for (const row of current) {
      const live = wanted.has(`${row.kind}:${row.targetId}`);
      if (live === (row.removedAt === null)) continue;
      store.db.update(assignments).set({ removedAt: live ? null : now }).where(eq(assignments.id, row.id)).run();
      audit.push({ entity: 'assignment', entityId: row.id, action: 'update', field: 'removedAt', before: row.removedAt, after: live ? null : now });
    }
    for (const [k, { kind, targetId }] of wanted) {
      if (current.some((r) => `${r.kind}:${r.targetId}` === k)) continue;
      const id = newId();
      store.db.insert(assignments).values({ id, caseId: input.caseId, keyId: input.keyId, name, kind, targetId, createdAt: now }).run();
      audit.push({ entity: 'assignment', entityId: id, action: 'create', after: { caseId: input.caseId, keyId: input.keyId, name, kind, targetId } });
    }
    if (audit.length > 0) appendAudit(store.sqlite, actor, audit);
  });
  const mine = listAssignments(store, input.caseId).find((a) => a.keyId === input.keyId);
  return mine ?? { keyId: input.keyId, name, sites: [], visits: [], interviews: [], runs: [], criteria: [] };
}

function requireAll(store: Store, caseId: string, path: string, ids: readonly string[], table: typeof sites | typeof visits | typeof interviews): void {
  for (const id of ids) {
    const row = store.db.select({ id: table.id }).from(table).where(and(eq(table.id, id), eq(table.caseId, caseId), isNull(table.removedAt))).get();
    if (!row) throw new AppError('invalid_input', `No ${path.slice(0, -1)} ${id} in this case.`, [{ path, message: 'not in this case', code: 'not_in_case' }]);
  }
}

function runOf(store: Store, runId: string): { templateId: string; version: number; siteId: string | null } | null {
  return (
    store.db
      .select({ templateId: checklistTemplates.templateId, version: checklistTemplates.version, siteId: checklistRuns.siteId })
      .from(checklistRuns)
      .innerJoin(checklistTemplates, eq(checklistTemplates.id, checklistRuns.templateRowId))
      .where(eq(checklistRuns.id, runId))
      .get() ?? null
  );
}

const listRows = (store: Store, caseId: string) =>
  store.db
    .select()
    .from(assignments)
    .where(and(eq(assignments.caseId, caseId), isNull(assignments.removedAt)))
    .orderBy(asc(assignments.keyId), asc(assignments.kind), asc(assignments.targetId))
    .all();

/** Each validator's live part of a case, in key order. */
export function listAssignments(store: Store, caseId: string): TeamAssignment[] {
  const byKey = new Map<string, TeamAssignment>();
  for (const row of listRows(store, caseId)) {
    let a = byKey.get(row.keyId);
    if (!a) {
      a = { keyId: row.keyId, name: row.name, sites: [], visits: [], interviews: [], runs: [], criteria: [] };
      byKey.set(row.keyId, a);
    }
    if (row.kind === 'site') a.sites.push(row.targetId);
    else if (row.kind === 'visit') a.visits.push(row.targetId);
    else if (row.kind === 'interview') a.interviews.push(row.targetId);
    else if (row.kind === 'criterion') a.criteria.push(row.targetId as TeamAssignment['criteria'][number]);
    else {
      const run = runOf(store, row.targetId);
      if (run) a.runs.push({ runId: row.targetId, ...run });
    }
  }
  return [...byKey.values()];
}

/** Replaces a case's assignments with a handout's, as the lead made them (a validator's laptop). */
export function replaceAssignments(store: Store, caseId: string, list: readonly HandoutAssignment[], createdAt: string): AuditChange[] {
  const audit: AuditChange[] = [];
  const current = store.db.select().from(assignments).where(eq(assignments.caseId, caseId)).all();
  const wanted = new Set<string>();
  for (const a of list) {
    const parts: [AssignmentRow['kind'], readonly string[]][] = [
      ['site', a.sites],
      ['visit', a.visits],
      ['interview', a.interviews],
      ['run', a.runs.map((r) => r.runId)],
      ['criterion', a.criteria],
    ];
    for (const [kind, ids] of parts) {
      for (const targetId of ids) {
        wanted.add(`${a.keyId}:${kind}:${targetId}`);
        const row = current.find((r) => r.keyId === a.keyId && r.kind === kind && r.targetId === targetId);
        if (row && row.removedAt === null) continue;
        if (row) store.db.update(assignments).set({ removedAt: null }).where(eq(assignments.id, row.id)).run();
        else store.db.insert(assignments).values({ id: newId(), caseId, keyId: a.keyId, name: a.name, kind, targetId, createdAt }).run();
        audit.push({ entity: 'assignment', entityId: row?.id ?? targetId, action: row ? 'update' : 'create', after: { keyId: a.keyId, kind, targetId } });
      }
    }
  }
  for (const row of current) {
    if (row.removedAt === null && !wanted.has(`${row.keyId}:${row.kind}:${row.targetId}`)) {
      store.db.update(assignments).set({ removedAt: createdAt }).where(eq(assignments.id, row.id)).run();
      audit.push({ entity: 'assignment', entityId: row.id, action: 'update', field: 'removedAt', before: null, after: createdAt });
    }
  }
  return audit;
}
