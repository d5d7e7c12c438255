import { and, asc, eq, isNull } from 'drizzle-orm';
import { AppError } from '../contract/result';
import type { InterviewMinutes, SystemReview } from '../contract/systems';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, fieldChanges } from '../db/audit-chain';
import type { Store } from '../db/open';
import { interviewMinutes, interviews, systemReviews } from '../db/schema';
import { requireActor, type HandlerMap } from '../kernel/context';
import { checkLinkTargets, liveEvidenceIds } from './links';
import { requireCase } from './plan';

/*
 * Step 3 (business systems reviewed) and step 4 (minutes of the initial interviews). Every change is one audit
 * row per changed field; a system note is removed by tombstone so a merge can tell "removed" from "never seen".
 */

type SystemRow = typeof systemReviews.$inferSelect;
type MinutesRow = typeof interviewMinutes.$inferSelect;

/** Evidence removed later drops out of the note's list rather than failing the read. */
const toSystemReview = (store: Store, { removedAt: _removed, ...row }: SystemRow): SystemReview => ({
  ...row,
  evidenceIds: liveEvidenceIds(store, row.evidenceIds),
});

export function liveSystemReviews(store: Store, caseId: string): SystemReview[] {
  return store.db
    .select()
    .from(systemReviews)
    .where(and(eq(systemReviews.caseId, caseId), isNull(systemReviews.removedAt)))
    .orderBy(asc(systemReviews.createdAt), asc(systemReviews.id))
    .all()
    .map((row) => toSystemReview(store, row));
}

export function caseMinutes(store: Store, caseId: string): InterviewMinutes[] {
  return store.db
    .select()
    .from(interviewMinutes)
    .where(eq(interviewMinutes.caseId, caseId))
    .orderBy(asc(interviewMinutes.createdAt))
    .all();
}

function liveSystemRow(store: Store, caseId: string, id: string): SystemRow {
  const row = store.db.select().from(systemReviews).where(eq(systemReviews.id, id)).get();
  if (!row || row.caseId !== caseId || row.removedAt !== null) {
    throw new AppError('not_found', 'No such system note in this case (it may have been removed).', [
      { path: 'id', message: 'not a system note of this case' },
    ]);
  }
  return row;
}

function requireLiveInterview(store: Store, caseId: string, interviewId: string): void {
  const row = store.db
    .select({ id: interviews.id })
    .from(interviews)
    .where(and(eq(interviews.id, interviewId), eq(interviews.caseId, caseId), isNull(interviews.removedAt)))
    .get();
  if (!row) {
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

  'systems:save': (ctx, { caseId, id, ...fields }) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, caseId);
      const before = id === undefined ? undefined : liveSystemRow(ctx.store, caseId, id);
      checkLinkTargets(ctx.store, caseId, { evidence: fields.evidenceIds }, 'evidenceIds');
      const now = nowUtc();
      if (!before) {
        const row: SystemRow = { id: newId(), caseId, ...fields, createdAt: now, updatedAt: now, removedAt: null };
        ctx.store.db.insert(systemReviews).values(row).run();
        const { removedAt: _removed, ...audited } = row;
        appendAudit(ctx.store.sqlite, actor, [{ entity: 'system_review', entityId: row.id, action: 'create', after: audited }]);
        return toSystemReview(ctx.store, row);
      }
      const changes = fieldChanges('system_review', before.id, before, fields);
      if (changes.length === 0) return toSystemReview(ctx.store, before);
      ctx.store.db
        .update(systemReviews)
        .set({ ...fields, updatedAt: now })
        .where(eq(systemReviews.id, before.id))
        .run();
      appendAudit(ctx.store.sqlite, actor, changes);
      return toSystemReview(ctx.store, { ...before, ...fields, updatedAt: now });
    });
  },

  'systems:remove': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      const row = liveSystemRow(ctx.store, input.caseId, input.id);
      const now = nowUtc();
      ctx.store.db.update(systemReviews).set({ removedAt: now, updatedAt: now }).where(eq(systemReviews.id, row.id)).run();
      appendAudit(ctx.store.sqlite, actor, [
        { entity: 'system_review', entityId: row.id, action: 'delete', field: 'removedAt', before: null, after: now },
      ]);
      return { id: row.id };
    });
  },
};

export const interviewsHandlers: HandlerMap<'interviews'> = {
  'interviews:minutes': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    return caseMinutes(ctx.store, input.caseId);
  },

  'interviews:saveMinutes': (ctx, { caseId, interviewId, ...fields }) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, caseId);
      requireLiveInterview(ctx.store, caseId, interviewId);
      const before = ctx.store.db.select().from(interviewMinutes).where(eq(interviewMinutes.interviewId, interviewId)).get();
      const now = nowUtc();
      if (!before) {
        const row: MinutesRow = { id: newId(), caseId, interviewId, ...fields, createdAt: now, updatedAt: now };
        ctx.store.db.insert(interviewMinutes).values(row).run();
        appendAudit(ctx.store.sqlite, actor, [{ entity: 'interview_minutes', entityId: row.id, action: 'create', after: row }]);
        return row;
      }
      const changes = fieldChanges('interview_minutes', before.id, before, fields);
      if (changes.length === 0) return before;
      ctx.store.db
        .update(interviewMinutes)
        .set({ ...fields, updatedAt: now })
        .where(eq(interviewMinutes.id, before.id))
        .run();
      appendAudit(ctx.store.sqlite, actor, changes);
      return { ...before, ...fields, updatedAt: now };
    });
  },
};
