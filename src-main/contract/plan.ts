import { z } from 'zod';
import { ByCaseInput, CaseDraftKey, CaseItemInput, caseRecord, Id, IsoDate, optionalLine, optionalText, shortText, text, token } from './common';

export const siteKinds = ['office', 'warehouse', 'terminal', 'production', 'yard', 'other'] as const;
export const SiteKind = z.enum(siteKinds);

// A code of its own, so the page says "enter a time as HH:MM" without reading zod's English.
const Time = text().refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { message: 'time as HH:MM', params: { code: 'invalid_time' } });

export const SiteDraft = z.strictObject({
  ...CaseDraftKey,
  name: shortText(200),
  address: optionalText(1000),
  kind: SiteKind,
});
export const Site = caseRecord({
  name: text(),
  address: text(),
  kind: SiteKind,
});
export type Site = z.infer<typeof Site>;

export const VisitDraft = z
  .strictObject({
    ...CaseDraftKey,
    siteId: Id,
    date: IsoDate,
    startTime: Time.nullable().default(null),
    endTime: Time.nullable().default(null),
    validators: z.array(shortText(120)).max(20).default([]),
    notes: optionalText(4000),
  })
  .refine((v) => !v.startTime || !v.endTime || v.endTime > v.startTime, {
    message: 'the visit ends before it starts',
    path: ['endTime'],
    params: { code: 'end_before_start' },
  });
export const Visit = caseRecord({
  siteId: Id,
  date: IsoDate,
  startTime: text().nullable(),
  endTime: text().nullable(),
  validators: z.array(text()),
  notes: text(),
});
export type Visit = z.infer<typeof Visit>;

export const InterviewDraft = z.strictObject({
  ...CaseDraftKey,
  person: shortText(200),
  role: optionalLine(200),
  topics: z.array(shortText(200)).max(50).default([]),
  date: IsoDate.nullable().default(null),
  held: z.boolean().default(false),
  notes: optionalText(10_000),
});
export const Interview = caseRecord({
  person: text(),
  role: text(),
  topics: z.array(text()),
  date: IsoDate.nullable(),
  held: z.boolean(),
  notes: text(),
});
export type Interview = z.infer<typeof Interview>;

export const ProcedureDraft = z.strictObject({
  ...CaseDraftKey,
  /** null: a case-wide procedure (the information-gathering questionnaire, say). */
  siteId: Id.nullable().default(null),
  templateId: token(80),
  notes: optionalText(2000),
});
export const Procedure = caseRecord({
  siteId: Id.nullable(),
  templateId: text(),
  position: z.number().int(),
  notes: text(),
});
export type Procedure = z.infer<typeof Procedure>;

export const PlanMeta = z
  .strictObject({
    resources: optionalText(10_000),
    startsOn: IsoDate.nullable().default(null),
    endsOn: IsoDate.nullable().default(null),
    notes: optionalText(10_000),
  })
  .refine((p) => !p.startsOn || !p.endsOn || p.endsOn >= p.startsOn, {
    message: 'the time frame ends before it starts',
    path: ['endsOn'],
    params: { code: 'end_before_start' },
  });

export const Plan = z.strictObject({
  caseId: Id,
  resources: text(),
  startsOn: IsoDate.nullable(),
  endsOn: IsoDate.nullable(),
  notes: text(),
  sites: z.array(Site),
  visits: z.array(Visit),
  interviews: z.array(Interview),
  /** In their run order. */
  procedures: z.array(Procedure),
});
export type Plan = z.infer<typeof Plan>;

const RemoveInput = CaseItemInput;

export const planContract = {
  'plan:get': { input: ByCaseInput, output: Plan },
  'plan:updateMeta': { input: z.strictObject({ caseId: Id, meta: PlanMeta }), output: Plan },
  'plan:saveSite': { input: SiteDraft, output: Site },
  'plan:removeSite': { input: RemoveInput, output: Plan },
  'plan:saveVisit': { input: VisitDraft, output: Visit },
  'plan:removeVisit': { input: RemoveInput, output: Plan },
  'plan:saveInterview': { input: InterviewDraft, output: Interview },
  'plan:removeInterview': { input: RemoveInput, output: Plan },
  'plan:saveProcedure': { input: ProcedureDraft, output: Procedure },
  'plan:removeProcedure': { input: RemoveInput, output: Plan },
  /** The full new order of the case's procedures, by id. */
  'plan:reorderProcedures': {
    input: z.strictObject({ caseId: Id, order: z.array(Id).max(500) }),
    output: Plan,
  },
} as const;
