import type { SyncProblem, SyncRound, SyncStatus } from '../../contract/sync';
import { HqError } from '../../core/sync/hq-client';
import type { HandlerContext } from '../../kernel/context';
import { installedTrustList, trustHandlers } from '../trust';
import { fetchInbox } from './inbox';
import { liveOf } from './live';
import { countByState, enqueueMissing } from './outbox';
import { bearer, openSession, SyncStop, type HqSession } from './session';
import { lastSuccessAt, recordSuccess, syncSettings } from './settings';
import { uploadOutbox } from './upload';

/*
 * One round with HQ, in this order: reach HQ and check its key; take a newer trust list if the pinned HQ key (or an
 * HQ key of the installed list) signed it, because approval of this device arrives that way; log in; send the
 * outbox; then fetch the inbox. Only one round runs per device at a time: a second caller joins it. Nothing here
 * blocks sealing or any other work: the outbox is just rows the round reads.
 */

export function syncStatus(ctx: HandlerContext): SyncStatus {
  const store = ctx.store;
  const live = liveOf(store);
  const settings = syncSettings(store);
  const counts = countByState(store);
  const running = live.round !== null;
  const badge: SyncStatus['badge'] = !settings.hqUrl
    ? 'not_configured'
    : counts.rejected > 0 || (live.problem !== null && live.problem.code !== 'unreachable' && live.problem.code !== 'upload_interrupted')
      ? 'needs_attention'
      : running
        ? 'syncing'
        : live.online === 'offline'
          ? 'offline'
          : counts.queued + counts.uploading > 0
            ? live.online === 'online' ? 'syncing' : 'offline'
            : 'up_to_date';
  return {
    badge,
    hqUrl: settings.hqUrl,
    pinned: settings.hqKey !== null,
    online: live.online,
    running,
    progress: live.progress,
    counts,
    lastCheckedAt: live.lastCheckedAt,
    lastSuccessAt: lastSuccessAt(store),
    problem: live.problem,
  };
}

async function takeTrustList(ctx: HandlerContext, session: HqSession): Promise<SyncRound['trustList']> {
  const installed = installedTrustList(ctx.store);
  if (installed && installed.version >= session.health.trustListVersion) return { installed: false, version: installed.version };
  const answer = await session.client.trustList();
  const result = await trustHandlers['trust:import'](ctx, { source: { content: answer.file }, anchorKeyId: session.hqKeyId });
  if (result.outcome === 'rejected') {
    throw new SyncStop({ code: 'trust_refused', message: `HQ's trust list was refused: ${result.rejection.reason}` }, true);
  }
  return { installed: result.outcome === 'installed', version: result.status.installed?.version ?? null };
}

async function round(ctx: HandlerContext): Promise<Omit<SyncRound, 'status'>> {
  const store = ctx.store;
  const live = liveOf(store);
  const answer: Omit<SyncRound, 'status'> = {
    reached: false,
    problem: null,
    trustList: { installed: false, version: installedTrustList(store)?.version ?? null },
    delivered: [],
    rejected: [],
    pending: [],
    received: [],
  };
  let problem: SyncProblem | null = null;
  try {
    await enqueueMissing(store);
    const session = await openSession(ctx);
    answer.reached = true;
    answer.trustList = await takeTrustList(ctx, session);
    const token = await bearer(ctx, session);
    const up = await uploadOutbox(ctx, session, token);
    answer.delivered = up.delivered;
    answer.rejected = up.rejected;
    answer.pending = up.pending;
    problem = up.problem;
    if (!problem) {
      answer.received = await fetchInbox(ctx, session, token);
      recordSuccess(store);
    }
  } catch (error) {
    if (error instanceof SyncStop) {
      problem = error.problem;
      answer.reached = error.reached;
    } else if (error instanceof HqError) {
      problem = { code: error.kind === 'unreachable' ? 'unreachable' : 'hq_error', message: error.message };
      answer.reached = error.kind !== 'unreachable';
      if (error.kind === 'unreachable') live.online = 'offline';
    } else {
      throw error;
    }
  }
  live.problem = problem;
  answer.problem = problem;
  return answer;
}

/** Runs a round, or joins the one running; `status` is read after it ends. */
export async function runRound(ctx: HandlerContext): Promise<SyncRound> {
  const live = liveOf(ctx.store);
  live.round ??= round(ctx).finally(() => {
    live.round = null;
  });
  const result = await live.round;
  return { ...result, status: syncStatus(ctx) };
}
