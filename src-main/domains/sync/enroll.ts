import type { EnrollResult } from '../../contract/sync';
import { fingerprint } from '../../core/keys';
import { HqError } from '../../core/sync/hq-client';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { keysHandlers } from '../keys';
import { installedTrustList } from '../trust';
import { hqKeyInList, reachHq, SyncStop } from './session';
import { pinHqKey, syncSettings } from './settings';

/*
 * Enrollment over the network: this user's enrollment file goes to HQ's pending queue, and HQ's key is pinned on
 * the way. HQ's health answer names its key, but an answer proves nothing about who answers, so the first time the
 * user compares the fingerprint with the one HQ gave them (by phone, on paper) before it is pinned; a trust list
 * already installed that names that key as HQ vouches for it instead.
 */

const normalized = (text: string) => text.toLowerCase().replace(/[\s:]/g, '');

export async function enroll(ctx: HandlerContext, confirmFingerprint: string | undefined): Promise<EnrollResult> {
  const actor = requireActor(ctx);
  try {
    const { client, health } = await reachHq(ctx);
    const pinned = syncSettings(ctx.store).hqKey;
    if (pinned && pinned.keyId !== health.hqKeyId) {
      return {
        outcome: 'refused',
        problem: { code: 'wrong_hq_key', message: `This server presents HQ key ${fingerprint(health.hqKeyId)}, not the pinned ${pinned.fingerprint}.` },
      };
    }
    if (!pinned && !hqKeyInList(installedTrustList(ctx.store), health.hqKeyId)) {
      if (confirmFingerprint === undefined) {
        return { outcome: 'needs_confirmation', hqKey: { keyId: health.hqKeyId, fingerprint: fingerprint(health.hqKeyId) } };
      }
      if (normalized(confirmFingerprint) !== health.hqKeyId) {
        return {
          outcome: 'refused',
          problem: { code: 'wrong_hq_key', message: 'The fingerprint confirmed is not that of the HQ key this server presents; nothing was pinned or sent.' },
        };
      }
    }
    pinHqKey(ctx.store, actor, health.hqKeyId);
    const enrollment = await keysHandlers['keys:exportEnrollment'](ctx, { save: false });
    const answer = await client.enroll(enrollment.content);
    return { outcome: 'pending', keyId: answer.keyId, settings: syncSettings(ctx.store) };
  } catch (error) {
    if (error instanceof SyncStop) return { outcome: 'refused', problem: error.problem };
    if (error instanceof HqError) {
      return { outcome: 'refused', problem: { code: error.kind === 'unreachable' ? 'unreachable' : 'hq_error', message: error.message } };
    }
    throw error;
  }
}
