import { z } from 'zod';
import { ChecklistTemplate, ComplianceAnswer } from './checklist-template';
import { ByCaseInput, ByIdInput, caseRecord, Id, lineText, multilineText, optionalLine, text, Timestamp, token } from './common';
import { Reason } from './cases';
import { MissingItem } from './run-completion';
import { TemplateSummary } from './templates';

/** A typed answer value; which variant is allowed depends on the item's answer type. */
export const AnswerValue = z.union([
  ComplianceAnswer,
  z.boolean(),
  z.number().finite(),
  text().max(10_000),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** What a caller may send as a value: a text answer is user text, so it is held to the multi-line rules. */
const AnswerValueInput = z.union([
  ComplianceAnswer,
  z.boolean(),
  z.number().finite(),
  multilineText(10_000, { trim: false }),
]);

export const Answer = z.strictObject({
  id: Id,
  runId: Id,
  itemId: text(),
  value: AnswerValue.nullable(),
  note: text(),
  answeredBy: Id,
  answeredByName: text(),
  answeredAt: Timestamp,
  /** How many times this answer was saved: what a writer sends back as `baseRevision`. */
  revision: z.number().int().min(0),
});
export type Answer = z.infer<typeof Answer>;

export const Progress = z.strictObject({
  answered: z.number().int(),
  total: z.number().int(),
  nonCompliant: z.number().int(),
  evidenceMissing: z.number().int(),
});
export type Progress = z.infer<typeof Progress>;

/** The sign-off of a finished run: who finished it, when, and the signature drawn (a PNG in the blob store). */
export const RunFinish = z.strictObject({
  at: Timestamp,
  byId: text(),
  byName: text(),
  signatureSha256: text().nullable(),
});
export type RunFinish = z.infer<typeof RunFinish>;

/** A drawn signature as a base64 PNG; small (a signature pad's canvas), so it travels in the message itself. */
export const SignaturePng = z.base64().min(8).max(700_000);

export const RunSummary = caseRecord({
  siteId: Id.nullable(),
  templateId: text(),
  templateVersion: z.number().int(),
  title: z.strictObject({ en: text(), ru: text() }),
  label: text(),
  metadata: z.record(text(), text()),
  progress: Progress,
  /** Null while the run is open; a finished run is read-only until reopened. */
  finished: RunFinish.nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunDetail = z.strictObject({
  run: RunSummary,
  template: ChecklistTemplate,
  templateSummary: TemplateSummary,
  answers: z.array(Answer),
  /** Per section id. */
  sectionProgress: z.record(text(), Progress),
  /** Evidence count per item id. */
  evidenceCounts: z.record(text(), z.number().int()),
});
export type RunDetail = z.infer<typeof RunDetail>;

const MetadataValues = z.record(token(80), lineText(2000));

export const runsContract = {
  'runs:create': {
    input: z.strictObject({
      caseId: Id,
      siteId: Id.nullable().default(null),
      templateId: token(80),
      /** Pin a specific version; default the latest. */
      version: z.number().int().min(1).optional(),
      label: optionalLine(200),
      metadata: MetadataValues.default({}),
    }),
    output: RunSummary,
  },
  'runs:list': { input: ByCaseInput, output: z.array(RunSummary) },
  'runs:get': { input: ByIdInput, output: RunDetail },
  /**
   * Saves one item's answer and/or note. `value: null` clears the answer; an absent field is left as it was.
   * `baseRevision` is the revision the caller edited (0 for an item not answered yet): when the stored answer is
   * newer, the save is refused as a `conflict` with issue code `stale_write`, so a late write never overwrites a
   * newer one. Without it the save is unconditional (the CLI demo, imports).
   */
  'runs:answer': {
    input: z.strictObject({
      runId: Id,
      itemId: token(80),
      value: AnswerValueInput.nullable().optional(),
      note: multilineText(10_000, { trim: false }).optional(),
      baseRevision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    }),
    output: Answer,
  },
  'runs:update': {
    // `label` without a default: an absent label must keep the stored one (a default would blank it).
    input: z.strictObject({ id: Id, label: lineText(200).optional(), metadata: MetadataValues.optional() }),
    output: RunSummary,
  },
  /** What must still be filled in before the run can be finished (empty: it can be). */
  'runs:finishCheck': { input: ByIdInput, output: z.array(MissingItem) },
  /**
   * Signs the run off as the current user, now, with an optional drawn signature; refused (`conflict`, issue
   * code `run_incomplete`) while anything is missing, and `immutable` (`run_finished`) when already finished.
   */
  'runs:finish': { input: z.strictObject({ id: Id, signaturePng: SignaturePng.optional() }), output: RunSummary },
  /** Opens a finished run again; the reason goes to the audit log. */
  'runs:reopen': { input: z.strictObject({ id: Id, reason: Reason }), output: RunSummary },
} as const;

