import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import { AppError } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, fieldChanges, type Actor, type AuditChange, type UserActor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { cases } from '../db/schema';
import { requireActor, type HandlerContext } from '../kernel/context';

/*
 * How a case's records are read and changed, written once for every domain: a list row is read only while live
 * (not tombstoned, of its own case or operator), saved by inserting it or changing only the fields that differ,
 * and removed by tombstone so a later merge can tell "removed" from "never seen"; a row kept once per case (an
 * assessment, a plan's meta) is created on its first save. Each write appends its audit rows: one for a creation,
 * one per changed field, nothing when nothing changed. The domains keep what is their own: checks and answers.
 */

type Table = SQLiteTable & { id: SQLiteColumn };
type Tombstoned = Table & { removedAt: SQLiteColumn };
type Live = { id: string; removedAt: string | null };
type Edited = { id: string; updatedAt: string };
/** What a list's rows all have: an id, when they were last changed, and their tombstone. */
export type ListRow = Live & Edited;

/** A list of records removed by tombstone, and the words that refuse an id naming none of them. */
export type RowList<Row> = {
  readonly table: Tombstoned;
  /** The audit log's name for the rows. */
  readonly entity: string;
  /** The field a row belongs to its owner (case or operator) by. */
  readonly owner: keyof Row & string;
  /** The not-found message, and (when looked up within its owner) the message of the issue at `id`. */
  readonly missing: string;
  readonly notOwn?: string;
};

/** Describes a list table for the helpers below; `Row` is what drizzle reads from it. */
export const rowList = <T extends Tombstoned>(table: T, spec: Omit<RowList<T['$inferSelect']>, 'table'>): RowList<T['$inferSelect']> => ({
  table,
  ...spec,
});

/**
 * A list of a case's records, looked up within the case: an id naming none of its live rows is refused as
 * "No such <name> in this case", with the issue "not a <short name> of this case" at `id`.
 */
export const caseList = <T extends Tombstoned & { caseId: SQLiteColumn }>(table: T, entity: string, name: string, shortName = name) =>
  rowList(table, {
    entity,
    owner: 'caseId' as keyof T['$inferSelect'] & string,
    missing: `No such ${name} in this case (it may have been removed).`,
    notOwn: `not a ${shortName} of this case`,
  });

export function requireCase(store: Store, caseId: string): void {
  const row = store.db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new AppError('not_found', 'No validation case with this id.');
}

/** A change by the device's current user (refused before anything is read without one), in one transaction. */
export function edit<T>(ctx: HandlerContext, work: (actor: UserActor) => T): T {
  const actor = requireActor(ctx);
  return ctx.store.db.transaction(() => work(actor));
}

/** A change to a case (see `edit`) that exists. */
export function editCase<T>(ctx: HandlerContext, caseId: string, work: (actor: UserActor) => T): T {
  return edit(ctx, (actor) => {
    requireCase(ctx.store, caseId);
    return work(actor);
  });
}

/** An edit made on a copy that has changed since it was opened is refused: the user reloads and edits again. */
export function refuseStale(what: string, before: { updatedAt: string }, expectedUpdatedAt: string | undefined): void {
  if (expectedUpdatedAt && expectedUpdatedAt !== before.updatedAt) {
    throw new AppError('conflict', `${what} was changed since you opened it. Reload and apply your edit again.`);
  }
}

export const withoutTombstone = <Row extends Live>({ removedAt: _removed, ...row }: Row): Omit<Row, 'removedAt'> => row;

/** The live rows `where` selects, in `order`. */
export function liveRows<T extends Tombstoned>(store: Store, table: T, where: SQL, order: (SQL | SQLiteColumn)[]): T['$inferSelect'][] {
  const base: Tombstoned = table;
  return store.db.select().from(base).where(and(where, isNull(base.removedAt))).orderBy(...order).all() as T['$inferSelect'][];
}

/** The row of this id if it is live (and, with `ownerId`, its owner's); else nothing. */
export function findLiveRow<Row extends Live>(store: Store, list: RowList<Row>, id: string, ownerId?: string): Row | undefined {
  const row = store.db.select().from(list.table).where(eq(list.table.id, id)).get() as Row | undefined;
  if (!row || row.removedAt !== null || (ownerId !== undefined && row[list.owner] !== ownerId)) return undefined;
  return row;
}

/** The row of this id if it is live (and, with `ownerId`, its owner's); else `not_found` in the list's words. */
export function liveRow<Row extends Live>(store: Store, list: RowList<Row>, id: string, ownerId?: string): Row {
  const row = findLiveRow(store, list, id, ownerId);
  if (!row) throw new AppError('not_found', list.missing, list.notOwn ? [{ path: 'id', message: list.notOwn }] : undefined);
  return row;
}

/** Writes `set` to the row of this id (no audit: the caller records what it means). */
export function setRow(store: Store, table: Table, id: string, set: Record<string, unknown>): void {
  store.db
    .update(table)
    .set(set as SQLiteUpdateSetSource<Table>)
    .where(eq(table.id, id))
    .run();
}

