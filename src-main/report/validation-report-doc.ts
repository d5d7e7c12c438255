import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ComplianceSummary } from '../contract/assessment';
import type { ValidationStep } from '../contract/cases';
import type { AnswerRef, ModelEvidence, ReportLanguage, ReportModel } from '../contract/reports';
import { formatDate, formatTimestamp, type ReportStrings } from './i18n';
import {
  contextFor,
  cover,
  dataTable,
  frame,
  gridTable,
  heading,
  keyValueTable,
  levelCell,
  notAssessed,
  paragraphs,
  subheading,
  TABLE_LAYOUT,
  textOr,
  type Ctx,
  type DocMeta,
} from './pdf-common';

/*
 * The validation report (step 8) as a pdfmake document definition, from a frozen report model. Every section the
 * issue names is present even for an unfinished case: missing data prints as "not assessed".
 */

/** What the PDF worker prepared for each evidence file: a downscaled JPEG, or why there is none. */
export type EvidenceImage =
  | { status: 'ok'; dataUrl: string; width: number; height: number }
  | { status: 'missing' | 'altered' | 'document' };

export type ReportImages = Readonly<Record<string, EvidenceImage>>;

export const THUMB_BOX = { width: 170, height: 128 } as const;

const stepDone = (model: ReportModel, step: ValidationStep) =>
  model.case.steps.some((s) => s.step === step && (s.status === 'done' || s.status === 'skipped'));

/** An empty list prints "not assessed" while its step is open, and the "none" sentence once it is done. */
function emptyOr(ctx: Ctx, steps: ValidationStep[], noneText: string): Content {
  return steps.every((step) => stepDone(ctx.model, step)) ? { text: noneText, style: 'paragraph' } : notAssessed(ctx.t);
}

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
    .map(([key, n]) => `${n} ${t.summaryParts[key]}`);
  const items = s.items > 0 ? `${t.conclusions.items(s.items)}: ${parts.join(', ')}` : '';
  const risks = s.risks > 0 ? t.conclusions.risks(s.risks) : '';
  return [items, risks].filter(Boolean).join('; ');
}

const answerLabel = (t: ReportStrings, value: string | null) =>
  value === null ? t.notAssessed : ((t.answerValues as Record<string, string>)[value] ?? value);

const answerRefText = (ctx: Ctx, ref: AnswerRef) =>
  `${ref.prompt ? ref.prompt[ctx.lang] : ref.itemId} (${ref.runTitle[ctx.lang]}): ${answerLabel(ctx.t, ref.value)}`;

function operatorSection(ctx: Ctx, n: number): Content[] {
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

function scopeSection(ctx: Ctx, n: number): Content[] {
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
      model.case.steps.map((s, i) => [{ text: `${i + 1}. ${t.steps[s.step]}` }, { text: t.stepStatus[s.status] }]),
      ['*', 120],
    ),
    subheading(t.scope.sites),
    plan.sites.length === 0
      ? { text: t.scope.noSites, style: 'paragraph' }
      : dataTable(
          [t.scope.site, t.scope.kind, t.scope.visitDates, t.scope.visited],
          plan.sites.map((s) => [
            { stack: [{ text: s.name, bold: true }, ...(s.address ? [{ text: s.address, style: 'small' }] : [])] },
            { text: t.siteKinds[s.kind] },
            { text: s.visitDates.map((d) => formatDate(d, lang)).join(', ') || '—' },
            { text: s.visited ? t.yes : t.no },
          ]),
          ['*', 90, 110, 50],
        ),
    subheading(t.scope.interviews),
    plan.interviews.length === 0
      ? { text: t.scope.noInterviews, style: 'paragraph' }
      : dataTable(
          [t.scope.person, t.scope.role, t.scope.topics, t.scope.date, t.scope.held],
          plan.interviews.map((i) => [
            { text: i.person },
            { text: i.role || '—' },
            { text: i.topics.join('; ') || '—' },
            { text: i.date ? formatDate(i.date, lang) : '—' },
            { text: i.held ? t.yes : t.no },
          ]),
          [100, 90, '*', 60, 45],
        ),
    subheading(t.scope.checklists),
    plan.runs.length === 0
      ? { text: t.scope.noRuns, style: 'paragraph' }
      : dataTable(
          [t.scope.checklist, t.scope.site, t.scope.answered, t.scope.deviations],
          plan.runs.map((r) => [
            { stack: [{ text: r.title[lang] }, ...(r.label ? [{ text: r.label, style: 'small' }] : [])] },
            { text: r.siteName ?? '—' },
            { text: `${r.answered} / ${r.items}` },
            { text: String(r.nonCompliant + r.partiallyCompliant) },
          ]),
          ['*', 120, 60, 60],
        ),
  ];
}

function methodSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  return [
    heading(t.sections.method, n),
    ...(model.method ? paragraphs(model.method) : t.method.standard.map((text) => ({ text, style: 'paragraph' }))),
    subheading(t.method.matrix),
    gridTable(t, model.riskMatrix, '', (l, c) => `${l * c}\n${t.riskLevels[model.riskMatrix[l - 1]![c - 1]!]}`, 44),
  ];
}

