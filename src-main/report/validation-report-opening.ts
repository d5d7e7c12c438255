import type { Content } from 'pdfmake/interfaces';
import type { ComplianceSummary } from '../contract/assessment';
import { formatDate, type ReportStrings } from './i18n';
import {
  blockSubheading,
  dataTable,
  dataTableOrNone,
  gridTable,
  heading,
  keyValueTable,
  notAssessed,
  subheading,
  textOr,
  type Ctx,
} from './pdf-common';
import type { ReportImages } from './validation-report-annexes';
import { gateStrings, signOffCell, signOffsBlock, stepStatusCell } from './validation-report-gates';
import { writtenParagraphs, writtenText } from './free-text';

/*
 * Sections 1 to 4 of the validation report: the operator, the scope of the validation, the method, and the
 * conclusions with their compliance summary. Split from the findings sections at the point where the report
 * stops describing the case and starts listing what was found; validation-report-doc.ts puts them in order.
 */

const date = (ctx: Ctx, value: string | null | undefined): Content =>
  value ? { text: formatDate(value, ctx.lang) } : notAssessed(ctx.t);

function summaryText(t: ReportStrings, s: ComplianceSummary): string {
  if (s.items === 0 && s.risks === 0) return '';
  const parts = (
    [
      ['compliant', s.compliant],
      ['partiallyCompliant', s.partiallyCompliant],
      ['nonCompliant', s.nonCompliant],
      ['notApplicable', s.notApplicable],
      ['notVerified', s.notVerified],
      ['unanswered', s.unanswered],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([key, n]) => t.summaryParts[key](n));
  const items = s.items > 0 ? `${t.conclusions.items(s.items)}: ${parts.join(', ')}` : '';
  const risks = s.risks > 0 ? t.conclusions.risks(s.risks) : '';
  return [items, risks].filter(Boolean).join('; ');
}

/** An answer as the report words it; a yes/no item's stored "true"/"false" reads as yes/no, not as code. */
export const answerLabel = (t: ReportStrings, value: string | null) => {
  if (value === null) return t.notAssessed;
  if (value === 'true' || value === 'false') return value === 'true' ? t.yes : t.no;
  return (t.answerValues as Record<string, string>)[value] ?? value;
};

export function operatorSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  const op = model.operator;
  return [
    heading(t.sections.operator, n),
    keyValueTable([
      [t.operator.legalName, { text: op.legalName, bold: true }],
      [t.operator.identificationNumber, { text: op.identificationNumber }],
      [t.operator.roles, { text: op.roles.map((r) => t.operatorRoles[r]).join(', ') }],
      [t.operator.address, textOr(t, op.address)],
      [t.operator.contactPerson, textOr(t, op.contactPerson)],
      [t.operator.phone, textOr(t, op.phone)],
      [t.operator.email, textOr(t, op.email)],
      [t.operator.aeoType, { text: t.aeoTypes[model.case.aeoType] }],
      [t.operator.openedOn, date(ctx, model.case.openedOn)],
      [t.operator.leadValidator, { text: model.case.leadValidator }],
      [t.operator.team, textOr(t, model.case.team.join(', '))],
    ]),
  ];
}

