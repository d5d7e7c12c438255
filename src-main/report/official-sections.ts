import type { Content, TableCell } from 'pdfmake/interfaces';
import { formatDate } from './i18n';
import { blockHeading, dataTable, heading, keyValueTable, notSet, paragraphs, subheading, TABLE_LAYOUT, type Ctx } from './pdf-common';

/*
 * The official form's sections, printed in both the validation report and the control plan: the particulars
 * (issuing authority, legal basis, registration number, application, look-back period, the visits as carried
 * out, the closing meeting with the operator's comments, conditions) and the approving officials' block.
 */

const decisionWords = {
  en: { granted: 'granted', granted_with_conditions: 'granted with conditions', refused: 'refused', deferred: 'deferred' },
  ru: { granted: 'статус присвоен', granted_with_conditions: 'статус присвоен с условиями', refused: 'в присвоении отказано', deferred: 'решение отложено' },
} as const;

const plainOr = (ctx: Ctx, value: string | null | undefined): Content => (value && value.trim() ? { text: value } : { text: ctx.o.notRecorded });
const dateOr = (ctx: Ctx, value: string | null | undefined): Content => (value ? { text: formatDate(value, ctx.lang) } : { text: ctx.o.notRecorded });

function period(ctx: Ctx, from: string | null, to: string | null): Content {
  if (!from && !to) return { text: ctx.o.notRecorded };
  return { text: `${from ? formatDate(from, ctx.lang) : '…'} – ${to ? formatDate(to, ctx.lang) : '…'}` };
}

function visitsBlock(ctx: Ctx): Content {
  const { o, lang, model } = ctx;
  const visits = model.official?.visits ?? [];
  if (visits.length === 0) return { text: o.noVisits, style: 'paragraph' };
  return dataTable(
    [o.site, o.planned, o.held, o.hours],
    visits.map((v): TableCell[] => [
      { text: v.siteName },
      { text: formatDate(v.plannedOn, lang) },
      v.heldOn ? { text: formatDate(v.heldOn, lang), bold: true } : { text: o.notHeld },
      { text: v.heldOn && v.startTime ? `${v.startTime}${v.endTime ? `–${v.endTime}` : ''}` : '—' },
    ]),
    ['*', 80, 100, 80],
  );
}

export function officialSection(ctx: Ctx, n: number): Content[] {
  const { o, t, lang, model } = ctx;
  const official = model.official;
  if (!official) return [];
  const authority = official.authority;
  const legalBasis = authority.legalBasis[lang].trim();
  const decision = official.decision;
  const withConditions = model.recommendation.value === 'grant_with_conditions' || decision?.decision === 'granted_with_conditions';
  const decisionText = decision
    ? `${(decisionWords[lang] as Record<string, string>)[decision.decision] ?? decision.decision}${decision.decidedOn ? `, ${formatDate(decision.decidedOn, lang)}` : ''}`
    : null;
  return [
    heading(o.section, n),
    keyValueTable([
      [o.issuedBy, authority.name[lang].trim() ? { text: authority.name[lang], bold: true } : notSet(t)],
      [o.registrationNumber, official.registrationNumber ? { text: official.registrationNumber, bold: true } : notSet(t)],
      [o.applicationReference, plainOr(ctx, official.application?.reference)],
      [o.applicationDate, dateOr(ctx, official.application?.receivedOn)],
      [o.lookBack, period(ctx, official.lookBackFrom, official.lookBackTo)],
      ...(decisionText ? [[o.decision, { text: decisionText }] as [string, Content]] : []),
    ]),
    subheading(o.legalBasis),
    ...(legalBasis ? paragraphs(legalBasis) : [notSet(t)]),
    subheading(o.visitsHeld),
    visitsBlock(ctx),
    subheading(o.closingMeeting),
    keyValueTable([
      [o.closingDate, dateOr(ctx, official.closingMeeting.date)],
      [o.attendees, plainOr(ctx, official.closingMeeting.attendees)],
      [o.operatorComments, plainOr(ctx, official.closingMeeting.operatorComments)],
    ]),
    ...(withConditions
      ? [subheading(decision?.conditions ? o.conditions : o.conditionsProposed), ...(official.conditions.trim() ? paragraphs(official.conditions) : [notSet(t)])]
      : []),
    { text: o.timesIn(authority.timeZone), style: 'small', color: '#555555', margin: [0, 4, 0, 0] },
  ];
}

export function approvalSection(ctx: Ctx, n: number): Content[] {
  const { o, model } = ctx;
  const approvers = model.official?.approvers ?? [];
  return [
    // Heading, note and table are one unbreakable block: they always move to a new page together.
    {
      unbreakable: true,
      stack: [
        blockHeading(o.approvals, n),
        { text: o.approvalNote, style: 'paragraph' },
        approvers.length === 0
          ? { text: o.noApprovers, style: 'paragraph' }
          : {
              table: {
                dontBreakRows: true,
                widths: [150, '*', 140],
                body: [
                  [o.name, o.position, o.signature].map((text) => ({ text, style: 'tableHeader' })),
                  ...approvers.map((a): TableCell[] => [
                    { text: a.name, bold: true },
                    { text: a.position },
                    { text: ' ', margin: [0, 16, 0, 0] },
                  ]),
                ],
              },
              layout: TABLE_LAYOUT,
            },
      ],
    } as Content,
  ];
}
