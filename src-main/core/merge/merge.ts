import {
  canonical,
  compareText,
  linkTables,
  rowsOf,
  sameValue,
  snapshotTables,
  tableSpecs,
  type Json,
  type Row,
  type Snapshot,
  type SnapshotTable,
  type TableSpec,
} from './snapshot';
import { CodedError } from '../coded-error';

/*
 * The three-way merge of field reports against the handout they started from, entity by entity and field by field:
 *   - an entity only one side created is added; one only one side changed takes that change;
 *   - the same field changed by two sides to different values is a hard conflict (the base value stays until the
 *     lead resolves it); different fields of one entity changed by different sides merge, and are listed as a soft
 *     conflict so the lead sees them; a deletion against an edit is a conflict too (the edit stays until resolved);
 *   - where sides agree, every one of them is kept as provenance.
 * Deterministic: sides are taken in the order of their ids, tables in a fixed order, entities by key, so any input
 * order gives the same snapshot, conflicts and provenance. A side given twice counts once.
 */

export type MergeSide = { id: string; snapshot: Snapshot };

export type ConflictKind = 'hard' | 'soft' | 'delete_edit';

export type Conflict = {
  /** `table/key/field` (hard), `table/key/#deleted` (deletion against edit), `table/key` (soft). */
  id: string;
  kind: ConflictKind;
  table: SnapshotTable;
  key: string;
  field: string | null;
  /** The base value of the field (hard), or null. */
  base: Json;
  /**
   * Hard: each side's value. Deletion against edit: `deleted` true for the deleting sides (value: the removal time
   * of a tombstone). Soft: the fields each side changed.
   */
  sides: { side: string; value: Json; deleted: boolean; fields: string[] }[];
};

export type Provenance = {
  table: SnapshotTable;
  key: string;
  /** Every side whose change to this entity made it into the result (all of them where they agree). */
  sides: string[];
  /** Per changed field, the sides that set the merged value. */
  fields: { [field: string]: string[] };
  deleted: boolean;
};

export type MergeResult = { snapshot: Snapshot; conflicts: Conflict[]; provenance: Provenance[] };

export class MergeError extends CodedError<'merge_other_case' | 'merge_duplicate_side'> {
  override readonly name = 'MergeError';
}

type Versions = { base: Row | null; sides: { side: string; row: Row | null }[] };

export function mergeSnapshots(base: Snapshot, inputs: readonly MergeSide[]): MergeResult {
  const sides = distinctSides(base, inputs);
  const ids = reconcileIds(base, sides);
  const rewritten = sides.map((s) => ({ id: s.id, snapshot: rewriteLinks(s.snapshot, ids.get(s.id) ?? new Map()) }));
  const tables: { [T in SnapshotTable]?: Row[] } = {};
  const conflicts: Conflict[] = [];
  const provenance: Provenance[] = [];
  for (const table of snapshotTables) {
    const spec = tableSpecs[table];
    const versions = collect(spec, base, rewritten, table);
    const out: Row[] = [];
    for (const key of [...versions.keys()].sort(compareText)) {
      const merged = mergeEntity(table, spec, key, versions.get(key) as Versions);
      conflicts.push(...merged.conflicts);
      if (merged.provenance) provenance.push(merged.provenance);
      if (merged.row) out.push(merged.row);
    }
    if (out.length > 0 || base.tables[table] !== undefined) tables[table] = out;
  }
  conflicts.sort((a, b) => compareText(a.id, b.id));
  return { snapshot: { caseId: base.caseId, tables }, conflicts, provenance };
}

function distinctSides(base: Snapshot, inputs: readonly MergeSide[]): MergeSide[] {
  const byId = new Map<string, MergeSide>();
  for (const input of inputs) {
    if (input.snapshot.caseId !== base.caseId) {
      throw new MergeError('merge_other_case', `side ${input.id.slice(0, 16)} is a report of case ${input.snapshot.caseId}, not ${base.caseId}`);
    }
    const known = byId.get(input.id);
    if (known && canonical(known.snapshot as unknown as Json) !== canonical(input.snapshot as unknown as Json)) {
      throw new MergeError('merge_duplicate_side', `side ${input.id.slice(0, 16)} is given twice with different content`);
    }
    byId.set(input.id, input);
  }
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}

