import { z } from 'zod';
import { Id, IsoDate, Timestamp, optionalText, shortText } from './common';

export const siteKinds = ['office', 'warehouse', 'terminal', 'production', 'yard', 'other'] as const;
export const SiteKind = z.enum(siteKinds);

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM');
const CaseRef = { caseId: Id };
/** Save = create when `id` is absent, update when present. */
const OptionalId = { id: Id.optional() };

export const SiteDraft = z.strictObject({
  ...CaseRef,
  ...OptionalId,
  name: shortText(200),
  address: optionalText(1000),
  kind: SiteKind,
});
export const Site = z.strictObject({
  id: Id,
  caseId: Id,
  name: z.string(),
  address: z.string(),
  kind: SiteKind,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Site = z.infer<typeof Site>;

export const VisitDraft = z
  .strictObject({
    ...CaseRef,
    ...OptionalId,
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
  });
export const Visit = z.strictObject({
  id: Id,
  caseId: Id,
  siteId: Id,
  date: IsoDate,
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  validators: z.array(z.string()),
  notes: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Visit = z.infer<typeof Visit>;

export const InterviewDraft = z.strictObject({
  ...CaseRef,
  ...OptionalId,
  person: shortText(200),
  role: optionalText(200),
  topics: z.array(shortText(200)).max(50).default([]),
  date: IsoDate.nullable().default(null),
  held: z.boolean().default(false),
  notes: optionalText(10_000),
});
export const Interview = z.strictObject({
  id: Id,
  caseId: Id,
  person: z.string(),
  role: z.string(),
  topics: z.array(z.string()),
  date: IsoDate.nullable(),
  held: z.boolean(),
  notes: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Interview = z.infer<typeof Interview>;

export const ProcedureDraft = z.strictObject({
  ...CaseRef,
  ...OptionalId,
  /** null: a case-wide procedure (the information-gathering questionnaire, say). */
  siteId: Id.nullable().default(null),
  templateId: z.string().min(1).max(80),
  notes: optionalText(2000),
});
export const Procedure = z.strictObject({
  id: Id,
  caseId: Id,
  siteId: Id.nullable(),
  templateId: z.string(),
  position: z.number().int(),
  notes: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
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
  });

export const Plan = z.strictObject({
  caseId: Id,
  resources: z.string(),
  startsOn: IsoDate.nullable(),
  endsOn: IsoDate.nullable(),
  notes: z.string(),
  sites: z.array(Site),
  visits: z.array(Visit),
  interviews: z.array(Interview),
  /** In their run order. */
  procedures: z.array(Procedure),
});
export type Plan = z.infer<typeof Plan>;

const RemoveInput = z.strictObject({ caseId: Id, id: Id });

export const planContract = {
  'plan:get': { input: z.strictObject({ caseId: Id }), output: Plan },
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
