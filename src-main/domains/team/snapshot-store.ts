import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { AppError } from '../../contract/result';
import { sameValue, snapshotTables, tableSpecs, type Json, type Row, type Snapshot, type SnapshotTable } from '../../core/merge/snapshot';
import { appendAudit, type AuditChange, type UserActor } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import * as schema from '../../db/schema';
import { findTemplate } from '../templates-store';

/*
 * A case read out of the store as a snapshot (core/merge/snapshot.ts), and a snapshot written back. Rows travel as
 * drizzle reads them (camelCase fields, JSON columns parsed), except a run's template: its row id is local to each
 * laptop, so a snapshot names it `templateId@version` and each laptop maps that to its own row.
 *
 * Writing is an upsert per row, audited, parents before children (the order of `snapshotTables`): a row whose id
 * exists is updated where it differs; a new row is inserted; a row with the same meaning under another id (an
 * answer to the same item) is updated in place. Nothing is deleted: removals are tombstones in the rows.
 */

type AnyTable = SQLiteTable & { id: SQLiteColumn };

const drizzleTables: { [T in SnapshotTable]: AnyTable } = {
  operators: schema.operators,
  cases: schema.cases,
  caseSteps: schema.caseSteps,
  plans: schema.plans,
  sites: schema.sites,
  visits: schema.visits,
  interviews: schema.interviews,
  procedures: schema.procedures,
  checklistRuns: schema.checklistRuns,
  answers: schema.answers,
  evidence: schema.evidence,
  risks: schema.risks,
  riskLinks: schema.riskLinks,
  findings: schema.findings,
  findingLinks: schema.findingLinks,
  controlMeasures: schema.controlMeasures,
  caseAssessments: schema.caseAssessments,
  criterionConclusions: schema.criterionConclusions,
};

const auditEntity = (table: SnapshotTable) => table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/s$/, '');

function scopeOf(store: Store, table: SnapshotTable, caseId: string): SQL | undefined {
  const caseRow = store.db.select({ operatorId: schema.cases.operatorId }).from(schema.cases).where(eq(schema.cases.id, caseId)).get();
  if (!caseRow) throw new AppError('not_found', 'No validation case with this id.');
  const runIds = () => store.db.select({ id: schema.checklistRuns.id }).from(schema.checklistRuns).where(eq(schema.checklistRuns.caseId, caseId));
  switch (table) {
    case 'operators':
      return eq(schema.operators.id, caseRow.operatorId);
    case 'cases':
      return eq(schema.cases.id, caseId);
    case 'answers':
      return inArray(schema.answers.runId, runIds());
    case 'riskLinks':
      return inArray(schema.riskLinks.riskId, store.db.select({ id: schema.risks.id }).from(schema.risks).where(eq(schema.risks.caseId, caseId)));
    case 'findingLinks':
      return inArray(schema.findingLinks.findingId, store.db.select({ id: schema.findings.id }).from(schema.findings).where(eq(schema.findings.caseId, caseId)));
    default:
      return eq((drizzleTables[table] as unknown as { caseId: SQLiteColumn }).caseId, caseId);
  }
}

/** The case as rows. A handout leaves evidence out: its files do not travel with it. */
export function readSnapshot(store: Store, caseId: string, options: { evidence?: boolean } = {}): Snapshot {
  const tables: { [T in SnapshotTable]?: Row[] } = {};
  for (const table of snapshotTables) {
    if (table === 'evidence' && options.evidence === false) continue;
    const rows = store.db.select().from(drizzleTables[table]).where(scopeOf(store, table, caseId)).all() as Record<string, Json>[];
    const spec = tableSpecs[table];
    tables[table] = rows.map((row) => (table === 'checklistRuns' ? portableRun(store, row) : row)).sort((a, b) => (spec.key(a) < spec.key(b) ? -1 : spec.key(a) > spec.key(b) ? 1 : 0));
  }
  return { caseId, tables };
}

