import { z } from 'zod';
import { WcoCriterion, type wcoCriteria } from './checklist-template';
import { Id, Timestamp, optionalText, patchOf, shortText, text } from './common';

/*
 * The validators' overall judgement on a case: a conclusion per WCO SAFE criterion A–M with the compliance
 * summary behind it, matters of significance, and the recommendation with its reasoning (step 8).
 */

/** A WCO SAFE criterion letter, A to M. */
export type WcoLetter = (typeof wcoCriteria)[number];

export const recommendations = ['grant', 'grant_with_conditions', 'postpone', 'refuse'] as const;
export const Recommendation = z.enum(recommendations);
export type Recommendation = z.infer<typeof Recommendation>;

export const criterionConclusions = ['met', 'met_with_improvements', 'not_met', 'not_applicable'] as const;
export const CriterionConclusion = z.enum(criterionConclusions);
export type CriterionConclusion = z.infer<typeof CriterionConclusion>;

/** Answers of the case's checklist runs for items mapped to one criterion, by value; plus risks and findings. */
export const ComplianceSummary = z.strictObject({
  items: z.number().int(),
  compliant: z.number().int(),
  partiallyCompliant: z.number().int(),
  nonCompliant: z.number().int(),
  notApplicable: z.number().int(),
  notVerified: z.number().int(),
  unanswered: z.number().int(),
  risks: z.number().int(),
});
export type ComplianceSummary = z.infer<typeof ComplianceSummary>;

export const CriterionAssessment = z.strictObject({
  criterion: WcoCriterion,
  /** Null: not assessed yet. */
  conclusion: CriterionConclusion.nullable(),
  text: text(),
  summary: ComplianceSummary,
});
export type CriterionAssessment = z.infer<typeof CriterionAssessment>;

const assessmentFields = {
  recommendation: Recommendation.nullable().default(null),
  reasoning: optionalText(20_000),
  mattersOfSignificance: optionalText(20_000),
  /** Empty: the report describes the standard method. */
  method: optionalText(20_000),
  /** The team lead who signs the report beside the validators. */
  teamLead: z.union([z.literal(''), shortText(120)]).default(''),
};

export const Assessment = z.strictObject({
  caseId: Id,
  recommendation: Recommendation.nullable(),
  reasoning: text(),
  mattersOfSignificance: text(),
  method: text(),
  teamLead: text(),
  /** All thirteen, A to M. */
  criteria: z.array(CriterionAssessment).length(13),
  /** Null until anything was saved. */
  updatedAt: Timestamp.nullable(),
});
export type Assessment = z.infer<typeof Assessment>;

export const assessmentContract = {
  'assessment:get': { input: z.strictObject({ caseId: Id }), output: Assessment },
  'assessment:update': {
    input: z.strictObject({ caseId: Id, patch: patchOf(assessmentFields) }),
    output: Assessment,
  },
  /** Sets (or, with `conclusion: null`, clears) the conclusion on one criterion. */
  'assessment:setConclusion': {
    input: z.strictObject({
      caseId: Id,
      criterion: WcoCriterion,
      conclusion: CriterionConclusion.nullable(),
      text: optionalText(10_000),
    }),
    output: Assessment,
  },
} as const;
