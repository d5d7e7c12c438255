import { p256 } from '@noble/curves/nist.js';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgeFileReader, CT_CHUNK, CHUNK } from '../../src-main/core/bundle/age-stream';
import { decodeBase64, pae, parseEnvelope, signEnvelope, verifySignature } from '../../src-main/core/bundle/dsse';
import { BundleError } from '../../src-main/core/bundle/errors';
import { createEncryptedFile, openDecryptedSource } from '../../src-main/core/bundle/io';
import {
  fingerprint,
  generateUserKeys,
  KeyWrapError,
  parseIdentityFile,
  parseSecrets,
  passphraseFormatOf,
  passphraseWrapper,
  serializeSecrets,
  unwrapWithPassphrase,
  wrapWithPassphrase,
} from '../../src-main/core/keys';
import { tempDir } from '../support/temp-store';

const dir = tempDir('aeo-crypto-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** age reads passphrases only from a terminal: run `command` on a pseudo-terminal (util-linux `script`), typing `typed`. */
function onTerminal(command: string, typed: string): void {
  execFileSync('script', ['-qec', command, '/dev/null'], { input: typed, stdio: ['pipe', 'ignore', 'pipe'] });
}

describe('DSSE', () => {
  it('PAE matches the spec test vector (protocol.md)', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString('latin1')).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
  });

  it("reproduces the spec's deterministic ECDSA P-256 signature over that PAE", () => {
    const d = 97358161215184420915383655311931858321456579547487070936769975997791359926199n;
    const secret = Buffer.from(d.toString(16).padStart(64, '0'), 'hex');
    const sig = p256.sign(pae('http://example.com/HelloWorld', Buffer.from('hello world')), secret, { lowS: false });
    expect(Buffer.from(sig).toString('base64')).toBe(
      'A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==',
    );
  });

  // testvectors/vectors.json of secure-systems-lab/dsse, key A = RFC 8032 test key 1.
  const seedA = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
  const publicA = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
  const statementPayload = Buffer.from('eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==', 'base64');

  it('signs and verifies the Ed25519 vectors (standard and URL-safe base64, empty payload)', () => {
    const envelope = signEnvelope('application/vnd.in-toto+json', statementPayload, [{ keyId: 'A', secretKey: seedA }]);
    expect(envelope.signatures[0]?.sig).toBe('2WAfaHm5jluo0w+0rk8uVkluELJYWjSmU9x7EUzx+AyteDGJ4/nqyJXfmAUVFIAoQafWm7AxBZNw5M9ixNHiCA==');
    expect(pae('application/vnd.in-toto+json', Buffer.alloc(0)).toString('hex')).toBe(
      '445353457631203238206170706c69636174696f6e2f766e642e696e2d746f746f2b6a736f6e203020',
    );
    const urlSafe = parseEnvelope(
      Buffer.from(
        JSON.stringify({
          payload: '-_-_Pj8=',
          payloadType: 'application/vnd.in-toto+json',
          signatures: [{ sig: 'P-_KHICeR7tI6S_YyejJTRtrXhcQyQ2LYPaL8h90KjC9qN8HU_svOQ6TuDOT1HIrsGW886DbWNWcCmX5twLrAw==', keyid: 'A' }],
        }),
      ),
    );
    expect(verifySignature('application/vnd.in-toto+json', urlSafe.payload, urlSafe.signatures[0]!.sig, publicA)).toBe(true);
    // The same signature under a swapped payload type does not verify.
    const sig = Buffer.from(envelope.signatures[0]!.sig, 'base64');
    expect(verifySignature('application/vnd.example.other+json', statementPayload, sig, publicA)).toBe(false);
    const nonAscii = Buffer.from('xmSk/ug66ysT7ayhkCIjhAq42zgZXSsEWuzUaNL7w2eGAdF/NU6/fRXPtmfN+5DNSAs5/i2lUnHjbbjPsu0tAw==', 'base64');
    expect(verifySignature('application/vnd.exämple+json', statementPayload, nonAscii, publicA)).toBe(true);
  });

  it('refuses malformed envelopes with envelope_invalid', () => {
    const bad = ['not json', '{}', '{"payload":"!!","payloadType":"x","signatures":[{"sig":"AA=="}]}', '{"payload":"","payloadType":"x","signatures":[]}'];
    for (const text of bad) {
      expect(() => parseEnvelope(Buffer.from(text))).toThrow(BundleError);
    }
    expect(decodeBase64('QQ')?.toString()).toBe('A');
    expect(decodeBase64('QR')).toBeNull(); // non-canonical: unused bits set
  });
});

