import { z } from 'zod';
import { IssuingAuthority } from './authority';
import { ByCaseInput, Id, IsoDate, lineText, optionalText, shortText, text, Timestamp } from './common';

/*
 * What the official form of the report records about a case beyond the validation itself: the report's
 * registration number, the look-back period the validators examined, the visits as actually carried out (dated
 * per visit, never inferred from the plan), the closing meeting with the operator's comments, and the officials
 * who approve the report (names and positions).
 */

const Time = text().refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { message: 'time as HH:MM', params: { code: 'invalid_time' } });

export const Approver = z.strictObject({ name: shortText(120), position: shortText(200) });
export type Approver = z.infer<typeof Approver>;

export const VisitHeld = z.strictObject({
  visitId: Id,
  siteId: Id,
  plannedOn: IsoDate,
  /** The day the visit took place; null while it has not been recorded. */
  heldOn: IsoDate.nullable(),
  startTime: text().nullable(),
  endTime: text().nullable(),
});
export type VisitHeld = z.infer<typeof VisitHeld>;

export const OfficialRecord = z.strictObject({
  caseId: Id,
  registrationNumber: text().nullable(),
  lookBackFrom: IsoDate.nullable(),
  lookBackTo: IsoDate.nullable(),
  closingMeeting: z.strictObject({ date: IsoDate.nullable(), attendees: text(), operatorComments: text() }),
  conditions: text(),
  approvers: z.array(z.strictObject({ name: text(), position: text() })),
  visits: z.array(VisitHeld),
  updatedAt: Timestamp.nullable(),
});
export type OfficialRecord = z.infer<typeof OfficialRecord>;

export const OfficialPatch = z.strictObject({
  caseId: Id,
  /** Typed by hand (checked against the authority's pattern and unique); null clears it. */
  registrationNumber: lineText(64).min(1).nullable().optional(),
  lookBackFrom: IsoDate.nullable().optional(),
  lookBackTo: IsoDate.nullable().optional(),
  closingMeetingOn: IsoDate.nullable().optional(),
  closingAttendees: optionalText(2000).optional(),
  operatorComments: optionalText(8000).optional(),
  /** Printed when the recommendation is to grant with conditions. */
  conditions: optionalText(4000).optional(),
  approvers: z.array(Approver).max(8).optional(),
});
export type OfficialPatch = z.infer<typeof OfficialPatch>;

export const RecordVisitInput = z
  .strictObject({
    caseId: Id,
    visitId: Id,
    heldOn: IsoDate.nullable(),
    startTime: Time.nullable().default(null),
    endTime: Time.nullable().default(null),
  })
  .refine((v) => !v.startTime || !v.endTime || v.endTime > v.startTime, {
    message: 'the visit ends before it starts',
    path: ['endTime'],
    params: { code: 'end_before_start' },
  });

export const officialContract = {
  'official:get': { input: ByCaseInput, output: OfficialRecord },
  'official:update': { input: OfficialPatch, output: OfficialRecord },
  /** Gives the case the next registration number from the authority's pattern (keeps one it already has). */
  'official:assignNumber': { input: ByCaseInput, output: OfficialRecord },
  /** Records (or, with `heldOn: null`, withdraws) the day and hours a planned visit actually took place. */
  'official:recordVisit': { input: RecordVisitInput, output: OfficialRecord },
} as const;

/**
 * The official form as a report version freezes it: the authority's settings at the time, and what the case
 * records. `application` and `decision` come from the certification-cycle records when the case has them.
 */
export const ModelOfficial = z.strictObject({
  authority: IssuingAuthority,
  registrationNumber: text().nullable(),
  application: z.strictObject({ reference: text(), receivedOn: IsoDate.nullable() }).nullable(),
  lookBackFrom: IsoDate.nullable(),
  lookBackTo: IsoDate.nullable(),
  visits: z.array(
    z.strictObject({ siteName: text(), plannedOn: IsoDate, heldOn: IsoDate.nullable(), startTime: text().nullable(), endTime: text().nullable() }),
  ),
  closingMeeting: z.strictObject({ date: IsoDate.nullable(), attendees: text(), operatorComments: text() }),
  /** The validators' proposed conditions, or the decision's once it is recorded with conditions. */
  conditions: text(),
  decision: z.strictObject({ decision: text(), decidedOn: IsoDate.nullable(), conditions: text() }).nullable(),
  approvers: z.array(z.strictObject({ name: text(), position: text() })),
});
export type ModelOfficial = z.infer<typeof ModelOfficial>;
