import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { ReceiptPayload } from '../../contract/hq';
import { AppError } from '../../contract/result';
import type { OutboxEntry, SyncProblem } from '../../contract/sync';
import { hashFile } from '../../core/blob-store';
import { nowUtc } from '../../core/ids';
import { fingerprint } from '../../core/keys';
import type { PreviousUpload, UploadUrlStorage } from '../../core/sync/tus-upload';
import { appendAudit, type Actor, type AuditChange } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import { bundles, outbox, settings } from '../../db/schema';
import { liveOf } from './live';

/*
 * The outbox of sealed bundles on their way to HQ. State changes a user would ask about later (queued, delivered
 * with its receipt, rejected, retried, removed) are audited; offsets and transient errors are transport details
 * and are not.
 */

type OutboxRow = typeof outbox.$inferSelect;

export const SYNC_ACTOR: Actor = { id: null, name: 'sync' };

/** The outbox row for a bundle just sealed; called inside the seal's transaction, with its audit change. */
export function enqueueChange(store: Store, bundle: { bundleId: string; sha256: string; size: number }): AuditChange {
  const at = nowUtc();
  store.db.insert(outbox).values({ ...bundle, state: 'queued', queuedAt: at, updatedAt: at }).run();
  return { entity: 'outbox', entityId: bundle.bundleId, action: 'create', after: { state: 'queued', sha256: bundle.sha256, size: bundle.size } };
}

const BACKFILLED = 'sync_outbox_backfilled';

/**
 * Sealed bundles with no outbox row, sealed before the outbox existed: hashed and queued, once per device (a
 * bundle the user later removes from the outbox must stay out of it).
 */
export async function enqueueMissing(store: Store): Promise<number> {
  if (store.db.select().from(settings).where(eq(settings.key, BACKFILLED)).get()) return 0;
  const missing = store.db
    .select({ bundleId: bundles.bundleId, path: bundles.path, size: bundles.size })
    .from(bundles)
    .leftJoin(outbox, eq(outbox.bundleId, bundles.bundleId))
    .where(and(eq(bundles.direction, 'sealed'), isNull(outbox.bundleId)))
    .all();
  let queued = 0;
  for (const row of missing) {
    if (!row.path) continue;
    const sha256 = await hashFile(row.path).catch(() => null);
    if (!sha256) continue;
    store.db.transaction(() => {
      appendAudit(store.sqlite, SYNC_ACTOR, [enqueueChange(store, { bundleId: row.bundleId, sha256, size: row.size })]);
    });
    queued++;
  }
  store.db.insert(settings).values({ key: BACKFILLED, value: nowUtc() }).onConflictDoNothing().run();
  return queued;
}

function problemOf(text: string | null): SyncProblem | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as SyncProblem;
  } catch {
    return { code: 'hq_error', message: text };
  }
}

function entryOf(row: OutboxRow & { caseNumber: string }, sending: Map<string, number>): OutboxEntry {
  return {
    bundleId: row.bundleId,
    caseNumber: row.caseNumber,
    sha256: row.sha256,
    size: row.size,
    state: row.state,
    sent: row.state === 'delivered' ? row.size : Math.max(row.offset, sending.get(row.bundleId) ?? 0),
    attempts: row.attempts,
    lastError: problemOf(row.lastError),
    rejection: row.rejectionCode ? { code: row.rejectionCode, reason: row.rejectionReason ?? '' } : null,
    receipt:
      row.receipt && row.receiptHqKeyId && row.receivedAt && row.receiptSequence !== null
        ? { hqKeyId: row.receiptHqKeyId, hqFingerprint: fingerprint(row.receiptHqKeyId), receivedAt: row.receivedAt, sequence: row.receiptSequence }
        : null,
    queuedAt: row.queuedAt,
    deliveredAt: row.deliveredAt,
  };
}

