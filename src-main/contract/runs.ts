import { z } from 'zod';
import { ChecklistTemplate, ComplianceAnswer } from './checklist-template';
import { Id, Timestamp, optionalText } from './common';
import { TemplateSummary } from './templates';

/** A typed answer value; which variant is allowed depends on the item's answer type. */
export const AnswerValue = z.union([
  ComplianceAnswer,
  z.boolean(),
  z.number().finite(),
  z.string().max(10_000),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answer = z.strictObject({
  id: Id,
  runId: Id,
  itemId: z.string(),
  value: AnswerValue.nullable(),
  note: z.string(),
  answeredBy: Id,
  answeredByName: z.string(),
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
  templateId: z.string(),
  templateVersion: z.number().int(),
  title: z.strictObject({ en: z.string(), ru: z.string() }),
  label: z.string(),
  metadata: z.record(z.string(), z.string()),
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
  sectionProgress: z.record(z.string(), Progress),
  /** Evidence count per item id. */
  evidenceCounts: z.record(z.string(), z.number().int()),
});
export type RunDetail = z.infer<typeof RunDetail>;

const MetadataValues = z.record(z.string().max(80), z.string().max(2000));

export const runsContract = {
  'runs:create': {
    input: z.strictObject({
      caseId: Id,
      siteId: Id.nullable().default(null),
      templateId: z.string().min(1).max(80),
      /** Pin a specific version; default the latest. */
      version: z.number().int().min(1).optional(),
      label: optionalText(200),
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
      itemId: z.string().min(1).max(80),
      value: AnswerValue.nullable().optional(),
      note: z.string().max(10_000).optional(),
    }),
    output: Answer,
  },
  'runs:update': {
    // `label` without a default: an absent label must keep the stored one (a default would blank it).
    input: z.strictObject({ id: Id, label: z.string().trim().max(200).optional(), metadata: MetadataValues.optional() }),
    output: RunSummary,
  },
} as const;

