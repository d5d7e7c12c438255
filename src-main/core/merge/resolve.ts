import { deletedRow, type Conflict, type MergeResult } from './merge';
import { compareText, tableSpecs, type Json, type Row, type Snapshot, type SnapshotTable } from './snapshot';

/*
 * The lead's decisions on hard conflicts, applied to a merge result. A resolution takes one side's value, or a new
 * value (which is how "combine" is recorded too), always with a reason; a deletion against an edit is settled by
 * taking the deleting or an editing side. Whatever no resolution covers stays open, and an open hard conflict
 * blocks the merged seal. Pure and deterministic, so a verifier recomputes exactly what the lead sealed.
 */

export type ResolutionChoice = { side: string } | { value: Json };

export type Resolution = {
  conflictId: string;
  choice: ResolutionChoice;
  reason: string;
  /** Who decided and when, for the record (not part of the decision). */
  resolvedBy?: string;
  resolvedAt?: string;
};

export class ResolutionError extends Error {
  constructor(
    readonly code: 'resolution_unknown' | 'resolution_invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ResolutionError';
  }
}

export type Resolved = MergeResult & { open: Conflict[]; resolutions: Resolution[] };

/** Conflicts a lead must decide: the hard ones and deletions against edits. */
export const needsDecision = (c: Conflict) => c.kind !== 'soft';

export function applyResolutions(result: MergeResult, resolutions: readonly Resolution[]): Resolved {
  const byId = new Map(result.conflicts.map((c) => [c.id, c]));
  const decided = new Map<string, Resolution>();
  for (const r of resolutions) {
    const conflict = byId.get(r.conflictId);
    if (!conflict || !needsDecision(conflict)) throw new ResolutionError('resolution_unknown', `no open conflict ${r.conflictId} in this merge`);
    if (decided.has(r.conflictId)) throw new ResolutionError('resolution_invalid', `conflict ${r.conflictId} is resolved twice`);
    if (r.reason.trim() === '') throw new ResolutionError('resolution_invalid', `the resolution of ${r.conflictId} gives no reason`);
    decided.set(r.conflictId, r);
  }
  const tables: { [T in SnapshotTable]?: Row[] } = {};
  for (const [table, rows] of Object.entries(result.snapshot.tables) as [SnapshotTable, readonly Row[]][]) tables[table] = [...rows];
  // Field decisions first, deletions after: a deleted row needs no field fixed, and the order is then fixed too.
  const ordered = [...decided.values()].sort(
    (a, b) => Number(byId.get(a.conflictId)?.kind === 'delete_edit') - Number(byId.get(b.conflictId)?.kind === 'delete_edit') || compareText(a.conflictId, b.conflictId),
  );
  for (const r of ordered) apply(tables, byId.get(r.conflictId) as Conflict, r);
  const snapshot: Snapshot = { caseId: result.snapshot.caseId, tables };
  return {
    snapshot,
    conflicts: result.conflicts,
    provenance: result.provenance,
    open: result.conflicts.filter((c) => needsDecision(c) && !decided.has(c.id)),
    resolutions: ordered,
  };
}

function apply(tables: { [T in SnapshotTable]?: Row[] }, conflict: Conflict, r: Resolution): void {
  const spec = tableSpecs[conflict.table];
  const rows = tables[conflict.table] ?? [];
  const index = rows.findIndex((row) => spec.key(row) === conflict.key);
  const chosen = 'side' in r.choice ? conflict.sides.find((s) => s.side === (r.choice as { side: string }).side) : undefined;
  if ('side' in r.choice && !chosen) throw new ResolutionError('resolution_invalid', `${r.conflictId}: side ${r.choice.side.slice(0, 16)} is not part of this conflict`);
  if (index < 0) return; // the entity went away through another decision
  const row = rows[index] as Row;
  if (conflict.kind === 'hard') {
    const value = chosen ? chosen.value : (r.choice as { value: Json }).value;
    rows[index] = { ...row, [conflict.field as string]: value };
    return;
  }
  if (!chosen) throw new ResolutionError('resolution_invalid', `${r.conflictId}: a deletion against an edit is settled by taking a side`);
  if (!chosen.deleted) return; // the edits stand, as merged
  const kept = deletedRow(spec, row, [{ row: spec.tombstone ? { [spec.tombstone]: chosen.value } : null }]);
  if (kept) rows[index] = kept;
  else rows.splice(index, 1);
}
