import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenItem } from '../../src-main/contract/open-items';
import type { PdfResult } from '../../src-main/contract/reports';
import { call, openAppWithCase, type TestApp } from '../support/temp-store';

/*
 * Issue 13's consistency rules on a real store, one case per rule: a grant while a criterion is not met, a grant
 * while a risk response is grounds to refuse, a criterion unassessed, a recommendation without reasoning, a
 * residual risk above its inherent one without a reason. Each shows in the pre-seal check with its override
 * policy, and sealing refuses it — with an override reason too where the rule allows none. The draft PDFs print
 * the blocking issues and the "DRAFT — inconsistent" watermark in both languages.
 */

let app: TestApp;
let caseId: string;
beforeEach(async () => {
  ({ app, caseId } = await openAppWithCase());
});
afterEach(() => app.dispose());

const LETTERS = 'ABCDEFGHIJKLM'.split('');
const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const check = () => call<OpenItem[]>(app.dispatch, 'reports:preSealCheck', { caseId });
const seal = (overrideReason?: string) => app.dispatch('bundles:seal', { caseId, ...(overrideReason ? { overrideReason } : {}) });

/** A case a validator would sign: every criterion met, a grant with its reasoning. */
async function consistentCase(): Promise<void> {
  for (const criterion of LETTERS) await call(app.dispatch, 'assessment:setConclusion', { caseId, criterion, conclusion: 'met', text: 'Seen on site.' });
  await call(app.dispatch, 'assessment:update', { caseId, patch: { recommendation: 'grant', reasoning: 'All thirteen criteria are met.' } });
  expect(await check()).toEqual([]);
}

/** Sealing refused at the gate, whatever the reason, changing nothing. */
async function refusedWhatever(code: string) {
  const before = [count('report_versions'), count('audit_log'), count('bundles')];
  const plain = await seal();
  const withReason = await seal('The operator promised to fix it next week.');
  for (const result of [plain, withReason]) {
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues?.[0]).toMatchObject({ code: 'blocking_items' });
    expect(result.error.issues?.slice(1).map((i) => i.code)).toContain(code);
  }
  expect([count('report_versions'), count('audit_log'), count('bundles')]).toEqual(before);
}

/** Refused without a reason (open_items); with one, the gate lets it through (the next step wants keys). */
async function overridableOnlyWithReason(code: string) {
  const plain = await seal();
  expect(plain.ok).toBe(false);
  if (!plain.ok) {
    expect(plain.error.issues?.[0]).toMatchObject({ code: 'open_items' });
    expect(plain.error.issues?.map((i) => i.code)).toContain(code);
  }
  const withReason = await seal('Residual rating recorded before the control tests; see the risk notes.');
  expect(withReason.ok).toBe(false);
  if (!withReason.ok) expect(withReason.error.issues?.map((i) => i.code) ?? []).not.toEqual(expect.arrayContaining(['open_items']));
  if (!withReason.ok) expect(withReason.error.issues?.map((i) => i.code) ?? []).not.toContain('blocking_items');
}

describe('each consistency rule is listed, with its override policy, and sealing refuses it', () => {
  it('grant while a criterion is not met: never overridable', async () => {
    await consistentCase();
    await call(app.dispatch, 'assessment:setConclusion', { caseId, criterion: 'G', conclusion: 'not_met', text: 'No seal log.' });
    expect(await check()).toEqual([
      { code: 'grant_with_unmet_criterion', params: { criterion: 'G' }, target: { kind: 'criterion', criterion: 'G' }, overridable: false },
    ]);
    await refusedWhatever('grant_with_unmet_criterion');
  });

  it('grant while a risk response is grounds to refuse: never overridable', async () => {
    await consistentCase();
    await call(app.dispatch, 'risks:create', { caseId, title: 'Unguarded rear gate', likelihood: 4, consequence: 4, residualLikelihood: 3, residualConsequence: 4, response: 'refuse' });
    expect((await check()).map((i) => [i.code, i.overridable])).toEqual([['grant_despite_refusal', false]]);
    await refusedWhatever('grant_despite_refusal');
  });

  it('a criterion unassessed: never overridable while granting, overridable with a reason otherwise', async () => {
    await consistentCase();
    await call(app.dispatch, 'assessment:setConclusion', { caseId, criterion: 'K', conclusion: null, text: '' });
    expect((await check()).map((i) => [i.code, i.params.criterion, i.overridable])).toEqual([['criterion_unassessed', 'K', false]]);
    await refusedWhatever('criterion_unassessed');
    await call(app.dispatch, 'assessment:update', { caseId, patch: { recommendation: 'postpone', reasoning: 'Partners not reviewed yet.' } });
    expect((await check()).map((i) => [i.code, i.overridable])).toEqual([['criterion_unassessed', true]]);
    await overridableOnlyWithReason('criterion_unassessed');
  });

  it('a recommendation without reasoning: never overridable', async () => {
    await consistentCase();
    await call(app.dispatch, 'assessment:update', { caseId, patch: { reasoning: '   ' } });
    expect(await check()).toEqual([{ code: 'reasoning_empty', params: {}, target: { kind: 'recommendation' }, overridable: false }]);
    await refusedWhatever('reasoning_empty');
  });

  it('a residual risk above its inherent one without a reason: overridable with a reason', async () => {
    await consistentCase();
    const risk = await call<{ id: string }>(app.dispatch, 'risks:create', {
      caseId,
      title: 'Seal stock kept in an open drawer',
      likelihood: 2,
      consequence: 3,
      residualLikelihood: 2,
      residualConsequence: 2,
      response: 'accept',
    });
    // The risk form refuses this without a reason; older and imported data can still carry it.
    app.store.sqlite.prepare('UPDATE risks SET residual_likelihood = 4, residual_consequence = 4 WHERE id = ?').run(risk.id);
    expect(await check()).toEqual([
      expect.objectContaining({ code: 'residual_above_inherent', params: expect.objectContaining({ residual: 16, inherent: 6 }), overridable: true }),
    ]);
    await overridableOnlyWithReason('residual_above_inherent');
  });
});