const selectEntries = (store: Store) =>
  store.db
    .select({ row: outbox, caseNumber: bundles.caseNumber })
    .from(outbox)
    .innerJoin(bundles, eq(bundles.bundleId, outbox.bundleId));

export function outboxEntries(store: Store): OutboxEntry[] {
  const sending = liveOf(store).sending;
  return selectEntries(store)
    .orderBy(asc(outbox.queuedAt), asc(outbox.bundleId))
    .all()
    .map(({ row, caseNumber }) => entryOf({ ...row, caseNumber }, sending));
}

export function outboxEntry(store: Store, bundleId: string): OutboxEntry {
  const found = selectEntries(store).where(eq(outbox.bundleId, bundleId)).get();
  if (!found) throw new AppError('not_found', 'That bundle is not in the outbox.');
  return entryOf({ ...found.row, caseNumber: found.caseNumber }, liveOf(store).sending);
}

/** What still has to go up, oldest first, with the file to send. */
export function pendingUploads(store: Store): (OutboxRow & { path: string | null })[] {
  return store.db
    .select({ row: outbox, path: bundles.path })
    .from(outbox)
    .innerJoin(bundles, eq(bundles.bundleId, outbox.bundleId))
    .where(inArray(outbox.state, ['queued', 'uploading']))
    .orderBy(asc(outbox.queuedAt), asc(outbox.bundleId))
    .all()
    .map(({ row, path }) => ({ ...row, path }));
}

export function countByState(store: Store): Record<OutboxRow['state'], number> {
  const counts = { queued: 0, uploading: 0, delivered: 0, rejected: 0 };
  for (const row of store.db.select({ state: outbox.state }).from(outbox).all()) counts[row.state]++;
  return counts;
}

export function noteAttempt(store: Store, bundleId: string, problem: SyncProblem | null): void {
  const row = store.db.select({ attempts: outbox.attempts }).from(outbox).where(eq(outbox.bundleId, bundleId)).get();
  store.db
    .update(outbox)
    .set({ attempts: (row?.attempts ?? 0) + 1, lastError: problem ? JSON.stringify(problem) : null, updatedAt: nowUtc() })
    .where(eq(outbox.bundleId, bundleId))
    .run();
}

export function noteOffset(store: Store, bundleId: string, offset: number): void {
  store.db.update(outbox).set({ offset, updatedAt: nowUtc() }).where(and(eq(outbox.bundleId, bundleId), eq(outbox.state, 'uploading'))).run();
}

export function markDelivered(store: Store, bundleId: string, envelope: unknown, receipt: ReceiptPayload): void {
  store.db.transaction(() => {
    const at = nowUtc();
    store.db
      .update(outbox)
      .set({
        state: 'delivered',
        offset: receipt.size,
        uploadUrl: null,
        lastError: null,
        rejectionCode: null,
        rejectionReason: null,
        receipt: JSON.stringify(envelope),
        receiptHqKeyId: receipt.hqKeyId,
        receivedAt: receipt.receivedAt,
        receiptSequence: receipt.sequence,
        deliveredAt: at,
        updatedAt: at,
      })
      .where(eq(outbox.bundleId, bundleId))
      .run();
    appendAudit(store.sqlite, SYNC_ACTOR, [
      {
        entity: 'outbox',
        entityId: bundleId,
        action: 'update',
        field: 'state',
        before: 'uploading',
        after: { state: 'delivered', hqKeyId: receipt.hqKeyId, hqSequence: receipt.sequence, receivedAt: receipt.receivedAt },
      },
    ]);
  });
}

export function markRejected(store: Store, bundleId: string, code: string, reason: string): void {
  store.db.transaction(() => {
    store.db
      .update(outbox)
      .set({ state: 'rejected', uploadUrl: null, rejectionCode: code, rejectionReason: reason, lastError: null, updatedAt: nowUtc() })
      .where(eq(outbox.bundleId, bundleId))
      .run();
    appendAudit(store.sqlite, SYNC_ACTOR, [
      { entity: 'outbox', entityId: bundleId, action: 'update', field: 'state', before: 'uploading', after: { state: 'rejected', code, reason } },
    ]);
  });
}

