import { z } from 'zod';
import { WcoCriterion } from './checklist-template';
import { Id, text } from './common';

/*
 * What the pre-seal check lists (and the official report will reuse): each open item names a rule by code, the
 * values its text needs, and where the validator fixes it, so the page can link there and the PDF can print it
 * in either language. The rules themselves are pure functions in src-main/core/consistency.ts.
 */

/** Something not done yet. */
export const incompleteCodes = [
  'criterion_unassessed',
  'recommendation_missing',
  'run_unfinished',
  'risk_without_response',
  'finding_without_owner',
] as const;
/** Something that contradicts something else, or a judgement without its grounds. */
export const inconsistencyCodes = [
  'grant_with_unmet_criterion',
  'grant_despite_refusal',
  'reasoning_empty',
  'residual_above_inherent',
] as const;
export const openItemCodes = [...incompleteCodes, ...inconsistencyCodes] as const;
export const OpenItemCode = z.enum(openItemCodes);
export type OpenItemCode = z.infer<typeof OpenItemCode>;

/** Where the item is fixed: the page navigates there. */
export const OpenItemTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('criterion'), criterion: WcoCriterion }),
  z.strictObject({ kind: z.literal('recommendation') }),
  z.strictObject({ kind: z.literal('run'), runId: Id }),
  z.strictObject({ kind: z.literal('risk'), riskId: Id }),
  z.strictObject({ kind: z.literal('finding'), findingId: Id }),
]);
export type OpenItemTarget = z.infer<typeof OpenItemTarget>;

export const OpenItem = z.strictObject({
  code: OpenItemCode,
  /** The values the code's text shows: a criterion letter, a risk's or finding's reference (R2, F1), a run's name. */
  params: z.record(text(), z.union([text(), z.number()])),
  target: OpenItemTarget,
  /**
   * Whether a seal may go ahead over it with an override reason; decided per rule (src-main/core/consistency.ts:
   * `isOverridable`). Absent in items frozen before issue 13, when every item was overridable.
   */
  overridable: z.boolean().optional(),
});
export type OpenItem = z.infer<typeof OpenItem>;

/** A seal despite open items: the validator's reason and what was open, frozen into the sealed report. */
export const SealOverride = z.strictObject({
  reason: text(),
  byName: text(),
  openItems: z.array(OpenItem),
});
export type SealOverride = z.infer<typeof SealOverride>;