describe('keys', () => {
  it('makes an Ed25519 key and an age identity; the key id is the SHA-256 of the public key', async () => {
    const keys = await generateUserKeys();
    expect(keys.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.ageIdentity).toMatch(/^AGE-SECRET-KEY-1/);
    expect(keys.ageRecipient).toMatch(/^age1/);
    expect(fingerprint(keys.keyId).split(' ')).toHaveLength(16);
  });

  it('wraps private keys as an age passphrase file (scrypt, 2^15) and refuses a wrong passphrase', async () => {
    const keys = await generateUserKeys();
    const plain = serializeSecrets({ signingSecretKey: keys.signingSecretKey, ageIdentity: keys.ageIdentity });
    const wrapped = await wrapWithPassphrase(plain, 'correct horse battery staple');
    const text = Buffer.from(wrapped).toString('latin1');
    expect(text).toMatch(/^age-encryption\.org\/v1\n-> scrypt [A-Za-z0-9+/]{22} 15\n/);
    expect(text).not.toContain(keys.ageIdentity);
    expect(passphraseFormatOf(wrapped)).toBe('age-scrypt');
    const back = parseSecrets(await unwrapWithPassphrase(wrapped, 'correct horse battery staple'));
    expect(back.ageIdentity).toBe(keys.ageIdentity);
    expect(Buffer.from(back.signingSecretKey).equals(Buffer.from(keys.signingSecretKey))).toBe(true);
    await expect(unwrapWithPassphrase(wrapped, 'wrong passphrase here')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    // Damage is not a wrong passphrase; a blob from another wrapper (the keychain) is not a passphrase file at all.
    const damaged = Buffer.from(wrapped);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 1, damaged.length - 1);
    await expect(unwrapWithPassphrase(damaged, 'correct horse battery staple')).rejects.toMatchObject({ code: 'corrupt' });
    await expect(unwrapWithPassphrase(randomBytes(200), 'correct horse battery staple')).rejects.toMatchObject({ code: 'method_mismatch' });
    const none = passphraseWrapper(null);
    expect(none.unavailableReason()).toMatch(/AEO_PASSPHRASE/);
    await expect(Promise.resolve().then(() => none.wrap(plain))).rejects.toBeInstanceOf(KeyWrapError);
  });

  it('unlocking runs scrypt natively in the thread pool: the event loop turns meanwhile, and no 32 MiB work array is left behind', async () => {
    const wrapped = await wrapWithPassphrase(Buffer.from('secret'), 'correct horse battery staple');
    let turned = false;
    setImmediate(() => (turned = true));
    const before = process.memoryUsage().arrayBuffers;
    const opened = unwrapWithPassphrase(wrapped, 'correct horse battery staple').then((plain) => ({ plain, turnedFirst: turned }));
    const { plain, turnedFirst } = await opened;
    expect(Buffer.from(plain).toString()).toBe('secret');
    // The JavaScript scrypt ran synchronously, before any other callback, and kept its 128·r·N = 32 MiB array on
    // the heap until a full collection: 32 MiB more peak RSS for every seal and import.
    expect(turnedFirst).toBe(true);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses a wrapped key that asks for a scrypt work factor above 2^20, before running scrypt', async () => {
    const wrapped = Buffer.from(await wrapWithPassphrase(Buffer.from('secret'), 'correct horse battery staple'));
    const crafted = Buffer.from(wrapped.toString('latin1').replace(/^(age-encryption\.org\/v1\n-> scrypt \S+) 15\n/, '$1 30\n'), 'latin1');
    expect(crafted.equals(wrapped)).toBe(false);
    await expect(unwrapWithPassphrase(crafted, 'correct horse battery staple')).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('a wrapped key opens with `age -d` and the passphrase', async () => {
    const keys = await generateUserKeys();
    const plain = serializeSecrets({ signingSecretKey: keys.signingSecretKey, ageIdentity: keys.ageIdentity });
    const file = path.join(dir, 'wrapped-key.age');
    writeFileSync(file, await passphraseWrapper('correct horse battery staple').wrap(plain));
    const out = path.join(dir, 'wrapped-key.json');
    onTerminal(`age -d -o '${out}' '${file}'`, 'correct horse battery staple\n');
    expect(readFileSync(out).equals(Buffer.from(plain))).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ v: 1, age: keys.ageIdentity });
  });

  it('a key file made with `age -p` (age\'s default work factor 2^18) unlocks with the same passphrase', async () => {
    const keys = await generateUserKeys();
    const input = path.join(dir, 'age-p-plain.json');
    writeFileSync(input, serializeSecrets({ signingSecretKey: keys.signingSecretKey, ageIdentity: keys.ageIdentity }));
    const file = path.join(dir, 'age-p-key.age');
    onTerminal(`age -p -o '${file}' '${input}'`, 'correct horse battery staple\ncorrect horse battery staple\n');
    expect(readFileSync(file, 'latin1')).toMatch(/^age-encryption\.org\/v1\n-> scrypt \S+ 18\n/);
    const back = parseSecrets(await passphraseWrapper('correct horse battery staple').unwrap(readFileSync(file)));
    expect(back.ageIdentity).toBe(keys.ageIdentity);
  }, 60_000);

  it('reads age-keygen identity files', () => {
    const generated = execFileSync('age-keygen', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(parseIdentityFile(generated)).toHaveLength(1);
    expect(() => parseIdentityFile('hello\n')).toThrow();
  });
});

describe('age STREAM with native ChaCha20-Poly1305', () => {
  // 3 MiB + 17: the worker writes whole 1 MiB buffers around the page cache and the tail through it (direct-file.ts).
  const sizes = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 200_001, 3 * 1024 * 1024 + 17];
  const bothThreads = (size: number) => (size === 200_001 || size > 1024 * 1024 ? [false, true] : [false]);

  it.each(sizes)('a %d-byte file we encrypt decrypts with `age -d`, in this thread and in the worker', async (size) => {
    const keys = await generateUserKeys();
    const identityFile = path.join(dir, `id-${size}.txt`);
    writeFileSync(identityFile, `${keys.ageIdentity}\n`);
    const plain = randomBytes(size);
    for (const parallel of bothThreads(size)) {
      const file = path.join(dir, `ours-${size}-${parallel}.age`);
      const sink = await createEncryptedFile(file, [keys.ageRecipient], { parallel });
      // Odd write sizes: chunk boundaries must not depend on how data arrives.
      for (let at = 0; at < plain.length; at += 7777) await sink.write(plain.subarray(at, at + 7777));
      const written = await sink.finish();
      // The file's digest and size, taken as it was written, are those of the file on disk (HQ knows it by them).
      const onDisk = readFileSync(file);
      expect(written).toEqual({ bytes: onDisk.length, sha256: createHash('sha256').update(onDisk).digest('hex') });
      expect(statSync(file).mode & 0o777).toBe(0o644);
      const decrypted = execFileSync('age', ['-d', '-i', identityFile, file], { maxBuffer: 64 * 1024 * 1024 });
      expect(Buffer.compare(decrypted, plain)).toBe(0);
    }
  });

  it.each(sizes)('a %d-byte file `age -r` encrypted decrypts with our reader, whole and by range', async (size) => {
    const keys = await generateUserKeys();
    const plain = randomBytes(size);
    const input = path.join(dir, `plain-${size}`);
    const file = path.join(dir, `theirs-${size}.age`);
    writeFileSync(input, plain);
    execFileSync('age', ['-r', keys.ageRecipient, '-o', file, input]);
    for (const parallel of bothThreads(size)) {
      const source = await openDecryptedSource(file, [keys.ageIdentity], { parallel });
      try {
        expect(source.size).toBe(size);
        const parts: Buffer[] = [];
        for await (const piece of source.stream(0, size)) parts.push(Buffer.from(piece));
        expect(Buffer.compare(Buffer.concat(parts), plain)).toBe(0);
        if (size > 10) expect(Buffer.compare(await source.read(3, size - 2), plain.subarray(3, size - 2))).toBe(0);
      } finally {
        await source.close();
      }
    }
  });

  it('refuses a stranger, a changed header, a changed chunk, a truncation and an extension', async () => {
    const keys = await generateUserKeys();
    const other = await generateUserKeys();
    const plain = randomBytes(3 * CHUNK + 100);
    const file = path.join(dir, 'tamper.age');
    const sink = await createEncryptedFile(file, [keys.ageRecipient], { parallel: false });
    await sink.write(plain);
    await sink.finish();
    const good = readFileSync(file);
    const codeOf = async (bytes: Buffer, identity = keys.ageIdentity) => {
      const probe = path.join(dir, `probe-${Math.random()}.age`);
      writeFileSync(probe, bytes);
      try {
        const reader = await AgeFileReader.open(probe, [identity]);
        try {
          reader.read(0, reader.size);
          return 'ok';
        } finally {
          reader.close();
        }
      } catch (error) {
        if (error instanceof BundleError) return error.code;
        throw error;
      }
    };
    expect(await codeOf(good)).toBe('ok');
    expect(await codeOf(good, other.ageIdentity)).toBe('not_recipient');
    const headerFlip = Buffer.from(good);
    headerFlip[40] = (headerFlip[40] as number) ^ 1;
    expect(['decrypt_failed', 'not_age', 'not_recipient']).toContain(await codeOf(headerFlip));
    const chunkFlip = Buffer.from(good);
    chunkFlip[good.length - CT_CHUNK - 5] = (chunkFlip[good.length - CT_CHUNK - 5] as number) ^ 0x80;
    expect(await codeOf(chunkFlip)).toBe('decrypt_failed');
    expect(await codeOf(good.subarray(0, good.length - 150))).toBe('decrypt_failed'); // loses the last chunk's tail
    expect(await codeOf(good.subarray(0, good.length - 116))).toBe('decrypt_failed'); // cut at a chunk boundary
    expect(await codeOf(Buffer.concat([good, Buffer.alloc(1)]))).toBe('decrypt_failed');
    expect(await codeOf(Buffer.from('PK\u0003\u0004 not age'))).toBe('not_age');
  });
});

describe('layering', () => {
  it('the bundle core imports no database, domain or Electron code (the HQ server uses it as is)', () => {
    const root = path.resolve(import.meta.dirname, '../../src-main');
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/^import [^'"]*['"]([^'"]+)['"]/gm)) {
        if (!spec) continue;
        if (spec.startsWith('.')) {
          // A JSON import is data (the glossary's words): it is checked for where it lives, not read for imports.
          const data = spec.endsWith('.json');
          const target = path.resolve(path.dirname(file), spec.endsWith('.ts') || data ? spec : `${spec}.ts`);
          const relative = path.relative(root, target);
          expect(relative, `${path.relative(root, file)} imports ${spec}`).toMatch(/^(core|contract)\//);
          if (!data) visit(target);
        } else {
          expect(spec, `${path.relative(root, file)} imports ${spec}`).toMatch(/^(node:|zod$|@noble\/|age-encryption$)/);
        }
      }
    };
    for (const entry of ['verify.ts', 'seal.ts', 'trust-list.ts']) visit(path.join(root, 'core', 'bundle', entry));
    expect(seen.size).toBeGreaterThan(8);
  });
});
