import type { Content, TableCell } from 'pdfmake/interfaces';
import type { AnswerRef, ModelCitations, ReportLanguage } from '../contract/reports';
import { terms } from '../contract/glossary';
import { formatDate } from './i18n';
import { dataTable, subheading, type Ctx } from './pdf-common';
import { answerLabel } from './validation-report-opening';

/*
 * What each criterion conclusion rests on (issue 13): the answers, risks, findings, interviews and evidence the
 * validator cited for it in the assessment, printed under the conclusions as references (R1, F2, E3 are the
 * register, findings and evidence annex numbers; answers are quoted with their checklist).
 */

const en = {
  title: 'What each conclusion rests on',
  criterion: 'Criterion',
  references: 'References',
  answers: 'Checklist answers',
  risks: 'Risks',
  findings: 'Findings',
  interviews: 'Interviews',
  evidence: terms.evidence.en,
  nothing: 'nothing cited',
};

const ru: typeof en = {
  title: 'На чём основаны выводы',
  criterion: 'Критерий',
  references: 'Ссылки',
  answers: 'Ответы по контрольным перечням',
  risks: 'Риски',
  findings: 'Замечания',
  interviews: 'Интервью',
  evidence: terms.evidence.ru,
  nothing: 'ссылок нет',
};

export const citationStrings: Record<ReportLanguage, typeof en> = { en, ru };

const answerText = (ctx: Ctx, ref: AnswerRef) =>
  `${ref.prompt ? ref.prompt[ctx.lang] : ref.itemId} (${ref.runTitle[ctx.lang]}): ${answerLabel(ctx.t, ref.value)}`;

/** One line per kind cited, "Risks: R1, R3"; answers one per line under their label. */
function referenceLines(ctx: Ctx, cites: ModelCitations): Content[] {
  const s = citationStrings[ctx.lang];
  const line = (label: string, values: string[]): Content[] =>
    values.length === 0 ? [] : [{ text: [{ text: `${label}: `, bold: true }, values.join(', ')] }];
  return [
    ...(cites.answers.length > 0
      ? [{ text: `${s.answers}:`, bold: true } as Content, { ul: cites.answers.map((a) => answerText(ctx, a)), margin: [0, 0, 0, 2] } as Content]
      : []),
    ...line(s.risks, cites.riskRefs),
    ...line(s.findings, cites.findingRefs),
    ...line(
      s.interviews,
      cites.interviews.map((i) => [i.person, i.role, i.date ? formatDate(i.date, ctx.lang) : ''].filter(Boolean).join(', ')),
    ),
    ...line(s.evidence, cites.evidenceRefs),
  ];
}

/** The references table under the conclusions: every concluded or citing criterion; nothing when none is. */
export function citationsBlock(ctx: Ctx): Content[] {
  const s = citationStrings[ctx.lang];
  const rows = ctx.model.criteria
    .filter((c) => c.conclusion !== null || c.cites)
    .map((c): TableCell[] => [
      { text: `${c.criterion}. ${ctx.t.criteria[c.criterion]}`, bold: true },
      c.cites ? { stack: referenceLines(ctx, c.cites) } : { text: s.nothing, style: 'muted' },
    ]);
  if (rows.length === 0) return [];
  return [subheading(s.title), dataTable([s.criterion, s.references], rows, [150, '*'], { fontSize: 8 })];
}
