import type { Content, Watermark } from 'pdfmake/interfaces';
import type { OpenItem } from '../contract/open-items';
import type { ReportLanguage, ReportModel } from '../contract/reports';
import { openItems, ruleBreaches } from '../core/consistency';
import { heading, INK, type Ctx } from './pdf-common';
import { gateStrings } from './validation-report-gates';

/*
 * What a draft shows of the pre-seal check (issue 13): the blocking issues, first thing after the contents, in
 * both the validation report and the control plan, and a "DRAFT — inconsistent" watermark on every page while
 * one of the consistency rules is broken. A sealed version prints neither: it was sealed clean, or over
 * overridable items, which its "sealed with open items" section lists with the reason.
 */

const en = {
  title: 'Blocking issues',
  intro:
    'This is a draft. The items below must be resolved before the report can be sealed as final. Items marked ' +
    '"no override" cannot be sealed over; the others may be, with a reason printed in the sealed report.',
  inconsistencies: 'Inconsistencies',
  unfinished: 'Unfinished work',
  noOverride: 'no override',
  overridable: 'override with a reason',
  watermark: 'DRAFT — inconsistent',
};

const ru: typeof en = {
  title: 'Препятствия к окончательному оформлению',
  intro:
    'Это проект. Перечисленные ниже вопросы должны быть решены, прежде чем отчёт будет оформлен как окончательный. ' +
    'Вопросы с отметкой «без исключений» не допускают оформления; остальные допускают его с указанием причины, ' +
    'которая печатается в окончательном отчёте.',
  inconsistencies: 'Противоречия',
  unfinished: 'Незавершённая работа',
  noOverride: 'без исключений',
  overridable: 'допускается с указанием причины',
  watermark: 'ПРОЕКТ — есть противоречия',
};

export const consistencyStrings: Record<ReportLanguage, typeof en> = { en, ru };

/**
 * The open items a document prints as blocking: every pre-seal item, unless the version was frozen for a seal with
 * an override reason (the report then prints the override and its items instead). It depends on the model alone,
 * not on draft or sealed, because a version prints once and a seal carries that PDF (issue 14): a version that
 * seals without an override has no open items, and one with open items seals only as a new, overridden version.
 */
export function blockingItems(model: ReportModel): OpenItem[] {
  return model.sealOverride ? [] : openItems(model);
}

/** The watermark of a draft that breaks a consistency rule, spread into the document definition; else nothing. */
export function draftWatermark(ctx: Ctx, items: readonly OpenItem[]): { watermark?: Watermark } {
  if (ruleBreaches(items).length === 0) return {};
  return { watermark: { text: consistencyStrings[ctx.lang].watermark, color: '#B00020', opacity: 0.18, bold: true, fontSize: 46 } };
}

function itemList(ctx: Ctx, items: readonly OpenItem[]): Content {
  const s = consistencyStrings[ctx.lang];
  const g = gateStrings[ctx.lang];
  return {
    ul: items.map((item) => ({
      text: [
        { text: g.items[item.code](item.params) },
        item.overridable === false
          ? { text: ` (${s.noOverride})`, bold: true, color: '#A94442' }
          : { text: ` (${s.overridable})`, color: INK.muted },
      ],
      fontSize: 9,
    })),
    margin: [0, 0, 0, 8],
  };
}

/** The numbered "Blocking issues" section: the rule breaches, then unfinished work. */
export function blockingIssuesSection(ctx: Ctx, n: number, items: readonly OpenItem[]): Content[] {
  const s = consistencyStrings[ctx.lang];
  const breaches = ruleBreaches(items);
  const rest = items.filter((item) => !breaches.includes(item));
  return [
    heading(s.title, n),
    { text: s.intro, style: 'paragraph' },
    ...(breaches.length > 0 ? [{ text: s.inconsistencies, style: 'h2', headlineLevel: 2 } as Content, itemList(ctx, breaches)] : []),
    ...(rest.length > 0 ? [{ text: s.unfinished, style: 'h2', headlineLevel: 2 } as Content, itemList(ctx, rest)] : []),
  ];
}