export function scopeSection(ctx: Ctx, n: number, images: ReportImages = {}): Content[] {
  const { t, model, lang } = ctx;
  const plan = model.plan;
  const frameText =
    plan.startsOn || plan.endsOn
      ? `${plan.startsOn ? formatDate(plan.startsOn, lang) : '…'} – ${plan.endsOn ? formatDate(plan.endsOn, lang) : '…'}`
      : null;
  return [
    heading(t.sections.scope, n),
    keyValueTable([
      [t.scope.timeFrame, textOr(t, frameText)],
      [t.scope.resources, textOr(t, plan.resources)],
    ]),
    subheading(t.scope.steps),
    dataTable(
      [t.scope.step, t.scope.status],
      model.case.steps.map((s, i) => [{ text: `${i + 1}. ${t.steps[s.step]}` }, stepStatusCell(ctx, s)]),
      ['*', 200],
    ),
    subheading(t.scope.sites),
    dataTableOrNone(
      plan.sites,
      t.scope.noSites,
      [t.scope.site, t.scope.kind, t.scope.visitDates, t.scope.visited],
      (s) => [
        { stack: [{ text: s.name, bold: true }, ...(s.address ? [{ text: s.address, style: 'small' }] : [])] },
        { text: t.siteKinds[s.kind] },
        { text: s.visitDates.map((d) => formatDate(d, lang)).join(', ') || '—' },
        { text: s.visited ? t.yes : t.no },
      ],
      ['*', 90, 110, 50],
    ),
    subheading(t.scope.interviews),
    dataTableOrNone(
      plan.interviews,
      t.scope.noInterviews,
      [t.scope.person, t.scope.role, t.scope.topics, t.scope.date, t.scope.held],
      (i) => [
        { text: i.person },
        { text: i.role || '—' },
        { text: i.topics.join('; ') || '—' },
        { text: i.date ? formatDate(i.date, lang) : '—' },
        { text: i.held ? t.yes : t.no },
      ],
      [100, 90, '*', 60, 45],
    ),
    subheading(t.scope.checklists),
    dataTableOrNone(
      plan.runs,
      t.scope.noRuns,
      [t.scope.checklist, t.scope.site, t.scope.answered, t.scope.deviations, gateStrings[lang].signedOff],
      (r) => [
        { stack: [{ text: r.title[lang] }, ...(r.label ? [{ text: r.label, style: 'small' }] : [])] },
        { text: r.siteName ?? '—' },
        { text: `${r.answered} / ${r.items}` },
        { text: String(r.nonCompliant + r.partiallyCompliant) },
        signOffCell(ctx, r),
      ],
      ['*', 100, 50, 50, 100],
    ),
    ...signOffsBlock(ctx, images),
  ];
}

export function methodSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  return [
    heading(t.sections.method, n),
    ...(model.method ? writtenParagraphs(model.method, ctx.lang) : t.method.standard.map((text) => ({ text, style: 'paragraph' }))),
    // The grid is one unbreakable block: its heading goes inside it, so the two always move together.
    {
      unbreakable: true,
      stack: [
        blockSubheading(t.method.matrix),
        gridTable(t, model.riskMatrix, '', (l, c) => `${l * c}\n${t.riskLevels[model.riskMatrix[l - 1]![c - 1]!]}`, 44, false),
      ],
    },
  ];
}

export function conclusionsSection(ctx: Ctx, n: number): Content[] {
  const { t, model, lang } = ctx;
  return [
    heading(t.sections.conclusions, n),
    dataTable(
      [t.conclusions.criterion, t.conclusions.conclusion, t.conclusions.summary, t.conclusions.remarks],
      model.criteria.map((c) => [
        { text: `${c.criterion}. ${t.criteria[c.criterion]}`, bold: true },
        c.conclusion ? { text: t.criterionConclusions[c.conclusion] } : notAssessed(t),
        { text: summaryText(t, c.summary) || '—', fontSize: 7.5 },
        c.text.trim() ? writtenText(c.text, lang) : notAssessed(t),
      ]),
      [120, 85, 120, '*'],
    ),
    subheading(t.conclusions.deviationsTitle),
    dataTableOrNone(
      model.deviations,
      t.conclusions.noDeviations,
      [t.conclusions.item, t.scope.checklist, t.conclusions.answer, t.conclusions.note],
      (d) => [
        { text: `${d.prompt ? d.prompt[lang] : d.itemId} [${d.criteria.join(', ')}]` },
        { text: d.runTitle[lang] },
        { text: answerLabel(t, d.value) },
        { text: d.note || '—' },
      ],
      ['*', 120, 70, 120],
    ),
  ];
}
