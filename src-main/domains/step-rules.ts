import type { StepStatus } from '../contract/cases';

/*
 * When changing a validation step's status needs a reason (as pure rules, tested alone): skipping a step,
 * marking it done while checklist runs of the step are unfinished, and reopening a done or skipped step. The
 * reason is stored with the step, audit-logged and printed in the validation report.
 */

export const reasonNeeds = ['skip', 'unfinished_runs', 'reopen'] as const;
export type ReasonNeed = (typeof reasonNeeds)[number];

const closed = (status: StepStatus) => status === 'done' || status === 'skipped';

/** Why `previous → next` needs a reason, or null when it does not. */
export function reasonNeeded(previous: StepStatus, next: StepStatus, unfinishedRuns: number): ReasonNeed | null {
  if (previous === next) return null;
  if (next === 'skipped') return 'skip';
  if (next === 'done') return unfinishedRuns > 0 ? 'unfinished_runs' : null;
  return closed(previous) ? 'reopen' : null;
}
