import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { RunDetail, RunSummary } from '../../src-main/contract/runs';
import { generatedTemplate, validValue } from '../support/checklist-fixtures';
import { call, openTestApp, sampleCase, type TestApp } from '../support/temp-store';
import { ms, report, row, stats } from './report';

/*
 * The checklist runner must stay instant with 400 items: every answer autosaves through the real dispatcher
 * (input and output validation, audit row, run timestamp) on a real SQLite file.
 */
const ITEMS = 400;
const SAVES = 10_000;

let app: TestApp;
let runId: string;
let items: { id: string; answerType: string }[];

beforeAll(async () => {
  app = openTestApp();
  await call(app.dispatch, 'users:create', { name: 'Bench Validator', role: 'validator' });
  const caseId = (await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase())).id;
  const template = generatedTemplate(ITEMS);
  await call(app.dispatch, 'templates:import', { content: JSON.stringify(template) });
  runId = (await call<RunSummary>(app.dispatch, 'runs:create', { caseId, templateId: template.id })).id;
  items = template.sections.flatMap((s) => s.items.map((i) => ({ id: i.id as string, answerType: i.answerType as string })));
});
afterAll(() => app.dispose());

describe('checklist runner', () => {
  it(`${SAVES} answer saves through the handler`, async () => {
    // Warm up: the first calls prepare statements and JIT-compile the path.
    for (let k = 0; k < 200; k += 1) {
      const item = items[k % items.length]!;
      await app.dispatch('runs:answer', { runId, itemId: item.id, value: validValue(item.answerType, k + 1) });
    }
    // Three rounds of SAVES saves each, so the table shows the best and the median p99.
    const p99s: number[] = [];
    const maxes: number[] = [];
    let durations: number[] = [];
    for (let round = 0; round < 3; round += 1) {
    durations = [];
    for (let k = 0; k < SAVES; k += 1) {
      const item = items[k % items.length]!;
      // Values and notes change every lap, so every call writes a row update and an audit row.
      const input =
        k % 7 === 6
          ? { runId, itemId: item.id, note: `note ${k}` }
          : { runId, itemId: item.id, value: validValue(item.answerType, k) };
      const start = performance.now();
      const result = await app.dispatch('runs:answer', input);
      durations.push(performance.now() - start);
      if (!result.ok) throw new Error(`runs:answer failed: ${JSON.stringify(result.error)}`);
    }
    const r = stats(durations);
    p99s.push(r.p99);
    maxes.push(r.max);
    }
    row({ work: `answer save p99 (${SAVES} saves, ${ITEMS}-item run)`, unit: 'ms', ours: p99s, goal: '≤ 1 ms' });
    row({ work: 'answer save max', unit: 'ms', ours: maxes });
    const s = stats(durations);
    report(`answer save (${ITEMS}-item run, ${s.n} saves through the dispatcher, last of 3 rounds):`);
    report(`  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`);
    report(`  answer save p99: ${ms(s.p99)} (goal < 5 ms)`);
    expect(s.n).toBe(SAVES);
  });

  it(`loading a ${ITEMS}-item run with every item answered`, async () => {
    const durations: number[] = [];
    let detail: RunDetail | undefined;
    for (let k = 0; k < 25; k += 1) {
      const start = performance.now();
      detail = await call<RunDetail>(app.dispatch, 'runs:get', { id: runId });
      if (k >= 5) durations.push(performance.now() - start); // the first five warm up
    }
    expect(detail?.answers).toHaveLength(ITEMS);
    const s = stats(durations);
    report(`run load (runs:get, ${ITEMS} items, ${ITEMS} answers, median of ${s.n}): ${ms(s.p50)} (max ${ms(s.max)})`);
  });
});
