import { eq } from 'drizzle-orm';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { InboxItem } from '../../contract/hq';
import type { OfficerView, SyncRound } from '../../contract/sync';
import { newId, nowUtc } from '../../core/ids';
import { lookupKey } from '../../core/bundle/trust-list';
import { HqError } from '../../core/sync/hq-client';
import type { Store } from '../../db/open';
import { inbox, outbox, users } from '../../db/schema';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { importBundle } from '../bundles/import';
import { activeKey } from '../keys';
import { installedTrustList } from '../trust';
import { bearer, openSession, SyncStop, type HqSession } from './session';

/*
 * Down: the bundles HQ holds for this device's key (its inbox), each fetched once and imported exactly as a file
 * import is (full verification, replay judgement, nothing of this device's own work touched: an import only adds a
 * bundle record and its blobs). And HQ's officer view, which HQ serves to HQ and team-lead keys only.
 */

type Received = SyncRound['received'][number];

/** Largest bundle this device downloads from HQ; the import's own caps still apply. */
const MAX_DOWNLOAD_BYTES = 8 * 1024 ** 3;

const inboxDir = (store: Store) => path.join(store.dataDir, 'sync-inbox');

export async function fetchInbox(ctx: HandlerContext, session: HqSession, token: () => Promise<string>): Promise<Received[]> {
  const store = ctx.store;
  const items = await session.client.inbox(await token());
  const received: Received[] = [];
  for (const item of items) {
    if (store.db.select({ sha256: inbox.sha256 }).from(inbox).where(eq(inbox.sha256, item.sha256)).get()) continue;
    // A bundle this device sealed comes back to it (its author is in the audience): nothing to fetch.
    if (store.db.select({ sha256: outbox.sha256 }).from(outbox).where(eq(outbox.sha256, item.sha256)).get()) continue;
    received.push(await receive(ctx, session, token, item));
  }
  return received;
}

async function receive(ctx: HandlerContext, session: HqSession, token: () => Promise<string>, item: InboxItem): Promise<Received> {
  const store = ctx.store;
  const dir = inboxDir(store);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${newId()}.aeob`);
  try {
    await session.client.download(item.sha256, await token(), file, MAX_DOWNLOAD_BYTES);
    const result = await importBundle(ctx, { file });
    const rejection = result.outcome === 'rejected' ? result.rejection : null;
    store.db
      .insert(inbox)
      .values({
        sha256: item.sha256,
        bundleId: item.bundleId,
        size: item.size,
        outcome: result.outcome,
        rejectionCode: rejection?.code ?? null,
        rejectionReason: rejection?.reason ?? null,
        fetchedAt: nowUtc(),
      })
      .onConflictDoNothing()
      .run();
    return { sha256: item.sha256, bundleId: item.bundleId, caseNumber: item.caseNumber, outcome: result.outcome, reason: rejection?.reason ?? null };
  } finally {
    await rm(file, { force: true });
  }
}

/** HQ and team-lead users only: by the device user's role, or an HQ role on the installed trust list. */
function mayReadOfficerView(ctx: HandlerContext): boolean {
  const actor = requireActor(ctx);
  const user = ctx.store.db.select({ role: users.role }).from(users).where(eq(users.id, actor.id)).get();
  if (user?.role === 'team_lead') return true;
  const key = activeKey(ctx.store, actor.id);
  const list = installedTrustList(ctx.store);
  if (!key || !list) return false;
  const found = lookupKey(list, key.keyId, new Date());
  return found.status === 'valid' && (found.member?.role === 'hq' || found.member?.role === 'team_lead');
}

export async function officerView(ctx: HandlerContext): Promise<OfficerView> {
  if (!mayReadOfficerView(ctx)) {
    return { reachable: false, problem: { code: 'auth_refused', message: 'The HQ inbox is for HQ officers and team leads.' } };
  }
  try {
    const session = await openSession(ctx);
    const token = await bearer(ctx, session);
    const answer = await session.client.officerBundles(await token());
    return {
      reachable: true,
      rows: answer.rows.map((row) => ({
        sha256: row.sha256,
        bundleId: row.bundleId,
        signerName: row.signer.name,
        signerRole: row.signer.role,
        caseNumber: row.caseNumber,
        reportVersion: row.reportVersion,
        receivedAt: row.receivedAt,
        verified: row.verification === 'verified',
        flags: row.flags,
      })),
    };
  } catch (error) {
    if (error instanceof SyncStop) return { reachable: false, problem: error.problem };
    if (error instanceof HqError) {
      return { reachable: false, problem: { code: error.status === 403 ? 'auth_refused' : 'hq_error', message: error.message } };
    }
    throw error;
  }
}
