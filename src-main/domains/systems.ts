import { asc, eq } from 'drizzle-orm';
import { AppError } from '../contract/result';
import type { InterviewMinutes, SystemReview } from '../contract/systems';
import { newId } from '../core/ids';
import { appendAudit } from '../db/audit-chain';
import type { Store } from '../db/open';
import { interviewMinutes, systemReviews } from '../db/schema';
import type { HandlerMap } from '../kernel/context';
import { caseList, editCase, findLiveRow, liveRow, liveRows, oneRow, requireCase, saveListRow, tombstoneRow, upsertRow } from './case-rows';
import { checkLinkTargets, liveEvidenceIds } from './links';
import { interviewRows } from './plan';

/*
 * Step 3 (business systems reviewed) and step 4 (minutes of the initial interviews). Every change is one audit
 * row per changed field; a system note is removed by tombstone so a merge can tell "removed" from "never seen".
 */

type SystemRow = typeof systemReviews.$inferSelect;

const systemRows = caseList(systemReviews, 'system_review', 'system note');
const minutesRow = oneRow(interviewMinutes, 'interview_minutes');

/** Evidence removed later drops out of the note's list rather than failing the read. */
const toSystemReview = (store: Store, { removedAt: _removed, ...row }: SystemRow): SystemReview => ({
  ...row,
  evidenceIds: liveEvidenceIds(store, row.evidenceIds),
});

export function liveSystemReviews(store: Store, caseId: string): SystemReview[] {
  return liveRows(store, systemReviews, eq(systemReviews.caseId, caseId), [asc(systemReviews.createdAt), asc(systemReviews.id)]).map((row) =>
    toSystemReview(store, row),
  );
}

export function caseMinutes(store: Store, caseId: string): InterviewMinutes[] {
  return store.db
    .select()
    .from(interviewMinutes)
    .where(eq(interviewMinutes.caseId, caseId))
    .orderBy(asc(interviewMinutes.createdAt))
    .all();
}

function requireLiveInterview(store: Store, caseId: string, interviewId: string): void {
  if (!findLiveRow(store, interviewRows, interviewId, caseId)) {
    throw new AppError('not_found', 'No such planned interview in this case (it may have been removed).', [
      { path: 'interviewId', message: 'not a planned interview of this case' },
    ]);
  }
}

export const systemsHandlers: HandlerMap<'systems'> = {
  'systems:list': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    return liveSystemReviews(ctx.store, input.caseId);
  },

  'systems:save': (ctx, { caseId, id, ...fields }) =>
    editCase(ctx, caseId, (actor) =>
      toSystemReview(
        ctx.store,
        saveListRow(ctx.store, actor, systemRows, { ownerId: caseId, id }, fields, {
          check: () => checkLinkTargets(ctx.store, caseId, { evidence: fields.evidenceIds }, 'evidenceIds'),
        }),
      ),
    ),

  'systems:remove': (ctx, input) =>
    editCase(ctx, input.caseId, (actor) => {
      const row = liveRow(ctx.store, systemRows, input.id, input.caseId);
      tombstoneRow(ctx.store, actor, systemRows, row);
      return { id: row.id };
    }),
};

export const interviewsHandlers: HandlerMap<'interviews'> = {
  'interviews:minutes': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    return caseMinutes(ctx.store, input.caseId);
  },

  'interviews:saveMinutes': (ctx, { caseId, interviewId, ...fields }) =>
    editCase(ctx, caseId, (actor) => {
      requireLiveInterview(ctx.store, caseId, interviewId);
      const fresh = (now: string) => ({ id: newId(), caseId, interviewId, ...fields, createdAt: now, updatedAt: now });
      const { row, changes } = upsertRow(ctx.store, minutesRow, eq(interviewMinutes.interviewId, interviewId), fields, fresh);
      appendAudit(ctx.store.sqlite, actor, changes);
      return row;
    }),
};
