import { text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/*
 * The column shapes every area's tables share, written once: the app's store (src-main/db) and HQ's (src-hq/db)
 * both build on them, which is why they live in the pure core both may import. Each helper builds exactly the
 * column the tables spelled out by hand before, so the generated schemas (and so every shipped migration) are
 * unchanged: drizzle-kit generate, with either config, must still report no changes after any edit here.
 */

/** The row's UUIDv7, made on the device that created it; merges match rows by it, so it is never reused. */
export const id = () => text('id').primaryKey();

/** A required link to another row. Rows are tombstoned, never deleted, so nothing may delete from under a link. */
export const ref = <N extends string>(name: N, target: () => AnySQLiteColumn) =>
  text(name).notNull().references(target, { onDelete: 'restrict' });

/** An optional link to another row (null: none). */
export const optionalRef = <N extends string>(name: N, target: () => AnySQLiteColumn) =>
  text(name).references(target, { onDelete: 'restrict' });

/** Free text the validator may leave empty: stored as '' rather than null, so edits compare plainly. */
export const freeText = <N extends string>(name: N) => text(name).notNull().default('');

/** A UTC ISO timestamp (or date) every row has. */
export const stamp = <N extends string>(name: N) => text(name).notNull();

/** JSON list of strings (team members, areas, topics…). */
export const stringList = <N extends string>(name: N) => text(name, { mode: 'json' }).$type<string[]>().notNull();

/** When the row was made and last changed. */
export const edited = () => ({ createdAt: stamp('created_at'), updatedAt: stamp('updated_at') });

/** A list row of a case: made, changed, and removed as a tombstone so a merge tells "deleted" from "never seen". */
export const tombstoned = () => ({ ...edited(), removedAt: text('removed_at') });

