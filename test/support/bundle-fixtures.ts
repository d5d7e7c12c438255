import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { generateUserKeys, keyIdOf, type UserKeys } from '../../src-main/core/keys';
import { sealToFile, type SealBlob, type SealOutput } from '../../src-main/core/bundle/seal';
import {
  newTrustList,
  addMember,
  revokeKey,
  signTrustList,
  verifyTrustList,
  TRUST_LIST_TYPE,
  type TrustList,
  type TrustListBody,
  type TrustMember,
  type TrustRole,
} from '../../src-main/core/bundle/trust-list';
import { createEncryptedFile } from '../../src-main/core/bundle/io';
import type { SealPredicate } from '../../src-main/core/bundle/statement';
import { newId } from '../../src-main/core/ids';

/** Test people: their keys, and the trust-list entry HQ would make for them. */
export type Person = { keys: UserKeys; member: TrustMember; userId: string };

export async function person(name: string, role: TrustRole, validity?: { validFrom: string; validUntil: string }): Promise<Person> {
  const keys = await generateUserKeys();
  const userId = newId();
  return {
    keys,
    userId,
    member: {
      keyId: keys.keyId,
      name,
      role,
      signingKey: Buffer.from(keys.signingPublicKey).toString('base64'),
      ageRecipient: keys.ageRecipient,
      validFrom: validity?.validFrom ?? '2020-01-01T00:00:00.000Z',
      validUntil: validity?.validUntil ?? '2099-01-01T00:00:00.000Z',
      userId,
    },
  };
}

export type Cast = { hq: Person; lead: Person; validator: Person; outsider: Person };

export async function cast(): Promise<Cast> {
  return {
    hq: await person('Aliya HQ', 'hq'),
    lead: await person('Timur Lead', 'team_lead'),
    validator: await person('Dana Validator', 'validator'),
    outsider: await person('Eve Outsider', 'validator'),
  };
}

export function trustBody(
  members: TrustMember[],
  options: { version?: number; revoke?: string[]; expiresAt?: string; issuedAt?: string } = {},
): TrustListBody {
  let body: TrustListBody = {
    ...newTrustList({ issuer: 'Customs HQ', expiresAt: options.expiresAt ?? '2099-01-01T00:00:00.000Z' }),
    version: options.version ?? 1,
    ...(options.issuedAt ? { issuedAt: options.issuedAt } : {}),
  };
  for (const m of members) body = addMember(body, m);
  for (const k of options.revoke ?? []) body = revokeKey(body, k, 'lost laptop');
  return body;
}

export function signedTrust(body: TrustListBody, signer: Person): Buffer {
  return signTrustList(body, [{ keyId: signer.keys.keyId, secretKey: signer.keys.signingSecretKey }]);
}

export function trustList(c: Cast, options: Parameters<typeof trustBody>[1] = {}): TrustList {
  const body = trustBody([c.hq.member, c.lead.member, c.validator.member], options);
  return verifyTrustList(signedTrust(body, c.hq));
}

export const memoryBlob = (
  bytes: Buffer,
  meta: Partial<Omit<SealBlob, 'open' | 'size'>> & { role?: SealBlob['role'] } = {},
): SealBlob => ({
  role: meta.role ?? 'evidence',
  mediaType: meta.mediaType ?? 'application/octet-stream',
  displayName: meta.displayName ?? 'file.bin',
  size: bytes.length,
  sha256: meta.sha256 ?? createHash('sha256').update(bytes).digest('hex'),
  ...(meta.evidenceId ? { evidenceId: meta.evidenceId } : {}),
  open: () => Readable.from([bytes]),
});

export const reportBlob = (caseId: string) =>
  memoryBlob(Buffer.from(JSON.stringify({ schema: 'test-report', caseId })), {
    role: 'report',
    mediaType: 'application/json',
    displayName: 'report.json',
  });

/** A field report's statement with placeholder digests, as sealToFile takes it; tests name the fields they test. */
export function samplePredicate(fields: Partial<Omit<SealPredicate, 'files' | 'audience' | 'signer'>> = {}) {
  return {
    bundleId: newId(),
    deviceId: newId(),
    caseId: newId(),
    caseNumber: 'AEO-2026-0001',
    reportVersion: { id: newId(), version: 1, modelSha256: 'a'.repeat(64), supersedesId: null },
    sequence: 1,
    previousBundleDigest: null,
    createdAt: new Date().toISOString(),
    trustListVersion: 1,
    auditHead: { hash: 'b'.repeat(64), rows: 1 },
    ...fields,
  };
}

export type SealFixture = { out: SealOutput; path: string };

