import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { applyResolutions, mergeSnapshots, needsDecision, type MergeSide, type Resolution, type Row, type Snapshot } from '../../src-main/core/merge';
import { ms, report, row } from './report';

/*
 * The lead's merge (issue 12) on field reports of 400 answers each: 10 reports, then 100. Goal: ≤ 0.5 s for 10, and
 * 10× the input in ≤ 12× the time. Pure core, the same code `aeo merge` and the verifier run; the verifier's
 * re-derivation (merge, then every recorded resolution, each checked against its value digest) is timed too.
 */

const CASE = '01900000-0000-7000-8000-0000000000ca';
const RUN = '01900000-0000-7000-8000-0000000000a1';
const ITEMS = 400;
const values = ['compliant', 'partially_compliant', 'non_compliant', 'not_applicable'];

const base: Snapshot = {
  caseId: CASE,
  tables: {
    checklistRuns: [{ id: RUN, caseId: CASE, siteId: null, template: 'bench@1', label: '', metadata: {}, createdBy: 'lead', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' }],
    answers: [],
    risks: [],
  },
};

function side(n: number): MergeSide {
  const id = n.toString(16).padStart(64, '0');
  const answers: Row[] = [];
  for (let i = 0; i < ITEMS; i += 1) {
    // Most validators agree; every seventh item each sees something of his own.
    const value = i % 7 === 0 ? values[(i + n) % values.length] : values[i % values.length];
    answers.push({ id: `${id.slice(-8)}-${i}`, runId: RUN, itemId: `item-${i}`, value: JSON.stringify(value), note: i % 11 === 0 ? `note by ${n}` : '', answeredBy: id, answeredByName: `Validator ${n}`, answeredAt: `2026-11-02T10:${String(i % 60).padStart(2, '0')}:00.000Z`, revision: 1 });
  }
  const risks: Row[] = [{ id: `risk-${n}`, caseId: CASE, title: `Risk seen by ${n}`, likelihood: 1 + (n % 5), consequence: 3, createdBy: id, createdAt: '2026-11-02T09:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z', removedAt: null }];
  return { id, snapshot: { caseId: CASE, tables: { ...base.tables, answers, risks } } };
}

type Timing = { ms: number; runs: number[]; conflicts: number };

function timed(work: () => number): Timing {
  work(); // warm up
  const runs: number[] = [];
  let conflicts = 0;
  for (let k = 0; k < 5; k += 1) {
    const start = performance.now();
    conflicts = work();
    runs.push(performance.now() - start);
  }
  return { ms: [...runs].sort((a, b) => a - b)[2] as number, runs, conflicts };
}

const sidesOf = (count: number) => Array.from({ length: count }, (_, n) => side(n + 1));
const timeMerge = (count: number): Timing => {
  const sides = sidesOf(count);
  return timed(() => mergeSnapshots(base, sides).conflicts.length);
};

/** What a verifier redoes: the merge, then the lead's recorded decision on every hard conflict (a combined value). */
function timeVerify(count: number): Timing {
  const sides = sidesOf(count);
  const recorded = applyResolutions(
    mergeSnapshots(base, sides),
    mergeSnapshots(base, sides)
      .conflicts.filter(needsDecision)
      .map((c): Resolution => ({ conflictId: c.id, choice: { value: JSON.stringify('partially_compliant') }, kind: 'combined', reason: 'both saw part of it' })),
  ).resolutions;
  return timed(() => applyResolutions(mergeSnapshots(base, sides), recorded).resolutions.length);
}

describe('team merge', () => {
  it(`merges 10, then 100 field reports of ${ITEMS} answers`, () => {
    const ten = timeMerge(10);
    const hundred = timeMerge(100);
    report(`team merge (${ITEMS} answers per field report, median of 5):`);
    report(`  10 reports: ${ms(ten.ms)} (goal ≤ 500 ms), ${ten.conflicts} conflicts`);
    report(`  100 reports: ${ms(hundred.ms)}, ${hundred.conflicts} conflicts; growth ×${(hundred.ms / ten.ms).toFixed(1)} for 10× the input (goal ≤ ×12)`);
    row({ work: `team merge, 10 field reports of ${ITEMS} answers`, unit: 'ms', ours: ten.runs, goal: '≤ 500 ms' });
    row({ work: `team merge, 100 field reports of ${ITEMS} answers`, unit: 'ms', ours: hundred.runs, goal: '≤ 12× the 10-report time' });
    const verifyTen = timeVerify(10);
    const verifyHundred = timeVerify(100);
    report(`  re-derived with every hard conflict resolved (what verify, import and HQ redo): 10 reports ${ms(verifyTen.ms)}, ${verifyTen.conflicts} resolutions; 100 reports ${ms(verifyHundred.ms)}, ${verifyHundred.conflicts} resolutions`);
    row({ work: `merged-report re-derivation, 10 field reports of ${ITEMS} answers`, unit: 'ms', ours: verifyTen.runs, goal: '≤ 500 ms' });
    row({ work: `merged-report re-derivation, 100 field reports of ${ITEMS} answers`, unit: 'ms', ours: verifyHundred.runs, goal: '≤ 12× the 10-report time' });
    expect(verifyTen.conflicts).toBeGreaterThan(0);
    expect(ten.conflicts).toBeGreaterThan(0);
  });
});
