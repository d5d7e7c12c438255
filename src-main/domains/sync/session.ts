import type { HealthAnswer } from '../../contract/hq';
import type { SyncProblem } from '../../contract/sync';
import { lookupKey, type TrustList } from '../../core/bundle/trust-list';
import { fingerprint } from '../../core/keys';
import { HqError, hqClient, type HqClient } from '../../core/sync/hq-client';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { requireKey, unlockKeys } from '../keys';
import { installedTrustList } from '../trust';
import { liveOf } from './live';
import { pinHqKey, syncSettings } from './settings';

/*
 * Reaching HQ as this device: the address from the settings, HQ's health answer, the check that HQ's key is the one
 * pinned (or one the installed trust list names as HQ, which then gets pinned), and a bearer token from a
 * challenge signed with the user's enrolled key. Each step that fails says why as a SyncProblem.
 */

export class SyncStop extends Error {
  constructor(
    readonly problem: SyncProblem,
    /** HQ answered (it is online) even though the round cannot go on. */
    readonly reached: boolean,
  ) {
    super(problem.message);
  }
}

export const stop = (code: SyncProblem['code'], message: string, reached: boolean) => new SyncStop({ code, message }, reached);

export type HqSession = {
  client: HqClient;
  health: HealthAnswer;
  hqKeyId: string;
  hqUrl: string;
};

/** HQ as the settings name it; `offline` when it does not answer. */
export async function reachHq(ctx: HandlerContext): Promise<{ client: HqClient; health: HealthAnswer; hqUrl: string }> {
  const { hqUrl } = syncSettings(ctx.store);
  if (!hqUrl) throw stop('not_configured', 'No HQ address is set; bundles wait in the outbox.', false);
  const client = hqClient(hqUrl);
  const live = liveOf(ctx.store);
  live.lastCheckedAt = new Date().toISOString();
  try {
    const health = await client.health();
    live.online = 'online';
    return { client, health, hqUrl };
  } catch (error) {
    live.online = 'offline';
    if (error instanceof HqError) throw stop('unreachable', error.message, false);
    throw error;
  }
}

/** An HQ key the installed trust list names as a valid HQ member. */
export function hqKeyInList(list: TrustList | null, keyId: string): boolean {
  if (!list) return false;
  const member = list.members.find((m) => m.keyId === keyId);
  return member?.role === 'hq' && lookupKey(list, keyId, new Date()).status === 'valid';
}

/** HQ reached and its key checked against the pin (pinning it when the installed trust list vouches for it). */
export async function openSession(ctx: HandlerContext): Promise<HqSession> {
  const { client, health, hqUrl } = await reachHq(ctx);
  let pinned = syncSettings(ctx.store).hqKey;
  if (!pinned && hqKeyInList(installedTrustList(ctx.store), health.hqKeyId)) {
    pinned = pinHqKey(ctx.store, requireActor(ctx), health.hqKeyId).hqKey;
  }
  if (!pinned) {
    throw stop('not_pinned', `HQ's key ${fingerprint(health.hqKeyId)} is not confirmed on this device yet: enroll and confirm its fingerprint.`, true);
  }
  if (pinned.keyId !== health.hqKeyId) {
    throw stop(
      'wrong_hq_key',
      `The server at ${hqUrl} presents HQ key ${fingerprint(health.hqKeyId)}, not the pinned ${pinned.fingerprint}; nothing was sent.`,
      true,
    );
  }
  return { client, health, hqKeyId: pinned.keyId, hqUrl };
}

/** A bearer token for the current user's key, cached until shortly before it expires. */
export async function bearer(ctx: HandlerContext, session: HqSession): Promise<() => Promise<string>> {
  const actor = requireActor(ctx);
  let key;
  try {
    key = requireKey(ctx, actor);
  } catch {
    throw stop('no_keys', `${actor.name} has no keys on this device yet; create them on the Sync page.`, true);
  }
  const keys = await unlockKeys(ctx, key);
  let cached: { token: string; until: number } | null = null;
  const fresh = async () => {
    if (cached && cached.until > Date.now()) return cached.token;
    try {
      const answer = await session.client.login(key.keyId, session.hqKeyId, keys.signingSecretKey);
      // A minute's margin: a request begun just before expiry must not arrive just after it.
      cached = { token: answer.token, until: Date.parse(answer.expiresAt) - 60_000 };
      return answer.token;
    } catch (error) {
      if (error instanceof HqError && (error.status === 403 || error.status === 401)) {
        throw stop('not_enrolled', `HQ does not accept key ${fingerprint(key.keyId)} yet: it must approve your enrollment first.`, true);
      }
      if (error instanceof HqError) throw stop(error.kind === 'unreachable' ? 'unreachable' : 'auth_refused', error.message, error.kind !== 'unreachable');
      throw error;
    }
  };
  await fresh();
  return fresh;
}
