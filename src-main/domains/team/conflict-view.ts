import type { MergeOutcome, TeamConflict } from '../../contract/team';
import { canonical, rowsOf, tableSpecs, type Conflict, type Json, type Resolved, type Row, type Snapshot, type SnapshotTable } from '../../core/merge';
import type { Subject } from '../../contract/team-report';
import type { KeptResolution } from './resolutions';

/*
 * The merge as the lead's conflict queue shows it: each conflict with every side's value, the note it wrote, the
 * photos and documents it attached to that entity, who and when; each decision with its reason, who and when. Read
 * from the sides' own snapshots (what each validator sealed), not from the merged rows.
 */

export type SideInfo = { side: string; name: string; bundleId: string; snapshot: Snapshot };

export function describeConflicts(resolved: Resolved, sides: readonly SideInfo[], kept: readonly KeptResolution[], subjectOf: (table: SnapshotTable, key: string) => Subject): TeamConflict[] {
  const nameOf = (side: string) => sides.find((s) => s.side === side)?.name ?? side.slice(0, 12);
  return resolved.conflicts.map((c) => {
    const r = resolved.resolutions.find((x) => x.conflictId === c.id);
    const keptOne = kept.find((k) => k.conflictId === c.id);
    // A decision given with the request (the command line's file) is not a kept one: no who or when yet.
    const fromStore = r && keptOne && keptOne.reason === r.reason ? keptOne : null;
    return {
      id: c.id,
      kind: c.kind,
      table: c.table,
      key: c.key,
      subject: subjectOf(c.table, c.key),
      field: c.field,
      baseJson: canonical(c.base),
      sides: c.sides.map((s) => {
        const info = sides.find((x) => x.side === s.side);
        const row = info ? rowOf(info.snapshot, c) : null;
        return {
          side: s.side,
          name: nameOf(s.side),
          valueJson: canonical(s.value),
          deleted: s.deleted,
          fields: s.fields,
          at: row ? stampOf(c, row) : null,
          note: row && typeof row['note'] === 'string' && row['note'] !== '' ? row['note'] : null,
          evidence: info ? evidenceOf(info.snapshot, c, row) : [],
        };
      }),
      resolution: r
        ? {
            choice: r.kind ?? fromStore?.choice ?? ('side' in r.choice ? 'side' : 'value'),
            side: 'side' in r.choice ? r.choice.side : null,
            valueJson: 'side' in r.choice ? null : canonical(r.choice.value),
            reason: r.reason,
            byName: fromStore?.byName ?? null,
            at: fromStore?.at ?? null,
          }
        : null,
    };
  });
}

/** Counts for the merge summary: entities changed, changed alike by two or more, and conflicts by kind. */
export function summaryOf(resolved: Resolved): MergeOutcome['summary'] {
  return {
    changed: resolved.provenance.length,
    agreed: resolved.provenance.filter((p) => Object.values(p.fields).some((who) => who.length > 1)).length,
    hard: resolved.conflicts.filter((c) => c.kind === 'hard').length,
    soft: resolved.conflicts.filter((c) => c.kind === 'soft').length,
    deletions: resolved.conflicts.filter((c) => c.kind === 'delete_edit').length,
  };
}

function rowOf(snapshot: Snapshot, c: Conflict): Row | null {
  const spec = tableSpecs[c.table];
  return rowsOf(snapshot, c.table).find((row) => spec.key(row) === c.key) ?? null;
}

function stampOf(c: Conflict, row: Row): string | null {
  const value = row[tableSpecs[c.table].stamp] ?? row['updatedAt'] ?? row['createdAt'];
  return typeof value === 'string' ? value : null;
}

/** The files the side attached to the entity: to an answer's item, or linked to a risk or finding; the evidence itself. */
function evidenceOf(snapshot: Snapshot, c: Conflict, row: Row | null): TeamConflict['sides'][number]['evidence'] {
  const live = rowsOf(snapshot, 'evidence').filter((e) => e['removedAt'] === null || e['removedAt'] === undefined);
  let picked: Row[] = [];
  if (c.table === 'answers' && row) picked = live.filter((e) => e['runId'] === row['runId'] && e['itemId'] === row['itemId']);
  else if (c.table === 'evidence' && row) picked = [row];
  else if (c.table === 'risks' || c.table === 'findings') {
    const links = c.table === 'risks' ? rowsOf(snapshot, 'riskLinks').filter((l) => l['riskId'] === c.key) : rowsOf(snapshot, 'findingLinks').filter((l) => l['findingId'] === c.key);
    const ids = new Set(links.filter((l) => l['target'] === 'evidence' && l['removedAt'] === null).map((l) => l['targetId']));
    picked = live.filter((e) => ids.has(e['id'] as Json));
  }
  return picked.map((e) => ({
    sha256: String(e['sha256']),
    name: String(e['originalName'] ?? ''),
    caption: String(e['caption'] ?? ''),
    photo: e['kind'] === 'photo',
  }));
}
