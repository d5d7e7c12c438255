import type { Content, TableCell } from 'pdfmake/interfaces';
import { cycleStrings } from './cycle-i18n';
import { formatDate } from './i18n';
import { dataTableOrNone, heading, keyValueTable, type Ctx } from './pdf-common';

/*
 * The account manager section of the control plan (issue 13; seed 000, "Functions of the Account Manager"): who
 * manages the AEO for customs, and what they did under each of the five functions, oldest first.
 */

export function accountManagerSection(ctx: Ctx, n: number): Content[] {
  const { lang, model } = ctx;
  const s = cycleStrings[lang].accountManager;
  const functions = cycleStrings[lang].functions;
  const m = model.controlPlan.accountManager;
  if (!m) return [heading(s.title, n), { text: s.none, style: 'paragraph' }];
  const contact = [m.phone, m.email].filter((x) => x !== '').join(', ');
  return [
    heading(s.title, n),
    keyValueTable([
      [s.name, { text: m.name, bold: true }],
      ...(m.position ? [[s.position, { text: m.position }] as [string, Content]] : []),
      ...(contact ? [[s.contact, { text: contact }] as [string, Content]] : []),
      [s.assignedOn, { text: formatDate(m.assignedOn, lang) }],
    ]),
    { text: s.activities, style: 'h2' },
    dataTableOrNone(
      m.activities,
      s.noActivities,
      [s.date, s.function, s.note, s.recordedBy],
      (a): TableCell[] => [
        { text: formatDate(a.date, lang) },
        { text: functions[a.function] },
        { text: a.note || '—' },
        { text: a.managerName },
      ],
      [60, 150, '*', 90],
    ),
  ];
}
