import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { KeyHex } from '../contract/keys';
import { assetsDir } from '../core/app-paths';
import { verifyTrustList, type TrustList } from '../core/bundle/trust-list';
import { fingerprint } from '../core/keys';
import { CliError, str, type CommandOptions, type CommandValues } from './kit';

/*
 * Which HQ key a received trust list must be signed by. A trust list that names its own HQ key and is signed by it
 * proves nothing: anyone can make one. So the receiver pins HQ out of band, by key id (--hq-key), by an anchor
 * file (--anchor), or by the organisation's anchor shipped with the app in assets/trust/hq-anchor.json when one is
 * configured at build time. Without any of them verification is refused, unless --tofu says "trust the list's own
 * HQ key this once", and then the output says so plainly.
 */

/** `assets/trust/hq-anchor.json`: `{"hqKeyIds": ["<64 hex>", ...]}`. */
export const AnchorFile = z.strictObject({ hqKeyIds: z.array(KeyHex).min(1) });

export const defaultAnchorFile = () => path.join(assetsDir(), 'trust', 'hq-anchor.json');

export const ANCHOR_OPTIONS = {
  'hq-key': { type: 'string' },
  anchor: { type: 'string' },
  tofu: { type: 'boolean' },
} satisfies CommandOptions;

export const ANCHOR_USAGE = `The trust list must be signed by a pinned HQ key: --hq-key KEYID, or --anchor FILE (JSON
{"hqKeyIds": [KEYID, ...]}), or the organisation's anchor shipped in assets/trust/hq-anchor.json. Without one,
verification is refused; --tofu accepts an HQ key the list names itself (trust on first use) and says so.`;

export type Anchor = { keyIds: string[]; source: string };

async function readAnchorFile(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`cannot read the HQ anchor file ${file}`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON (expected {"hqKeyIds": [KEYID, ...]})`);
  }
  const anchor = AnchorFile.safeParse(parsed);
  if (!anchor.success) throw new CliError(`${file} is not an HQ anchor file (expected {"hqKeyIds": [64-hex key id, ...]})`);
  return anchor.data.hqKeyIds;
}

/** The pinned HQ keys from --hq-key and --anchor, else from the shipped default anchor file; null when none. */
export async function resolveAnchor(values: CommandValues, defaultFile = defaultAnchorFile()): Promise<Anchor | null> {
  const keyIds: string[] = [];
  const sources: string[] = [];
  const hqKey = str(values['hq-key'])?.toLowerCase().replace(/[\s:]/g, '');
  if (hqKey) {
    if (!KeyHex.safeParse(hqKey).success) throw new CliError('--hq-key is a 64-hex key id', 2);
    keyIds.push(hqKey);
    sources.push('--hq-key');
  }
  const file = str(values.anchor);
  if (file) {
    keyIds.push(...(await readAnchorFile(path.resolve(file))));
    sources.push(`--anchor ${path.resolve(file)}`);
  }
  if (keyIds.length === 0 && existsSync(defaultFile)) {
    keyIds.push(...(await readAnchorFile(defaultFile)));
    sources.push(`the shipped anchor ${defaultFile}`);
  }
  return keyIds.length > 0 ? { keyIds, source: sources.join(' and ') } : null;
}

export type VerifyingTrust = {
  trustList: TrustList;
  /** One line saying what the trust rests on: the pinned anchor, or first use. */
  basis: string;
  tofu: boolean;
};

/**
 * Reads and checks the trust list against the pinned HQ anchor. No anchor and no --tofu: refused
 * (`no_hq_anchor`, exit 2). With --tofu: accepted on the list's own HQ key, and `basis` says so.
 */
export async function trustForVerifying(values: CommandValues, trustFile: string, defaultFile = defaultAnchorFile()): Promise<VerifyingTrust> {
  const anchor = await resolveAnchor(values, defaultFile);
  if (!anchor && values.tofu !== true) {
    throw new CliError(
      'REFUSED no_hq_anchor: no HQ anchor, so nothing says this trust list comes from HQ (anyone can sign a list naming ' +
        'their own key as HQ). Give --hq-key KEYID or --anchor FILE, or --tofu to trust the list on first use.',
      2,
    );
  }
  const bytes = await readFile(trustFile).catch(() => {
    throw new CliError(`cannot read the trust list ${trustFile}`);
  });
  const trustList = verifyTrustList(bytes, anchor ? { anchors: anchor.keyIds } : {});
  const signers = trustList.signedBy.map((k) => fingerprint(k)).join(', ');
  return anchor
    ? { trustList, tofu: false, basis: `trust:    anchored: trust list signed by HQ key ${signers}, pinned by ${anchor.source}` }
    : {
        trustList,
        tofu: true,
        basis:
          `trust:    ON FIRST USE (--tofu): no HQ anchor; the trust list is signed by a key it names itself (${signers}). ` +
          'Check that fingerprint with HQ out of band before relying on this result.',
      };
}
