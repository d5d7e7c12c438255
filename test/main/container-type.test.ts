import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MissingItem } from '../../src-main/contract/run-completion';
import type { RunDetail, RunSummary } from '../../src-main/contract/runs';
import { checkTemplate } from '../../src-main/domains/templates-check';
import { sampleTemplate } from '../support/checklist-fixtures';
import { fileSource } from '../support/local-files';
import { grayPng } from '../support/png';
import { call, openAppWithCase, type TestApp } from '../support/temp-store';

/*
 * Issue 13: the container type (dry / reefer) of the seven-point inspection makes the eighth point, the reefer's fan
 * housing, required; "areas inspected" is required in the CTPAT 5.5 record.
 */

let app: TestApp;
let caseId: string;
let photo: string;

beforeEach(async () => {
  ({ app, caseId } = await openAppWithCase({ clock: () => new Date('2026-11-20T09:30:00.000Z') }));
  photo = path.join(app.dataDir, 'point.png');
  writeFileSync(photo, grayPng(24, 16, 90));
});
afterEach(() => app.dispose());

const RECORD = {
  container_number: 'MSKU1234565',
  inspection_date: '2026-11-20',
  inspection_time: '09:10',
  inspector: 'Arman T.',
  areas_inspected: 'Eight points, seal',
};

const createInspection = (metadata: Record<string, string>) =>
  call<RunSummary>(app.dispatch, 'runs:create', { caseId, siteId: null, templateId: 'ctpat-container-7pt', metadata });
const missingOf = (id: string) => call<MissingItem[]>(app.dispatch, 'runs:finishCheck', { id });
const codes = (missing: MissingItem[]) => missing.map((m) => `${m.code}:${m.itemId ?? m.fieldId}`);

/** Every item that is not optional answered compliant (text and yes/no as they must be), with a photo where required. */
async function answerRequired(runId: string) {
  const detail = await call<RunDetail>(app.dispatch, 'runs:get', { id: runId });
  for (const item of detail.template.sections.flatMap((s) => s.items)) {
    if (item.optional) continue;
    const value = item.answerType === 'text' ? 'KZ 0078812' : item.answerType === 'yes_no' ? true : 'compliant';
    expect((await app.dispatch('runs:answer', { runId, itemId: item.id, value })).ok).toBe(true);
    if (item.evidenceRequired) await call(app.dispatch, 'evidence:attach', { caseId, runId, itemId: item.id, source: fileSource(photo) });
  }
}

describe('container type and the reefer fan housing', () => {
  it('a reefer cannot be finished without the fan housing; a dry container can', async () => {
    const reefer = await createInspection({ ...RECORD, container_type: 'reefer' });
    const dry = await createInspection({ ...RECORD, container_type: 'dry' });
    await answerRequired(reefer.id);
    await answerRequired(dry.id);
    expect(codes(await missingOf(reefer.id))).toEqual(['item_unanswered:fan-housing']);
    expect(await missingOf(dry.id)).toEqual([]);
    // The progress counts the eighth point for the reefer only.
    const runs = await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId });
    const total = (id: string) => runs.find((r) => r.id === id)!.progress.total;
    expect(total(reefer.id) - total(dry.id)).toBe(1);
    const refused = await app.dispatch('runs:finish', { id: reefer.id });
    expect(refused.ok ? [] : refused.error.issues?.map((i) => i.code)).toEqual(['run_incomplete', 'item_unanswered']);

    await app.dispatch('runs:answer', { runId: reefer.id, itemId: 'fan-housing', value: 'compliant' });
    expect(codes(await missingOf(reefer.id))).toEqual(['evidence_missing:fan-housing']);
    await call(app.dispatch, 'evidence:attach', { caseId, runId: reefer.id, itemId: 'fan-housing', source: fileSource(photo) });
    expect(await missingOf(reefer.id)).toEqual([]);
    expect((await call<RunSummary>(app.dispatch, 'runs:finish', { id: reefer.id })).finished).not.toBeNull();
  });

  it('the container type and the areas inspected are required run details, and the type is one of its choices', async () => {
    const run = await createInspection({ container_number: 'MSKU1234565' });
    const missing = codes(await missingOf(run.id));
    expect(missing).toEqual(expect.arrayContaining(['detail_missing:container_type', 'detail_missing:areas_inspected']));
    const refused = await app.dispatch('runs:update', { id: run.id, metadata: { container_type: 'tank' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'metadata.container_type', code: 'invalid_choice' }] } });
  });
});

describe('a template whose requirement names no choice field is refused', () => {
  const withCondition = (field: string, equals: string[]) => {
    const template = sampleTemplate();
    template.runMetadata = [
      ...(template.runMetadata as object[]),
      {
        id: 'unit_type',
        label: { en: 'Unit type', ru: 'Тип единицы' },
        type: 'choice',
        choices: [
          { value: 'dry', label: { en: 'Dry', ru: 'Сухой' } },
          { value: 'reefer', label: { en: 'Reefer', ru: 'Рефрижератор' } },
        ],
      },
    ];
    const item = template.sections[0]!.items.find((i) => i.id === 'reefer-fan')!;
    item.requiredWhen = { field, equals };
    return template;
  };

  it('accepts a condition on a choice field and one of its values', () => {
    expect(checkTemplate(withCondition('unit_type', ['reefer'])).ok).toBe(true);
  });

  it('refuses an unknown or non-choice field, and a value the field does not offer', () => {
    const paths = (raw: unknown) => {
      const check = checkTemplate(raw);
      return check.ok ? [] : check.issues.map((i) => i.path);
    };
    expect(paths(withCondition('inspection_date', ['reefer']))[0]).toMatch(/requiredWhen\.field$/);
    expect(paths(withCondition('unit_type', ['tank']))[0]).toMatch(/requiredWhen\.equals\.0$/);
  });

  it('refuses a condition on an item that is required anyway', () => {
    const template = withCondition('unit_type', ['reefer']);
    const item = template.sections[0]!.items.find((i) => i.id === 'reefer-fan')!;
    item.optional = false;
    const check = checkTemplate(template);
    expect(check.ok).toBe(false);
  });
});
