import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src-main/contract/runs';
import type { TemplateSummary } from '../../src-main/contract/templates';
import { sampleTemplate } from '../support/checklist-fixtures';
import { call, openAppWithSite, type TestApp } from '../support/temp-store';

let app: TestApp;
let caseId: string;
let siteId: string;
beforeEach(async () => {
  ({ app, caseId, siteId } = await openAppWithSite());
  await call(app.dispatch, 'templates:list', {}); // the shipped templates are stored (and audited) on first use
});
afterEach(() => app.dispose());

const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const inspection = (metadata: Record<string, string> = {}) =>
  app.dispatch('runs:create', { caseId, siteId, templateId: 'ctpat-container-7pt', metadata });
const createdRun = (metadata: Record<string, string> = {}, templateId = 'ctpat-container-7pt') =>
  call<RunSummary>(app.dispatch, 'runs:create', { caseId, siteId, templateId, metadata });

describe('the container inspection checks the container number (ISO 6346) and the seal number (declared format)', () => {
  it('a wrong check digit is refused with its code and the digit it should be; nothing is stored', async () => {
    const audits = count('audit_log');
    const result = await inspection({ container_number: 'CSQU 305438 4' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [{ path: 'metadata.container_number', code: 'container_check_digit', params: { expected: 3, got: 4 } }],
      },
    });
    expect(count('checklist_runs')).toBe(0);
    expect(count('audit_log')).toBe(audits);
  });

  it('a valid number is kept as typed; a later edit is checked the same way and leaves the stored value alone', async () => {
    const run = await createdRun({ container_number: 'CSQU 305438 3' });
    expect(run.metadata.container_number).toBe('CSQU 305438 3');
    const audits = count('audit_log');
    expect(await app.dispatch('runs:update', { id: run.id, metadata: { container_number: 'CSQX3054383' } })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'metadata.container_number', code: 'container_category', params: { got: 'X' } }] },
    });
    expect(count('audit_log')).toBe(audits);
    const detail = await call<{ run: RunSummary }>(app.dispatch, 'runs:get', { id: run.id });
    expect(detail.run.metadata.container_number).toBe('CSQU 305438 3');
  });

  it('a seal number outside the declared format is refused with the example; one that fits is saved', async () => {
    const run = await createdRun();
    const refused = await app.dispatch('runs:answer', { runId: run.id, itemId: 'seal-number', value: 'see papers' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'value', code: 'pattern_mismatch', params: { example: 'CN1234567' } }] },
    });
    expect(count('answers')).toBe(0);
    expect(await app.dispatch('runs:answer', { runId: run.id, itemId: 'seal-number', value: 'KZ 0451187' })).toMatchObject({ ok: true });
  });

  it('a template without formats (an old one) takes any text as before', async () => {
    await call<TemplateSummary>(app.dispatch, 'templates:import', { content: JSON.stringify(sampleTemplate(1)) });
    const run = await createdRun({ container_number: 'anything goes' }, 'yard-check');
    expect(run.metadata.container_number).toBe('anything goes');
  });
});
