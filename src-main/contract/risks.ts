import { z } from 'zod';
import { WcoCriterion } from './checklist-template';
import { ByCaseInput, ByIdInput, caseRecord, guardedUpdate, Id, IsoDate, linksInput, multilineText, optionalLine, optionalText, patchOf, Removed, shortText, text, token } from './common';
import { Rating, RiskLevel } from './risk-scale';

/*
 * The risk register (steps 5–7, ISO 28000 security risk assessment) and the findings with their improvement
 * actions. Levels are never sent in: the core derives them from the configured 5×5 matrix.
 */

/** How the operator's internal controls held up when the validator tested them (step 6). */
export const controlEffectiveness = ['effective', 'partially_effective', 'ineffective', 'not_tested'] as const;
export const ControlEffectiveness = z.enum(controlEffectiveness);

/** The response to the residual risk (step 7). */
export const riskResponses = ['accept', 'improvement_action', 'condition', 'refuse'] as const;
export const RiskResponse = z.enum(riskResponses);
export type RiskResponse = z.infer<typeof RiskResponse>;

export const findingStatuses = ['open', 'in_progress', 'implemented', 'verified', 'cancelled'] as const;
export const FindingStatus = z.enum(findingStatuses);
export type FindingStatus = z.infer<typeof FindingStatus>;

export const ScoreAndLevel = z.strictObject({ score: z.number().int(), level: RiskLevel });

/** A checklist answer a risk or finding rests on. */
export const AnswerLink = z.strictObject({ answerId: Id, runId: Id, itemId: text() });
export type AnswerLink = z.infer<typeof AnswerLink>;

const riskFields = {
  title: shortText(300),
  criterion: WcoCriterion.nullable().default(null),
  siteId: Id.nullable().default(null),
  criticalAsset: optionalText(2000),
  threat: optionalText(2000),
  vulnerability: optionalText(2000),
  likelihood: Rating,
  consequence: Rating,
  controls: optionalText(10_000),
  controlTesting: optionalText(10_000),
  controlsEffective: ControlEffectiveness.default('not_tested'),
  residualLikelihood: Rating.nullable().default(null),
  residualConsequence: Rating.nullable().default(null),
  residualReason: optionalText(4000),
  response: RiskResponse.nullable().default(null),
  responseNotes: optionalText(10_000),
};

/** Replaces the whole set of links when given. */
const RiskLinksInput = linksInput('answerIds', 'evidenceIds');

const residualPair = (r: { residualLikelihood: number | null; residualConsequence: number | null }) =>
  (r.residualLikelihood === null) === (r.residualConsequence === null);
/** `residual_pair`: the UI asks for both residual ratings in its own words. Frozen, because zod's `refine` rewrites
 * the options object it is given (it moves `message` to `error`); each refinement gets its own copy. */
export const residualRule = Object.freeze({
  message: 'residual likelihood and consequence are set together',
  path: ['residualConsequence'],
  params: Object.freeze({ code: 'residual_pair' }),
});

type Ratings = {
  likelihood: number;
  consequence: number;
  residualLikelihood: number | null;
  residualConsequence: number | null;
};

/** Controls should lower a risk: a residual score above the inherent one is allowed only with its reason. */
export const residualAboveInherent = (r: Ratings) =>
  r.residualLikelihood !== null && r.residualConsequence !== null && r.residualLikelihood * r.residualConsequence > r.likelihood * r.consequence;

/** `residual_above_inherent`: the reason is asked for on its own field. Frozen for the same reason as `residualRule`. */
export const residualReasonRule = Object.freeze({
  message: 'a residual risk above the inherent risk needs a reason',
  path: ['residualReason'],
  params: Object.freeze({ code: 'residual_above_inherent' }),
});

const hasResidualReason = (r: Ratings & { residualReason: string }) => !residualAboveInherent(r) || r.residualReason.trim() !== '';

/** Opens a risk from a (non-)compliance answer: pre-fills criterion, title and site, links the answer and its evidence. */
export const FromAnswer = z.strictObject({ runId: Id, itemId: token(80) });

export const RiskCreate = z
  .strictObject({
    caseId: Id,
    ...riskFields,
    title: shortText(300).optional(),
    /** Without a title, the risk takes the item's prompt in the case's report language (never the screen's). */
    fromAnswer: FromAnswer.optional(),
    links: RiskLinksInput.optional(),
  })
  .refine((r) => r.title !== undefined || r.fromAnswer !== undefined, {
    message: 'a risk needs a title (or an answer to take it from)',
    path: ['title'],
  })
  .refine(residualPair, { ...residualRule, path: [...residualRule.path], params: { ...residualRule.params } })
  .refine(hasResidualReason, { ...residualReasonRule, path: [...residualReasonRule.path], params: { ...residualReasonRule.params } });