export async function sealSample(
  dir: string,
  c: Cast,
  trust: TrustList,
  options: {
    signer?: Person;
    blobs?: SealBlob[];
    sequence?: number;
    previousBundleDigest?: string | null;
    bundleId?: string;
    createdAt?: string;
    name?: string;
    parallel?: boolean;
    /** Written into the statement as is: hostile text the contract would refuse in a new case. */
    caseNumber?: string;
  } = {},
): Promise<SealFixture> {
  const signer = options.signer ?? c.validator;
  const caseId = newId();
  const file = path.join(dir, options.name ?? `${newId()}.aeob`);
  mkdirSync(dir, { recursive: true });
  const out = await sealToFile({
    blobs: options.blobs ?? [
      reportBlob(caseId),
      memoryBlob(Buffer.from('%PDF-1.7 validation report'), { role: 'validation-report-pdf', mediaType: 'application/pdf', displayName: 'validation-report.pdf' }),
      memoryBlob(Buffer.from('%PDF-1.7 control plan'), { role: 'control-plan-pdf', mediaType: 'application/pdf', displayName: 'control-plan.pdf' }),
      memoryBlob(Buffer.from('a photo of a seal log'), { mediaType: 'image/jpeg', displayName: 'seal-log.jpg', evidenceId: newId() }),
    ],
    signer: { keyId: signer.keys.keyId, secretKey: signer.keys.signingSecretKey, userId: signer.userId, name: signer.member.name },
    recipients: [c.hq.keys.ageRecipient, c.lead.keys.ageRecipient, signer.keys.ageRecipient],
    predicate: samplePredicate({
      bundleId: options.bundleId ?? newId(),
      caseId,
      caseNumber: options.caseNumber ?? 'AEO-2026-0001',
      sequence: options.sequence ?? 1,
      previousBundleDigest: options.previousBundleDigest ?? null,
      createdAt: options.createdAt ?? new Date().toISOString(),
      trustListVersion: trust.version,
      auditHead: { hash: 'b'.repeat(64), rows: 12 },
    }),
    outPath: file,
    parallel: options.parallel ?? false,
  });
  return { out, path: file };
}

/* ---- crafting archives by hand ---- */

export type RawEntry = {
  name: string;
  data: Buffer;
  method?: number;
  /** Unix mode in the external attributes (default regular file 0644). */
  mode?: number;
  /** Lie in the central directory about the size. */
  declaredSize?: number;
  crc?: number;
};

/**
 * The run of fields a local header (from byte 4) and a central-directory record (from byte 6) share, in the same
 * order (APPNOTE 4.3.7 and 4.3.12): version needed, flags (UTF-8 names), method, time and date (left 0), CRC-32,
 * both sizes, name length. Written by hand here, not by the app's writer, so the reader is tested against the spec.
 */
function writeSharedFields(header: Buffer, at: number, f: { method: number; crc: number; size: number; nameLength: number }): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0800, at + 2);
  header.writeUInt16LE(f.method, at + 4);
  header.writeUInt32LE(f.crc, at + 10);
  header.writeUInt32LE(f.size, at + 14);
  header.writeUInt32LE(f.size, at + 18);
  header.writeUInt16LE(f.nameLength, at + 22);
}

/**
 * A minimal ZIP writer for hostile archives: any name, any method, any mode, lying sizes. Sizes and CRC go in the
 * local header (no data descriptors); `extraBefore` inserts raw bytes before the central directory.
 */
export function rawZip(entries: RawEntry[], options: { trailing?: Buffer; hidden?: Buffer } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = e.crc ?? crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const fields = { method: e.method ?? 0, crc, size, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeSharedFields(local, 4, fields);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 63, 4);
    writeSharedFields(central, 6, fields);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const hidden = options.hidden ?? Buffer.alloc(0);
  const cdOffset = offset + hidden.length;
  const cd = Buffer.concat(centrals);
  const many = entries.length >= 0xffff;
  const tail: Buffer[] = [];
  if (many) {
    const z64 = Buffer.alloc(56);
    z64.writeUInt32LE(0x06064b50, 0);
    z64.writeBigUInt64LE(44n, 4);
    z64.writeUInt16LE(45, 12);
    z64.writeUInt16LE(45, 14);
    z64.writeBigUInt64LE(BigInt(entries.length), 24);
    z64.writeBigUInt64LE(BigInt(entries.length), 32);
    z64.writeBigUInt64LE(BigInt(cd.length), 40);
    z64.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(z64, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(many ? 0xffff : entries.length, 8);
  eocd.writeUInt16LE(many ? 0xffff : entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([...locals, hidden, cd, ...tail, eocd, options.trailing ?? Buffer.alloc(0)]);
}

/** Encrypts arbitrary plaintext (a crafted ZIP) to the given recipients, as a bundle file. */
export async function encryptTo(file: string, plaintext: Buffer, recipients: string[]): Promise<string> {
  const sink = await createEncryptedFile(file, recipients, { parallel: false });
  await sink.write(plaintext);
  await sink.finish();
  return file;
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
export const read = (file: string) => readFileSync(file);
export const write = (file: string, data: Buffer | string) => writeFileSync(file, data);
export { TRUST_LIST_TYPE, keyIdOf };
