import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportModel } from '../contract/reports';
import { accountManagerSection } from './control-plan-account-manager';
import { approvalSection, officialSection } from './official-sections';
import { numberedDocument, type DocumentOptions } from './numbered-document';
import { formatDate } from './i18n';
import { dataTable, dataTableOrNone, heading, keyValueTable, riskLevelCell, notAssessed, notSet, type Ctx } from './pdf-common';
import { teamMergeControlPlanSection } from './team-merge-section';
import { orDash, written } from './free-text';

/*
 * The control plan (step 9) as a pdfmake document definition: per residual risk the monitoring measure, its
 * frequency, the account manager, triggers and the customs response; the dated schedule up to the re-evaluation.
 */

function overview(ctx: Ctx, n: number): Content[] {
  const { t, model, lang } = ctx;
  const cp = model.controlPlan;
  return [
    heading(t.sections.cpOverview, n),
    keyValueTable([
      [t.operator.legalName, { text: model.operator.legalName, bold: true }],
      [t.operator.identificationNumber, { text: model.operator.identificationNumber }],
      [t.controlPlan.authorizationDate, cp.authorizationDate ? { text: formatDate(cp.authorizationDate, lang) } : notSet(t)],
      [t.controlPlan.maxPeriod, { text: t.months(cp.maxMonitoringMonths) }],
      [
        t.controlPlan.reevaluationDue,
        cp.reevaluationDue ? { text: formatDate(cp.reevaluationDue, lang), bold: true } : notSet(t),
      ],
      [
        t.controlPlan.partialAreas,
        cp.partialReevaluationAreas.length > 0 ? { ul: cp.partialReevaluationAreas } : { text: t.none },
      ],
    ]),
  ];
}

/** A measure's residual risk, printed as the risk tables print it (its rating from the register entry). */
function residualCell(ctx: Ctx, riskRef: string, residual: ReportModel['controlPlan']['measures'][number]['residual']): TableCell {
  const risk = ctx.model.risks.find((r) => r.ref === riskRef);
  return riskLevelCell(ctx.t, risk?.residualLikelihood ?? null, risk?.residualConsequence ?? null, residual);
}

function measures(ctx: Ctx, n: number): Content[] {
  const { t, model, lang } = ctx;
  const cp = model.controlPlan;
  const done = model.case.steps.some((s) => s.step === 'control_plan' && (s.status === 'done' || s.status === 'skipped'));
  // The measures table has seven columns: it gets landscape pages of its own, and the schedule after it turns back.
  return [
    cp.measures.length === 0
      ? heading(t.sections.cpMeasures, n)
      : ({ ...(heading(t.sections.cpMeasures, n) as object), pageBreak: 'before', pageOrientation: 'landscape' } as Content),
    cp.measures.length === 0
      ? done
        ? { text: t.controlPlan.noMeasures, style: 'paragraph' }
        : notAssessed(t)
      : dataTable(
          [
            t.controlPlan.risk,
            t.controlPlan.residualLevel,
            t.controlPlan.measure,
            t.controlPlan.frequency,
            t.controlPlan.accountManager,
            t.controlPlan.triggers,
            t.controlPlan.customsResponse,
          ],
          cp.measures.map((m): TableCell[] => [
            { stack: [{ text: m.riskRef, bold: true }, { text: m.riskTitle }] },
            residualCell(ctx, m.riskRef, m.residual),
            {
              stack: [
                { text: `${m.ref}. ${t.measures[m.measure]}`, bold: true },
                ...(m.description ? [{ text: written(m.description, ctx.lang), fontSize: 7.5 }] : []),
              ],
            },
            {
              text: [t.frequencies[m.frequency], m.startsOn ? `\n${t.controlPlan.startsOn} ${formatDate(m.startsOn, lang)}` : ''].join(''),
            },
            { text: m.accountManager },
            { text: orDash(m.triggers, ctx.lang) },
            { text: orDash(m.customsResponse, ctx.lang) },
          ]),
          [110, 62, 150, 80, 90, '*', '*'],
          { fontSize: 7.5 },
        ),
  ];
}

function schedule(ctx: Ctx, n: number): Content[] {
  const { t, model, lang } = ctx;
  const cp = model.controlPlan;
  return [
    model.controlPlan.measures.length === 0
      ? heading(t.sections.cpSchedule, n)
      : ({ ...(heading(t.sections.cpSchedule, n) as object), pageBreak: 'before', pageOrientation: 'portrait' } as Content),
    cp.schedule.length === 0
      ? { text: t.controlPlan.noSchedule, style: 'missing' }
      : dataTable(
          [t.controlPlan.date, t.controlPlan.what, t.controlPlan.risk, t.controlPlan.accountManager],
          cp.schedule.map((entry): TableCell[] =>
            entry.kind === 'reevaluation'
              ? [
                  { text: formatDate(entry.date, lang), bold: true },
                  { text: t.controlPlan.reevaluation, bold: true, colSpan: 3 },
                  {},
                  {},
                ]
              : [
                  { text: formatDate(entry.date, lang) },
                  { text: `${entry.measureRef ?? ''}. ${entry.measure ? t.measures[entry.measure] : ''}` },
                  { text: entry.riskRef ?? '—' },
                  { text: entry.accountManager ?? '—' },
                ],
          ),
          [70, '*', 60, 120],
        ),
  ];
}

function unmonitored(ctx: Ctx, n: number): Content[] {
  const { t, model } = ctx;
  const refs = new Set(model.controlPlan.unmonitoredRiskRefs);
  const risks = model.risks.filter((r) => refs.has(r.ref));
  return [
    heading(t.sections.cpUnmonitored, n),
    dataTableOrNone(
      risks,
      model.risks.length === 0 ? t.risk.noneIdentified : t.controlPlan.allMonitored,
      [t.risk.no, t.risk.risk, t.risk.residual, t.risk.response],
      (r): TableCell[] => [
        { text: r.ref, bold: true },
        { text: r.title },
        riskLevelCell(t, r.residualLikelihood, r.residualConsequence, r.residual),
        r.response ? { text: t.responses[r.response] } : notAssessed(t),
      ],
      [22, '*', 80, 120],
    ),
  ];
}

export type ControlPlanDocOptions = DocumentOptions;

export function controlPlanDoc(options: ControlPlanDocOptions): TDocumentDefinitions {
  const { model } = options;
  return numberedDocument(options, (t) => t.controlPlanTitle, [
    ...(model.official ? [officialSection] : []),
    overview,
    accountManagerSection,
    measures,
    schedule,
    unmonitored,
    ...(model.teamMerge ? [teamMergeControlPlanSection] : []),
    ...(model.official ? [approvalSection] : []),
  ]);
}
