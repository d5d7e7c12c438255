import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printable, printableJson } from '../../src-main/contract/printable';
import { AppError } from '../../src-main/contract/result';
import { resolveAnchor } from '../../src-main/cli/trust-anchor';
import { cast, sealSample, signedTrust, trustBody, trustList, type Cast } from '../support/bundle-fixtures';
import { tempDir } from '../support/temp-store';
import { runAeo } from '../support/aeo-cli';

/*
 * What `aeo verify`, `inspect` and `pdf` print about a received bundle: text from the bundle cannot drive the
 * terminal, and a verification says what its trust rests on (a pinned HQ anchor, or first use when asked).
 */

const root = tempDir('aeo-cli-out-');
const file = (name: string) => path.join(root, name);
const HOSTILE = 'AEO-1\x1b]0;x\x07\nfiles: all ok\u202e';
let c: Cast;

const aeo = runAeo;

beforeAll(async () => {
  c = await cast();
  const body = trustBody([c.hq.member, c.lead.member, c.validator.member]);
  writeFileSync(file('trust.json'), signedTrust(body, c.hq));
  writeFileSync(file('hq.identity'), `${c.hq.keys.ageIdentity}\n`);
  // The statement is crafted here directly: the app's contract refuses such a case number in a new case.
  await sealSample(root, c, trustList(c), { name: 'hostile.aeob', caseNumber: HOSTILE });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const noRawControls = (out: string) => {
  // Lines are joined with \n by the capture; none of them may hold a raw ESC, BEL, or bidi override.
  for (const raw of ['\x1b', '\x07', '\u202e']) expect(out).not.toContain(raw);
  expect(out).not.toMatch(/^files: all ok/m);
};

describe('printable', () => {
  it('shows C0, C1 and bidi controls as visible escapes and leaves other text alone', () => {
    expect(printable('a\x1b]0;x\x07\nb\u202ec\u0085 Дана')).toBe('a\\x1b]0;x\\x07\\x0ab\\u202ec\\x85 Дана');
    expect(printableJson({ n: 'a\x1b\u202e\u0085' })).toBe('{\n  "n": "a\\u001b\\u202e\\u0085"\n}');
  });

  it('escapes half of a surrogate pair but keeps a whole one, and error messages quote input the same way', () => {
    expect(printable('a\ud800b \udc00 😀')).toBe('a\\ud800b \\udc00 😀');
    const error = new AppError('invalid_input', 'bad key "\x1b[2J\ud83d"', [{ path: 'metadata.\u202e', message: '\x07' }]);
    expect(error.message).toBe('bad key "\\x1b[2J\\ud83d"');
    expect(error.issues).toEqual([{ path: 'metadata.\\u202e', message: '\\x07' }]);
  });
});

describe('aeo verify / inspect / pdf print bundle text escaped', () => {
  it('verify prints the hostile case number escaped, on its own line', async () => {
    const result = await aeo('verify', [file('hostile.aeob')], { trust: file('trust.json'), identity: file('hq.identity'), 'hq-key': c.hq.keys.keyId });
    noRawControls(result.out);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('case:     AEO-1\\x1b]0;x\\x07\\x0afiles: all ok\\u202e');
  });

  it('inspect prints JSON with the bidi override escaped', async () => {
    const result = await aeo('inspect', [file('hostile.aeob')], { identity: file('hq.identity') });
    noRawControls(result.out);
    expect(result.code).toBe(0);
    // Still JSON, and it still says exactly what the statement holds.
    expect(JSON.parse(result.out.slice(result.out.indexOf('{'))).predicate.caseNumber).toBe(HOSTILE);
  });

  it('pdf names the signer and files escaped', async () => {
    const result = await aeo('pdf', [file('hostile.aeob')], { out: file('pdfs'), trust: file('trust.json'), identity: file('hq.identity'), 'hq-key': c.hq.keys.keyId });
    noRawControls(result.out);
    expect(result.code, result.out).toBe(0);
  });
});

describe('an HQ anchor is required to verify', () => {
  const base = () => ({ trust: file('trust.json'), identity: file('hq.identity') });

  it('verify, pdf and inspect --trust refuse without an anchor, with a code, and exit 2', async () => {
    for (const [name, extra] of [
      ['verify', {}],
      ['pdf', { out: file('pdfs-refused') }],
      ['inspect', {}],
    ] as const) {
      const result = await aeo(name, [file('hostile.aeob')], { ...base(), ...extra });
      expect(result.code, `${name}: ${result.out}`).toBe(2);
      expect(result.out).toMatch(/^REFUSED no_hq_anchor: /);
      expect(result.out).not.toMatch(/VERIFIED/);
    }
  });

  it('--tofu verifies, and says plainly that trust rests on first use', async () => {
    const result = await aeo('verify', [file('hostile.aeob')], { ...base(), tofu: true });
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/^VERIFIED \(trust on first use\)/);
    expect(result.out).toMatch(/ON FIRST USE \(--tofu\): no HQ anchor/);
  });

  it('an anchor file pins HQ; a list signed by another key is refused against it', async () => {
    writeFileSync(file('anchor.json'), JSON.stringify({ hqKeyIds: [c.hq.keys.keyId] }));
    const ok = await aeo('verify', [file('hostile.aeob')], { ...base(), anchor: file('anchor.json') });
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/anchored: trust list signed by HQ key .* pinned by --anchor/);
    writeFileSync(file('other-anchor.json'), JSON.stringify({ hqKeyIds: [c.lead.keys.keyId] }));
    const other = await aeo('verify', [file('hostile.aeob')], { ...base(), anchor: file('other-anchor.json') });
    expect(other.code).toBe(1);
    expect(other.out).toMatch(/^REJECTED trust_signature: /);
  });

  it('the shipped anchor file is the default when no anchor is given', async () => {
    writeFileSync(file('shipped.json'), JSON.stringify({ hqKeyIds: [c.hq.keys.keyId] }));
    expect(await resolveAnchor({}, file('shipped.json'))).toEqual({ keyIds: [c.hq.keys.keyId], source: `the shipped anchor ${file('shipped.json')}` });
    expect(await resolveAnchor({}, file('absent.json'))).toBeNull();
    expect(await resolveAnchor({ 'hq-key': c.lead.keys.keyId }, file('shipped.json'))).toEqual({ keyIds: [c.lead.keys.keyId], source: '--hq-key' });
  });
});
