import { z } from 'zod';
import { ByCaseInput, CaseDraftKey, CaseItemInput, caseRecord, Id, optionalText, Removed, shortText, text } from './common';

/*
 * Step 3 (business systems): a note per system reviewed (what was checked, what was seen, evidence).
 * Step 4 (initial interview): minutes on each interview the plan lists (who was present, topics, answers,
 * follow-ups).
 */

/** Save = create when `id` is absent, update when present. */
export const SystemReviewDraft = z.strictObject({
  ...CaseDraftKey,
  system: shortText(200),
  checked: optionalText(4000),
  notes: optionalText(10_000),
  /** Evidence of this case (optional). */
  evidenceIds: z.array(Id).max(50).default([]),
});
export const SystemReview = caseRecord({
  system: text(),
  checked: text(),
  notes: text(),
  evidenceIds: z.array(Id),
});
export type SystemReview = z.infer<typeof SystemReview>;

export const MinutesDraft = z.strictObject({
  caseId: Id,
  interviewId: Id,
  present: z.array(shortText(200)).max(50).default([]),
  topics: optionalText(10_000),
  answers: optionalText(20_000),
  followUps: optionalText(10_000),
});
export const InterviewMinutes = caseRecord({
  interviewId: Id,
  present: z.array(text()),
  topics: text(),
  answers: text(),
  followUps: text(),
});
export type InterviewMinutes = z.infer<typeof InterviewMinutes>;

const CaseInput = ByCaseInput;

export const systemsContract = {
  'systems:list': { input: CaseInput, output: z.array(SystemReview) },
  'systems:save': { input: SystemReviewDraft, output: SystemReview },
  'systems:remove': { input: CaseItemInput, output: Removed },
} as const;

export const interviewsContract = {
  /** The minutes written so far, one per interview that has any. */
  'interviews:minutes': { input: CaseInput, output: z.array(InterviewMinutes) },
  'interviews:saveMinutes': { input: MinutesDraft, output: InterviewMinutes },
} as const;