function portableRun(store: Store, row: Record<string, Json>): Row {
  const { templateRowId, ...rest } = row;
  const template = store.db
    .select({ templateId: schema.checklistTemplates.templateId, version: schema.checklistTemplates.version })
    .from(schema.checklistTemplates)
    .where(eq(schema.checklistTemplates.id, String(templateRowId)))
    .get();
  return { ...rest, template: template ? `${template.templateId}@${template.version}` : String(templateRowId) };
}

function localRun(store: Store, row: Row): Row {
  const { template, ...rest } = row;
  const [templateId, version] = String(template).split('@');
  const found = findTemplate(store, templateId ?? '', Number(version));
  if (!found) throw new AppError('not_found', `This laptop has no version ${version} of checklist template "${templateId}".`);
  return { ...rest, templateRowId: found.rowId };
}

export type ApplyOptions = {
  /**
   * Update an existing row only where it still equals this earlier snapshot's row (a newer handout over a
   * validator's work: what he changed stays his). Without it, every row takes the snapshot's values.
   */
  unchangedSince?: Snapshot | null;
  /** Tables to leave alone. */
  skip?: readonly SnapshotTable[];
};

export type ApplyCounts = { inserted: number; updated: number; kept: number };

/** Writes a snapshot into the store, audited; call inside a transaction. */
export function applySnapshot(store: Store, actor: UserActor, snapshot: Snapshot, options: ApplyOptions = {}): ApplyCounts {
  const counts: ApplyCounts = { inserted: 0, updated: 0, kept: 0 };
  const audit: AuditChange[] = [];
  for (const table of snapshotTables) {
    if (options.skip?.includes(table)) continue;
    const spec = tableSpecs[table];
    const target = drizzleTables[table];
    const local = table === 'operators' || table === 'cases' ? [] : readSnapshotTable(store, table, snapshot.caseId);
    const byKey = new Map(local.map((r) => [spec.key(r), r]));
    const earlier = new Map((options.unchangedSince?.tables[table] ?? []).map((r) => [String(r['id']), r]));
    for (const portable of snapshot.tables[table] ?? []) {
      const row = table === 'checklistRuns' ? localRun(store, portable) : portable;
      const existing = (store.db.select().from(target).where(eq(target.id, String(row['id']))).get() as Row | undefined) ?? byKey.get(spec.key(portable));
      if (!existing) {
        store.db.insert(target).values(row as never).run();
        counts.inserted++;
        audit.push({ entity: auditEntity(table), entityId: String(row['id']), action: 'create', after: { source: 'team', ...row } });
        continue;
      }
      const before = earlier.get(String(row['id']));
      const mine = table === 'checklistRuns' ? portableRun(store, existing as Record<string, Json>) : existing;
      if (options.unchangedSince && before && !sameFields(mine, before)) {
        counts.kept++;
        continue;
      }
      const changed = Object.keys(row).filter((f) => f !== 'id' && !sameValue(existing[f], row[f]));
      if (changed.length === 0) continue;
      const set = Object.fromEntries(changed.map((f) => [f, row[f]]));
      store.db.update(target).set(set as never).where(eq(target.id, String(existing['id']))).run();
      counts.updated++;
      audit.push({
        entity: auditEntity(table),
        entityId: String(existing['id']),
        action: 'update',
        before: Object.fromEntries(changed.map((f) => [f, existing[f] ?? null])),
        after: { source: 'team', ...set },
      });
    }
  }
  if (audit.length > 0) appendAudit(store.sqlite, actor, audit);
  return counts;
}

function readSnapshotTable(store: Store, table: SnapshotTable, caseId: string): Row[] {
  const exists = store.db.select({ id: schema.cases.id }).from(schema.cases).where(eq(schema.cases.id, caseId)).get();
  if (!exists) return [];
  return store.db.select().from(drizzleTables[table]).where(and(scopeOf(store, table, caseId))).all() as Row[];
}

const sameFields = (a: Row, b: Row) => Object.keys(b).every((f) => tableVolatile.has(f) || sameValue(a[f], b[f]));
const tableVolatile = new Set(['updatedAt', 'revision']);
