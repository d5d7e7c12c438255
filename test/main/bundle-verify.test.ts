import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgeFileReader } from '../../src-main/core/bundle/age-stream';
import { serializeEnvelope, signEnvelope } from '../../src-main/core/bundle/dsse';
import { BundleError, SealError } from '../../src-main/core/bundle/errors';
import { bufferSource } from '../../src-main/core/bundle/io';
import { sealToFile } from '../../src-main/core/bundle/seal';
import { STATEMENT_PAYLOAD_TYPE } from '../../src-main/core/bundle/statement';
import { verifyTrustList, type TrustList } from '../../src-main/core/bundle/trust-list';
import { verifyBundle, type VerifyInput } from '../../src-main/core/bundle/verify';
import { readZipDirectory } from '../../src-main/core/bundle/zip-directory';
import { readEntry } from '../../src-main/core/bundle/zip-read';
import { newId } from '../../src-main/core/ids';
import {
  cast,
  encryptTo,
  memoryBlob,
  person,
  rawZip,
  reportBlob,
  samplePredicate,
  sealSample,
  sha256,
  signedTrust,
  trustBody,
  trustList,
  type Cast,
  type RawEntry,
} from '../support/bundle-fixtures';
import { tempDir } from '../support/temp-store';

const dir = tempDir('aeo-verify-');
let c: Cast;
let trust: TrustList;
let good: { path: string; envelope: Buffer };
let entries: RawEntry[];

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof BundleError) return error.code;
    throw error;
  }
};
const verify = (file: string, extra: Partial<VerifyInput> = {}) =>
  verifyBundle({ path: file, identities: [c.hq.keys.ageIdentity], trustList: trust, parallel: false, ...extra });

/** The plaintext ZIP inside a bundle. */
async function plaintextOf(file: string): Promise<Buffer> {
  const reader = await AgeFileReader.open(file, [c.hq.keys.ageIdentity]);
  try {
    return reader.read(0, reader.size);
  } finally {
    reader.close();
  }
}

async function entriesOf(zip: Buffer): Promise<RawEntry[]> {
  const source = bufferSource(zip);
  const directory = await readZipDirectory(source);
  const out: RawEntry[] = [];
  for (const entry of directory.entries) out.push({ name: entry.name, data: await readEntry(source, entry) });
  return out;
}

let counter = 0;
const rebundle = (list: RawEntry[], options: Parameters<typeof rawZip>[1] = {}) =>
  encryptTo(path.join(dir, `crafted-${counter++}.aeob`), rawZip(list, options), [c.hq.keys.ageRecipient]);

const envelopeOf = (list: RawEntry[]) => JSON.parse(list.find((e) => e.name === 'envelope.dsse.json')!.data.toString('utf8'));
const withEnvelope = (list: RawEntry[], envelope: unknown): RawEntry[] =>
  list.map((e) => (e.name === 'envelope.dsse.json' ? { name: e.name, data: Buffer.from(JSON.stringify(envelope)) } : e));
const resign = (list: RawEntry[], payloadType: string, payload: Buffer, signer = c.validator): RawEntry[] =>
  withEnvelope(
    list,
    JSON.parse(
      serializeEnvelope(signEnvelope(payloadType, payload, [{ keyId: signer.keys.keyId, secretKey: signer.keys.signingSecretKey }])).toString(),
    ),
  );

