import { asc, eq } from 'drizzle-orm';
import type { Application, ApplicationDocument } from '../contract/certification';
import { AppError } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, type AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { applicationDocuments, caseApplications, cases } from '../db/schema';
import type { HandlerMap } from '../kernel/context';
import { caseList, edit, editCase, liveRow, liveRows, oneRow, saveListRow, tombstoneRow, upsertRow } from './case-rows';

/*
 * The application that started a case (seed 000, "Application Process"): when it was received, its reference,
 * the AEO type applied for (the case's own type, so the two never disagree) and the documents handed in with it.
 */

type DocumentRow = typeof applicationDocuments.$inferSelect;

const toDocument = ({ removedAt: _removed, ...row }: DocumentRow): ApplicationDocument => row;

const applicationRow = oneRow(caseApplications, 'application');
const documentRows = caseList(applicationDocuments, 'application_document', 'application document', 'document');

export function getApplication(store: Store, caseId: string): Application {
  const found = store.db.select({ aeoType: cases.aeoType }).from(cases).where(eq(cases.id, caseId)).get();
  if (!found) throw new AppError('not_found', 'No validation case with this id.');
  const row = store.db.select().from(caseApplications).where(eq(caseApplications.caseId, caseId)).get();
  const documents = liveRows(store, applicationDocuments, eq(applicationDocuments.caseId, caseId), [
    asc(applicationDocuments.receivedOn),
    asc(applicationDocuments.createdAt),
    asc(applicationDocuments.id),
  ]).map(toDocument);
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
  // An empty patch changes nothing, and makes no row either.
  if (Object.keys(patch).length === 0) return [];
  const fresh = (now: string) => ({ id: newId(), caseId, receivedOn: null, reference: '', ...patch, updatedAt: now });
  return upsertRow(store, applicationRow, eq(caseApplications.caseId, caseId), patch, fresh).changes;
}

export const applicationHandlers: HandlerMap<'application'> = {
  'application:get': (ctx, input) => getApplication(ctx.store, input.caseId),

  'application:update': (ctx, { caseId, profile, ...patch }) =>
    edit(ctx, (actor) => {
      const before = getApplication(ctx.store, caseId);
      const changes = patchApplication(ctx.store, caseId, patch);
      if (profile !== undefined && profile !== before.profile) {
        ctx.store.db.update(cases).set({ aeoType: profile, updatedAt: nowUtc() }).where(eq(cases.id, caseId)).run();
        changes.push({ entity: 'case', entityId: caseId, action: 'update', field: 'aeoType', before: before.profile, after: profile });
      }
      appendAudit(ctx.store.sqlite, actor, changes);
      return getApplication(ctx.store, caseId);
    }),

  'application:saveDocument': (ctx, { caseId, id, ...fields }) =>
    editCase(ctx, caseId, (actor) => {
      saveListRow(ctx.store, actor, documentRows, { ownerId: caseId, id }, fields);
      return getApplication(ctx.store, caseId);
    }),

  'application:removeDocument': (ctx, input) =>
    edit(ctx, (actor) => {
      tombstoneRow(ctx.store, actor, documentRows, liveRow(ctx.store, documentRows, input.id, input.caseId));
      return getApplication(ctx.store, input.caseId);
    }),
};
