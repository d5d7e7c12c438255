import type { BuildColumns } from 'drizzle-orm';
import {
  index,
  sqliteTable,
  type SQLiteColumnBuilderBase,
  type SQLiteTableExtraConfigValue,
} from 'drizzle-orm/sqlite-core';
import { id, ref, tombstoned } from './columns';
import { cases } from './tables/core';

/*
 * Most of a case's records are lists edited on the validator's laptop: sites, visits, interviews, risks, findings…
 * Each row has the same frame (id, case, made/changed/removed times, an index by case); these builders write that
 * frame once so a table names only what is its own. Column order and index names are the ones shipped.
 */

/** The link every case-owned row has. */
export const caseRef = () => ref('case_id', () => cases.id);

/** One row per case, created on its first save and edited in place. */
export const caseSingletonColumns = () => ({ id: id(), caseId: caseRef().unique() });

const listFrame = () => ({ id: id(), caseId: caseRef() });
type ListColumns<TColumns> = ReturnType<typeof listFrame> & TColumns & ReturnType<typeof tombstoned>;

/**
 * A list of a case's records: `id`, `case_id`, the table's own columns, then created/updated/removed times,
 * indexed as `<table>_case` (plus any `indexes` of its own).
 */
export const caseListTable = <TName extends string, TColumns extends Record<string, SQLiteColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
  indexes: (t: BuildColumns<TName, ListColumns<TColumns>, 'sqlite'>) => SQLiteTableExtraConfigValue[] = () => [],
) =>
  sqliteTable(name, { ...listFrame(), ...columns, ...tombstoned() } as ListColumns<TColumns>, (t) => [
    index(`${name}_case`).on(t.caseId),
    ...indexes(t),
  ]);
