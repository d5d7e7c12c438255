import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateHeader } from '../../src-main/core/bundle/age-stream';
import { parseEnvelope, serializeEnvelope, signEnvelope } from '../../src-main/core/bundle/dsse';
import { BundleError } from '../../src-main/core/bundle/errors';
import { bufferSource } from '../../src-main/core/bundle/io';
import { buildStatement, parseStatement, STATEMENT_PAYLOAD_TYPE, type Statement } from '../../src-main/core/bundle/statement';
import { parseTrustListFile } from '../../src-main/core/bundle/trust-list';
import { readZipDirectory } from '../../src-main/core/bundle/zip-directory';
import { streamEntries } from '../../src-main/core/bundle/zip-read';
import { newId } from '../../src-main/core/ids';
import { rawZip, sha256 } from '../support/bundle-fixtures';

/*
 * The parsers that read untrusted bytes (envelope, statement, archive, and the age header and trust-list file
 * around them) must answer any input with a result or a BundleError, never anything else. 10,000 inputs here;
 * `node scripts/fuzz-bundles.mjs` runs the same properties with AEO_FUZZ_RUNS inputs.
 */

const TOTAL = Number(process.env.AEO_FUZZ_RUNS ?? 10_000);
const share = (part: number) => Math.max(1, Math.round(TOTAL * part));
const seed = process.env.AEO_FUZZ_SEED ? Number(process.env.AEO_FUZZ_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(seed !== undefined ? { seed } : {}) });

/** Runs `parse`; any throw other than BundleError is a finding. */
function typedOnly(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    if (error instanceof BundleError) return true;
    throw error;
  }
}
async function typedOnlyAsync(parse: () => Promise<unknown>): Promise<boolean> {
  try {
    await parse();
    return true;
  } catch (error) {
    if (error instanceof BundleError) return true;
    throw error;
  }
}

const blob = Buffer.from('evidence bytes');
const statement: Statement = buildStatement({
  bundleId: newId(),
  signer: { keyId: 'c'.repeat(64), userId: newId(), name: 'Dana' },
  deviceId: newId(),
  caseId: newId(),
  caseNumber: 'AEO-1',
  reportVersion: { id: newId(), version: 2, modelSha256: 'd'.repeat(64), supersedesId: newId() },
  sequence: 3,
  previousBundleDigest: 'e'.repeat(64),
  createdAt: new Date().toISOString(),
  audience: ['f'.repeat(64)],
  trustListVersion: 1,
  auditHead: { hash: 'a'.repeat(64), rows: 9 },
  files: [
    { sha256: sha256(blob), role: 'report', mediaType: 'application/json', size: blob.length, displayName: 'report.json' },
  ],
});
const statementBytes = Buffer.from(JSON.stringify(statement));
const envelopeBytes = serializeEnvelope(signEnvelope(STATEMENT_PAYLOAD_TYPE, statementBytes, [{ keyId: 'c'.repeat(64), secretKey: new Uint8Array(32).fill(1) }]));
const zip = rawZip([
  { name: `blobs/sha256/${sha256(blob)}`, data: blob },
  { name: 'envelope.dsse.json', data: envelopeBytes },
]);

/** Byte-level mutations of a valid input: flips, overwrites, cuts, insertions, duplications. */
const mutated = (base: Buffer) =>
  fc
    .array(
      fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
        fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 32 }) }),
        fc.record({ kind: fc.constant('word' as const), at: fc.nat(), value: fc.constantFrom(0, 0xffff, 0xffffffff, 0x7fffffff, 1, 100_000) }),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((ops) => {
      let out = Buffer.from(base);
      for (const op of ops) {
        const at = out.length === 0 ? 0 : op.at % out.length;
        if (op.kind === 'flip' && out.length > 0) out[at] = (out[at] as number) ^ (1 << op.bit);
        else if (op.kind === 'set' && out.length > 0) out[at] = op.value;
        else if (op.kind === 'cut') out = Buffer.concat([out.subarray(0, at), out.subarray(at + op.length)]);
        else if (op.kind === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from(op.bytes), out.subarray(at)]);
        else if (op.kind === 'word' && at + 4 <= out.length) out.writeUInt32LE(op.value, at);
      }
      return out;
    });

async function parseArchive(bytes: Buffer): Promise<void> {
  const source = bufferSource(bytes, 7);
  const directory = await readZipDirectory(source, { maxEntries: 50, maxEntryBytes: 1 << 20, maxEnvelopeBytes: 1 << 20 });
  await streamEntries(source, directory.entries, { onData: () => undefined });
}

describe(`fuzzing the parsers of untrusted bytes (${TOTAL} inputs)`, () => {
  it('the envelope parser yields results or typed errors only', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
          fc
            .record({ payload: fc.string(), payloadType: fc.string(), signatures: fc.array(fc.record({ sig: fc.string(), keyid: fc.string() })) }, { requiredKeys: [] })
            .map((v) => Buffer.from(JSON.stringify(v))),
          mutated(envelopeBytes),
        ),
        (bytes) => typedOnly(() => parseEnvelope(bytes)),
      ),
      params(share(0.25)),
    );
  });

  it('the statement parser yields results or typed errors only', () => {
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, at: (string | number)[]) => {
      paths.push(at);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, Array.isArray(value) ? Number(k) : k]);
    };
    walk(statement, []);
    const replaced = fc.tuple(fc.constantFrom(...paths), fc.jsonValue()).map(([at, value]) => {
      const copy = JSON.parse(JSON.stringify(statement));
      if (at.length === 0) return Buffer.from(JSON.stringify(value) ?? 'null');
      let node = copy;
      for (const key of at.slice(0, -1)) node = node[key];
      node[at.at(-1) as string] = value;
      return Buffer.from(JSON.stringify(copy));
    });
    fc.assert(
      fc.property(fc.oneof(replaced, mutated(statementBytes), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b))), (bytes) =>
        typedOnly(() => parseStatement(bytes)),
      ),
      params(share(0.25)),
    );
    // The unmutated statement parses: the property exercises a real parser, not a wall.
    expect(parseStatement(statementBytes).predicate.sequence).toBe(3);
  });

  it('the archive reader yields results or typed errors only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(zip), mutated(zip), fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b))), (bytes) =>
        typedOnlyAsync(() => parseArchive(bytes)),
      ),
      params(share(0.4)),
    );
    await expect(parseArchive(zip)).resolves.toBeUndefined();
  });

  it('the age header scanner and the trust-list reader yield typed errors only', () => {
    const header = Buffer.from('age-encryption.org/v1\n-> X25519 abc\nAAAA\n--- ' + 'A'.repeat(43) + '\n');
    fc.assert(
      fc.property(fc.oneof(mutated(header), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b))), (bytes) =>
        typedOnly(() => locateHeader(bytes)) && typedOnly(() => parseTrustListFile(bytes)),
      ),
      params(share(0.1)),
    );
  });
});
