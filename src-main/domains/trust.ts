import { desc } from 'drizzle-orm';
import { readFile, stat, unlink } from 'node:fs/promises';
import type { FileSource } from '../contract/file-source';
import type { Rejection, TrustImportResult, TrustStatus } from '../contract/trust';
import { AppError } from '../contract/result';
import { BundleError } from '../core/bundle/errors';
import { isExpired, loadInstalledTrustList, lookupKey, verifyTrustList, type TrustList } from '../core/bundle/trust-list';
import { newId, nowUtc } from '../core/ids';
import { fingerprint } from '../core/keys';
import { appendAudit } from '../db/audit-chain';
import { withFullSync, type Store } from '../db/open';
import { trustLists } from '../db/schema';
import { requireActor, type HandlerContext, type HandlerMap } from '../handlers/registry';
import { resolveFileSource } from './file-source';

/*
 * The trust list in force on this device: the highest version imported. Each import is checked against it (signed
 * by one of its HQ keys, version not lower, not expired) and kept whole, so the device can always show which list
 * it used. The first list has nothing to be checked against, so the user confirms its HQ fingerprint first.
 */

const MAX_TRUST_FILE = 32 * 1024 * 1024;

export function installedTrustList(store: Store): TrustList | null {
  const row = store.db.select().from(trustLists).orderBy(desc(trustLists.version)).limit(1).get();
  return row ? loadInstalledTrustList(row.file, row.signedBy) : null;
}

export function trustStatus(store: Store, now = new Date()): TrustStatus {
  const row = store.db.select().from(trustLists).orderBy(desc(trustLists.version)).limit(1).get();
  if (!row) return { installed: null, warnings: ['No trust list yet: import the one HQ sent.'] };
  const list = loadInstalledTrustList(row.file, row.signedBy);
  const expired = isExpired(list, now);
  const nameOf = (keyId: string) => list.members.find((m) => m.keyId === keyId)?.name ?? keyId.slice(0, 16);
  return {
    installed: {
      version: list.version,
      issuer: list.issuer,
      issuedAt: list.issuedAt,
      expiresAt: list.expiresAt,
      expired,
      digest: list.digest,
      signedBy: list.signedBy.map((keyId) => ({ keyId, name: nameOf(keyId) })),
      importedAt: row.importedAt,
      members: list.members.map((m) => ({
        keyId: m.keyId,
        fingerprint: fingerprint(m.keyId),
        name: m.name,
        role: m.role,
        validFrom: m.validFrom,
        validUntil: m.validUntil,
        status: lookupKey(list, m.keyId, now).status,
      })),
      revoked: list.revoked,
    },
    warnings: expired ? [`Trust list version ${list.version} expired on ${list.expiresAt}. Ask HQ for a new one.`] : [],
  };
}

async function readSource(ctx: HandlerContext, source: FileSource | { content: string }): Promise<Buffer> {
  if ('content' in source) return Buffer.from(source.content, 'utf8');
  const { file, upload } = resolveFileSource(ctx, source);
  try {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new AppError('not_found', upload ? 'The uploaded trust list is gone; upload it again.' : `No trust-list file at ${file}.`);
    if (info.size > MAX_TRUST_FILE) throw new AppError('invalid_input', `The trust-list file is over ${MAX_TRUST_FILE} bytes.`);
    return await readFile(file);
  } finally {
    // An upload is staged for one import only, whatever its outcome.
    if (upload) await unlink(file).catch(() => undefined);
  }
}

export const trustHandlers: HandlerMap<'trust'> = {
  'trust:status': (ctx) => trustStatus(ctx.store),

  'trust:import': async (ctx, input): Promise<TrustImportResult> => {
    const actor = requireActor(ctx);
    const bytes = await readSource(ctx, input.source);
    const installed = installedTrustList(ctx.store);
    let list: TrustList;
    try {
      list = verifyTrustList(bytes, { installed, anchors: input.anchorKeyId ? [input.anchorKeyId] : [] });
    } catch (error) {
      if (error instanceof BundleError) {
        return { outcome: 'rejected', rejection: { code: error.code, reason: error.reason }, status: trustStatus(ctx.store) };
      }
      throw error;
    }
    if (installed && installed.version === list.version) return { outcome: 'unchanged', status: trustStatus(ctx.store) };
    const refused = (code: Rejection['code'], reason: string): TrustImportResult => ({
      outcome: 'rejected',
      rejection: { code, reason },
      status: trustStatus(ctx.store),
    });
    // An expired list would leave the device unable to seal anything HQ accepts: better to keep the one it has.
    if (isExpired(list, new Date())) {
      return refused('trust_expired', `Trust list version ${list.version} expired on ${list.expiresAt}. Ask HQ for a current one.`);
    }
    if (!installed && !input.anchorKeyId) {
      // Trust on first use: the list vouches for itself, so the user checks its HQ key with HQ before it counts.
      const signedBy = list.signedBy.map((keyId) => ({
        keyId,
        fingerprint: fingerprint(keyId),
        name: list.members.find((m) => m.keyId === keyId)?.name ?? '',
      }));
      if (input.confirmFingerprint === undefined) {
        return { outcome: 'needs_confirmation', version: list.version, issuer: list.issuer, signedBy, status: trustStatus(ctx.store) };
      }
      const confirmed = input.confirmFingerprint.toLowerCase().replace(/[\s:]/g, '');
      if (!signedBy.some((s) => s.keyId === confirmed)) {
        return refused('trust_fingerprint_mismatch', 'The fingerprint confirmed is not that of the HQ key that signed this trust list.');
      }
    }
    withFullSync(ctx.store, () => {
      const id = newId();
      ctx.store.db
        .insert(trustLists)
        .values({
          id,
          version: list.version,
          digest: list.digest,
          file: list.file,
          issuer: list.issuer,
          issuedAt: list.issuedAt,
          expiresAt: list.expiresAt,
          signedBy: list.signedBy,
          importedAt: nowUtc(),
          importedBy: actor.name,
        })
        .run();
      appendAudit(ctx.store.sqlite, actor, [
        {
          entity: 'trust_list',
          entityId: id,
          action: 'create',
          after: { version: list.version, digest: list.digest, issuer: list.issuer, expiresAt: list.expiresAt, signedBy: list.signedBy },
        },
      ]);
    });
    return { outcome: 'installed', status: trustStatus(ctx.store) };
  },
};
