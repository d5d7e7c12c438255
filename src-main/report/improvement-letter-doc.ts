import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { AuthorizationDecision } from '../contract/certification';
import type { ReportLanguage } from '../contract/reports';
import { cycleStrings } from './cycle-i18n';
import { formatDate } from './i18n';
import { orDash, writtenParagraphs, writtenText } from './free-text';
import { officialStrings } from './i18n-official';
import { FONT_FAMILY, INK, TABLE_LAYOUT, styles } from './pdf-common';

/*
 * The improvement-actions letter to the operator (seed 000, "AEO Certification Documentation": a letter detailing
 * any necessary improvement actions, made and signed separately from the certificate). One or two pages: the
 * decision, the conditions of a conditional grant, and one row per finding that requires an action, from the
 * sealed report version the decision rests on. Pure: a document definition from plain data.
 */

export type LetterAction = {
  ref: string;
  description: string;
  requiredAction: string;
  owner: string;
  deadline: string | null;
};

export type LetterData = {
  /** The issuing customs authority in the letter's language (its letterhead); null when none is set. */
  authority: { name: string; address: string; registrationNumber: string | null } | null;
  caseNumber: string;
  reportVersion: number;
  operator: { legalName: string; identificationNumber: string; address: string; contactPerson: string };
  decision: AuthorizationDecision;
  decidedOn: string;
  certificateNumber: string;
  registerEntry: string;
  conditions: string;
  actions: LetterAction[];
  accountManager: { name: string; position: string; phone: string; email: string } | null;
  leadValidator: string;
  teamLead: string | null;
};

export function improvementLetterDoc(data: LetterData, lang: ReportLanguage, onPageCount?: (pages: number) => void): TDocumentDefinitions {
  const s = cycleStrings[lang];
  const l = s.letter;
  const date = (d: string | null) => (d ? formatDate(d, lang) : l.notSet);
  const facts: [string, string][] = [
    [l.decision, s.decisions[data.decision]],
    [l.decidedOn, date(data.decidedOn)],
    ...(data.certificateNumber ? [[l.certificate, data.certificateNumber] as [string, string]] : []),
    ...(data.registerEntry ? [[l.register, data.registerEntry] as [string, string]] : []),
  ];
  const manager = data.accountManager;
  const authority = data.authority;
  const content: Content[] = [
    // The letterhead: the letter is the authority's, so it names the authority that writes it.
    ...(authority
      ? [
          {
            stack: [
              { text: authority.name, bold: true, fontSize: 11, color: INK.heading },
              ...(authority.address ? [{ text: authority.address, fontSize: 8.5, color: INK.muted }] : []),
              ...(authority.registrationNumber ? [{ text: `${officialStrings[lang].registrationNumber}: ${authority.registrationNumber}`, fontSize: 8.5, margin: [0, 2, 0, 0] }] : []),
            ],
            margin: [0, 0, 0, 16],
          } as Content,
        ]
      : []),
    { text: l.title, style: 'title', margin: [0, 0, 0, 4] },
    { text: l.subject(data.caseNumber), bold: true, margin: [0, 0, 0, 12] },
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: l.to, style: 'muted', fontSize: 8 },
            { text: data.operator.legalName, bold: true },
            ...(data.operator.address ? [{ text: data.operator.address }] : []),
            { text: `${l.identification}: ${data.operator.identificationNumber}`, fontSize: 8.5 },
          ],
        },
        { width: 140, stack: [{ text: l.date, style: 'muted', fontSize: 8 }, { text: date(data.decidedOn), bold: true }], alignment: 'right' },
      ],
      margin: [0, 0, 0, 14],
    },
    // The contact is often kept as "name, position"; a salutation names the person only.
    { text: l.dear(data.operator.contactPerson.split(',')[0]!.trim()), style: 'paragraph' },
    { text: l.decisionLine, style: 'paragraph' },
    {
      table: { widths: [150, '*'], body: facts.map(([k, v]): TableCell[] => [{ text: k, style: 'muted' }, { text: v, bold: true }]) },
      layout: TABLE_LAYOUT,
      margin: [0, 2, 0, 10],
    },
    ...(data.decision === 'granted_with_conditions' && data.conditions
      ? [{ text: l.conditions, style: 'h2' } as Content, ...writtenParagraphs(data.conditions, lang)]
      : []),
    { text: s.letter.title, style: 'h2' },
    data.actions.length === 0
      ? { text: l.noActions, style: 'paragraph' }
      : {
          stack: [
            { text: l.actionsIntro, style: 'paragraph' },
            {
              table: {
                headerRows: 1,
                dontBreakRows: true,
                widths: [24, '*', '*', 80, 58],
                body: [
                  [l.no, l.finding, l.action, l.owner, l.deadline].map((text): TableCell => ({ text, style: 'tableHeader' })),
                  ...data.actions.map((a): TableCell[] => [
                    { text: a.ref, bold: true },
                    writtenText(a.description, lang),
                    { text: orDash(a.requiredAction, lang) },
                    { text: a.owner || '—' },
                    { text: date(a.deadline) },
                  ]),
                ],
              },
              layout: TABLE_LAYOUT,
              fontSize: 8.5,
              margin: [0, 2, 0, 8],
            },
          ],
        },
    ...(manager
      ? [
          {
            text: [
              { text: `${l.accountManager}: `, bold: true },
              [manager.name, manager.position, manager.phone, manager.email].filter((x) => x !== '').join(', '),
            ],
            style: 'paragraph',
          } as Content,
        ]
      : []),
    { text: l.basis(data.reportVersion), fontSize: 8, color: INK.muted, margin: [0, 4, 0, 16] },
    // The closing and the signatures move to a new page together: a page of signatures alone signs nothing.
    {
      unbreakable: true,
      stack: [
        { text: l.closing, margin: [0, 0, 0, 18] },
        {
          columns: [
            signatureBlock(l.leadValidator, data.leadValidator, l.signature),
            ...(data.teamLead ? [signatureBlock(l.teamLead, data.teamLead, l.signature)] : []),
          ],
          columnGap: 24,
        },
      ],
    } as Content,
  ];
  return {
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 46],
    info: { title: `${l.title} — ${data.caseNumber}`, subject: data.operator.legalName, creator: 'AEO Field Validator' },
    language: lang === 'ru' ? 'ru-RU' : 'en-GB',
    defaultStyle: { font: FONT_FAMILY, fontSize: 10, lineHeight: 1.15 },
    styles: { ...styles, title: { fontSize: 18, bold: true, color: INK.heading } },
    footer: (page: number, pages: number) => {
      onPageCount?.(pages);
      return { margin: [50, 14, 50, 0], text: `${data.caseNumber} · ${l.page(page, pages)}`, style: 'footer', alignment: 'right' };
    },
    content,
  };
}

function signatureBlock(role: string, name: string, signature: string): Content {
  return {
    width: '*',
    // pdfmake's column width sits beside the stack; its Content type does not list it.
    stack: [
      { text: role, style: 'muted', fontSize: 8 },
      { text: name, bold: true, margin: [0, 0, 0, 22] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 180, y2: 0, lineWidth: 0.5, lineColor: '#777777' }] },
      { text: signature, fontSize: 7.5, color: INK.muted, margin: [0, 2, 0, 0] },
    ],
  } as Content;
}
