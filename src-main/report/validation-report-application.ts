import type { Content, TableCell } from 'pdfmake/interfaces';
import { cycleStrings } from './cycle-i18n';
import { formatDate } from './i18n';
import { dataTableOrNone, heading, keyValueTable, notSet, type Ctx } from './pdf-common';

/*
 * The application section of the validation report (issue 13): when the application was received, its reference,
 * the AEO type applied for and the documents received with it; for a re-evaluation, the case it re-evaluates.
 * Printed for every case: what was not recorded reads "not set".
 */

export function applicationSection(ctx: Ctx, n: number): Content[] {
  const { t, lang, model } = ctx;
  const s = cycleStrings[lang];
  const a = model.application;
  const link = a?.reevaluationOf;
  return [
    heading(s.application.title, n),
    keyValueTable([
      [s.application.receivedOn, a?.receivedOn ? { text: formatDate(a.receivedOn, lang) } : notSet(t)],
      [s.application.reference, a?.reference ? { text: a.reference } : notSet(t)],
      [s.application.profile, { text: s.aeoTypes[a?.profile ?? model.case.aeoType], bold: true }],
      ...(link
        ? ([
            [s.application.reevaluationOf, { text: `${link.caseNumber} · ${s.scopes[link.scope]}` }],
            ...(link.areas.length > 0 ? [[s.application.areas, { ul: link.areas }] as [string, Content]] : []),
          ] as [string, Content][])
        : []),
    ]),
    { text: s.application.documents, style: 'h2' },
    dataTableOrNone(
      a?.documents ?? [],
      s.application.noDocuments,
      [s.application.document, s.application.received],
      (d): TableCell[] => [
        { text: d.title ? `${s.documentKinds[d.kind]}: ${d.title}` : s.documentKinds[d.kind] },
        { text: formatDate(d.receivedOn, lang) },
      ],
      ['*', 90],
    ),
  ];
}
