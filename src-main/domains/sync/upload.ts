import { backOff } from 'exponential-backoff';
import type { ReceiptAnswer } from '../../contract/hq';
import type { OutboxEntry, SyncProblem } from '../../contract/sync';
import { verifyReceipt } from '../../core/hq-protocol';
import { HqError } from '../../core/sync/hq-client';
import { TusUploadError, tusUpload } from '../../core/sync/tus-upload';
import type { HandlerContext } from '../../kernel/context';
import { installedTrustList } from '../trust';
import { liveOf } from './live';
import {
  markDelivered,
  markRejected,
  noteAttempt,
  noteOffset,
  outboxEntry,
  outboxUrlStorage,
  pendingUploads,
} from './outbox';
import type { HqSession } from './session';

/*
 * Up: each bundle still in the outbox, oldest first. HQ is asked once whether it already holds the bytes (a
 * receipt from an earlier round whose answer was lost), and only then is the upload created or resumed; after the
 * last byte HQ is asked again for the receipt, which is verified against the pinned HQ key before the bundle
 * counts as delivered. A dropped connection leaves the bundle `uploading` at HQ's offset for the next attempt.
 */

export type UpResult = { delivered: OutboxEntry[]; rejected: OutboxEntry[]; pending: OutboxEntry[]; problem: SyncProblem | null };

/** The pinned HQ key's public half, from the installed trust list (the list the pinned key signed). */
function hqPublicKey(ctx: HandlerContext, hqKeyId: string): Uint8Array | null {
  const member = installedTrustList(ctx.store)?.members.find((m) => m.keyId === hqKeyId && m.role === 'hq');
  return member ? Buffer.from(member.signingKey, 'base64') : null;
}

/** Settles a bundle from HQ's answer about it; true when it reached a final state. */
function settle(ctx: HandlerContext, session: HqSession, row: { bundleId: string; sha256: string }, answer: ReceiptAnswer): boolean {
  if (answer.state === 'rejected') {
    markRejected(ctx.store, row.bundleId, answer.code, answer.reason);
    return true;
  }
  const publicKey = hqPublicKey(ctx, session.hqKeyId);
  const check = publicKey
    ? verifyReceipt(answer.receipt, publicKey, { sha256: row.sha256, bundleId: row.bundleId })
    : { ok: false as const, reason: 'the trust list on this device does not hold the pinned HQ key' };
  if (!check.ok) {
    noteAttempt(ctx.store, row.bundleId, { code: 'receipt_invalid', message: `HQ's receipt was refused: ${check.reason}.` });
    return false;
  }
  markDelivered(ctx.store, row.bundleId, answer.receipt, check.receipt);
  return true;
}

/** Retries of a whole upload after tus's own quick retries gave up: a few, spaced out, before the round gives up. */
const UPLOAD_ATTEMPTS = 3;

export async function uploadOutbox(ctx: HandlerContext, session: HqSession, token: () => Promise<string>): Promise<UpResult> {
  const store = ctx.store;
  const live = liveOf(store);
  const rows = pendingUploads(store);
  const result: UpResult = { delivered: [], rejected: [], pending: [], problem: null };
  live.progress = { done: 0, total: rows.length };
  const sort = (bundleId: string) => {
    const entry = outboxEntry(store, bundleId);
    (entry.state === 'delivered' ? result.delivered : entry.state === 'rejected' ? result.rejected : result.pending).push(entry);
    if (entry.state === 'delivered' || entry.state === 'rejected') live.progress = { ...live.progress, done: live.progress.done + 1 };
  };
  let interrupted = false;
  for (const row of rows) {
    if (interrupted || !row.path) {
      if (!row.path) noteAttempt(store, row.bundleId, { code: 'hq_error', message: 'The bundle file is missing on this device.' });
      sort(row.bundleId);
      continue;
    }
    try {
      // Once before creating or resuming: HQ may hold these bytes already (the answer to the last PATCH was lost).
      const before = await session.client.receipt(row.sha256, await token());
      // A receipt settles it. A rejection does only for an upload this device made and lost the answer to: a bundle
      // the user sent again after a rejection (queued) gets a new upload and a new verdict.
      const settles = before !== null && (before.state === 'delivered' || row.state === 'uploading');
      if (before && settles && settle(ctx, session, row, before)) {
        sort(row.bundleId);
        continue;
      }
      live.sending.set(row.bundleId, row.offset);
      const file = row.path;
      await backOff(
        () =>
          tusUpload({
            endpoint: new URL('files/', `${session.hqUrl}/`).toString(),
            file,
            sha256: row.sha256,
            size: row.size,
            filename: `${row.bundleId}.aeob`,
            urlStorage: outboxUrlStorage(store, session.hqUrl),
            token,
            onProgress: (sent) => live.sending.set(row.bundleId, sent),
            onOffset: (offset) => noteOffset(store, row.bundleId, offset),
          }),
        {
          numOfAttempts: UPLOAD_ATTEMPTS,
          startingDelay: 1_000,
          jitter: 'full',
          // HQ's 4xx is a verdict on the bundle, not a network hiccup: no point sending the same bytes again.
          retry: (error: unknown) => !(error instanceof TusUploadError && error.failure.status !== null && error.failure.status < 500),
        },
      );
      const after = await session.client.receipt(row.sha256, await token());
      if (!after) {
        noteAttempt(store, row.bundleId, { code: 'hq_error', message: 'HQ holds every byte but gave no receipt yet; asking again next round.' });
      } else {
        settle(ctx, session, row, after);
      }
    } catch (error) {
      if (error instanceof TusUploadError && error.failure.status !== null && error.failure.status < 500) {
        // HQ refused the upload itself (size, metadata, verification): its reason is in the receipt record.
        const verdict = await session.client.receipt(row.sha256, await token()).catch(() => null);
        if (verdict) settle(ctx, session, row, verdict);
        else markRejected(store, row.bundleId, refusalCode(error.failure.status), refusalReason(error.failure.status, error.failure.body));
      } else if (error instanceof TusUploadError || (error instanceof HqError && error.kind === 'unreachable')) {
        noteAttempt(store, row.bundleId, { code: 'upload_interrupted', message: `The connection to HQ broke off (${error.message}); the upload resumes from where HQ stopped.` });
        interrupted = true;
      } else if (error instanceof HqError) {
        noteAttempt(store, row.bundleId, { code: 'hq_error', message: error.message });
      } else {
        throw error;
      }
    } finally {
      live.sending.delete(row.bundleId);
    }
    sort(row.bundleId);
  }
  if (interrupted) {
    result.problem = { code: 'upload_interrupted', message: 'The connection to HQ broke off; the upload resumes on the next round.' };
  }
  return result;
}

function refusalCode(status: number): string {
  if (status === 413) return 'too_large';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 400) return 'bad_metadata';
  return `http_${status}`;
}

function refusalReason(status: number, body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string' && message.trim()) return message.slice(0, 500);
  } catch {
    // Not JSON: fall through to the status.
  }
  return status === 413 ? 'The bundle is larger than HQ accepts.' : `HQ refused the upload (HTTP ${status}).`;
}
