import type { Content, TableCell } from 'pdfmake/interfaces';
import type { ModelChecklist, ReportLanguage } from '../contract/reports';
import { terms } from '../contract/glossary';
import { formatDate } from './i18n';
import { dataTable, dataTableOrNone, heading, keyValueTable, stamp, subheading, type Ctx } from './pdf-common';
import { answerLabel } from './validation-report-opening';
import { labelledText, orDash } from './free-text';

/*
 * The record annexes of the validation report (issue 13): the filled checklists (every item with its answer, note
 * and evidence, not only the deviations), the CTPAT inspection records (container or trailer, seal, inspector,
 * date and time, areas inspected), the documents examined, and the interview minutes. Each is its own numbered
 * section after the evidence annex.
 */

const en = {
  checklists: 'Annex: filled checklists',
  noChecklists: 'No checklist was run.',
  details: 'Details',
  no: 'No.',
  item: 'Item',
  answer: 'Answer',
  note: 'Note',
  evidence: terms.evidence.en,
  unanswered: 'not answered',
  yes: 'Yes',
  no_: 'No',
  site: 'Site',
  inspections: 'Annex: CTPAT inspection records',
  noInspections: 'No CTPAT container or tractor/trailer inspection was recorded.',
  inspection: 'Inspection',
  unit: 'Container / trailer',
  seal: 'Seal',
  inspector: 'Inspector',
  when: 'Date and time',
  areas: 'Areas inspected',
  documents: 'Annex: documents examined',
  noDocuments: 'No document was attached.',
  document: 'Document',
  effective: 'Dated',
  attached: 'Attached by',
  where: 'Checklist item',
  minutes: 'Annex: interview minutes',
  noMinutes: 'No interview minutes were recorded.',
  date: 'Date',
  held: 'Held',
  notHeld: 'not held',
  present: 'Present',
  topics: 'Topics',
  answers: 'Answers',
  followUps: 'Follow-ups',
};

const ru: typeof en = {
  checklists: 'Приложение. Заполненные контрольные перечни',
  noChecklists: 'Проверки по контрольным перечням не проводились.',
  details: 'Сведения',
  no: '№',
  item: 'Пункт',
  answer: 'Ответ',
  note: 'Примечание',
  evidence: terms.evidence.ru,
  unanswered: 'нет ответа',
  yes: 'Да',
  no_: 'Нет',
  site: 'Объект',
  inspections: 'Приложение. Записи досмотров CTPAT',
  noInspections: 'Досмотры контейнеров и тягачей с прицепами по CTPAT не записывались.',
  inspection: 'Досмотр',
  unit: 'Контейнер / прицеп',
  seal: 'Пломба',
  inspector: 'Проверяющий',
  when: 'Дата и время',
  areas: 'Осмотренные зоны',
  documents: 'Приложение. Изученные документы',
  noDocuments: 'Документы не приложены.',
  document: 'Документ',
  effective: 'Дата документа',
  attached: 'Приложил',
  where: 'Пункт контрольного перечня',
  minutes: 'Приложение. Протоколы интервью',
  noMinutes: 'Протоколы интервью не составлялись.',
  date: 'Дата',
  held: 'Проведено',
  notHeld: 'не проведено',
  present: 'Присутствовали',
  topics: 'Темы',
  answers: 'Ответы',
  followUps: 'Последующие действия',
};

export const recordStrings: Record<ReportLanguage, typeof en> = { en, ru };

const runName = (ctx: Ctx, run: ModelChecklist) => [run.title[ctx.lang], run.label].filter(Boolean).join(' — ');

function valueText(ctx: Ctx, value: string | null): TableCell {
  const s = recordStrings[ctx.lang];
  if (value === null) return { text: s.unanswered, style: 'muted' };
  if (value === 'true') return { text: s.yes };
  if (value === 'false') return { text: s.no_ };
  return { text: answerLabel(ctx.t, value) };
}

export function checklistsAnnex(ctx: Ctx, n: number): Content[] {
  const s = recordStrings[ctx.lang];
  const runs = ctx.model.checklists ?? [];
  if (runs.length === 0) return [heading(s.checklists, n), { text: s.noChecklists, style: 'paragraph' }];
  return [
    { ...(heading(s.checklists, n) as object), pageBreak: 'before' } as Content,
    ...runs.flatMap((run): Content[] => [
      subheading(runName(ctx, run)),
      ...(run.siteName || run.metadata.length > 0
        ? [
            keyValueTable([
              ...(run.siteName ? [[s.site, { text: run.siteName }] as [string, Content]] : []),
              ...run.metadata.map((m): [string, Content] => [m.label[ctx.lang], { text: m.value[ctx.lang] }]),
            ]),
          ]
        : []),
      dataTable(
        [s.no, s.item, s.answer, s.note, s.evidence],
        run.sections.flatMap((section): TableCell[][] => [
          [{ text: section.title[ctx.lang], bold: true, colSpan: 5, fillColor: '#F4F6F8' }, {}, {}, {}, {}],
          ...section.items.map((item): TableCell[] => [
            { text: item.number },
            { text: item.prompt[ctx.lang] },
            valueText(ctx, item.value),
            { text: orDash(item.note, ctx.lang) },
            { text: item.evidenceRefs.join(', ') || '—' },
          ]),
        ]),
        [24, '*', 70, 120, 44],
        { fontSize: 7.5 },
      ),
    ]),
  ];
}