/** For tables keyed by what a row means, each side's ids → the one id the merged row keeps. */
function reconcileIds(base: Snapshot, sides: readonly MergeSide[]): Map<string, Map<string, string>> {
  const canonicalId = new Map<string, string>();
  for (const table of snapshotTables) {
    const spec = tableSpecs[table];
    if (!spec.naturalKey) continue;
    const candidates = new Map<string, string[]>();
    for (const row of rowsOf(base, table)) canonicalId.set(`${table}\u0000${spec.key(row)}`, String(row['id']));
    for (const side of sides) {
      for (const row of rowsOf(side.snapshot, table)) {
        const k = `${table}\u0000${spec.key(row)}`;
        candidates.set(k, [...(candidates.get(k) ?? []), String(row['id'])]);
      }
    }
    for (const [k, list] of candidates) if (!canonicalId.has(k)) canonicalId.set(k, [...list].sort(compareText)[0] as string);
  }
  const perSide = new Map<string, Map<string, string>>();
  for (const side of sides) {
    const map = new Map<string, string>();
    for (const table of snapshotTables) {
      const spec = tableSpecs[table];
      if (!spec.naturalKey) continue;
      for (const row of rowsOf(side.snapshot, table)) {
        const id = String(row['id']);
        const target = canonicalId.get(`${table}\u0000${spec.key(row)}`) as string;
        if (target !== id) map.set(id, target);
      }
    }
    perSide.set(side.id, map);
  }
  return perSide;
}

function rewriteLinks(snapshot: Snapshot, ids: Map<string, string>): Snapshot {
  if (ids.size === 0) return snapshot;
  const tables = { ...snapshot.tables };
  for (const table of linkTables) {
    const rows = snapshot.tables[table];
    if (!rows) continue;
    tables[table] = rows.map((row) => {
      const target = ids.get(String(row['targetId']));
      return target === undefined ? row : { ...row, targetId: target };
    });
  }
  return { caseId: snapshot.caseId, tables };
}

function collect(spec: TableSpec, base: Snapshot, sides: readonly MergeSide[], table: SnapshotTable): Map<string, Versions> {
  const versions = new Map<string, Versions>();
  const entry = (key: string): Versions => {
    let v = versions.get(key);
    if (!v) {
      v = { base: null, sides: sides.map((s) => ({ side: s.id, row: null })) };
      versions.set(key, v);
    }
    return v;
  };
  for (const row of rowsOf(base, table)) entry(spec.key(row)).base = row;
  sides.forEach((side, i) => {
    for (const row of rowsOf(side.snapshot, table)) (entry(spec.key(row)).sides[i] as { row: Row | null }).row = row;
  });
  return versions;
}

type EntityResult = { row: Row | null; conflicts: Conflict[]; provenance: Provenance | null };

