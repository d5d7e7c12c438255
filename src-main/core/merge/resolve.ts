import { sha256Hex } from '../canonical-json';
import { CodedError } from '../coded-error';
import { deletedRow, type Conflict, type MergeResult } from './merge';
import { canonical, compareText, tableSpecs, type Json, type Row, type Snapshot, type SnapshotTable } from './snapshot';

/*
 * The lead's decisions on hard conflicts, applied to a merge result. A resolution takes one side's value, or a new
 * value (which is how "combine" is recorded too), always with a reason; a deletion against an edit is settled by
 * taking the deleting or an editing side. Whatever no resolution covers stays open, and an open hard conflict
 * blocks the merged seal. Pure and deterministic, so a verifier recomputes exactly what the lead sealed.
 *
 * Every applied resolution records what it decided in so many words: its kind (a side, a combination, a new value)
 * and the digest of the value it put in place, whichever the kind. A verifier recomputes both from the inputs and
 * the recorded choice, so a record whose value, kind or digest disagree with each other is refused, and a combined
 * value is bound as tightly as a side's (core/bundle/merged-check.ts).
 */

export type ResolutionChoice = { side: string } | { value: Json };

/** How the lead decided: took one side, combined the sides into one value, or wrote a new value. */
export type ResolutionKind = 'side' | 'combined' | 'value';

export type Resolution = {
  conflictId: string;
  choice: ResolutionChoice;
  /** Recorded with every applied resolution; optional on input (then `side` or `value` from the choice). */
  kind?: ResolutionKind;
  /**
   * SHA-256 of the canonical JSON of what the decision put in place: the field's value (hard conflict), or
   * `{deleted, value}` of the side taken (deletion against an edit). Recorded with every applied resolution; when
   * given on input it must be what the choice gives.
   */
  valueSha256?: string;
  reason: string;
  /** Who decided and when, for the record (not part of the decision). */
  resolvedBy?: string;
  resolvedAt?: string;
};

export class ResolutionError extends CodedError<'resolution_unknown' | 'resolution_invalid'> {
  override readonly name = 'ResolutionError';
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
    decided.set(r.conflictId, recorded(conflict, r));
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

/** What a decision puts in place: the field's value, or the deleting or editing side taken. */
function chosenValue(conflict: Conflict, r: Resolution): Json {
  const chosen = 'side' in r.choice ? conflict.sides.find((s) => s.side === (r.choice as { side: string }).side) : undefined;
  if ('side' in r.choice && !chosen) throw new ResolutionError('resolution_invalid', `${r.conflictId}: side ${r.choice.side.slice(0, 16)} is not part of this conflict`);
  if (conflict.kind === 'delete_edit') {
    if (!chosen) throw new ResolutionError('resolution_invalid', `${r.conflictId}: a deletion against an edit is settled by taking a side`);
    return { deleted: chosen.deleted, value: chosen.value };
  }
  return chosen ? chosen.value : (r.choice as { value: Json }).value;
}

/** The digest a resolution records for the value it put in place. */
export const chosenDigest = (value: Json): string => sha256Hex(canonical(value));

/** The resolution as it is recorded: its kind and the digest of its value, checked against any the input gave. */
function recorded(conflict: Conflict, r: Resolution): Resolution {
  const bySide = 'side' in r.choice;
  const kind: ResolutionKind = r.kind ?? (bySide ? 'side' : 'value');
  if ((kind === 'side') !== bySide) throw new ResolutionError('resolution_invalid', `${r.conflictId}: a resolution of kind ${kind} ${bySide ? 'names a side' : 'names no side'}`);
  const valueSha256 = chosenDigest(chosenValue(conflict, r));
  if (r.valueSha256 !== undefined && r.valueSha256 !== valueSha256) {
    throw new ResolutionError('resolution_invalid', `${r.conflictId}: the recorded value digest is not that of the value the resolution gives`);
  }
  return { ...r, kind, valueSha256 };
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
