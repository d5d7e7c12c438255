import { createHash } from 'node:crypto';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { DirectFile } from '../direct-file';
import path from 'node:path';
import type { WarningCode } from '../../contract/bundle-codes';
import { parseEnvelope } from './dsse';
import { checkEnvelope } from './envelope-check';
import { BundleError } from './errors';
import { openDecryptedSource, PARALLEL_THRESHOLD, type DecryptedSource } from './io';
import { checkMergedContents, mergeRoles, type VerifiedInput } from './merged-check';
import {
  bundleKindOf,
  MERGED_PREDICATE_TYPE,
  parseStatement,
  STATEMENT_PAYLOAD_TYPE,
  type BundleRef,
  type FileRole,
  type SealedFile,
  type SealPredicate,
  type Statement,
} from './statement';
import { isExpired, memberByRecipient, type KeyStatus, type TrustList, type TrustRole } from './trust-list';
import { readZipDirectory } from './zip-directory';
import { DEFAULT_ZIP_LIMITS, type ZipEntry, type ZipLimits } from './zip-format';
import { readEntry, streamEntries } from './zip-read';

/*
 * Verifies a bundle, refusing at the first failed check, in this order: size caps → decrypt (age header, then every
 * chunk as it is read) → ZIP structure → envelope → signer's key in the trust list → signature over the PAE →
 * payloadType → statement schema → every blob re-hashed, none missing or extra. Replay is judged by the caller,
 * which knows what was imported before. Pure core: no database, no Electron; the HQ server uses it as is.
 *
 * With `stageDir`, each blob is copied there (as <sha256>) in the same pass that hashes it, so an import does not
 * read the data twice; staged files are removed again if anything fails.
 */

export type VerifyLimits = ZipLimits & { maxBundleBytes: number };
export const DEFAULT_LIMITS: VerifyLimits = { ...DEFAULT_ZIP_LIMITS, maxBundleBytes: 16 * 1024 ** 3 };

export type VerifyInput = {
  path: string;
  identities: readonly string[];
  trustList: TrustList;
  now?: Date;
  limits?: Partial<VerifyLimits>;
  stageDir?: string;
  /** Stage only the files with these roles (default: all). */
  stageRoles?: readonly FileRole[];
  parallel?: boolean | 'auto';
  onProgress?: (phase: 'verifying', done: number, total: number) => void;
};

export type CheckedFile = SealedFile & { verified: true };

export type VerificationReport = {
  bundleId: string;
  envelopeDigest: string;
  signer: {
    keyId: string;
    name: string;
    role: TrustRole;
    keyStatus: KeyStatus;
    validUntil: string;
    userId: string;
  };
  deviceId: string;
  caseId: string;
  caseNumber: string;
  kind: 'seal' | 'handout' | 'merged';
  /** Seals and merged reports freeze a report version; a handout has none. */
  reportVersion: SealPredicate['reportVersion'] | null;
  sequence: number;
  previousBundleDigest: string | null;
  createdAt: string;
  auditHead: SealPredicate['auditHead'] | null;
  /** The handout a field report or a merged report started from. */
  handout: BundleRef | null;
  /** A merged report's inputs, each verified with its signer. */
  inputs: VerifiedInput[];
  /** Who else signed a merged report (the lead signs first). */
  cosigners: { keyId: string; name: string; role: TrustRole }[];
  /** A handout's validators. */
  assignees: { keyId: string; name: string }[];
  audience: { fingerprint: string; name: string | null; role: TrustRole | null }[];
  /** The version the author sealed with, and the one this check used. */
  trustListVersion: number;
  checkedWithTrustListVersion: number;
  files: CheckedFile[];
  bundleBytes: number;
  plaintextBytes: number;
  warnings: { code: WarningCode; message: string }[];
};

export type VerifyResult = {
  report: VerificationReport;
  statement: Statement;
  envelope: Buffer;
  /** sha256 → staged file path, when `stageDir` was given. */
  staged: Map<string, string>;
};

export async function verifyBundle(input: VerifyInput): Promise<VerifyResult> {
  const limits = { ...DEFAULT_LIMITS, ...input.limits };
  const now = input.now ?? new Date();

  // 1. Size caps, before a byte is decrypted.
  const info = await stat(input.path).catch(() => {
    throw new BundleError('not_age', 'the bundle file cannot be read');
  });
  if (!info.isFile()) throw new BundleError('not_age', 'the bundle is not a regular file');
  if (info.size > limits.maxBundleBytes) {
    throw new BundleError('too_large', `the bundle is ${info.size} bytes; the cap is ${limits.maxBundleBytes}`);
  }

  // 2. Decrypt: header and key now, each chunk's authenticity as it is read.
  const parallel = input.parallel === 'auto' || input.parallel === undefined ? info.size >= PARALLEL_THRESHOLD : input.parallel;
  const source = await openDecryptedSource(input.path, input.identities, { parallel });
  const staged = new Map<string, string>();
  try {
    const result = await verifyOpened(source, input, limits, now, staged, info.size);
    return { ...result, staged };
  } catch (error) {
    await Promise.all([...staged.values()].map((file) => unlink(file).catch(() => undefined)));
    staged.clear();
    throw error;
  } finally {
    await source.close();
  }
}

