import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyResolutions,
  canonical,
  chosenDigest,
  mergeSnapshots,
  MergeError,
  ResolutionError,
  type MergeSide,
  type Resolution,
  type Row,
  type Snapshot,
} from '../../src-main/core/merge';

/*
 * The three-way merge, on a hand-built handout and three validators' field reports. Expectations are written out
 * by hand from the rules (issue 12), never a snapshot of the output.
 */

const CASE = '01900000-0000-7000-8000-0000000000ca';
const RUN = '01900000-0000-7000-8000-000000000001';
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const T0 = '2026-11-01T08:00:00.000Z';
const PHOTO = 'f'.repeat(64);

const answer = (id: string, itemId: string, value: string, by: string, at: string): Row => ({
  id,
  runId: RUN,
  itemId,
  value: JSON.stringify(value),
  note: '',
  answeredBy: by,
  answeredByName: by,
  answeredAt: at,
  revision: 1,
});
const risk = (id: string, over: Partial<Record<string, string | number | null>> = {}): Row => ({
  id,
  caseId: CASE,
  title: 'Unsealed containers in yard',
  likelihood: 2,
  consequence: 3,
  createdBy: 'lead',
  createdAt: T0,
  updatedAt: T0,
  removedAt: null,
  ...over,
});
const finding = (over: Partial<Record<string, string | null>> = {}): Row => ({
  id: 'finding-1',
  caseId: CASE,
  description: 'Seal log not kept',
  requiredAction: 'Keep a seal log',
  createdBy: 'lead',
  createdAt: T0,
  updatedAt: T0,
  removedAt: null,
  ...over,
});
const photo = (id: string, by: string, at: string): Row => ({
  id,
  caseId: CASE,
  runId: RUN,
  itemId: 'i1',
  sha256: PHOTO,
  caption: 'Gate 2',
  attachedBy: by,
  attachedByName: by,
  attachedAt: at,
  removedAt: null,
});
const interview = (held: boolean): Row => ({
  id: 'interview-1',
  caseId: CASE,
  person: 'Security manager',
  held,
  createdAt: T0,
  updatedAt: held ? '2026-11-03T10:00:00.000Z' : T0,
  removedAt: null,
});

const base: Snapshot = {
  caseId: CASE,
  tables: { risks: [risk('risk-1')], findings: [finding()], interviews: [interview(false)], answers: [], evidence: [] },
};

const sideA: MergeSide = {
  id: A,
  snapshot: {
    caseId: CASE,
    tables: {
      risks: [risk('risk-1', { likelihood: 4, updatedAt: '2026-11-02T09:00:00.000Z' })],
      findings: [finding()],
      interviews: [interview(true)],
      answers: [answer('ans-a1', 'i1', 'yes', 'A', '2026-11-02T09:00:00.000Z'), answer('ans-a2', 'i2', 'yes', 'A', '2026-11-02T09:01:00.000Z')],
      evidence: [photo('ev-a', 'A', '2026-11-02T09:02:00.000Z')],
    },
  },
};
const sideB: MergeSide = {
  id: B,
  snapshot: {
    caseId: CASE,
    tables: {
      risks: [risk('risk-1')],
      findings: [finding({ removedAt: '2026-11-02T11:00:00.000Z', updatedAt: '2026-11-02T11:00:00.000Z' })],
      interviews: [interview(false)],
      answers: [answer('ans-b1', 'i1', 'yes', 'B', '2026-11-02T10:00:00.000Z'), answer('ans-b2', 'i2', 'no', 'B', '2026-11-02T10:01:00.000Z')],
      evidence: [],
    },
  },
};
const sideC: MergeSide = {
  id: C,
  snapshot: {
    caseId: CASE,
    tables: {
      risks: [
        risk('risk-1', { title: 'Unsealed containers in the yard at night', updatedAt: '2026-11-02T12:00:00.000Z' }),
        risk('risk-2', { title: 'Fence gap', createdBy: 'C', createdAt: '2026-11-02T12:05:00.000Z', updatedAt: '2026-11-02T12:05:00.000Z' }),
      ],
      findings: [finding({ requiredAction: 'Keep a numbered seal log', updatedAt: '2026-11-02T12:10:00.000Z' })],
      interviews: [interview(false)],
      answers: [],
      evidence: [photo('ev-c', 'C', '2026-11-02T12:20:00.000Z')],
    },
  },
};

