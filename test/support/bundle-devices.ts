import { rmSync } from 'node:fs';
import { migrationsDir } from '../../src-main/core/app-paths';
import {
  addMember,
  memberFromEnrollment,
  newTrustList,
  parseEnrollment,
  revokeKey,
  signTrustList,
  type TrustListBody,
  type TrustRole,
} from '../../src-main/core/bundle/trust-list';
import { parseSecrets, passphraseWrapper, unwrapWithPassphrase } from '../../src-main/core/keys';
import { openStore, type Store } from '../../src-main/db/open';
import { createAppDispatcher, type Dispatch } from '../../src-main/handlers';
import type { ProgressEvent } from '../../src-main/contract/progress';
import type { TrustImportResult } from '../../src-main/contract/trust';
import { call, tempDir } from './temp-store';
import { testFiles } from './local-files';

export const PASSPHRASE = 'correct horse battery staple';

/** One installation: its own data folder, store and handler map, a user with keys (passphrase-wrapped). */
export type Device = {
  store: Store;
  dispatch: Dispatch;
  dataDir: string;
  events: ProgressEvent[];
  userId: string;
  dispose(): void;
};

export async function device(name: string, role: 'validator' | 'team_lead' = 'validator', dataDir = tempDir('aeo-device-')): Promise<Device> {
  const store = openStore({ dataDir, migrationsDir: migrationsDir() });
  const events: ProgressEvent[] = [];
  const dispatch = createAppDispatcher(store, { fileTokens: testFiles,
    logError: () => undefined,
    emitProgress: (e) => events.push(e),
    secrets: passphraseWrapper(PASSPHRASE),
  });
  const user = await call<{ id: string }>(dispatch, 'users:create', { name, role });
  await call(dispatch, 'keys:create', {});
  return {
    store,
    dispatch,
    dataDir,
    events,
    userId: user.id,
    dispose() {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function enrollmentOf(d: Device): Promise<string> {
  return (await call<{ content: string }>(d.dispatch, 'keys:exportEnrollment', {})).content;
}

/** The device user's private signing key, as HQ tooling would unlock it with the passphrase. */
export async function signingKeyOf(d: Device): Promise<{ keyId: string; secretKey: Uint8Array; ageIdentity: string }> {
  const row = d.store.sqlite
    .prepare('SELECT key_id AS keyId, wrapped_secret AS wrapped FROM user_keys WHERE user_id = ? AND retired_at IS NULL')
    .get(d.userId) as { keyId: string; wrapped: Buffer };
  const secrets = parseSecrets(await unwrapWithPassphrase(row.wrapped, PASSPHRASE));
  return { keyId: row.keyId, secretKey: secrets.signingSecretKey, ageIdentity: secrets.ageIdentity };
}

/** A trust list HQ (`hq`, which must be among the members with role hq) signs. */
export async function trustFile(
  hq: Device,
  members: { enrollment: string; role: TrustRole; validUntil?: string }[],
  options: { version?: number; revoke?: string[]; expiresAt?: string; issuedAt?: Date } = {},
): Promise<Buffer> {
  let body: TrustListBody = {
    ...newTrustList({ issuer: 'Customs HQ', expiresAt: options.expiresAt ?? '2099-01-01T00:00:00.000Z', ...(options.issuedAt ? { now: options.issuedAt } : {}) }),
    version: options.version ?? 1,
  };
  for (const m of members) {
    body = addMember(
      body,
      memberFromEnrollment(parseEnrollment(Buffer.from(m.enrollment)), m.role, {
        validFrom: '2020-01-01T00:00:00.000Z',
        validUntil: m.validUntil ?? '2099-01-01T00:00:00.000Z',
      }),
    );
  }
  for (const keyId of options.revoke ?? []) body = revokeKey(body, keyId, 'lost laptop');
  const signer = await signingKeyOf(hq);
  return signTrustList(body, [{ keyId: signer.keyId, secretKey: signer.secretKey }]);
}

/**
 * Imports a trust list as the user does: a first list answers `needs_confirmation` with its HQ fingerprint, and
 * importing again with that fingerprint installs it. Later lists install at once.
 */
export async function importTrust(dispatch: Dispatch, file: Buffer | string): Promise<TrustImportResult> {
  const source = { content: file.toString() };
  const first = await call<TrustImportResult>(dispatch, 'trust:import', { source });
  if (first.outcome !== 'needs_confirmation') return first;
  return call<TrustImportResult>(dispatch, 'trust:import', { source, confirmFingerprint: first.signedBy[0]?.fingerprint });
}