function mergeEntity(table: SnapshotTable, spec: TableSpec, key: string, v: Versions): EntityResult {
  const volatile = new Set(spec.volatile);
  const base = v.base;
  const deleters: { side: string; row: Row | null }[] = [];
  const editors: { side: string; row: Row; fields: string[] }[] = [];
  for (const { side, row } of v.sides) {
    if (row === null) {
      if (base !== null) deleters.push({ side, row: null });
      continue;
    }
    if (spec.tombstone && base !== null && base[spec.tombstone] === null && row[spec.tombstone] !== null) {
      deleters.push({ side, row });
      continue;
    }
    const fields = Object.keys(row).filter((f) => !volatile.has(f) && (base === null || !sameValue(base[f], row[f])));
    if (fields.length > 0 || base === null) editors.push({ side, row, fields });
  }
  if (deleters.length === 0 && editors.length === 0) return { row: base, conflicts: [], provenance: null };

  const conflicts: Conflict[] = [];
  const ref = `${table}/${key}`;
  let row: Row | null = base;
  const fieldSides: { [field: string]: string[] } = {};
  if (editors.length > 0) {
    const merged: Record<string, Json> = { ...(base ?? {}) };
    const fields = [...new Set(editors.flatMap((e) => e.fields))].sort(compareText);
    for (const field of fields) {
      const setters = editors.filter((e) => e.fields.includes(field));
      const values = new Map<string, string[]>();
      for (const e of setters) values.set(canonical(e.row[field]), [...(values.get(canonical(e.row[field])) ?? []), e.side]);
      if (values.size === 1) {
        merged[field] = (setters[0] as { row: Row }).row[field] as Json;
        fieldSides[field] = setters.map((e) => e.side);
      } else {
        // Until the lead resolves it, a created entity shows its first side's value; a changed one keeps its base.
        merged[field] = base === null ? ((setters[0] as { row: Row }).row[field] as Json) : (base[field] ?? null);
        conflicts.push({
          id: `${ref}/${field}`,
          kind: 'hard',
          table,
          key,
          field,
          base: base === null ? null : (base[field] ?? null),
          sides: setters.map((e) => ({ side: e.side, value: e.row[field] ?? null, deleted: false, fields: [field] })),
        });
      }
    }
    Object.assign(merged, volatileFields(spec, base, editors));
    row = merged;
    const changers = editors.filter((e) => e.fields.length > 0);
    if (changers.length > 1 && fields.some((f) => changers.some((e) => !e.fields.includes(f)))) {
      conflicts.push({
        id: ref,
        kind: 'soft',
        table,
        key,
        field: null,
        base: null,
        sides: changers.map((e) => ({ side: e.side, value: null, deleted: false, fields: e.fields })),
      });
    }
  }
  if (deleters.length > 0 && editors.length > 0) {
    conflicts.push({
      id: `${ref}/#deleted`,
      kind: 'delete_edit',
      table,
      key,
      field: null,
      base: null,
      sides: [
        ...deleters.map((d) => ({ side: d.side, value: spec.tombstone ? (d.row?.[spec.tombstone] ?? null) : null, deleted: true, fields: [] })),
        ...editors.map((e) => ({ side: e.side, value: null, deleted: false, fields: e.fields })),
      ].sort((a, b) => compareText(a.side, b.side)),
    });
  }
  const deleted = deleters.length > 0 && editors.length === 0;
  if (deleted) row = deletedRow(spec, base as Row, deleters);
  const sides = [...new Set([...deleters.map((d) => d.side), ...editors.map((e) => e.side)])].sort(compareText);
  return { row, conflicts, provenance: { table, key, sides, fields: fieldSides, deleted } };
}

/** Bookkeeping taken from the latest change (ties: the smallest side id); ids from the base, else the smallest. */
function volatileFields(spec: TableSpec, base: Row | null, editors: { side: string; row: Row }[]): Record<string, Json> {
  const latest = [...editors].sort((a, b) => compareText(String(b.row[spec.stamp] ?? ''), String(a.row[spec.stamp] ?? '')) || compareText(a.side, b.side))[0] as { row: Row };
  const out: Record<string, Json> = {};
  for (const field of spec.volatile) {
    if (field === 'id') continue;
    if (field in latest.row) out[field] = latest.row[field] as Json;
    else if (base && field in base) out[field] = base[field] as Json;
  }
  if (spec.naturalKey) out['id'] = base ? (base['id'] as Json) : ([...editors.map((e) => String(e.row['id']))].sort(compareText)[0] as string);
  if ('revision' in (base ?? latest.row)) out['revision'] = Math.max(...editors.map((e) => Number(e.row['revision'] ?? 0)), Number(base?.['revision'] ?? 0));
  return out;
}

/**
 * A tombstone keeps the row as the deleting side left it (the earliest removal among several); a hard deletion
 * drops it.
 */
export function deletedRow(spec: TableSpec, base: Row, deleters: { row: Row | null }[]): Row | null {
  if (!spec.tombstone) return null;
  const tomb = spec.tombstone;
  const first = deleters
    .map((d) => d.row)
    .filter((r): r is Row => typeof r?.[tomb] === 'string')
    .sort((a, b) => compareText(String(a[tomb]), String(b[tomb])))[0];
  if (!first) return null;
  // The deleting side's own version of the row: what it removed is what it last saw and wrote.
  return { ...base, ...first };
}