const rowsByKey = (snapshot: Snapshot, table: keyof Snapshot['tables']) => snapshot.tables[table] ?? [];

describe('merging three field reports against their handout', () => {
  const result = mergeSnapshots(base, [sideC, sideA, sideB]);

  it('lists exactly the expected conflicts, by kind', () => {
    expect(result.conflicts.map((c) => [c.id, c.kind])).toEqual([
      [`answers/${RUN}/i2/value`, 'hard'],
      ['findings/finding-1/#deleted', 'delete_edit'],
      ['risks/risk-1', 'soft'],
    ]);
    const hard = result.conflicts[0];
    expect(hard?.sides).toEqual([
      { side: A, value: JSON.stringify('yes'), deleted: false, fields: ['value'] },
      { side: B, value: JSON.stringify('no'), deleted: false, fields: ['value'] },
    ]);
    expect(result.conflicts[1]?.sides).toEqual([
      { side: B, value: '2026-11-02T11:00:00.000Z', deleted: true, fields: [] },
      { side: C, value: null, deleted: false, fields: ['requiredAction'] },
    ]);
    expect(result.conflicts[2]?.sides).toEqual([
      { side: A, value: null, deleted: false, fields: ['likelihood'] },
      { side: C, value: null, deleted: false, fields: ['title'] },
    ]);
  });

  it('keeps agreement as one answer with both validators as provenance, under the smallest id', () => {
    const answers = rowsByKey(result.snapshot, 'answers');
    expect(answers.map((a) => [a['id'], a['itemId'], a['value']])).toEqual([
      ['ans-a1', 'i1', JSON.stringify('yes')],
      ['ans-a2', 'i2', JSON.stringify('yes')], // open conflict: the first side's value until resolved
    ]);
    // Bookkeeping from the latest change: B saved i1 after A.
    expect(answers[0]?.['answeredBy']).toBe('B');
    expect(result.provenance.find((p) => p.key === `${RUN}/i1`)).toEqual({ table: 'answers', key: `${RUN}/i1`, sides: [A, B], fields: { itemId: [A, B], note: [A, B], runId: [A, B], value: [A, B] }, deleted: false });
  });

  it('merges different fields of one risk, adds what one side created, takes a one-sided change', () => {
    const risks = rowsByKey(result.snapshot, 'risks');
    expect(risks.map((r) => [r['id'], r['title'], r['likelihood']])).toEqual([
      ['risk-1', 'Unsealed containers in the yard at night', 4],
      ['risk-2', 'Fence gap', 2],
    ]);
    expect(rowsByKey(result.snapshot, 'interviews')[0]?.['held']).toBe(true);
    expect(result.provenance.find((p) => p.key === 'interview-1')?.sides).toEqual([A]);
  });

  it('keeps the edit of a finding another validator deleted until the lead decides', () => {
    const [f] = rowsByKey(result.snapshot, 'findings');
    expect(f).toMatchObject({ removedAt: null, requiredAction: 'Keep a numbered seal log' });
  });

  it('takes shared evidence once, by its hash, with both validators', () => {
    const evidence = rowsByKey(result.snapshot, 'evidence');
    expect(evidence.map((e) => [e['id'], e['sha256'], e['attachedBy']])).toEqual([['ev-a', PHOTO, 'C']]);
    expect(result.provenance.find((p) => p.table === 'evidence')?.sides).toEqual([A, C]);
  });

  it('applies resolutions: one side, a new value, a deletion; leaves nothing open', () => {
    const resolved = applyResolutions(result, [
      { conflictId: `answers/${RUN}/i2/value`, choice: { side: B }, reason: 'B checked gate 2 twice' },
      { conflictId: 'findings/finding-1/#deleted', choice: { side: B }, reason: 'duplicate of finding 3' },
    ]);
    expect(resolved.open).toEqual([]);
    expect(rowsByKey(resolved.snapshot, 'answers')[1]?.['value']).toBe(JSON.stringify('no'));
    expect(rowsByKey(resolved.snapshot, 'findings')[0]?.['removedAt']).toBe('2026-11-02T11:00:00.000Z');
    const newValue = applyResolutions(result, [{ conflictId: `answers/${RUN}/i2/value`, choice: { value: JSON.stringify('partly') }, reason: 'combined' }]);
    expect(rowsByKey(newValue.snapshot, 'answers')[1]?.['value']).toBe(JSON.stringify('partly'));
    expect(newValue.open.map((c) => c.id)).toEqual(['findings/finding-1/#deleted']);
  });

  it('refuses a resolution of a conflict that is not there, one without a reason, or a side not in it', () => {
    expect(() => applyResolutions(result, [{ conflictId: 'risks/risk-1', choice: { side: A }, reason: 'x' }])).toThrow(ResolutionError);
    expect(() => applyResolutions(result, [{ conflictId: `answers/${RUN}/i2/value`, choice: { side: A }, reason: '  ' }])).toThrow(/no reason/);
    expect(() => applyResolutions(result, [{ conflictId: `answers/${RUN}/i2/value`, choice: { side: C }, reason: 'x' }])).toThrow(/not part/);
  });

  it('records every resolution’s kind and the digest of the value it chose; refuses one that disagrees with itself', () => {
    const id = `answers/${RUN}/i2/value`;
    const partly = JSON.stringify('partly');
    const resolved = applyResolutions(result, [
      { conflictId: id, choice: { value: partly }, kind: 'combined', reason: 'both saw part of it' },
      { conflictId: 'findings/finding-1/#deleted', choice: { side: B }, reason: 'duplicate of finding 3' },
    ]);
    expect(resolved.resolutions.map((r) => [r.conflictId, r.kind, r.valueSha256])).toEqual([
      [id, 'combined', chosenDigest(partly)],
      ['findings/finding-1/#deleted', 'side', chosenDigest({ deleted: true, value: '2026-11-02T11:00:00.000Z' })],
    ]);
    // Given back as recorded, the same; with a digest of another value, or a kind that does not fit its choice, refused.
    expect(applyResolutions(result, resolved.resolutions).snapshot).toEqual(resolved.snapshot);
    const combined = resolved.resolutions[0] as Resolution;
    expect(() => applyResolutions(result, [{ ...combined, valueSha256: chosenDigest(JSON.stringify('no')) }])).toThrow(/digest/);
    expect(() => applyResolutions(result, [{ ...combined, kind: 'side' }])).toThrow(ResolutionError);
    expect(() => applyResolutions(result, [{ conflictId: id, choice: { side: B }, kind: 'combined', reason: 'x' }])).toThrow(ResolutionError);
  });

  it('refuses a side of another case and one side given twice with different content', () => {
    expect(() => mergeSnapshots(base, [{ id: A, snapshot: { ...sideA.snapshot, caseId: 'other' } }])).toThrow(MergeError);
    expect(() => mergeSnapshots(base, [sideA, { id: A, snapshot: sideB.snapshot }])).toThrow(/twice/);
  });
});