/** The columns of a new list row besides its frame (id, owner, times, tombstone). */
type OwnColumns<Row extends ListRow> = Omit<Row, 'id' | 'createdAt' | 'updatedAt' | 'removedAt'>;

/**
 * Inserts a new live row for the owner: a fresh id, made and changed now. Answers the row and its creation's
 * audit row (by default the row without its tombstone), for the caller to append with any of its own.
 */
export function insertListRow<Row extends ListRow>(
  store: Store,
  list: RowList<Row>,
  ownerId: string,
  fields: Partial<OwnColumns<Row>>,
  audited: (row: Row) => unknown = withoutTombstone,
): { row: Row; change: AuditChange } {
  const now = nowUtc();
  const row = { id: newId(), [list.owner]: ownerId, ...fields, createdAt: now, updatedAt: now, removedAt: null } as unknown as Row;
  store.db.insert(list.table).values(row as Tombstoned['$inferInsert']).run();
  return { row, change: { entity: list.entity, entityId: row.id, action: 'create', after: audited(row) } };
}

type SaveOptions<Row> = {
  /** Runs once an existing row is found live, before anything is written. */
  check?: () => void;
  /** Columns only a new row gets (who recorded it, its position…). */
  extra?: () => Partial<Row>;
  /** What the audit log records of a new row; by default the row without its tombstone. */
  audited?: (row: Row) => unknown;
};

/**
 * Save = insert when `id` is absent, else update the owner's live row of that id. One audit row for a creation,
 * one per changed field for an update; an update that changes nothing writes nothing. Answers the row as saved.
 */
export function saveListRow<Row extends ListRow>(
  store: Store,
  actor: Actor,
  list: RowList<Row>,
  target: { ownerId: string; id: string | undefined },
  fields: Partial<Row>,
  options: SaveOptions<Row> = {},
): Row {
  const before = target.id === undefined ? undefined : liveRow(store, list, target.id, target.ownerId);
  options.check?.();
  if (before) return updateListRow(store, actor, list, before, fields);
  const { row, change } = insertListRow(store, list, target.ownerId, { ...fields, ...options.extra?.() }, options.audited);
  appendAudit(store.sqlite, actor, [change]);
  return row;
}

/**
 * Writes the fields of a live row that differ, one audit row per field, with `alsoChanged` (its links…) audited
 * after them: the row's time moves when anything changed, links alone too, since the record as shown has changed.
 * Answers the row as saved.
 */
export function updateListRow<Row extends ListRow>(
  store: Store,
  actor: Actor,
  list: RowList<Row>,
  before: Row,
  fields: Partial<Row>,
  alsoChanged: readonly AuditChange[] = [],
): Row {
  const changes = [...fieldChanges(list.entity, before.id, before, fields), ...alsoChanged];
  if (changes.length === 0) return before;
  const now = nowUtc();
  setRow(store, list.table, before.id, { ...fields, updatedAt: now });
  appendAudit(store.sqlite, actor, changes);
  return { ...before, ...fields, updatedAt: now };
}

/** Removal is a tombstone (`removedAt`), audited as a delete; the row stays for the audit trail and merges. */
export function tombstoneRow<Row extends Live>(store: Store, actor: Actor, list: RowList<Row>, row: Row): void {
  const now = nowUtc();
  setRow(store, list.table, row.id, { removedAt: now, updatedAt: now });
  appendAudit(store.sqlite, actor, [{ entity: list.entity, entityId: row.id, action: 'delete', field: 'removedAt', before: null, after: now }]);
}

/** A table holding one row per case (or per visit, per interview…), and the audit log's name for its rows. */
export type OneRow<T extends Table> = { readonly table: T; readonly entity: string };

export const oneRow = <T extends Table>(table: T, entity: string): OneRow<T> => ({ table, entity });

/**
 * The one row `where` finds, made by `create` on the first save, else changed where `fields` differ. Answers the
 * row as saved and its audit rows (a creation, or one per changed field) for the caller to append with its own.
 */
export function upsertRow<T extends Table>(
  store: Store,
  one: OneRow<T>,
  where: SQL,
  fields: Partial<T['$inferSelect']>,
  create: (now: string) => T['$inferSelect'],
  now = nowUtc(),
): { row: T['$inferSelect']; changes: AuditChange[] } {
  const table: Table = one.table;
  const before = store.db.select().from(table).where(where).get() as (T['$inferSelect'] & Edited) | undefined;
  if (!before) {
    const row = create(now);
    store.db.insert(table).values(row as Table['$inferInsert']).run();
    return { row, changes: [{ entity: one.entity, entityId: (row as Edited).id, action: 'create', after: row }] };
  }
  const changes = fieldChanges(one.entity, before.id, before, fields);
  if (changes.length === 0) return { row: before, changes };
  setRow(store, table, before.id, { ...fields, updatedAt: now });
  return { row: { ...before, ...fields, updatedAt: now }, changes };
}
