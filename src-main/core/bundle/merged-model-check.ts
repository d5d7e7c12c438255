import { z } from 'zod';
import { displayValue } from '../../contract/merge-values';
import { TeamMergeModel } from '../../contract/team-report';
import { canonicalJson, sha256Hex } from '../canonical-json';
import type { Conflict } from '../merge/merge';
import type { Resolution, Resolved } from '../merge/resolve';
import { canonical, rowsOf, tableSpecs, type Json, type Row } from '../merge/snapshot';
import { BundleError } from './errors';

/*
 * The printed side of a merged report: the report version's model (what both PDFs print) must be the one the
 * statement names, and must print every conflict and decision, and every decided value, exactly as the recorded
 * resolutions give them. Without this a merged report could carry a checked snapshot next to a model that prints a
 * combined value the lead never recorded. Read leniently: only the parts compared here are parsed.
 */

const Keyed = z.looseObject({ id: z.string() });
const PrintedModel = z.looseObject({
  teamMerge: TeamMergeModel,
  risks: z.array(Keyed),
  findings: z.array(Keyed),
  controlPlan: z.looseObject({ measures: z.array(Keyed) }),
  checklists: z
    .array(
      z.looseObject({
        runId: z.string(),
        sections: z.array(z.looseObject({ items: z.array(z.looseObject({ itemId: z.string(), value: z.string().nullable(), note: z.string() })) })),
      }),
    )
    .optional(),
});
type PrintedModel = z.infer<typeof PrintedModel>;

const mismatch = (message: string): never => {
  throw new BundleError('merge_mismatch', message);
};

/** Checks the merged report's model against the statement and the re-derived merge; throws `merge_mismatch`. */
export function checkMergedModel(
  model: unknown,
  modelSha256: string | undefined,
  expected: Resolved,
  names: ReadonlyMap<string, string>,
): void {
  if (model === undefined || modelSha256 === undefined || sha256Hex(canonicalJson(model)) !== modelSha256) {
    mismatch('the merged report’s printed model is not the report version its statement names');
  }
  const parsed = PrintedModel.safeParse(model);
  if (!parsed.success) return mismatch('the merged report’s printed model does not print the team merge');
  const printed = parsed.data;
  const conflicts = printed.teamMerge.conflicts;
  if (canonicalJson(conflicts.map((c) => c.id)) !== canonicalJson(expected.conflicts.map((c) => c.id))) {
    mismatch('the printed conflicts are not those of the inputs');
  }
  expected.conflicts.forEach((c, i) => {
    const shown = conflicts[i] as TeamMergeModel['conflicts'][number];
    const decision = expected.resolutions.find((r) => r.conflictId === c.id);
    checkSides(c, shown);
    checkDecision(c, shown, decision, names);
    if (decision && c.kind === 'hard') checkPrintedValue(printed, c, expected);
  });
}

const shownValue = (c: Conflict, value: Json) => displayValue(c.table, c.field, canonical(value));

function checkSides(c: Conflict, shown: TeamMergeModel['conflicts'][number]): void {
  const sides = c.sides.map((s) => [s.deleted, c.kind === 'hard' ? shownValue(c, s.value) : null]);
  if (canonicalJson(shown.sides.map((s) => [s.deleted, s.value])) !== canonicalJson(sides)) mismatch(`the printed sides of ${c.id} are not the inputs’ values`);
}

function checkDecision(c: Conflict, shown: TeamMergeModel['conflicts'][number], decision: Resolution | undefined, names: ReadonlyMap<string, string>): void {
  const printed = shown.resolution;
  if (!decision) {
    if (printed) mismatch(`the report prints a decision on ${c.id} that no resolution records`);
    return;
  }
  const bySide = 'side' in decision.choice;
  const want = {
    choice: decision.kind,
    reason: decision.reason,
    sideName: bySide ? (names.get((decision.choice as { side: string }).side) ?? null) : null,
    value: bySide ? null : shownValue(c, (decision.choice as { value: Json }).value),
  };
  const got = printed ? { choice: printed.choice, reason: printed.reason, sideName: printed.sideName, value: printed.value } : null;
  if (canonicalJson(got) !== canonicalJson(want)) mismatch(`the report prints another decision on ${c.id} than the recorded resolution`);
}

/** The decided field where the report prints it: a checklist answer in its annex, a risk, finding or measure. */
function checkPrintedValue(printed: PrintedModel, c: Conflict, expected: Resolved): void {
  const field = c.field as string;
  const row: Row | undefined = rowsOf(expected.snapshot, c.table).find((r) => tableSpecs[c.table].key(r) === c.key);
  if (!row) return;
  const want = row[field] ?? null;
  if (c.table === 'answers') {
    if (field !== 'value' && field !== 'note') return;
    const [runId, itemId] = c.key.split('/');
    const item = printed.checklists
      ?.find((r) => r.runId === runId)
      ?.sections.flatMap((s) => s.items)
      .find((it) => it.itemId === itemId);
    if (!item) return;
    const ok = field === 'value' ? item.value === shownValue(c, want) : item.note === (want ?? '');
    if (!ok) mismatch(`the report prints another ${field} for ${c.key} than the resolution of ${c.id} gives`);
    return;
  }
  const records = c.table === 'risks' ? printed.risks : c.table === 'findings' ? printed.findings : c.table === 'controlMeasures' ? printed.controlPlan.measures : [];
  const record = records.find((r) => r.id === c.key) as Record<string, unknown> | undefined;
  if (!record || !(field in record)) return;
  if (canonicalJson(record[field] ?? null) !== canonicalJson(want)) mismatch(`the report prints another ${field} for ${c.key} than the resolution of ${c.id} gives`);
}
