import type { Content } from 'pdfmake/interfaces';
import type { OpenItem, OpenItemCode } from '../contract/open-items';
import type { ReportLanguage, ReportModel } from '../contract/reports';
import { dataTable, heading, keyValueTable, stamp, subheading, type Ctx } from './pdf-common';
import type { ReportImages } from './validation-report-annexes';
import { writtenParagraphs } from './free-text';

/*
 * What the completion gates add to the validation report (issue 10): the reason beside a skipped or reopened
 * step, who signed off each checklist run and the signature they drew, and — when the report was sealed despite
 * open pre-seal items — the validator's reason with every open item. Strings for both languages live here, beside
 * the only code that prints them.
 */

type Params = OpenItem['params'];
const p = (params: Params, key: string) => String(params[key] ?? '');

const en = {
  reason: 'Reason',
  signedOff: 'Signed off',
  notFinished: 'not finished',
  signOffs: 'Sign-off of the checklists',
  signature: 'Signature',
  noSignature: 'no signature drawn',
  finishedBy: (name: string, when: string) => `${name}, ${when}`,
  override: {
    title: 'Sealed with open items',
    intro: 'The validator sealed this report although the pre-seal check listed the open items below.',
    reason: 'Reason given',
    by: 'Sealed by',
    items: 'Open items at sealing',
  },
  items: {
    criterion_unassessed: (q) => `Criterion ${p(q, 'criterion')} has no conclusion.`,
    recommendation_missing: () => 'No recommendation was made.',
    run_unfinished: (q) => `Checklist "${p(q, 'runEn')}" was not finished.`,
    risk_without_response: (q) => `Risk ${p(q, 'risk')} (${p(q, 'title')}) has no response.`,
    finding_without_owner: (q) => `Finding ${p(q, 'finding')} has no owner.`,
    grant_with_unmet_criterion: (q) => `The recommendation is to grant, but criterion ${p(q, 'criterion')} is not met.`,
    grant_despite_refusal: (q) => `The recommendation is to grant, but the response to risk ${p(q, 'risk')} is grounds to refuse.`,
    reasoning_empty: () => 'The recommendation has no reasoning.',
    residual_above_inherent: (q) => `Risk ${p(q, 'risk')}: residual risk (${p(q, 'residual')}) is above the inherent risk (${p(q, 'inherent')}).`,
  } satisfies Record<OpenItemCode, (params: Params) => string>,
};

const ru: typeof en = {
  reason: 'Причина',
  signedOff: 'Подписано',
  notFinished: 'не завершён',
  signOffs: 'Подписание контрольных перечней',
  signature: 'Подпись',
  noSignature: 'подпись не поставлена',
  finishedBy: (name, when) => `${name}, ${when}`,
  override: {
    title: 'Запечатан при незакрытых вопросах',
    intro: 'Валидатор запечатал отчёт, хотя предварительная проверка выявила перечисленные ниже незакрытые вопросы.',
    reason: 'Указанная причина',
    by: 'Запечатал',
    items: 'Незакрытые вопросы на момент запечатывания',
  },
  items: {
    criterion_unassessed: (q) => `По критерию ${p(q, 'criterion')} нет вывода.`,
    recommendation_missing: () => 'Рекомендация не вынесена.',
    run_unfinished: (q) => `Контрольный перечень «${p(q, 'runRu')}» не завершён.`,
    risk_without_response: (q) => `По риску ${p(q, 'risk')} («${p(q, 'title')}») не определены меры реагирования.`,
    finding_without_owner: (q) => `Для замечания ${p(q, 'finding')} не назначен ответственный.`,
    grant_with_unmet_criterion: (q) => `Рекомендовано предоставить статус, но критерий ${p(q, 'criterion')} не выполнен.`,
    grant_despite_refusal: (q) => `Рекомендовано предоставить статус, но реагирование на риск ${p(q, 'risk')} является основанием для отказа.`,
    reasoning_empty: () => 'Рекомендация не обоснована.',
    residual_above_inherent: (q) =>
      `Риск ${p(q, 'risk')}: остаточный риск (${p(q, 'residual')}) выше исходного (${p(q, 'inherent')}).`,
  },
};

export const gateStrings: Record<ReportLanguage, typeof en> = { en, ru };

/** The image key under which the PDF worker puts a run's drawn signature. */
export const signatureKey = (sha256: string) => `signature:${sha256}`;

type ModelRun = ReportModel['plan']['runs'][number];

/** The "signed off" cell of the scope's checklist table. */
export function signOffCell(ctx: Ctx, run: ModelRun): Content {
  const g = gateStrings[ctx.lang];
  return run.finishedAt
    ? { text: g.finishedBy(run.finishedByName ?? '', stamp(ctx, run.finishedAt)), fontSize: 7.5 }
    : { text: g.notFinished, style: 'missing' };
}

/** The status cell of the scope's step table, with the reason below it when one was given. */
export function stepStatusCell(ctx: Ctx, step: ReportModel['case']['steps'][number]): Content {
  const status = { text: ctx.t.stepStatus[step.status] };
  if (!step.reason) return status;
  return { stack: [status, { text: `${gateStrings[ctx.lang].reason}: ${step.reason}`, style: 'small' }] };
}

/** Each finished run's sign-off with the signature drawn, below the checklist table; nothing when none is finished. */
export function signOffsBlock(ctx: Ctx, images: ReportImages): Content[] {
  const g = gateStrings[ctx.lang];
  const finished = ctx.model.plan.runs.filter((r) => r.finishedAt);
  if (finished.length === 0) return [];
  return [
    subheading(g.signOffs),
    dataTable(
      [ctx.t.scope.checklist, g.signedOff, g.signature],
      finished.map((run) => {
        const image = run.signatureSha256 ? images[signatureKey(run.signatureSha256)] : undefined;
        return [
          { stack: [{ text: run.title[ctx.lang] }, ...(run.label ? [{ text: run.label, style: 'small' }] : [])] },
          signOffCell(ctx, run),
          image?.status === 'ok' ? { image: image.dataUrl, fit: [150, 50] } : { text: g.noSignature, style: 'missing' },
        ];
      }),
      ['*', 130, 160],
    ),
  ];
}

/** The section a version sealed despite open items carries; nothing otherwise. */
export function sealOverrideSection(ctx: Ctx, n: number): Content[] {
  const override = ctx.model.sealOverride;
  if (!override) return [];
  const g = gateStrings[ctx.lang];
  return [
    heading(g.override.title, n),
    { text: g.override.intro, style: 'paragraph' },
    keyValueTable([
      [g.override.reason, { stack: writtenParagraphs(override.reason, ctx.lang) }],
      [g.override.by, { text: override.byName }],
    ]),
    subheading(g.override.items),
    { ul: override.openItems.map((item) => ({ text: g.items[item.code](item.params), fontSize: 9 })), margin: [0, 0, 0, 8] },
  ];
}
