import { z } from 'zod';
import { ChecklistTemplate, ComplianceAnswer } from './checklist-template';
import { Id, Timestamp, lineText, multilineText, optionalLine, text, token } from './common';
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
});
export type Answer = z.infer<typeof Answer>;

export const Progress = z.strictObject({
  answered: z.number().int(),
  total: z.number().int(),
  nonCompliant: z.number().int(),
  evidenceMissing: z.number().int(),
});
export type Progress = z.infer<typeof Progress>;

export const RunSummary = z.strictObject({
  id: Id,
  caseId: Id,
  siteId: Id.nullable(),
  templateId: text(),
  templateVersion: z.number().int(),
  title: z.strictObject({ en: text(), ru: text() }),
  label: text(),
  metadata: z.record(text(), text()),
  progress: Progress,
  createdAt: Timestamp,
  updatedAt: Timestamp,
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
  'runs:list': { input: z.strictObject({ caseId: Id }), output: z.array(RunSummary) },
  'runs:get': { input: z.strictObject({ id: Id }), output: RunDetail },
  /**
   * Saves one item's answer and/or note. `value: null` clears the answer; an absent field is left as it was.
   */
  'runs:answer': {
    input: z.strictObject({
      runId: Id,
      itemId: token(80),
      value: AnswerValueInput.nullable().optional(),
      note: multilineText(10_000, { trim: false }).optional(),
    }),
    output: Answer,
  },
  'runs:update': {
    // `label` without a default: an absent label must keep the stored one (a default would blank it).
    input: z.strictObject({ id: Id, label: lineText(200).optional(), metadata: MetadataValues.optional() }),
    output: RunSummary,
  },
} as const;