/** A rejected bundle back into the queue, from zero (HQ refused those bytes; its upload is finished for HQ). */
export function retryEntry(store: Store, actor: Actor, bundleId: string): OutboxEntry {
  const current = outboxEntry(store, bundleId);
  if (current.state !== 'rejected') throw new AppError('conflict', 'Only a bundle HQ rejected can be sent again; the others go by themselves.');
  store.db.transaction(() => {
    store.db
      .update(outbox)
      .set({ state: 'queued', offset: 0, uploadUrl: null, uploadHq: null, rejectionCode: null, rejectionReason: null, attempts: 0, updatedAt: nowUtc() })
      .where(eq(outbox.bundleId, bundleId))
      .run();
    appendAudit(store.sqlite, actor, [
      { entity: 'outbox', entityId: bundleId, action: 'update', field: 'state', before: { state: 'rejected', code: current.rejection?.code }, after: 'queued' },
    ]);
  });
  return outboxEntry(store, bundleId);
}

/** Takes a bundle out of the outbox; a delivered one stays (its receipt is the proof). The bundle itself stays. */
export function removeEntry(store: Store, actor: Actor, bundleId: string): void {
  const current = outboxEntry(store, bundleId);
  if (current.state === 'delivered') throw new AppError('conflict', 'A delivered bundle stays in the list with its receipt.');
  if (liveOf(store).sending.has(bundleId)) throw new AppError('conflict', 'This bundle is being sent right now; remove it after this round.');
  store.db.transaction(() => {
    store.db.delete(outbox).where(eq(outbox.bundleId, bundleId)).run();
    appendAudit(store.sqlite, actor, [{ entity: 'outbox', entityId: bundleId, action: 'delete', before: { state: current.state, sha256: current.sha256 } }]);
  });
}

/**
 * tus-js-client's URL storage, backed by the outbox: the upload URL of a bundle is kept in its row, keyed by the
 * file's SHA-256 (the upload's fingerprint) and the HQ address it belongs to, so a resume after a restart asks the
 * same HQ for the same upload.
 */
export function outboxUrlStorage(store: Store, hqUrl: string): UploadUrlStorage {
  const toPrevious = (row: OutboxRow): PreviousUpload => ({
    size: row.size,
    metadata: { sha256: row.sha256 },
    creationTime: row.uploadCreatedAt ?? row.updatedAt,
    urlStorageKey: row.sha256,
    uploadUrl: row.uploadUrl,
    parallelUploadUrls: null,
  });
  const rows = (where: ReturnType<typeof eq>) =>
    store.db
      .select()
      .from(outbox)
      .where(and(where, eq(outbox.uploadHq, hqUrl)))
      .all()
      .filter((row) => row.uploadUrl !== null);
  return {
    findAllUploads: () => Promise.resolve(rows(inArray(outbox.state, ['queued', 'uploading'])).map(toPrevious)),
    findUploadsByFingerprint: (sha256) => Promise.resolve(rows(eq(outbox.sha256, sha256)).map(toPrevious)),
    removeUpload: (sha256) => {
      store.db.update(outbox).set({ uploadUrl: null, uploadHq: null, offset: 0, updatedAt: nowUtc() }).where(eq(outbox.sha256, sha256)).run();
      return Promise.resolve();
    },
    addUpload: (sha256, upload) => {
      const at = nowUtc();
      store.db
        .update(outbox)
        .set({ uploadUrl: upload.uploadUrl, uploadHq: hqUrl, uploadCreatedAt: upload.creationTime || at, state: 'uploading', offset: 0, updatedAt: at })
        .where(and(eq(outbox.sha256, sha256), inArray(outbox.state, ['queued', 'uploading'])))
        .run();
      return Promise.resolve(sha256);
    },
  };
}
