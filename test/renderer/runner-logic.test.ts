import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChecklistTemplate, complianceScale } from '../../src-main/contract/checklist-template';
import type { Answer, AnswerValue } from '../../src-main/contract/runs';
import { runProgress } from '../../src-main/domains/run-summary';
import { fieldErrorsFromServer } from '../../src-renderer/src/lib/field-errors';
import { buildRows, filterCounts } from '../../src-renderer/src/lib/runner-rows';
import { computeRunProgress, percent } from '../../src-main/contract/run-progress';

/**
 * The runner's pure logic, without a browser: the page's own progress (shown before the service answers) must
 * count exactly as the service does, and the filters must agree with the counters.
 */
const root = path.resolve(import.meta.dirname, '../..');
const container = ChecklistTemplate.parse(
  JSON.parse(readFileSync(path.join(root, 'assets/checklists/ctpat-container-7pt.json'), 'utf8')),
);
const items = container.sections.flatMap((s) => s.items);

function answer(itemId: string, value: AnswerValue | null, note = ''): Answer {
  return {
    id: '01900000-0000-7000-8000-000000000000',
    runId: '01900000-0000-7000-8000-000000000001',
    itemId,
    value,
    note,
    answeredBy: '01900000-0000-7000-8000-000000000002',
    answeredByName: 'Tester',
    revision: 1,
    answeredAt: '2025-01-01T00:00:00.000Z',
  };
}

/** A plausible value for an item of each answer type, or none. */
const valueFor = (type: string) => {
  switch (type) {
    case 'compliance':
      return fc.option(fc.constantFrom(...complianceScale), { nil: null });
    case 'yes_no':
      return fc.option(fc.boolean(), { nil: null });
    default:
      return fc.option(fc.string({ minLength: 1, maxLength: 5 }), { nil: null });
  }
};

describe('run progress in the page', () => {
  it('counts exactly as the service does, for any answers and evidence', () => {
    fc.assert(
      fc.property(
        fc.tuple(...items.map((item) => valueFor(item.answerType))),
        fc.array(fc.nat(2), { minLength: items.length, maxLength: items.length }),
        (values, evidence) => {
          const byId = new Map(items.map((item, i) => [item.id, values[i] ?? null]));
          const counts = new Map(items.map((item, i) => [item.id, evidence[i] ?? 0]));
          const server = runProgress(
            { template: container } as Parameters<typeof runProgress>[0],
            new Map([...byId].map(([id, v]) => [id, v === null ? null : JSON.stringify(v)])),
            counts,
          );
          const page = computeRunProgress(container, (id) => byId.get(id), (id) => counts.get(id) ?? 0);
          expect(page).toEqual(server);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves the optional eighth point out until it is answered, and says 100 % only when all are answered', () => {
    const none = computeRunProgress(container, () => null, () => 0);
    // Seven points, three agricultural checks and six seal checks (v4); the eighth point only for a reefer.
    expect(none.overall).toMatchObject({ answered: 0, total: 16, evidenceMissing: 7 });
    expect(computeRunProgress(container, () => null, () => 0, { container_type: 'reefer' }).overall).toMatchObject({ total: 17, evidenceMissing: 8 });
    const all = new Map(items.filter((i) => !i.optional).map((i) => [i.id, i.answerType === 'yes_no' ? true : 'compliant']));
    const done = computeRunProgress(container, (id) => all.get(id) ?? null, () => 0);
    expect(done.overall).toMatchObject({ answered: 16, total: 16 });
    expect(percent(done.overall)).toBe(100);
    const reefer = computeRunProgress(container, (id) => (id === 'fan-housing' ? 'non_compliant' : (all.get(id) ?? null)), () => 0);
    expect(reefer.overall).toMatchObject({ answered: 17, total: 17, nonCompliant: 1 });
    expect(percent({ answered: 399, total: 400, nonCompliant: 0, evidenceMissing: 0 })).toBe(99);
  });
});

describe('runner filters', () => {
  const answers = {
    'front-wall': answer('front-wall', 'compliant'),
    'right-side': answer('right-side', 'non_compliant'),
    floor: answer('floor', 'not_applicable'),
    'ceiling-roof': answer('ceiling-roof', 'partially_compliant'),
  };
  const evidence = { 'front-wall': 1 };

  it('shows section headings only above items that pass the filter', () => {
    const rows = buildRows(container, 'non_compliant', answers, evidence, {});
    expect(rows.map((r) => (r.kind === 'section' ? `#${r.section.id}` : r.item.id))).toEqual([
      '#inspection-points',
      'right-side',
      'ceiling-roof',
    ]);
    expect(rows.filter((r) => r.kind === 'item').map((r) => (r.kind === 'item' ? r.number : ''))).toEqual(['1.3', '1.5']);
  });

  it('"evidence missing" skips items with a file, answered "not applicable", or optional and unanswered', () => {
    const ids = buildRows(container, 'evidence_missing', answers, evidence, {})
      .filter((r) => r.kind === 'item')
      .map((r) => (r.kind === 'item' ? r.item.id : ''));
    expect(ids).toEqual(['left-side', 'right-side', 'ceiling-roof', 'doors', 'undercarriage']);
  });

  it('keeps an item answered under a filter in view (sticky) until the filter changes', () => {
    const rows = buildRows(container, 'unanswered', answers, evidence, { 'front-wall': true });
    const ids = rows.filter((r) => r.kind === 'item').map((r) => (r.kind === 'item' ? r.item.id : ''));
    expect(ids[0]).toBe('front-wall');
    expect(ids).not.toContain('right-side');
    expect(ids).not.toContain('fan-housing');
  });

  it('counts agree with the counters of the progress', () => {
    const counts = filterCounts(container, answers, evidence);
    const progress = computeRunProgress(container, (id) => answers[id as keyof typeof answers]?.value, (id) => evidence[id as 'front-wall'] ?? 0);
    expect(counts.all).toBe(17);
    expect(counts.unanswered).toBe(progress.overall.total - progress.overall.answered);
    expect(counts.non_compliant).toBe(progress.overall.nonCompliant);
    expect(counts.evidence_missing).toBe(progress.overall.evidenceMissing);
  });
});

describe('plan form messages', () => {
  it('reads the server\'s time and time-window issues by their code, not their English', () => {
    const { fields } = fieldErrorsFromServer(
      [
        { path: 'endTime', message: 'x', code: 'end_before_start' },
        { path: 'endsOn', message: 'x', code: 'end_before_start' },
        { path: 'metadata.startTime', message: 'x', code: 'invalid_time' },
        { path: 'notes', message: 'the visit ends before it starts' },
      ],
      (field) => field,
    );
    expect(fields).toEqual({
      endTime: { key: 'endBeforeStart' },
      endsOn: { key: 'endBeforeStart' },
      'metadata.startTime': { key: 'time' },
      notes: { key: 'invalid' },
    });
  });
});
