import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { newId, nowUtc } from '../core/ids';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditChange = {
  entity: string;
  entityId: string;
  action: 'create' | 'update' | 'delete';
  field?: string | null;
  before?: unknown;
  after?: unknown;
};
export type Actor = { id: string | null; name: string };

type ChainedRow = {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  entity: string;
  entity_id: string;
  action: string;
  field: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
};

/** The hash covers every column a reader relies on, in a fixed order, plus the previous row's hash. */
export function auditRowHash(row: Omit<ChainedRow, 'seq' | 'hash'>): string {
  const canonical = JSON.stringify([
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.entity,
    row.entity_id,
    row.action,
    row.field,
    row.before,
    row.after,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const encode = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

type AuditStatements = { head: Database.Statement; insert: Database.Statement };
// Every change in the app appends here: prepare the two statements once per connection, not per call.
const preparedByConnection = new WeakMap<Database.Database, AuditStatements>();

function statementsFor(sqlite: Database.Database): AuditStatements {
  let prepared = preparedByConnection.get(sqlite);
  if (!prepared) {
    prepared = {
      head: sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: sqlite.prepare(
        `INSERT INTO audit_log (id, at, actor_id, actor_name, entity, entity_id, action, field, before, after, prev_hash, hash)
         VALUES (@id, @at, @actor_id, @actor_name, @entity, @entity_id, @action, @field, @before, @after, @prev_hash, @hash)`,
      ),
    };
    preparedByConnection.set(sqlite, prepared);
  }
  return prepared;
}

/**
 * Appends rows to the chained audit log. Call inside the same transaction as the change it records, so a change
 * and its audit rows land together or not at all.
 */
export function appendAudit(sqlite: Database.Database, actor: Actor, changes: readonly AuditChange[]): void {
  if (changes.length === 0) return;
  const { head, insert } = statementsFor(sqlite);
  let prevHash = (head.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
  const at = nowUtc();
  for (const change of changes) {
    const row = {
      id: newId(),
      at,
      actor_id: actor.id,
      actor_name: actor.name,
      entity: change.entity,
      entity_id: change.entityId,
      action: change.action,
      field: change.field ?? null,
      before: encode(change.before),
      after: encode(change.after),
      prev_hash: prevHash,
    };
    const hash = auditRowHash(row);
    insert.run({ ...row, hash });
    prevHash = hash;
  }
}

/** One audit row per changed field, comparing values as JSON. */
export function fieldChanges(
  entity: string,
  entityId: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): AuditChange[] {
  return Object.keys(after)
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ entity, entityId, action: 'update', field, before: before[field], after: after[field] }));
}

export type ChainVerification = {
  ok: boolean;
  rows: number;
  headHash: string;
  firstBroken: { seq: number; id: string; reason: string } | null;
};

/** Walks the whole chain in order, streaming rows, and stops at the first row that does not hold. */
export function verifyAuditChain(sqlite: Database.Database): ChainVerification {
  let prevHash = GENESIS_HASH;
  let rows = 0;
  const iterate = sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<ChainedRow>;
  for (const row of iterate) {
    rows += 1;
    const broken = (reason: string): ChainVerification => ({
      ok: false,
      rows,
      headHash: prevHash,
      firstBroken: { seq: row.seq, id: row.id, reason },
    });
    if (row.prev_hash !== prevHash) {
      iterate.return?.();
      return broken('previous-hash link does not match the row before (a row was removed or reordered)');
    }
    if (auditRowHash(row) !== row.hash) {
      iterate.return?.();
      return broken('row content does not match its hash (the row was edited)');
    }
    prevHash = row.hash;
  }
  return { ok: true, rows, headHash: prevHash, firstBroken: null };
}