async function verifyOpened(
  source: DecryptedSource,
  input: VerifyInput,
  limits: VerifyLimits,
  now: Date,
  staged: Map<string, string>,
  bundleBytes: number,
): Promise<Omit<VerifyResult, 'staged'>> {
  // 3. ZIP structure: names, links, duplicates, methods, count and sizes, layout.
  const directory = await readZipDirectory(source, limits);

  // 4.–8. Envelope, signers' keys, signatures, payload type, statement.
  const envelopeBytes = await readEntry(source, directory.envelope);
  const trust = input.trustList;
  const { statement, envelopeDigest, signer, cosigners } = checkEnvelope(envelopeBytes, trust, now, limits.maxEnvelopeBytes);
  const { keyId, member } = signer;
  const predicate = statement.predicate;

  // 9. Blobs: the archive holds exactly the subjects, each with the declared size and digest.
  const blobEntries = directory.entries.filter((e) => e.sha256 !== null);
  const byDigest = new Map(blobEntries.map((e) => [e.sha256 as string, e]));
  const sizes = new Map(predicate.files.map((f) => [f.sha256, f.size]));
  for (const subject of statement.subject) {
    const entry = byDigest.get(subject.digest.sha256);
    if (!entry) throw new BundleError('blob_missing', `blob ${subject.digest.sha256.slice(0, 16)}… is listed but not in the archive`);
    const declared = sizes.get(subject.digest.sha256);
    if (declared !== entry.size) {
      throw new BundleError('blob_mismatch', `blob ${subject.digest.sha256.slice(0, 16)}… is ${entry.size} bytes in the archive, ${declared} in the statement`);
    }
  }
  for (const entry of blobEntries) {
    if (!statement.subject.some((s) => s.digest.sha256 === entry.sha256)) {
      throw new BundleError('blob_extra', `the archive holds ${entry.name}, which the statement does not list`);
    }
  }

  const stageable = input.stageRoles ? new Set(predicate.files.filter((f) => input.stageRoles?.includes(f.role)).map((f) => f.sha256)) : null;
  // A merged bundle is judged on what it carries too: the handout, each input's envelope and report.
  const kept = statement.predicateType === MERGED_PREDICATE_TYPE ? new Set(predicate.files.filter((f) => mergeRoles.includes(f.role)).map((f) => f.sha256)) : null;
  const contents = await hashBlobs(source, blobEntries, input, staged, stageable, kept);
  const merged = statement.predicateType === MERGED_PREDICATE_TYPE ? checkMergedContents(statement, contents, trust, now, limits.maxEnvelopeBytes) : null;

  const warnings: VerificationReport['warnings'] = [];
  if (isExpired(trust, now)) {
    warnings.push({ code: 'trust_list_expired', message: `trust list version ${trust.version} expired on ${trust.expiresAt}; ask HQ for a new one` });
  }
  if (trust.version < predicate.trustListVersion) {
    warnings.push({
      code: 'trust_list_older_than_signer',
      message: `the author sealed with trust list version ${predicate.trustListVersion}; this check used older version ${trust.version}`,
    });
  }

  const report: VerificationReport = {
    bundleId: predicate.bundleId,
    envelopeDigest,
    signer: {
      keyId,
      name: member.name,
      role: member.role,
      keyStatus: signer.status,
      validUntil: member.validUntil,
      userId: predicate.signer.userId,
    },
    deviceId: predicate.deviceId,
    caseId: predicate.caseId,
    caseNumber: predicate.caseNumber,
    kind: bundleKindOf(statement),
    reportVersion: 'reportVersion' in predicate ? predicate.reportVersion : null,
    sequence: predicate.sequence,
    previousBundleDigest: predicate.previousBundleDigest,
    createdAt: predicate.createdAt,
    auditHead: 'auditHead' in predicate ? predicate.auditHead : null,
    handout: 'handout' in predicate && predicate.handout ? predicate.handout : null,
    inputs: merged?.inputs ?? [],
    cosigners: cosigners.map((c) => ({ keyId: c.keyId, name: c.member.name, role: c.member.role })),
    assignees: 'assignments' in predicate ? predicate.assignments.map((a) => ({ keyId: a.keyId, name: a.name })) : [],
    audience: predicate.audience.map((fingerprint) => {
      const reader = memberByRecipient(trust, fingerprint);
      return { fingerprint, name: reader?.name ?? null, role: reader?.role ?? null };
    }),
    trustListVersion: predicate.trustListVersion,
    checkedWithTrustListVersion: trust.version,
    files: predicate.files.map((file) => ({ ...file, verified: true as const })),
    bundleBytes,
    plaintextBytes: source.size,
    warnings,
  };
  return { report, statement, envelope: envelopeBytes };
}

