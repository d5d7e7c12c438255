import type { Content, TableCell } from 'pdfmake/interfaces';
import type { ValidationStep } from '../contract/cases';
import type { AnswerRef, ReportModel } from '../contract/reports';
import { formatDate } from './i18n';
import {
  blockHeading,
  dataTable,
  gridTable,
  heading,
  riskLevelCell,
  notAssessed,
  subheading,
  TABLE_LAYOUT,
  textOr,
  type Ctx,
} from './pdf-common';
import { answerLabel } from './validation-report-opening';
import { orDash, written, writtenParagraphs, writtenText } from './free-text';

/*
 * The findings half of the validation report: risks, residual risks, findings, the recommendation and the
 * signatures. These are the sections that print "not assessed" or the "none" sentence depending on whether the
 * step that fills them is done, so that rule (emptyOr) lives here with them.
 */

const stepDone = (model: ReportModel, step: ValidationStep) =>
  model.case.steps.some((s) => s.step === step && (s.status === 'done' || s.status === 'skipped'));

/** An empty list prints "not assessed" while its step is open, and the "none" sentence once it is done. */
function emptyOr(ctx: Ctx, steps: ValidationStep[], noneText: string): Content {
  return steps.every((step) => stepDone(ctx.model, step)) ? { text: noneText, style: 'paragraph' } : notAssessed(ctx.t);
}

const answerRefText = (ctx: Ctx, ref: AnswerRef) =>
  `${ref.prompt ? ref.prompt[ctx.lang] : ref.itemId} (${ref.runTitle[ctx.lang]}): ${answerLabel(ctx.t, ref.value)}`;

export function risksSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  const rows = model.risks.map((r): TableCell[] => [
    { text: r.ref, bold: true },
    {
      stack: [
        { text: written(r.title, ctx.lang), bold: true },
        { text: [r.criterion ? `${r.criterion}. ${t.criteria[r.criterion]}` : '', r.siteName ? ` · ${r.siteName}` : ''].join(''), style: 'small' },
        ...(r.answers.length + r.evidenceRefs.length > 0
          ? [
              {
                text: `${t.risk.basis}: ${[...r.answers.map((a) => answerRefText(ctx, a)), ...r.evidenceRefs].join('; ')}`,
                style: 'tiny',
                color: '#555555',
              },
            ]
          : []),
      ],
    },
    {
      stack: [
        { text: [{ text: `${t.risk.asset}: `, bold: true }, ...orDash(r.criticalAsset, ctx.lang)] },
        { text: [{ text: `${t.risk.threat}: `, bold: true }, ...orDash(r.threat, ctx.lang)] },
        { text: [{ text: `${t.risk.vulnerability}: `, bold: true }, ...orDash(r.vulnerability, ctx.lang)] },
      ],
      fontSize: 7.5,
    },
    riskLevelCell(t, r.likelihood, r.consequence, r.inherent),
    {
      stack: [
        { text: orDash(r.controls, ctx.lang) },
        { text: [{ text: `${t.risk.testing}: `, bold: true }, ...orDash(r.controlTesting, ctx.lang)], margin: [0, 2, 0, 0] },
        { text: [{ text: `${t.risk.effectiveness}: `, bold: true }, t.effectiveness[r.controlsEffective]], margin: [0, 2, 0, 0] },
      ],
      fontSize: 7.5,
    },
  ]);
  const heat = (grid: string[][][]) => (l: number, c: number) => grid[l - 1]![c - 1]!.join(', ');
  const notRated = model.risks.filter((r) => r.residual === null).map((r) => r.ref);
  return [
    heading(t.sections.risks, n),
    model.risks.length === 0
      ? emptyOr(ctx, ['risk_assessment'], t.risk.noneIdentified)
      : dataTable(
          [t.risk.no, t.risk.risk, `${t.risk.asset} / ${t.risk.threat} / ${t.risk.vulnerability}`, t.risk.inherent, t.risk.controls],
          rows,
          [22, 120, 120, 58, '*'],
          { fontSize: 8 },
        ),
    {
      unbreakable: true,
      stack: [
        {
          columns: [
            gridTable(t, model.riskMatrix, t.risk.heatInherent, heat(model.heatMap.inherent)),
            gridTable(t, model.riskMatrix, t.risk.heatResidual, heat(model.heatMap.residual)),
          ],
          columnGap: 16,
          margin: [0, 8, 0, 4],
        },
        { text: t.risk.heatNote, style: 'small', color: '#555555' },
        ...(notRated.length > 0 && model.risks.length > 0
          ? [{ text: `${t.risk.residualNotRated}: ${notRated.join(', ')}`, style: 'small', color: '#8A6D3B' }]
          : []),
      ],
    },
  ];
}