beforeAll(async () => {
  c = await cast();
  trust = trustList(c);
  const sealed = await sealSample(dir, c, trust);
  good = { path: sealed.path, envelope: sealed.out.envelope };
  entries = await entriesOf(await plaintextOf(sealed.path));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seal → verify', () => {
  it('round trip: signer, role, case, every file checked, staged copies identical', async () => {
    const stageDir = path.join(dir, 'stage-ok');
    const { report, staged } = await verify(good.path, { stageDir });
    expect(report.signer).toMatchObject({ name: 'Dana Validator', role: 'validator', keyStatus: 'valid', keyId: c.validator.keys.keyId });
    expect(report.caseNumber).toBe('AEO-2026-0001');
    expect(report.files.map((f) => f.role).sort()).toEqual(['control-plan-pdf', 'evidence', 'report', 'validation-report-pdf']);
    expect(report.files.every((f) => f.verified)).toBe(true);
    expect(report.audience.map((a) => a.name).sort()).toEqual(['Aliya HQ', 'Dana Validator', 'Timur Lead']);
    expect(report.warnings).toEqual([]);
    expect(report.envelopeDigest).toBe(sha256(good.envelope));
    for (const file of report.files) {
      const copy = staged.get(file.sha256);
      expect(copy && sha256(readFileSync(copy))).toBe(file.sha256);
    }
    // Every reader on the audience can open it; the team lead and the author too.
    for (const reader of [c.lead, c.validator]) {
      await expect(verify(good.path, { identities: [reader.keys.ageIdentity] })).resolves.toBeTruthy();
    }
  });

  it('the plaintext is exactly envelope.dsse.json and blobs/sha256/<hex>, stored, readable by yauzl and unzip', async () => {
    const zip = await plaintextOf(good.path);
    const names = entries.map((e) => e.name);
    expect(names.at(-1)).toBe('envelope.dsse.json');
    expect(names.slice(0, -1).every((n) => /^blobs\/sha256\/[0-9a-f]{64}$/.test(n))).toBe(true);
    const viaYauzl = await new Promise<{ name: string; method: number }[]>((resolve, reject) => {
      yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, zipfile) => {
        if (error || !zipfile) return reject(error);
        const seen: { name: string; method: number }[] = [];
        zipfile.on('entry', (entry: yauzl.Entry) => {
          seen.push({ name: entry.fileName, method: entry.compressionMethod });
          zipfile.readEntry();
        });
        zipfile.on('end', () => resolve(seen));
        zipfile.readEntry();
      });
    });
    expect(viaYauzl.map((e) => e.name)).toEqual(names);
    expect(viaYauzl.every((e) => e.method === 0)).toBe(true);
    const zipFile = path.join(dir, 'plain.zip');
    writeFileSync(zipFile, zip);
    expect(execFileSync('unzip', ['-t', zipFile], { encoding: 'utf8' })).toMatch(/No errors detected/);
  });

  it('a bundle sealed through the worker thread verifies through the worker thread', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const caseId = newId();
    const sealed = await sealSample(dir, c, trust, { parallel: true, blobs: [reportBlob(caseId), memoryBlob(big, { displayName: 'big.bin' })] });
    const { report } = await verify(sealed.path, { parallel: true, stageDir: path.join(dir, 'stage-parallel') });
    expect(report.files.find((f) => f.displayName === 'big.bin')?.size).toBe(big.length);
  });

  it('an evidence file changed since it was stored stops the seal, and leaves no output', async () => {
    const out = path.join(dir, 'altered.aeob');
    const bytes = Buffer.from('the original photo');
    const blob = { ...memoryBlob(bytes), open: () => Readable.from([Buffer.from('the altered! photo')]) };
    await expect(
      sealToFile({
        blobs: [reportBlob(newId()), blob],
        signer: { keyId: c.validator.keys.keyId, secretKey: c.validator.keys.signingSecretKey, userId: c.validator.userId, name: 'Dana' },
        recipients: [c.hq.keys.ageRecipient],
        predicate: samplePredicate({ caseNumber: 'X' }),
        outPath: out,
        parallel: false,
      }),
    ).rejects.toSatisfy((error) => error instanceof SealError && error.code === 'evidence_altered');
    expect(existsSync(out)).toBe(false);
  });
});