const isInspection = (run: ModelChecklist) => run.templateId.startsWith('ctpat-');

export function inspectionsAnnex(ctx: Ctx, n: number): Content[] {
  const s = recordStrings[ctx.lang];
  const runs = (ctx.model.checklists ?? []).filter(isInspection);
  const meta = (run: ModelChecklist, id: string) => run.metadata.find((m) => m.id === id)?.value[ctx.lang] ?? '';
  const item = (run: ModelChecklist, id: string) => run.sections.flatMap((x) => x.items).find((i) => i.itemId === id)?.value ?? '';
  return [
    heading(s.inspections, n),
    dataTableOrNone(
      runs,
      s.noInspections,
      [s.inspection, s.unit, s.seal, s.inspector, s.when, s.areas],
      (run): TableCell[] => {
        const date = meta(run, 'inspection_date');
        return [
          { stack: [{ text: run.title[ctx.lang], bold: true }, ...(run.siteName ? [{ text: run.siteName, style: 'small' }] : [])] },
          { text: [meta(run, 'container_number'), meta(run, 'trailer_number'), meta(run, 'tractor_number')].filter(Boolean).join(' / ') || '—' },
          { text: item(run, 'seal-number') || '—' },
          { text: [meta(run, 'inspector'), meta(run, 'supervisor')].filter(Boolean).join('; ') || '—' },
          { text: [date ? formatDate(date, ctx.lang) : '', meta(run, 'inspection_time')].filter(Boolean).join(' ') || '—' },
          { text: meta(run, 'areas_inspected') || '—' },
        ];
      },
      [95, 80, 60, 80, 60, '*'],
      { fontSize: 7.5 },
    ),
  ];
}

export function documentsAnnex(ctx: Ctx, n: number): Content[] {
  const s = recordStrings[ctx.lang];
  const documents = ctx.model.evidence.filter((e) => e.kind === 'document');
  return [
    heading(s.documents, n),
    dataTableOrNone(
      documents,
      s.noDocuments,
      [s.no, s.document, s.effective, s.attached, s.where],
      (e): TableCell[] => [
        { text: e.ref, bold: true },
        { stack: [{ text: e.caption || e.originalName }, ...(e.caption ? [{ text: e.originalName, style: 'small' }] : [])] },
        { text: e.effectiveDate ? formatDate(e.effectiveDate, ctx.lang) : '—' },
        { text: `${e.attachedByName}, ${stamp(ctx, e.capturedAt)}` },
        { text: e.itemPrompt ? `${e.itemPrompt[ctx.lang]} (${e.runTitle?.[ctx.lang] ?? ''})` : '—' },
      ],
      [24, '*', 55, 110, 130],
      { fontSize: 7.5 },
    ),
  ];
}

export function minutesAnnex(ctx: Ctx, n: number): Content[] {
  const s = recordStrings[ctx.lang];
  const minutes = ctx.model.stepContent?.minutes ?? [];
  const planned = ctx.model.plan.interviews;
  return [
    heading(s.minutes, n),
    ...(minutes.length === 0
      ? [{ text: s.noMinutes, style: 'paragraph' } as Content]
      : minutes.flatMap((m): Content[] => {
          const interview = planned.find((i) => i.person === m.person && i.role === m.role);
          const when = interview?.date ? formatDate(interview.date, ctx.lang) : '—';
          return [
            subheading(m.role ? `${m.person} (${m.role})` : m.person),
            keyValueTable([
              [s.date, { text: when }],
              [s.held, { text: interview?.held ? s.yes : s.notHeld }],
              ...(m.present.length > 0 ? [[s.present, { text: m.present.join(', ') }] as [string, Content]] : []),
            ]),
            ...labelledText(s.topics, m.topics, ctx.lang),
            ...labelledText(s.answers, m.answers, ctx.lang),
            ...labelledText(s.followUps, m.followUps, ctx.lang),
          ];
        })),
  ];
}