/**
 * Residual likelihood and consequence end up both set or both null, and a residual rating above the inherent one
 * keeps a reason (both checked against the stored risk).
 */
export const RiskUpdate = guardedUpdate(patchOf(riskFields).extend({ links: RiskLinksInput.optional() }));

export const Risk = caseRecord({
  title: text(),
  criterion: WcoCriterion.nullable(),
  siteId: Id.nullable(),
  siteName: text().nullable(),
  criticalAsset: text(),
  threat: text(),
  vulnerability: text(),
  likelihood: z.number().int(),
  consequence: z.number().int(),
  inherent: ScoreAndLevel,
  controls: text(),
  controlTesting: text(),
  controlsEffective: ControlEffectiveness,
  residualLikelihood: z.number().int().nullable(),
  residualConsequence: z.number().int().nullable(),
  /** Null until residual likelihood and consequence are rated. */
  residual: ScoreAndLevel.nullable(),
  /** Why the residual risk is above the inherent one; empty when it is not (or no reason was needed). */
  residualReason: text(),
  response: RiskResponse.nullable(),
  responseNotes: text(),
  answerLinks: z.array(AnswerLink),
  evidenceIds: z.array(Id),
});
export type Risk = z.infer<typeof Risk>;

/** What the UI shows in the "open a risk" dialog for an answer, before anything is saved. */
export const RiskDraft = z.strictObject({
  caseId: Id,
  title: text(),
  criterion: WcoCriterion.nullable(),
  siteId: Id.nullable(),
  answer: AnswerLink.extend({ value: z.unknown().nullable(), note: text() }),
  evidenceIds: z.array(Id),
  /** Risks already linked to this answer, so the UI can offer them instead of a duplicate. */
  existingRiskIds: z.array(Id),
});

export const HeatMapCell = z.strictObject({
  likelihood: z.number().int(),
  consequence: z.number().int(),
  level: RiskLevel,
  count: z.number().int(),
  riskIds: z.array(Id),
});
export type HeatMapCell = z.infer<typeof HeatMapCell>;

/** `cells[likelihood - 1][consequence - 1]`, for inherent and residual positions. */
export const HeatMap = z.strictObject({
  caseId: Id,
  inherent: z.array(z.array(HeatMapCell)),
  residual: z.array(z.array(HeatMapCell)),
  /** Risks whose residual rating is not set yet (they have no residual cell). */
  residualNotRated: z.array(Id),
});
export type HeatMap = z.infer<typeof HeatMap>;

const findingFields = {
  description: multilineText(10_000).min(1),
  requiredAction: optionalText(10_000),
  owner: optionalLine(200),
  deadline: IsoDate.nullable().default(null),
  status: FindingStatus.default('open'),
};

const FindingLinksInput = linksInput('answerIds', 'evidenceIds', 'riskIds');

export const FindingCreate = z.strictObject({ caseId: Id, ...findingFields, links: FindingLinksInput.optional() });

export const FindingUpdate = guardedUpdate(patchOf(findingFields).extend({ links: FindingLinksInput.optional() }));

export const Finding = caseRecord({
  description: text(),
  requiredAction: text(),
  owner: text(),
  deadline: IsoDate.nullable(),
  status: FindingStatus,
  answerLinks: z.array(AnswerLink),
  evidenceIds: z.array(Id),
  riskIds: z.array(Id),
});
export type Finding = z.infer<typeof Finding>;

export const risksContract = {
  'risks:list': { input: ByCaseInput, output: z.array(Risk) },
  'risks:get': { input: ByIdInput, output: Risk },
  /** Likelihood and consequence are 1–5 (`invalid_input` otherwise); with `fromAnswer` the answer pre-fills it. */
  'risks:create': { input: RiskCreate, output: Risk },
  'risks:update': { input: RiskUpdate, output: Risk },
  /** Removal is a tombstone; a risk that control measures or findings still refer to stays. */
  'risks:remove': { input: ByIdInput, output: Removed },
  /** The pre-filled risk for a checklist answer, without saving anything. */
  'risks:draftFromAnswer': {
    input: FromAnswer,
    output: RiskDraft,
  },
  /** 5×5 counts with the risk ids in each cell, for the inherent and the residual heat map. */
  'risks:heatMap': { input: ByCaseInput, output: HeatMap },
} as const;

export const findingsContract = {
  'findings:list': { input: ByCaseInput, output: z.array(Finding) },
  'findings:get': { input: ByIdInput, output: Finding },
  /** A deadline before the case was opened is `invalid_input` at `deadline`. */
  'findings:create': { input: FindingCreate, output: Finding },
  'findings:update': { input: FindingUpdate, output: Finding },
  'findings:remove': { input: ByIdInput, output: Removed },
} as const;