describe('the draft PDFs show what blocks them', () => {
  const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
  /** The page text, and the watermark's: drawn on a slant, pdftotext -raw gives it a letter a line. */
  const print = async (document: 'validation-report' | 'control-plan', lang: 'en' | 'ru') => {
    const file = (await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId, document, lang })).path;
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))![1]);
    const squeezed = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).replace(/\s+/g, '');
    const stamps = (mark: string) => squeezed.split(mark.replace(/\s+/g, '')).length - 1;
    return { text: poppler('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' '), pages, stamps };
  };
  const WATERMARK = { en: 'DRAFT — inconsistent', ru: 'ПРОЕКТ — есть противоречия' };

  it('an inconsistent draft carries the watermark and the blocking issues, in English and Russian, in both documents', async () => {
    await consistentCase();
    await call(app.dispatch, 'assessment:setConclusion', { caseId, criterion: 'G', conclusion: 'not_met', text: 'No seal log.' });
    const expected = {
      en: ['Blocking issues', 'Inconsistencies', 'The recommendation is to grant, but criterion G is not met. (no override)'],
      ru: ['Препятствия к окончательному оформлению', 'Противоречия', 'Рекомендовано предоставить статус, но критерий G не выполнен. (без исключений)'],
    };
    for (const lang of ['en', 'ru'] as const) {
      for (const document of ['validation-report', 'control-plan'] as const) {
        const { text, pages, stamps } = await print(document, lang);
        for (const phrase of expected[lang]) expect(text, `${document} ${lang}`).toContain(phrase);
        // On every page, the cover included.
        expect(stamps(WATERMARK[lang]), `${document} ${lang}`).toBe(pages);
      }
    }
  }, 180_000);

  it('a consistent draft has neither; unfinished work alone is listed without the watermark', async () => {
    await consistentCase();
    for (const lang of ['en', 'ru'] as const) {
      const { text, stamps } = await print('validation-report', lang);
      expect(text).not.toMatch(/Blocking issues|Препятствия к окончательному/);
      expect(stamps(WATERMARK[lang])).toBe(0);
    }
    await call(app.dispatch, 'findings:create', { caseId, description: 'Seal log kept on loose sheets' });
    const { text, stamps } = await print('validation-report', 'en');
    expect(text).toContain('Blocking issues');
    expect(text).toContain('Unfinished work');
    expect(text).toContain('Finding F1 has no owner. (override with a reason)');
    expect(stamps(WATERMARK.en)).toBe(0);
  }, 180_000);

  it('a criterion not yet assessed is unfinished work while no grant is recommended, an inconsistency under a grant', async () => {
    await consistentCase();
    await call(app.dispatch, 'assessment:setConclusion', { caseId, criterion: 'C', conclusion: null });
    await call(app.dispatch, 'assessment:update', { caseId, patch: { recommendation: null } });
    const midway = await print('validation-report', 'en');
    expect(midway.text).toContain('Unfinished work');
    expect(midway.text).not.toContain('Inconsistencies');
    expect(midway.stamps(WATERMARK.en)).toBe(0);
    await call(app.dispatch, 'assessment:update', { caseId, patch: { recommendation: 'grant' } });
    const granting = await print('validation-report', 'en');
    expect(granting.text).toContain('Inconsistencies');
    expect(granting.stamps(WATERMARK.en)).toBe(granting.pages);
  }, 180_000);
});
