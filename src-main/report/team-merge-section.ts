import type { Content, TableCell } from 'pdfmake/interfaces';
import { fieldLabel, fieldLabels } from '../contract/merge-fields';
import { valueInWords } from '../contract/merge-values';
import type { ReportLanguage } from '../contract/reports';
import type { TeamMergeModel } from '../contract/team-report';
import { dataTable, heading, keyValueTable, stamp, subheading, type Ctx } from './pdf-common';

/*
 * What a merged team report prints beyond an ordinary one (issue 12), in both PDFs: the field reports it merges,
 * who recorded each answer, risk, finding and control-plan measure, and every conflict between the validators with
 * the lead's decision, who made it, when and why. Its own module (and its own strings, beside the only code that
 * prints them) so the report's other sections stay untouched. Nothing is printed for an ordinary report.
 */

type Kind = TeamMergeModel['recorded'][number]['kind'];
type ConflictKind = TeamMergeModel['conflicts'][number]['kind'];
type Choice = NonNullable<TeamMergeModel['conflicts'][number]['resolution']>['choice'];

const en = {
  title: 'Team merge: who recorded what',
  conflictsTitle: 'Conflicts between the field reports and their resolution',
  intro: (n: number) =>
    `This report merges ${n} field report${n === 1 ? '' : 's'} sealed by the validators of the team, three-way against the handout they started from. Where validators agreed, each of them is named.`,
  fieldReports: 'Field reports merged',
  validator: 'Validator',
  bundle: 'Field report bundle',
  recordedBy: 'Recorded by',
  item: 'Item',
  kinds: { answer: 'Checklist answers', risk: 'Risks', finding: 'Findings', measure: 'Control-plan measures', other: 'Other records' } satisfies Record<Kind, string>,
  noneRecorded: 'The field reports changed nothing the handout held.',
  noConflicts: 'The field reports did not conflict.',
  conflictKinds: {
    hard: 'Same field, different values',
    soft: 'Different fields changed (merged, shown for information)',
    delete_edit: 'Removed by one validator, changed by another',
  } satisfies Record<ConflictKind, string>,
  subject: 'Record',
  field: 'Field',
  sides: 'What each validator recorded',
  decision: 'Decision',
  removed: 'removed it',
  changed: (fields: string) => `changed: ${fields}`,
  empty: 'no value',
  open: 'not decided',
  informational: 'merged, no decision needed',
  choices: {
    side: (name: string) => `Took ${name}'s value`,
    combined: () => 'Combined the values',
    value: () => 'Wrote a new value',
  } satisfies Record<Choice, (name: string) => string>,
  reason: 'Reason',
  decidedBy: (name: string, when: string) => `Decided by ${name}${when ? `, ${when}` : ''}`,
  cpIntro: 'This control plan comes from the merged field reports of the team: who recorded each measure and risk, then the conflicts between the reports with their resolution.',
};

const ru: typeof en = {
  title: 'Объединение отчётов группы: кто что зафиксировал',
  conflictsTitle: 'Расхождения между полевыми отчётами и их разрешение',
  intro: (n) =>
    `Отчёт объединяет полевые отчёты (${n}), запечатанные валидаторами группы, путём трёхстороннего сравнения с выданным им заданием. Где валидаторы зафиксировали одно и то же, указан каждый из них.`,
  fieldReports: 'Объединённые полевые отчёты',
  validator: 'Валидатор',
  bundle: 'Пакет полевого отчёта',
  recordedBy: 'Зафиксировал',
  item: 'Запись',
  kinds: { answer: 'Ответы контрольных перечней', risk: 'Риски', finding: 'Замечания', measure: 'Меры плана контроля', other: 'Прочие записи' },
  noneRecorded: 'Полевые отчёты не изменили ничего из выданного задания.',
  noConflicts: 'Расхождений между полевыми отчётами нет.',
  conflictKinds: {
    hard: 'Одно поле, разные значения',
    soft: 'Изменены разные поля (объединено, приводится для сведения)',
    delete_edit: 'Один валидатор удалил запись, другой изменил',
  },
  subject: 'Запись',
  field: 'Поле',
  sides: 'Что зафиксировал каждый валидатор',
  decision: 'Решение',
  removed: 'удалил запись',
  changed: (fields) => `изменил: ${fields}`,
  empty: 'нет значения',
  open: 'решение не принято',
  informational: 'объединено, решение не требуется',
  choices: {
    side: (name) => `Принято значение: ${name}`,
    combined: () => 'Значения объединены',
    value: () => 'Указано новое значение',
  },
  reason: 'Обоснование',
  decidedBy: (name, when) => `Решение принял(а) ${name}${when ? `, ${when}` : ''}`,
  cpIntro: 'План контроля составлен по объединённым полевым отчётам группы: кто зафиксировал каждую меру и риск, затем расхождения между отчётами и их разрешение.',
};

const strings: Record<ReportLanguage, typeof en> = { en, ru };

const small = (text: string): Content => ({ text, style: 'small' });