function conclusionsSection(ctx: Ctx, n: number): Content[] {
  const { t, model, lang } = ctx;
  return [
    heading(t.sections.conclusions, n),
    dataTable(
      [t.conclusions.criterion, t.conclusions.conclusion, t.conclusions.summary, t.conclusions.remarks],
      model.criteria.map((c) => [
        { text: `${c.criterion}. ${t.criteria[c.criterion]}`, bold: true },
        c.conclusion ? { text: t.criterionConclusions[c.conclusion] } : notAssessed(t),
        { text: summaryText(t, c.summary) || '—', fontSize: 7.5 },
        textOr(t, c.text),
      ]),
      [120, 85, 120, '*'],
    ),
    subheading(t.conclusions.deviationsTitle),
    model.deviations.length === 0
      ? { text: t.conclusions.noDeviations, style: 'paragraph' }
      : dataTable(
          [t.conclusions.item, t.scope.checklist, t.conclusions.answer, t.conclusions.note],
          model.deviations.map((d) => [
            { text: `${d.prompt ? d.prompt[lang] : d.itemId} [${d.criteria.join(', ')}]` },
            { text: d.runTitle[lang] },
            { text: answerLabel(t, d.value) },
            { text: d.note || '—' },
          ]),
          ['*', 120, 70, 120],
        ),
  ];
}

function risksSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  const rows = model.risks.map((r): TableCell[] => [
    { text: r.ref, bold: true },
    {
      stack: [
        { text: r.title, bold: true },
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
        { text: [{ text: `${t.risk.asset}: `, bold: true }, r.criticalAsset || '—'] },
        { text: [{ text: `${t.risk.threat}: `, bold: true }, r.threat || '—'] },
        { text: [{ text: `${t.risk.vulnerability}: `, bold: true }, r.vulnerability || '—'] },
      ],
      fontSize: 7.5,
    },
    levelCell(t, r.inherent.level, `${r.likelihood} × ${r.consequence} = ${r.inherent.score}\n`),
    {
      stack: [
        { text: r.controls || '—' },
        { text: [{ text: `${t.risk.testing}: `, bold: true }, r.controlTesting || '—'], margin: [0, 2, 0, 0] },
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

function residualSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  return [
    heading(t.sections.residual, n),
    model.risks.length === 0
      ? emptyOr(ctx, ['risk_assessment', 'residual_risk'], t.risk.noneIdentified)
      : dataTable(
          [t.risk.no, t.risk.risk, t.risk.inherent, t.risk.residual, t.risk.response, t.risk.responseNotes],
          model.risks.map((r): TableCell[] => [
            { text: r.ref, bold: true },
            { text: r.title },
            levelCell(t, r.inherent.level, `${r.inherent.score} · `),
            r.residual
              ? levelCell(t, r.residual.level, `${r.residualLikelihood} × ${r.residualConsequence} = ${r.residual.score}\n`)
              : notAssessed(t),
            r.response ? { text: t.responses[r.response] } : notAssessed(t),
            { text: r.responseNotes || '—' },
          ]),
          [22, '*', 60, 70, 80, 110],
        ),
  ];
}

function findingsSection(ctx: Ctx, n: number): Content[] {
  const { t, model, lang } = ctx;
  return [
    heading(t.sections.findings, n),
    model.findings.length === 0
      ? emptyOr(ctx, ['conduct_validation', 'residual_risk'], t.finding.none)
      : {
          stack: [
            { text: t.finding.letterNote, style: 'paragraph' },
            dataTable(
              [t.finding.no, t.finding.description, t.finding.action, t.finding.owner, t.finding.deadline, t.finding.status, t.finding.links],
              model.findings.map((f): TableCell[] => [
                { text: f.ref, bold: true },
                { text: f.description },
                textOr(t, f.requiredAction),
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

function recommendationSection(ctx: Ctx, n: number): Content[] {
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
    ...(rec.reasoning ? paragraphs(rec.reasoning) : [notAssessed(t)]),
  ];
}

function signaturesSection(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  const people: [string, string][] = [
    [t.signatures.leadValidator, model.signatures.leadValidator],
    ...model.signatures.validators.map((name): [string, string] => [t.signatures.validator, name]),
    [t.signatures.teamLead, model.signatures.teamLead ?? ''],
  ];
  return [
    heading(t.sections.signatures, n),
    {
      unbreakable: true,
      stack: [
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

/** One annex entry: the downscaled photo (or a placeholder box naming the hash) beside its details. */
function annexEntry(ctx: Ctx, e: ModelEvidence, image: EvidenceImage | undefined): TableCell[] {
  const { t, lang } = ctx;
  let visual: TableCell;
  if (image?.status === 'ok') {
    visual = { image: image.dataUrl, fit: [THUMB_BOX.width, THUMB_BOX.height], alignment: 'center' };
  } else {
    const reason =
      image?.status === 'document' ? t.annex.document : image?.status === 'altered' ? t.annex.altered : t.annex.missing;
    visual = {
      table: {
        widths: [THUMB_BOX.width - 10],
        heights: [THUMB_BOX.height - 10],
        body: [
          [
            {
              stack: [
                { text: reason, bold: true, fontSize: 8, color: image?.status === 'document' ? '#555555' : '#A94442' },
                { text: e.originalName, fontSize: 7, margin: [0, 4, 0, 0] },
                { text: `SHA-256 ${e.sha256}`, style: 'mono', margin: [0, 4, 0, 0] },
              ],
              fillColor: '#F4F4F4',
              margin: [2, 30, 2, 0],
            },
          ],
        ],
      },
      layout: TABLE_LAYOUT,
    };
  }
  const where = e.itemPrompt && e.runTitle ? `${e.itemPrompt[lang]} (${e.runTitle[lang]})` : e.runTitle?.[lang] ?? null;
  return [
    visual,
    {
      stack: [
        { text: `${e.ref}. ${e.caption || e.originalName}`, bold: true, margin: [0, 0, 0, 3] },
        {
          table: {
            widths: [80, '*'],
            body: [
              [{ text: t.annex.file, style: 'muted' }, { text: `${e.originalName} (${e.mediaType})` }],
              [{ text: t.annex.captured, style: 'muted' }, { text: formatTimestamp(e.capturedAt, lang) }],
              [{ text: t.annex.effective, style: 'muted' }, e.effectiveDate ? { text: formatDate(e.effectiveDate, lang) } : { text: '—' }],
              ...(where ? [[{ text: t.annex.item, style: 'muted' }, { text: where }]] : []),
              [{ text: t.annex.sha256, style: 'muted' }, { text: e.sha256, style: 'mono' }],
            ],
          },
          layout: 'noBorders',
          fontSize: 8,
        },
      ],
    },
  ];
}

function annexSection(ctx: Ctx, n: number, images: ReportImages): Content[] {
  const { t, model } = ctx;
  return [
    { ...(heading(t.sections.annex, n) as object), pageBreak: 'before' } as Content,
    model.evidence.length === 0
      ? { text: t.annex.none, style: 'paragraph' }
      : {
          table: {
            dontBreakRows: true,
            widths: [THUMB_BOX.width + 4, '*'],
            body: model.evidence.map((e) => annexEntry(ctx, e, images[e.id])),
          },
          layout: {
            hLineWidth: () => 0.5,
            vLineWidth: () => 0,
            hLineColor: () => '#B8C2CC',
            paddingTop: () => 6,
            paddingBottom: () => 6,
          },
        },
  ];
}

function auditSection(ctx: Ctx, n: number): Content[] {
  const { t, model, lang } = ctx;
  const a = model.audit;
  return [
    heading(t.sections.audit, n),
    keyValueTable([
      [t.audit.rows, { text: String(a.rows) }],
      [t.audit.chain, { text: a.ok ? t.audit.intact : t.audit.broken, bold: !a.ok, color: a.ok ? '#2E7D32' : '#A94442' }],
      [t.audit.head, { text: a.headHash, style: 'mono', fontSize: 8 }],
      [t.audit.caseEntries, { text: String(a.caseEntries) }],
      [
        t.audit.span,
        a.firstAt && a.lastAt
          ? { text: `${formatTimestamp(a.firstAt, lang)} – ${formatTimestamp(a.lastAt, lang)}` }
          : notAssessed(t),
      ],
    ]),
    { text: t.audit.note, style: 'small', color: '#555555' },
  ];
}

export type ReportDocOptions = {
  model: ReportModel;
  lang: ReportLanguage;
  meta: DocMeta;
  images: ReportImages;
  onPageCount?: (pages: number) => void;
};

export function validationReportDoc({ model, lang, meta, images, onPageCount }: ReportDocOptions): TDocumentDefinitions {
  const ctx = contextFor(model, lang);
  const { t } = ctx;
  const sections: ((n: number) => Content[])[] = [
    (n) => operatorSection(ctx, n),
    (n) => scopeSection(ctx, n),
    (n) => methodSection(ctx, n),
    (n) => conclusionsSection(ctx, n),
    (n) => [heading(t.sections.matters, n), ...(model.mattersOfSignificance ? paragraphs(model.mattersOfSignificance) : [notAssessed(t)])],
    (n) => risksSection(ctx, n),
    (n) => residualSection(ctx, n),
    (n) => findingsSection(ctx, n),
    (n) => recommendationSection(ctx, n),
    (n) => signaturesSection(ctx, n),
    (n) => annexSection(ctx, n, images),
    (n) => auditSection(ctx, n),
  ];
  const body = sections.flatMap((section, i) => section(i + 1));
  // The first section starts on page 2, after the cover and contents.
  (body[0] as { pageBreak?: string }).pageBreak = 'before';
  return frame({
    ctx,
    meta,
    documentTitle: t.reportTitle,
    content: [...cover(ctx, meta, t.reportTitle), ...body],
    onPageCount,
  });
}