export function residualSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  return [
    heading(t.sections.residual, n),
    model.risks.length === 0
      ? emptyOr(ctx, ['risk_assessment', 'residual_risk'], t.risk.noneIdentified)
      : dataTable(
          [t.risk.no, t.risk.risk, t.risk.inherent, t.risk.residual, t.risk.response, t.risk.responseNotes],
          model.risks.map((r): TableCell[] => [
            { text: r.ref, bold: true },
            writtenText(r.title, ctx.lang),
            riskLevelCell(t, r.likelihood, r.consequence, r.inherent),
            riskLevelCell(t, r.residualLikelihood, r.residualConsequence, r.residual),
            r.response ? { text: t.responses[r.response] } : notAssessed(t),
            r.residualReason && r.residual && r.residual.score > r.inherent.score
              ? { stack: [{ text: orDash(r.responseNotes, ctx.lang) }, { text: [`${t.risk.residualAbove}: `, ...written(r.residualReason, ctx.lang)], italics: true }] }
              : { text: orDash(r.responseNotes, ctx.lang) },
          ]),
          [22, '*', 60, 70, 80, 110],
        ),
  ];
}

export function findingsSection(ctx: Ctx, n: number): Content[] {
  const { t, model, lang } = ctx;
  return [
    heading(t.sections.findings, n),
    model.findings.length === 0
      ? emptyOr(ctx, ['conduct_validation', 'residual_risk'], t.finding.none)
      : {
          stack: [
            // A lead-in to the table, not content of its own: with a headline level, the heading is kept with the
            // table's first rows, not with this sentence alone (the page frame's heading rule).
            { text: t.finding.letterNote, style: 'paragraph', headlineLevel: 3 },
            dataTable(
              [t.finding.no, t.finding.description, t.finding.action, t.finding.owner, t.finding.deadline, t.finding.status, t.finding.links],
              model.findings.map((f): TableCell[] => [
                { text: f.ref, bold: true },
                writtenText(f.description, lang),
                f.requiredAction.trim() ? writtenText(f.requiredAction, lang) : notAssessed(t),
                textOr(t, f.owner),
                f.deadline ? { text: formatDate(f.deadline, lang) } : notAssessed(t),
                { text: t.findingStatus[f.status] },
                { text: [...f.riskRefs, ...f.evidenceRefs, ...f.answers.map((a) => a.prompt?.[lang] ?? a.itemId)].join(', ') || '—', style: 'small' },
              ]),
              [22, '*', 110, 70, 52, 50, 55],
              { fontSize: 8 },
            ),
          ],
        },
  ];
}

export function recommendationSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  const rec = model.recommendation;
  return [
    heading(t.sections.recommendation, n),
    {
      table: {
        widths: ['*'],
        body: [
          [
            rec.value
              ? { text: t.recommendations[rec.value], bold: true, fontSize: 13, color: '#1F3A5F', margin: [4, 6, 4, 6] }
              : { ...(notAssessed(t) as object), fontSize: 12, margin: [4, 6, 4, 6] },
          ],
        ],
      },
      layout: TABLE_LAYOUT,
      margin: [0, 0, 0, 8],
    } as Content,
    subheading(t.recommendation.reasoning),
    ...(rec.reasoning ? writtenParagraphs(rec.reasoning, ctx.lang) : [notAssessed(t)]),
  ];
}

export function signaturesSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  const people: [string, string][] = [
    [t.signatures.leadValidator, model.signatures.leadValidator],
    ...model.signatures.validators.map((name): [string, string] => [t.signatures.validator, name]),
    [t.signatures.teamLead, model.signatures.teamLead ?? ''],
  ];
  return [
    {
      unbreakable: true,
      stack: [
        blockHeading(t.sections.signatures, n),
        { text: t.signatures.intro, style: 'paragraph' },
        {
          table: {
            dontBreakRows: true,
            widths: [110, '*', 130, 80],
            body: [
              ['', '', t.signatures.signature, t.signatures.date].map((text) => ({ text, style: 'tableHeader' })),
              ...people.map(([role, name]): TableCell[] => [
                { text: role, style: 'muted' },
                { text: name || ' ', bold: true },
                { text: ' ', margin: [0, 14, 0, 0] },
                { text: ' ' },
              ]),
            ],
          },
          layout: TABLE_LAYOUT,
        },
      ],
    } as Content,
  ];
}
