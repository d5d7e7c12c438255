import { eq } from 'drizzle-orm';
import { AppError } from '../contract/result';
import type { Store } from '../db/open';
import { checklistRuns } from '../db/schema';

/*
 * A finished (signed-off) checklist run is read-only until reopened with a reason: its answers, details and
 * evidence are what the sign-off vouched for. Apart from runs.ts so the evidence domain can ask too.
 */

export function runFinishedError(finishedByName: string | null, finishedAt: string): AppError {
  return new AppError('immutable', 'This checklist run is finished and signed off; reopen it (with a reason) to change it.', [
    { path: 'runId', message: 'the run is finished', code: 'run_finished', params: { by: finishedByName ?? '', at: finishedAt } },
  ]);
}

/** Throws `immutable` (`run_finished`) when the run exists and is finished; does nothing for an open or unknown run. */
export function refuseFinishedRun(store: Store, runId: string | null | undefined): void {
  if (!runId) return;
  const row = store.db
    .select({ at: checklistRuns.finishedAt, by: checklistRuns.finishedByName })
    .from(checklistRuns)
    .where(eq(checklistRuns.id, runId))
    .get();
  if (row?.at) throw runFinishedError(row.by, row.at);
}
