import { z } from 'zod';
import { WcoCriterion, type wcoCriteria } from './checklist-template';
import { ByCaseInput, citedIds, Id, optionalText, patchOf, shortText, text, Timestamp } from './common';

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

/** What a criterion conclusion may cite as its grounds (issue 13). */
export const criterionCitationTargets = ['answer', 'risk', 'finding', 'interview', 'evidence'] as const;

/** The records one conclusion cites, by kind, in the order they were cited. */
export const CriterionCitations = z.strictObject(citedIds);
export type CriterionCitations = z.infer<typeof CriterionCitations>;

export const CriterionAssessment = z.strictObject({
  criterion: WcoCriterion,
  /** Null: not assessed yet. */
  conclusion: CriterionConclusion.nullable(),
  text: text(),
  summary: ComplianceSummary,
  /**
   * What the conclusion rests on; absent when nothing is cited (so a case without citations composes its report
   * exactly as before they existed, and older frozen reports still read).
   */
  citations: CriterionCitations.optional(),
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
  'assessment:get': { input: ByCaseInput, output: Assessment },
  'assessment:update': {
    input: z.strictObject({ caseId: Id, patch: patchOf(assessmentFields) }),
    output: Assessment,
  },
  /**
   * Replaces what one criterion's conclusion cites (each kind given replaces that kind; kinds left out stay).
   * Every cited record must be the case's own and live.
   */
  'assessment:setCitations': {
    input: z.strictObject({
      caseId: Id,
      criterion: WcoCriterion,
      ...CriterionCitations.partial().shape,
    }),
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
