import { index, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { id, ref, stamp } from '../core/sql-columns';

/*
 * Link tables (risk_links, finding_links, criterion_links): what a risk, a finding or a criterion conclusion rests
 * on. Each row points from its owner to one target record, with its own time and tombstone: unlinking tombstones
 * the row, relinking makes a new one. Written once here so the three keep one shape (and the shipped schema).
 */

type Targets = readonly [string, ...string[]];

const linkColumns = <const T extends Targets>(targets: T) => ({
  target: text('target', { enum: targets }).notNull(),
  targetId: text('target_id').notNull(),
  createdAt: stamp('created_at'),
  removedAt: text('removed_at'),
});

type OwnerColumn<TOwner extends string> = { [K in `${TOwner}Id`]: ReturnType<typeof ref<`${TOwner}_id`>> };
type LinkTableColumns<TOwner extends string, T extends Targets> = { id: ReturnType<typeof id> } & OwnerColumn<TOwner> &
  ReturnType<typeof linkColumns<T>>;

/**
 * `<name>`: `id`, `<owner>_id` (a required link to the owner row), `target`, `target_id`, `created_at`,
 * `removed_at`; indexed as `<name>_<owner>` and `<name>_target`, so both sides find their links.
 */
export const linkTable = <TName extends string, TOwner extends string, const T extends Targets>(
  name: TName,
  owner: TOwner,
  ownerId: () => AnySQLiteColumn,
  targets: T,
) => {
  const ownerKey = `${owner}Id` as const;
  const columns = { id: id(), [ownerKey]: ref(`${owner}_id`, ownerId), ...linkColumns(targets) } as LinkTableColumns<TOwner, T>;
  return sqliteTable(name, columns, (t) => {
    const owned = t as unknown as Record<`${TOwner}Id`, AnySQLiteColumn>;
    return [index(`${name}_${owner}`).on(owned[ownerKey]), index(`${name}_target`).on(t.targetId)];
  });
};
