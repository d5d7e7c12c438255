import { desc, eq } from 'drizzle-orm';
import {
  addMember,
  loadInstalledTrustList,
  memberFromEnrollment,
  newTrustList,
  parseEnrollment,
  revokeKey,
  signTrustList,
  verifyTrustList,
  type TrustList,
  type TrustListBody,
  type TrustRole,
} from '../src-main/core/bundle/trust-list';
import type { HqStore } from './db/open';
import { enrollments, trustLists } from './db/schema';
import { createHqIdentity, readHqPublic, type HqIdentity, type HqPublic } from './identity';

/*
 * HQ's trust lists and enrollment queue. Every change (the first list, an approval, a revocation) is a new version
 * signed by HQ's key, stored whole; the server always serves and checks with the highest version, re-read from
 * the store, so `aeo hq approve` takes effect on a running server at once.
 */

const DAY_MS = 24 * 3600 * 1000;
/** Each new version is valid for a year from its issue; members for two years from approval. */
const LIST_VALIDITY_MS = 365 * DAY_MS;
const MEMBER_VALIDITY_MS = 2 * 365 * DAY_MS;

export class TrustAdminError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'TrustAdminError';
  }
}

export function issueTrustList(store: HqStore, identity: HqIdentity, body: TrustListBody): TrustList {
  const file = signTrustList(body, [identity.signer]);
  const list = verifyTrustList(file, { anchors: [identity.signer.keyId] });
  store.db
    .insert(trustLists)
    .values({ version: list.version, digest: list.digest, file: list.file, issuedAt: list.issuedAt, expiresAt: list.expiresAt })
    .run();
  return list;
}

/** `aeo hq init`: HQ's key, then the first list. Refused on a folder that already has either. */
export async function initHq(store: HqStore, passphrase: string | null, name: string, now: Date): Promise<{ identity: HqIdentity; list: TrustList }> {
  const exists = await readHqPublic(store.dataDir).then(() => true, () => false);
  if (exists || store.db.select().from(trustLists).limit(1).get()) {
    throw new TrustAdminError('conflict', `${store.dataDir} is already an HQ data folder; nothing was changed.`);
  }
  const identity = await createHqIdentity(store.dataDir, passphrase, name);
  return { identity, list: firstTrustList(store, identity, now) };
}

/** The first list: HQ's own key as its only (hq) member. */
export function firstTrustList(store: HqStore, identity: HqIdentity, now: Date): TrustList {
  const body = newTrustList({ issuer: identity.name, expiresAt: new Date(now.getTime() + LIST_VALIDITY_MS).toISOString(), now });
  const hq = {
    keyId: identity.keys.keyId,
    name: identity.name,
    role: 'hq' as const,
    signingKey: Buffer.from(identity.keys.signingPublicKey).toString('base64'),
    ageRecipient: identity.keys.ageRecipient,
    validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + 10 * LIST_VALIDITY_MS).toISOString(),
  };
  return issueTrustList(store, identity, addMember(body, hq));
}

/** The current list as HQ signed it, checked against HQ's own key; a small cache keyed by version. */
export class TrustListSource {
  private cached: TrustList | null = null;
  constructor(
    private readonly store: HqStore,
    private readonly hq: Pick<HqPublic, 'keyId'>,
  ) {}

  currentOrNull(): TrustList | null {
    return this.latestRow() ? this.current() : null;
  }

  private latestRow() {
    return this.store.db.select().from(trustLists).orderBy(desc(trustLists.version)).limit(1).get();
  }

  current(): TrustList {
    const row = this.latestRow();
    if (!row) throw new TrustAdminError('not_found', 'HQ has no trust list yet: run `aeo hq init`.');
    if (this.cached?.version === row.version && this.cached.digest === row.digest) return this.cached;
    const checked = verifyTrustList(Buffer.from(row.file, 'utf8'), { anchors: [this.hq.keyId] });
    this.cached = loadInstalledTrustList(row.file, checked.signedBy);
    return this.cached;
  }
}

export type EnrollOutcome = { status: 'pending' | 'approved'; keyId: string; created: boolean };