/* ---- Properties ---- */

const KEYS = ['r1', 'r2', 'r3', 'r4', 'r5'];
const baseRows = fc.subarray(KEYS).chain((keys) =>
  fc.tuple(...keys.map((id) => fc.record({ title: fc.constantFrom('t0', 't1'), likelihood: fc.integer({ min: 1, max: 3 }) }).map((f) => risk(id, f)))),
);
type Edit = { key: string; op: 'create' | 'title' | 'likelihood' | 'both' | 'delete'; title: string; likelihood: number };
const edit = fc.record({
  key: fc.constantFrom(...KEYS, 'n1', 'n2'),
  op: fc.constantFrom<Edit['op']>('create', 'title', 'likelihood', 'both', 'delete'),
  title: fc.constantFrom('t1', 't2', 't3'),
  likelihood: fc.integer({ min: 1, max: 5 }),
});

function applyEdits(rows: readonly Row[], edits: readonly Edit[], stamp: string): Row[] {
  const out = new Map(rows.map((r) => [String(r['id']), r]));
  for (const e of edits) {
    const row = out.get(e.key);
    if (!row) {
      if (e.op === 'create') out.set(e.key, risk(e.key, { title: e.title, likelihood: e.likelihood, updatedAt: stamp, createdAt: stamp }));
      continue;
    }
    if (row['removedAt'] !== null) continue;
    if (e.op === 'delete') out.set(e.key, { ...row, removedAt: stamp, updatedAt: stamp });
    // A save that changes nothing is no change (the app does not write one).
    const set = (field: string, value: string | number) => {
      const current = out.get(e.key) as Row;
      if (current[field] !== value) out.set(e.key, { ...current, [field]: value, updatedAt: stamp });
    };
    if (e.op === 'title' || e.op === 'both') set('title', e.title);
    if (e.op === 'likelihood' || e.op === 'both') set('likelihood', e.likelihood);
  }
  return [...out.values()];
}

