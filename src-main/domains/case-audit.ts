import type Database from 'better-sqlite3';
import type { AuditEntry, CaseAuditPage } from '../contract/audit';
import type { Store } from '../db/open';
import { requireCase } from './case-rows';

/*
 * The audit trail of one case. The audit log names a record by its kind and id only, so the case's records are
 * gathered first: rows of every table with a `case_id` column, then rows that belong to those through a run, a risk
 * or a finding (answers, links, sign-offs…), and the stored files of the case's evidence. The tables are read from
 * the schema at run time, so a table added later with one of those columns is covered without touching this query.
 */

type Column = { name: string; pk: number };

/** Columns through which a row belongs to a case, and the kinds of parent they point at. */
const PARENTS = { case_id: null, run_id: 'checklist_runs', risk_id: 'risks', finding_id: 'findings' } as const;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A SELECT of every record id of the case (as `id`), built from the schema as it is now. */
function caseRecordIds(sqlite: Database.Database): string {
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`)
    .pluck()
    .all() as string[];
  const parts = ['SELECT @caseId AS id'];
  for (const table of tables) {
    if (table === 'audit_log') continue;
    const columns = sqlite.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as Column[];
    const key = columns.find((c) => c.pk === 1)?.name;
    if (!key) continue;
    const names = new Set(columns.map((c) => c.name));
    for (const [column, parent] of Object.entries(PARENTS)) {
      if (!names.has(column)) continue;
      parts.push(
        parent === null
          ? `SELECT ${quote(key)} FROM ${quote(table)} WHERE case_id = @caseId`
          : `SELECT ${quote(key)} FROM ${quote(table)} WHERE ${quote(column)} IN (SELECT id FROM ${quote(parent)} WHERE case_id = @caseId)`,
      );
    }
  }
  // The stored files are recorded by their hash (`blob` rows): those of the case's evidence.
  parts.push('SELECT sha256 FROM evidence WHERE case_id = @caseId');
  return parts.join('\nUNION ');
}

export type CaseAuditFilter = {
  caseId: string;
  entities?: string[] | undefined;
  actorId?: string | null | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
};

/** The log's columns under the contract's names, so rows come out as entries. */
const ENTRY_COLUMNS =
  'seq, id, at, actor_id AS actorId, actor_name AS actorName, entity, entity_id AS entityId, action, field, before, after, prev_hash AS prevHash, hash';

/** One page of the case's changes, newest first, with the total and what the filters can offer. */
export function caseAudit(store: Store, filter: CaseAuditFilter): CaseAuditPage {
  requireCase(store, filter.caseId);
  const sqlite = store.sqlite;
  const scope = `WITH ids(id) AS (${caseRecordIds(sqlite)}) SELECT {what} FROM audit_log WHERE entity_id IN (SELECT id FROM ids)`;
  const where: string[] = [];
  const params: Record<string, unknown> = { caseId: filter.caseId };
  if (filter.entities && filter.entities.length > 0) {
    where.push(`entity IN (${filter.entities.map((_, i) => `@entity${i}`).join(', ')})`);
    filter.entities.forEach((entity, i) => (params[`entity${i}`] = entity));
  }
  if (filter.actorId !== undefined) {
    where.push(filter.actorId === null ? 'actor_id IS NULL' : 'actor_id = @actorId');
    if (filter.actorId !== null) params.actorId = filter.actorId;
  }
  // Timestamps are ISO 8601 UTC text: a day's range compares as text.
  if (filter.from) {
    where.push('at >= @from');
    params.from = `${filter.from}T00:00:00.000Z`;
  }
  if (filter.to) {
    where.push('at <= @to');
    params.to = `${filter.to}T23:59:59.999Z`;
  }
  const filtered = `${scope}${where.map((w) => ` AND ${w}`).join('')}`;
  const total = sqlite.prepare(filtered.replace('{what}', 'count(*)')).pluck().get(params) as number;
  const entries = sqlite
    .prepare(`${filtered.replace('{what}', ENTRY_COLUMNS)} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: filter.limit, offset: filter.offset }) as AuditEntry[];
  const all = { caseId: filter.caseId };
  const kinds = sqlite.prepare(`${scope.replace('{what}', 'DISTINCT entity')} ORDER BY entity`).pluck().all(all) as string[];
  const actors = sqlite
    .prepare(`${scope.replace('{what}', 'DISTINCT actor_id AS id, actor_name AS name')} ORDER BY actor_name`)
    .all(all) as { id: string | null; name: string }[];
  return { total, offset: filter.offset, entries, kinds, actors };
}