/** Queues an enrollment file (checked: signed by the key it enrolls). Sending it again changes nothing. */
export function receiveEnrollment(store: HqStore, bytes: Uint8Array, now: Date): EnrollOutcome {
  const enrollment = parseEnrollment(bytes);
  const existing = store.db.select().from(enrollments).where(eq(enrollments.keyId, enrollment.keyId)).get();
  if (existing) {
    return { status: existing.status === 'approved' ? 'approved' : 'pending', keyId: existing.keyId, created: false };
  }
  store.db
    .insert(enrollments)
    .values({
      keyId: enrollment.keyId,
      name: enrollment.name,
      deviceRole: enrollment.deviceRole,
      file: Buffer.from(bytes).toString('utf8'),
      status: 'pending',
      receivedAt: now.toISOString(),
    })
    .run();
  return { status: 'pending', keyId: enrollment.keyId, created: true };
}

export function listEnrollments(store: HqStore, status?: 'pending' | 'approved' | 'revoked') {
  const query = store.db.select().from(enrollments);
  return (status ? query.where(eq(enrollments.status, status)) : query).orderBy(enrollments.receivedAt).all();
}

/** A key id or an unambiguous prefix of one (fingerprints are read aloud in groups; spaces are dropped). */
function findEnrollment(store: HqStore, ref: string) {
  const prefix = ref.replace(/\s+/g, '').toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(prefix)) throw new TrustAdminError('invalid', 'a key id is hex (at least its first 8 digits)');
  const matches = listEnrollments(store).filter((e) => e.keyId.startsWith(prefix));
  if (matches.length === 0) throw new TrustAdminError('not_found', `no enrollment for key ${prefix}`);
  if (matches.length > 1) throw new TrustAdminError('conflict', `${matches.length} enrollments start with ${prefix}: give more digits`);
  return matches[0] as (typeof matches)[number];
}

function nextVersion(list: TrustList, now: Date): TrustListBody {
  return newTrustList({ issuer: list.issuer, expiresAt: new Date(now.getTime() + LIST_VALIDITY_MS).toISOString(), now, from: list });
}

/** Adds an enrolled key with `role` to a new trust-list version signed by HQ. */
export function approveEnrollment(store: HqStore, identity: HqIdentity, ref: string, role: TrustRole, now: Date): { list: TrustList; keyId: string; name: string } {
  const row = findEnrollment(store, ref);
  if (row.status === 'revoked') throw new TrustAdminError('conflict', `key ${row.keyId} was revoked; it cannot be approved again`);
  const enrollment = parseEnrollment(Buffer.from(row.file, 'utf8'));
  const current = new TrustListSource(store, identity.signer).current();
  const member = memberFromEnrollment(enrollment, role, {
    validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + MEMBER_VALIDITY_MS).toISOString(),
  });
  return store.sqlite.transaction(() => {
    const list = issueTrustList(store, identity, addMember(nextVersion(current, now), member));
    store.db.update(enrollments).set({ status: 'approved', role, decidedAt: now.toISOString() }).where(eq(enrollments.keyId, row.keyId)).run();
    return { list, keyId: row.keyId, name: row.name };
  })();
}

/** Revokes a key (enrolled or not) in a new trust-list version; its tokens stop working at the next request. */
export function revokeEnrolledKey(store: HqStore, identity: HqIdentity, ref: string, reason: string, now: Date): { list: TrustList; keyId: string } {
  const cleaned = ref.replace(/\s+/g, '').toLowerCase();
  const keyId = /^[0-9a-f]{64}$/.test(cleaned) ? cleaned : findEnrollment(store, cleaned).keyId;
  if (keyId === identity.signer.keyId) throw new TrustAdminError('invalid', "HQ's own key cannot be revoked here");
  const current = new TrustListSource(store, identity.signer).current();
  return store.sqlite.transaction(() => {
    const list = issueTrustList(store, identity, revokeKey(nextVersion(current, now), keyId, reason, now));
    store.db.update(enrollments).set({ status: 'revoked', decidedAt: now.toISOString() }).where(eq(enrollments.keyId, keyId)).run();
    return { list, keyId };
  })();
}