describe('verification refuses, with a code and a reason', () => {
  const blobIndex = () => entries.findIndex((e) => e.name.startsWith('blobs/'));

  it('a flipped byte in a blob → blob_mismatch', async () => {
    const list = entries.map((e, i) => (i === blobIndex() ? { ...e, data: Buffer.from(e.data.map((b, j) => (j === 3 ? b ^ 1 : b))) } : e));
    expect(await codeOf(verify(await rebundle(list)))).toBe('blob_mismatch');
  });

  it('a flipped byte in the payload → signature_invalid', async () => {
    const envelope = envelopeOf(entries);
    const payload = Buffer.from(envelope.payload, 'base64');
    payload[40] = (payload[40] as number) ^ 0x01;
    expect(await codeOf(verify(await rebundle(withEnvelope(entries, { ...envelope, payload: payload.toString('base64') }))))).toBe('signature_invalid');
  });

  it('a flipped byte in payloadType → signature_invalid; another type, validly signed → payload_type', async () => {
    const envelope = envelopeOf(entries);
    const flipped = envelope.payloadType.replace('in-toto', 'in-totp');
    expect(await codeOf(verify(await rebundle(withEnvelope(entries, { ...envelope, payloadType: flipped }))))).toBe('signature_invalid');
    const payload = Buffer.from(envelope.payload, 'base64');
    expect(await codeOf(verify(await rebundle(resign(entries, 'application/vnd.example.other+json', payload)))))
      .toBe('payload_type');
  });

  it('a validly signed statement that breaks the schema → statement_invalid', async () => {
    const statement = JSON.parse(Buffer.from(envelopeOf(entries).payload, 'base64').toString('utf8'));
    statement.predicate.extra = 'not in the schema';
    expect(await codeOf(verify(await rebundle(resign(entries, STATEMENT_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement)))))))
      .toBe('statement_invalid');
  });

  it('an unknown, a revoked and an expired key → key_unknown, key_revoked, key_not_valid', async () => {
    const outsider = await sealSample(dir, c, trust, { signer: c.outsider });
    expect(await codeOf(verify(outsider.path))).toBe('key_unknown');
    const revoked = verifyTrustList(signedTrust(trustBody([c.hq.member, c.lead.member, c.validator.member], { revoke: [c.validator.keys.keyId] }), c.hq));
    expect(await codeOf(verify(good.path, { trustList: revoked }))).toBe('key_revoked');
    const old = await person('Old Validator', 'validator', { validFrom: '2020-01-01T00:00:00.000Z', validUntil: '2021-01-01T00:00:00.000Z' });
    const withOld = verifyTrustList(signedTrust(trustBody([c.hq.member, c.lead.member, old.member]), c.hq));
    const sealed = await sealSample(dir, c, withOld, { signer: old, createdAt: '2020-06-01T00:00:00.000Z' });
    expect(await codeOf(verify(sealed.path, { trustList: withOld }))).toBe('key_not_valid');
    await expect(verify(sealed.path, { trustList: withOld, now: new Date('2020-07-01T00:00:00Z') })).resolves.toBeTruthy();
  });

  it('a trust list older than the author used still verifies, with a warning', async () => {
    const sealed = await sealSample(dir, c, trustList(c, { version: 5 }));
    const { report } = await verify(sealed.path);
    expect(report.warnings.map((w) => w.code)).toEqual(['trust_list_older_than_signer']);
  });

  it.each([
    ['../x', 'zip_bad_name'],
    ['/abs', 'zip_bad_name'],
    ['C:\\x', 'zip_bad_name'],
    ['a\\b', 'zip_bad_name'],
    ['blobs/sha256/../../evil', 'zip_bad_name'],
    ['readme.txt', 'zip_bad_name'],
    ['blobs/', 'zip_bad_name'],
  ])('an archive with an entry named %j → %s', async (name, code) => {
    expect(await codeOf(verify(await rebundle([{ name, data: Buffer.from('x') }, ...entries])))).toBe(code);
  });

  it('a symlink entry → zip_link; a duplicate name → zip_duplicate; a deflated entry → zip_compressed', async () => {
    const first = entries[0]!;
    expect(await codeOf(verify(await rebundle(entries.map((e, i) => (i === 0 ? { ...e, mode: 0o120777 } : e)))))).toBe('zip_link');
    expect(await codeOf(verify(await rebundle([first, ...entries])))).toBe('zip_duplicate');
    expect(await codeOf(verify(await rebundle(entries.map((e, i) => (i === 0 ? { ...e, method: 8 } : e)))))).toBe('zip_compressed');
  });

  it('an extra blob → blob_extra; a missing one → blob_missing', async () => {
    const extra = Buffer.from('smuggled');
    expect(await codeOf(verify(await rebundle([{ name: `blobs/sha256/${sha256(extra)}`, data: extra }, ...entries])))).toBe('blob_extra');
    expect(await codeOf(verify(await rebundle(entries.filter((_, i) => i !== blobIndex()))))).toBe('blob_missing');
  });

  it('100,000 entries → zip_too_many_entries, before the directory is read', async () => {
    const many: RawEntry[] = Array.from({ length: 100_000 }, (_, i) => ({ name: `blobs/sha256/${i.toString(16).padStart(64, '0')}`, data: Buffer.alloc(0) }));
    expect(await codeOf(verify(await rebundle([...many, ...entries])))).toBe('zip_too_many_entries');
  });

  it('a size that lies → zip_size_mismatch; hidden or trailing bytes → refused', async () => {
    const lying = entries.map((e, i) => (i === blobIndex() ? { ...e, declaredSize: e.data.length + 5 } : e));
    expect(await codeOf(verify(await rebundle(lying)))).toBe('zip_size_mismatch');
    const shorter = entries.map((e, i) => (i === blobIndex() ? { ...e, declaredSize: e.data.length - 1 } : e));
    expect(await codeOf(verify(await rebundle(shorter)))).toBe('zip_size_mismatch');
    expect(await codeOf(verify(await rebundle(entries, { trailing: Buffer.from('junk') })))).toBe('zip_structure');
    expect(['zip_structure', 'zip_size_mismatch']).toContain(await codeOf(verify(await rebundle(entries, { hidden: Buffer.from('hidden') }))));
  });

  it('an archive without an envelope → zip_missing_envelope; a garbage envelope → envelope_invalid', async () => {
    expect(await codeOf(verify(await rebundle(entries.filter((e) => e.name !== 'envelope.dsse.json'))))).toBe('zip_missing_envelope');
    expect(await codeOf(verify(await rebundle(withEnvelope(entries, { hello: 'world' }))))).toBe('envelope_invalid');
  });

  it('size caps, strangers and non-bundles', async () => {
    expect(await codeOf(verify(good.path, { limits: { maxBundleBytes: 100 } }))).toBe('too_large');
    expect(await codeOf(verify(good.path, { limits: { maxEntryBytes: 4 } }))).toBe('too_large');
    expect(await codeOf(verify(good.path, { identities: [c.outsider.keys.ageIdentity] }))).toBe('not_recipient');
    const plain = path.join(dir, 'plain.aeob');
    writeFileSync(plain, await plaintextOf(good.path));
    expect(await codeOf(verify(plain))).toBe('not_age');
  });

  it('nothing is left staged when verification fails late', async () => {
    const stageDir = path.join(dir, 'stage-fail');
    const list = entries.map((e, i) => (i === entries.length - 2 ? { ...e, data: Buffer.from(e.data.map((b, j) => (j === 0 ? b ^ 1 : b))) } : e));
    expect(await codeOf(verify(await rebundle(list), { stageDir }))).toBe('blob_mismatch');
    expect(readdirSync(stageDir)).toEqual([]);
  });

  it('property: any single-byte change anywhere in a valid bundle is rejected', async () => {
    const bytes = readFileSync(good.path);
    const probe = path.join(dir, 'mutant.aeob');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const mutant = Buffer.from(bytes);
        mutant[at] = (mutant[at] as number) ^ xor;
        writeFileSync(probe, mutant);
        const code = await codeOf(verify(probe));
        return code !== 'accepted';
      }),
      { numRuns: 400 },
    );
  });
});
