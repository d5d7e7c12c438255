import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Application, ApplicationDocument } from '../contract/certification';
import { AppError } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, fieldChanges, type AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { applicationDocuments, caseApplications, cases } from '../db/schema';
import { requireActor, type HandlerMap } from '../kernel/context';
import { requireCase } from './plan';

/*
 * The application that started a case (seed 000, "Application Process"): when it was received, its reference,
 * the AEO type applied for (the case's own type, so the two never disagree) and the documents handed in with it.
 */

type DocumentRow = typeof applicationDocuments.$inferSelect;

const toDocument = ({ removedAt: _removed, ...row }: DocumentRow): ApplicationDocument => row;

export function getApplication(store: Store, caseId: string): Application {
  const found = store.db.select({ aeoType: cases.aeoType }).from(cases).where(eq(cases.id, caseId)).get();
  if (!found) throw new AppError('not_found', 'No validation case with this id.');
  const row = store.db.select().from(caseApplications).where(eq(caseApplications.caseId, caseId)).get();
  const documents = store.db
    .select()
    .from(applicationDocuments)
    .where(and(eq(applicationDocuments.caseId, caseId), isNull(applicationDocuments.removedAt)))
    .orderBy(asc(applicationDocuments.receivedOn), asc(applicationDocuments.createdAt), asc(applicationDocuments.id))
    .all()
    .map(toDocument);
  return {
    caseId,
    receivedOn: row?.receivedOn ?? null,
    reference: row?.reference ?? '',
    profile: found.aeoType,
    documents,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The application row's fields changed (created on first use); returns the audit rows. */
function patchApplication(store: Store, caseId: string, patch: { receivedOn?: string | null; reference?: string }): AuditChange[] {
  const now = nowUtc();
  const existing = store.db.select().from(caseApplications).where(eq(caseApplications.caseId, caseId)).get();
  if (!existing) {
    if (Object.keys(patch).length === 0) return [];
    const row = { id: newId(), caseId, receivedOn: null, reference: '', ...patch, updatedAt: now };
    store.db.insert(caseApplications).values(row).run();
    return [{ entity: 'application', entityId: row.id, action: 'create', after: row }];
  }
  const changes = fieldChanges('application', existing.id, existing, patch);
  if (changes.length > 0) store.db.update(caseApplications).set({ ...patch, updatedAt: now }).where(eq(caseApplications.id, existing.id)).run();
  return changes;
}

function liveDocument(store: Store, caseId: string, id: string): DocumentRow {
  const row = store.db.select().from(applicationDocuments).where(eq(applicationDocuments.id, id)).get();
  if (!row || row.caseId !== caseId || row.removedAt !== null) {
    throw new AppError('not_found', 'No such application document in this case (it may have been removed).', [
      { path: 'id', message: 'not a document of this case' },
    ]);
  }
  return row;
}

export const applicationHandlers: HandlerMap<'application'> = {
  'application:get': (ctx, input) => getApplication(ctx.store, input.caseId),

  'application:update': (ctx, { caseId, profile, ...patch }) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const before = getApplication(ctx.store, caseId);
      const changes = patchApplication(ctx.store, caseId, patch);
      if (profile !== undefined && profile !== before.profile) {
        ctx.store.db.update(cases).set({ aeoType: profile, updatedAt: nowUtc() }).where(eq(cases.id, caseId)).run();
        changes.push({ entity: 'case', entityId: caseId, action: 'update', field: 'aeoType', before: before.profile, after: profile });
      }
      appendAudit(ctx.store.sqlite, actor, changes);
      return getApplication(ctx.store, caseId);
    });
  },

  'application:saveDocument': (ctx, { caseId, id, ...fields }) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, caseId);
      const now = nowUtc();
      if (id === undefined) {
        const row: DocumentRow = { id: newId(), caseId, ...fields, createdAt: now, updatedAt: now, removedAt: null };
        ctx.store.db.insert(applicationDocuments).values(row).run();
        appendAudit(ctx.store.sqlite, actor, [{ entity: 'application_document', entityId: row.id, action: 'create', after: toDocument(row) }]);
      } else {
        const before = liveDocument(ctx.store, caseId, id);
        const changes = fieldChanges('application_document', id, before, fields);
        if (changes.length > 0) {
          ctx.store.db.update(applicationDocuments).set({ ...fields, updatedAt: now }).where(eq(applicationDocuments.id, id)).run();
          appendAudit(ctx.store.sqlite, actor, changes);
        }
      }
      return getApplication(ctx.store, caseId);
    });
  },

  'application:removeDocument': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const row = liveDocument(ctx.store, input.caseId, input.id);
      const now = nowUtc();
      ctx.store.db.update(applicationDocuments).set({ removedAt: now, updatedAt: now }).where(eq(applicationDocuments.id, row.id)).run();
      appendAudit(ctx.store.sqlite, actor, [
        { entity: 'application_document', entityId: row.id, action: 'delete', field: 'removedAt', before: null, after: now },
      ]);
      return getApplication(ctx.store, input.caseId);
    });
  },
};