const sidesFrom = (rows: readonly Row[], editsPerSide: Edit[][]): MergeSide[] =>
  editsPerSide.map((edits, i) => ({
    id: String.fromCharCode(97 + i).repeat(64),
    snapshot: { caseId: CASE, tables: { risks: applyEdits(rows, edits, `2026-11-0${i + 2}T00:00:00.000Z`) } },
  }));

describe('merge properties', () => {
  it('gives the same result and conflicts whatever the order of its inputs', () => {
    fc.assert(
      fc.property(baseRows, fc.array(fc.array(edit, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), fc.nat(), (rows, edits, seed) => {
        const b: Snapshot = { caseId: CASE, tables: { risks: rows } };
        const sides = sidesFrom(rows, edits);
        const shuffled = [...sides].sort((x, y) => ((x.id.charCodeAt(0) * (seed + 7)) % 11) - ((y.id.charCodeAt(0) * (seed + 7)) % 11));
        expect(canonical(mergeSnapshots(b, shuffled) as never)).toBe(canonical(mergeSnapshots(b, sides) as never));
      }),
    );
  });

  it('is idempotent: an input given again changes nothing', () => {
    fc.assert(
      fc.property(baseRows, fc.array(fc.array(edit, { maxLength: 6 }), { minLength: 1, maxLength: 3 }), (rows, edits) => {
        const b: Snapshot = { caseId: CASE, tables: { risks: rows } };
        const sides = sidesFrom(rows, edits);
        expect(canonical(mergeSnapshots(b, [...sides, ...sides]) as never)).toBe(canonical(mergeSnapshots(b, sides) as never));
      }),
    );
  });

  it('without conflicts equals applying each side’s changes to the base', () => {
    // Each side edits its own entities only: nothing can conflict.
    fc.assert(
      fc.property(baseRows, fc.array(fc.array(edit, { maxLength: 6 }), { minLength: 1, maxLength: 3 }), (rows, edits) => {
        const owned = edits.map((list, i) => list.filter((e) => KEYS.concat(['n1', 'n2']).indexOf(e.key) % edits.length === i));
        const b: Snapshot = { caseId: CASE, tables: { risks: rows } };
        const result = mergeSnapshots(b, sidesFrom(rows, owned));
        expect(result.conflicts).toEqual([]);
        let expected: readonly Row[] = rows;
        owned.forEach((list, i) => {
          expected = applyEdits(expected, list, `2026-11-0${i + 2}T00:00:00.000Z`);
        });
        // A row edited and edited back is no change: its bookkeeping stays the base's.
        const before = new Map(rows.map((r) => [String(r['id']), r]));
        expected = expected.map((r) => {
          const b = before.get(String(r['id']));
          return b && canonical({ ...r, updatedAt: null }) === canonical({ ...b, updatedAt: null }) ? b : r;
        });
        const sorted = (list: readonly Row[]) => canonical([...list].sort((x, y) => String(x['id']).localeCompare(String(y['id']))) as never);
        expect(sorted(result.snapshot.tables.risks ?? [])).toBe(sorted(expected));
      }),
    );
  });
});