/** A checklist answer's value in the report's words ("Non-compliant"); other values as recorded. */
const words = (c: TeamMergeModel['conflicts'][number], value: string | null, lang: ReportLanguage) =>
  c.subject.kind === 'answer' ? valueInWords('answers', c.field, value, lang) : value;

/** Who recorded what, per kind of record; `kinds` limits it (the control plan prints its measures only). */
function recordedTables(ctx: Ctx, team: TeamMergeModel, kinds: readonly Kind[]): Content[] {
  const s = strings[ctx.lang];
  const out: Content[] = [];
  for (const kind of kinds) {
    const rows = team.recorded.filter((r) => r.kind === kind);
    if (rows.length === 0) continue;
    out.push(
      subheading(s.kinds[kind]),
      dataTable(
        ['', s.item, s.recordedBy],
        rows.map((r): TableCell[] => [{ text: r.ref, noWrap: true }, { text: r.label[ctx.lang] }, { text: r.names.join(', ') }]),
        [60, '*', 150],
      ),
    );
  }
  return out.length > 0 ? out : [{ text: s.noneRecorded, style: 'paragraph' }];
}

function sidesCell(ctx: Ctx, c: TeamMergeModel['conflicts'][number]): TableCell {
  const s = strings[ctx.lang];
  return {
    stack: c.sides.map((side) => {
      const what = side.deleted ? s.removed : c.kind === 'hard' ? (words(c, side.value, ctx.lang) ?? s.empty) : s.changed(fieldLabels(side.fields, ctx.lang));
      return { text: [{ text: `${side.name}: `, bold: true }, what], margin: [0, 0, 0, 2] };
    }),
  };
}

function decisionCell(ctx: Ctx, c: TeamMergeModel['conflicts'][number]): TableCell {
  const s = strings[ctx.lang];
  const r = c.resolution;
  if (!r) return c.kind === 'soft' ? small(s.informational) : { text: s.open, style: 'missing' };
  const when = r.at ? stamp(ctx, r.at) : '';
  return {
    stack: [
      { text: s.choices[r.choice](r.sideName ?? ''), bold: true },
      ...(r.value !== null ? [{ text: words(c, r.value, ctx.lang) ?? s.empty }] : []),
      { text: [{ text: `${s.reason}: `, italics: true }, r.reason] },
      ...(r.byName ? [small(s.decidedBy(r.byName, when))] : []),
    ],
  };
}

function conflictTable(ctx: Ctx, team: TeamMergeModel): Content {
  const s = strings[ctx.lang];
  if (team.conflicts.length === 0) return { text: s.noConflicts, style: 'paragraph' };
  return dataTable(
    [s.subject, s.sides, s.decision],
    team.conflicts.map((c): TableCell[] => [
      {
        stack: [
          // Answers and other records are named by their label; a risk, finding or measure by its ref too (R1).
          { text: c.subject.kind === 'answer' || c.subject.kind === 'other' ? c.subject.label[ctx.lang] : `${c.subject.ref} ${c.subject.label[ctx.lang]}` },
          small(c.field ? `${s.field}: ${fieldLabel(c.field, ctx.lang)}` : ''),
          small(s.conflictKinds[c.kind]),
        ],
      },
      sidesCell(ctx, c),
      decisionCell(ctx, c),
    ]),
    [150, '*', 170],
  );
}

function fieldReports(ctx: Ctx, team: TeamMergeModel): Content {
  const s = strings[ctx.lang];
  return keyValueTable(team.sides.map((side) => [side.name, { text: `${s.bundle} ${side.bundleId}`, style: 'small' }]));
}

/**
 * The section as either document prints it: its intro, the field reports (under their own heading in the report),
 * who recorded the records of `kinds`, then the conflicts with their decisions.
 */
function teamSection(ctx: Ctx, n: number, intro: (team: TeamMergeModel) => string, kinds: readonly Kind[], reportsHeading: boolean): Content[] {
  const team = ctx.model.teamMerge;
  if (!team) return [];
  const s = strings[ctx.lang];
  return [
    heading(s.title, n),
    { text: intro(team), style: 'paragraph' },
    ...(reportsHeading ? [subheading(s.fieldReports)] : []),
    fieldReports(ctx, team),
    ...recordedTables(ctx, team, kinds),
    subheading(s.conflictsTitle),
    conflictTable(ctx, team),
  ];
}

/** The validation report's section: field reports, who recorded each answer, risk and finding, and the conflicts. */
export const teamMergeSection = (ctx: Ctx, n: number): Content[] =>
  teamSection(ctx, n, (team) => strings[ctx.lang].intro(team.sides.length), ['answer', 'risk', 'finding', 'measure'], true);

/** The control plan's section: who recorded each measure, and the conflicts with their decisions. */
export const teamMergeControlPlanSection = (ctx: Ctx, n: number): Content[] =>
  teamSection(ctx, n, () => strings[ctx.lang].cpIntro, ['measure', 'risk'], false);
