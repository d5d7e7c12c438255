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

/**
 * What goes into a text column is what gets hashed. A string with a lone UTF-16 surrogate has no UTF-8 form:
 * SQLite would store a replacement character while the hash covered the original, and the row would read back as
 * "edited". The contract refuses such strings; this makes the chain hold even for one that slips past it.
 */
const stored = (value: string): string => value.toWellFormed();
const storedOrNull = (value: string | null): string | null => (value === null ? null : stored(value));

const encode = (value: unknown): string | null =>
  value === undefined || value === null ? null : stored(typeof value === 'string' ? value : JSON.stringify(value));

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
      actor_id: storedOrNull(actor.id),
      actor_name: stored(actor.name),
      entity: stored(change.entity),
      entity_id: stored(change.entityId),
      action: change.action,
      field: storedOrNull(change.field ?? null),
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

/** A broken row an administrator acknowledged with a re-anchor row (see audit-reanchor.ts). */
export type Reanchored = { seq: number; id: string; reason: string; reanchorSeq: number };

export type ChainVerification = {
  ok: boolean;
  rows: number;
  headHash: string;
  firstBroken: { seq: number; id: string; reason: string } | null;
  /** Rows that do not hold but were re-anchored: the chain continues from their stored hash. */
  reanchored: Reanchored[];
};

/** How a row that does not hold looks: a re-anchor records exactly this, and only a row that still looks so passes. */
export type BreakFacts = {
  seq: number;
  storedHash: string;
  recomputedHash: string;
  storedPrevHash: string;
  expectedPrevHash: string;
};

export const REANCHOR_ENTITY = 'audit_log';
export const REANCHOR_FIELD = 'reanchor';

type Acknowledgement = { facts: BreakFacts; reanchorSeq: number };

/** Re-anchor rows by the id of the row each acknowledges; their own place in the chain is checked by the walk. */
function acknowledgements(sqlite: Database.Database): Map<string, Acknowledgement> {
  const rows = sqlite
    .prepare('SELECT seq, entity_id, before FROM audit_log WHERE entity = ? AND field = ? ORDER BY seq')
    .all(REANCHOR_ENTITY, REANCHOR_FIELD) as { seq: number; entity_id: string; before: string | null }[];
  const out = new Map<string, Acknowledgement>();
  for (const row of rows) {
    try {
      out.set(row.entity_id, { facts: JSON.parse(row.before ?? 'null') as BreakFacts, reanchorSeq: row.seq });
    } catch {
      // Unreadable facts acknowledge nothing; the row itself is still walked and hashed like any other.
    }
  }
  return out;
}

const sameFacts = (a: BreakFacts, b: BreakFacts) =>
  a.seq === b.seq &&
  a.storedHash === b.storedHash &&
  a.recomputedHash === b.recomputedHash &&
  a.storedPrevHash === b.storedPrevHash &&
  a.expectedPrevHash === b.expectedPrevHash;

const TEXT_COLUMNS = ['id', 'at', 'actor_id', 'actor_name', 'entity', 'entity_id', 'action', 'field', 'before', 'after', 'prev_hash', 'hash'] as const;
// The walk reads the stored bytes, not a driver's lenient decoding of them. Bytes that are not UTF-8 (what SQLite
// kept of a lone surrogate an older app wrote) fail the row; the lenient decoding still gives the hash a re-anchor
// records, so such a row can be acknowledged like any other broken row.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const selectStoredBytes = `SELECT seq, ${TEXT_COLUMNS.map((c) => `CAST(${c} AS BLOB) AS ${c}`).join(', ')} FROM audit_log ORDER BY seq`;

function decodeRow(raw: Record<string, unknown>): { row: ChainedRow; valid: boolean } {
  const row: Record<string, unknown> = { seq: Number(raw.seq) };
  let valid = true;
  for (const column of TEXT_COLUMNS) {
    const bytes = raw[column] as Uint8Array | null;
    if (bytes === null) {
      row[column] = null;
      continue;
    }
    try {
      row[column] = strictUtf8.decode(bytes);
    } catch {
      valid = false;
      row[column] = lenientUtf8.decode(bytes);
    }
  }
  return { row: row as ChainedRow, valid };
}

export type WalkOptions = { stopAtFirst: boolean };
export type Walk = ChainVerification & { unacknowledged: (BreakFacts & { id: string; reason: string })[] };

/**
 * Walks the whole chain in order, streaming rows. A row that does not hold stops the walk unless a re-anchor row
 * acknowledges it as it is now; with `stopAtFirst: false` every break is collected (the re-anchor command needs
 * them all) and the walk continues from the broken row's stored hash.
 */
export function walkAuditChain(sqlite: Database.Database, { stopAtFirst }: WalkOptions): Walk {
  const acks = acknowledgements(sqlite);
  const reanchored: Reanchored[] = [];
  const unacknowledged: Walk['unacknowledged'] = [];
  let firstBroken: ChainVerification['firstBroken'] = null;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  const iterate = sqlite.prepare(selectStoredBytes).iterate() as IterableIterator<Record<string, unknown>>;
  for (const raw of iterate) {
    rows += 1;
    const { row, valid } = decodeRow(raw);
    const seq = row.seq;
    const reason =
      row.prev_hash !== prevHash
        ? 'previous-hash link does not match the row before (a row was removed or reordered)'
        : !valid
          ? 'stored text is not valid UTF-8 (written from an ill-formed string, or edited)'
          : auditRowHash(row) !== row.hash
            ? 'row content does not match its hash (the row was edited)'
            : null;
    if (reason) {
      const facts: BreakFacts = {
        seq,
        storedHash: row.hash,
        recomputedHash: auditRowHash(row),
        storedPrevHash: row.prev_hash,
        expectedPrevHash: prevHash,
      };
      const ack = acks.get(row.id);
      if (ack && ack.reanchorSeq > seq && sameFacts(ack.facts, facts)) {
        reanchored.push({ seq, id: row.id, reason, reanchorSeq: ack.reanchorSeq });
      } else {
        firstBroken ??= { seq, id: row.id, reason };
        unacknowledged.push({ ...facts, id: row.id, reason });
        if (stopAtFirst) {
          iterate.return?.();
          return { ok: false, rows, headHash: prevHash, firstBroken, reanchored, unacknowledged };
        }
      }
    }
    prevHash = row.hash;
  }
  return { ok: firstBroken === null, rows, headHash: prevHash, firstBroken, reanchored, unacknowledged };
}

/** Walks the chain and reports the first row that does not hold (re-anchored rows hold, and are listed). */
export function verifyAuditChain(sqlite: Database.Database): ChainVerification {
  const { unacknowledged: _unacknowledged, ...verification } = walkAuditChain(sqlite, { stopAtFirst: true });
  return verification;
}
