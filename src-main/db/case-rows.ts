import type { BuildColumns } from 'drizzle-orm';
import {
  index,
  sqliteTable,
  type SQLiteColumnBuilderBase,
  type SQLiteTableExtraConfigValue,
} from 'drizzle-orm/sqlite-core';
import { id, ref, tombstoned } from '../core/sql-columns';
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

/** The frame of a row that belongs to one case: its own id and the case's. */
export const caseRowColumns = () => ({ id: id(), caseId: caseRef() });
type CaseColumns<TColumns> = ReturnType<typeof caseRowColumns> & TColumns;

type Columns = Record<string, SQLiteColumnBuilderBase>;
type ExtraIndexes<TName extends string, TColumns extends Columns> = (t: BuildColumns<TName, TColumns, 'sqlite'>) => SQLiteTableExtraConfigValue[];

/**
 * A table of a case's rows: `id`, `case_id`, then the table's own columns, indexed as `<table>_case` (plus any
 * `indexes` of its own) because every screen and every seal reads them by case.
 */
export const caseTable = <TName extends string, TColumns extends Columns>(
  name: TName,
  columns: TColumns,
  indexes: ExtraIndexes<TName, CaseColumns<TColumns>> = () => [],
) =>
  sqliteTable(name, { ...caseRowColumns(), ...columns } as CaseColumns<TColumns>, (t) => [
    index(`${name}_case`).on(t.caseId),
    ...indexes(t),
  ]);

type ListColumns<TColumns> = TColumns & ReturnType<typeof tombstoned>;

/** A list of a case's records: a case table whose rows end with created/updated/removed times. */
export const caseListTable = <TName extends string, TColumns extends Columns>(
  name: TName,
  columns: TColumns,
  indexes: ExtraIndexes<TName, CaseColumns<ListColumns<TColumns>>> = () => [],
) => caseTable(name, { ...columns, ...tombstoned() } as ListColumns<TColumns>, indexes);