async function hashBlobs(
  source: DecryptedSource,
  entries: ZipEntry[],
  input: VerifyInput,
  staged: Map<string, string>,
  stageable: Set<string> | null,
  kept: Set<string> | null,
): Promise<Map<string, Buffer>> {
  // The few small files a merged bundle is judged on are kept in memory as they stream past (capped).
  const contents = new Map<string, Buffer>();
  let keptBytes = 0;
  let pieces: Buffer[] = [];
  const stages = (entry: ZipEntry) => Boolean(input.stageDir) && (stageable === null || stageable.has(entry.sha256 as string));
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  let done = 0;
  let lastReport = 0;
  let hash = createHash('sha256');
  let handle: DirectFile | null = null;
  // Staged files are flushed in the background while the next entries are hashed; all before we return.
  const flushing: Promise<unknown>[] = [];
  if (input.stageDir) await mkdir(input.stageDir, { recursive: true });
  input.onProgress?.('verifying', 0, total);
  try {
    await streamEntries(source, entries, {
      onData: async (entry, chunk) => {
        if (input.stageDir && handle === null && stages(entry)) handle = openStage(input.stageDir, entry, staged);
        hash.update(chunk);
        if (kept?.has(entry.sha256 as string)) {
          keptBytes += chunk.length;
          if (keptBytes > MAX_KEPT_BYTES) throw new BundleError('too_large', `the reports a merged bundle carries are over ${MAX_KEPT_BYTES} bytes`);
          pieces.push(Buffer.from(chunk));
        }
        if (handle) await handle.write(chunk);
        done += chunk.length;
        if (input.onProgress && (done - lastReport >= 8 * 1024 * 1024 || done === total)) {
          lastReport = done;
          input.onProgress('verifying', done, total);
        }
      },
      onEnd: async (entry) => {
        if (input.stageDir && handle === null && stages(entry) && !staged.has(entry.sha256 as string)) {
          handle = openStage(input.stageDir, entry, staged);
        }
        const digest = hash.digest('hex');
        hash = createHash('sha256');
        if (kept?.has(entry.sha256 as string)) contents.set(entry.sha256 as string, Buffer.concat(pieces));
        pieces = [];
        if (handle) {
          const flush = handle.finish();
          flush.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled meanwhile
          flushing.push(flush);
          handle = null;
          if (flushing.length >= 8) await flushing.shift();
        }
        if (digest !== entry.sha256) {
          throw new BundleError('blob_mismatch', `blob ${(entry.sha256 as string).slice(0, 16)}… does not hash to its name (its content was altered)`);
        }
      },
    });
    await Promise.all(flushing.splice(0));
  } finally {
    const open = handle as DirectFile | null;
    if (open) await open.abort();
    await Promise.allSettled(flushing);
  }
  input.onProgress?.('verifying', total, total);
  return contents;
}

const MAX_KEPT_BYTES = 512 * 1024 * 1024;

/** A staged blob is written once, flushed and renamed into the store: around the page cache (core/direct-file.ts). */
function openStage(dir: string, entry: ZipEntry, staged: Map<string, string>): DirectFile {
  const file = path.join(dir, entry.sha256 as string);
  const handle = DirectFile.create(file, 0o444);
  staged.set(entry.sha256 as string, file);
  return handle;
}

/**
 * Decrypts a bundle and reads its statement through the ZIP and envelope checks, without judging the signer
 * (`aeo inspect`): for looking at a bundle whose trust list one does not have at hand.
 */
export async function readStatement(file: string, identities: readonly string[], limits: Partial<VerifyLimits> = {}): Promise<{ statement: Statement; envelopeDigest: string; keyId: string | null }> {
  const source = await openDecryptedSource(file, identities, { parallel: false });
  try {
    const directory = await readZipDirectory(source, { ...DEFAULT_LIMITS, ...limits });
    const bytes = await readEntry(source, directory.envelope);
    const { envelope, payload, signatures } = parseEnvelope(bytes, DEFAULT_LIMITS.maxEnvelopeBytes);
    if (envelope.payloadType !== STATEMENT_PAYLOAD_TYPE) throw new BundleError('payload_type', `payload type ${JSON.stringify(envelope.payloadType.slice(0, 80))} is not ${STATEMENT_PAYLOAD_TYPE}`);
    return {
      statement: parseStatement(payload),
      envelopeDigest: createHash('sha256').update(bytes).digest('hex'),
      keyId: signatures[0]?.keyid ?? null,
    };
  } finally {
    await source.close();
  }
}
