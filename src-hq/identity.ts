import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Passphrase } from '../src-main/contract/keys';
import type { Signer } from '../src-main/core/bundle/dsse';
import { AGE_RECIPIENT, generateUserKeys, KEY_ID, keysFromSecrets, parseSecrets, serializeSecrets, unwrapWithPassphrase, wrapWithPassphrase, WEAK_PASSPHRASE, type UserKeys } from '../src-main/core/keys';
import { writeFileAtomic } from '../src-main/core/fs-atomic';

/*
 * HQ's own key: the Ed25519 key that signs trust lists and receipts, and the age identity bundles are encrypted to
 * (HQ is an `hq` member of its own trust list, so every sealed bundle names it as a reader). Kept like the CLI's
 * keys: the secrets as an age passphrase file (scrypt; `age -d` opens it), 0600, beside the public half. The server
 * and `aeo hq approve|revoke` unlock it with HQ_PASSPHRASE, or the file named by HQ_PASSPHRASE_FILE /
 * --passphrase-file.
 */

export const HQ_KEY_FILE = 'hq-key.age';
export const HQ_PUBLIC_FILE = 'hq-key.pub.json';

const PublicFile = z.strictObject({
  keyId: z.string().regex(KEY_ID),
  signingKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  ageRecipient: z.string().regex(AGE_RECIPIENT),
  name: z.string().min(1).max(200),
});
export type HqPublic = z.infer<typeof PublicFile>;

export type HqIdentity = { keys: UserKeys; signer: Signer; name: string };

export class HqSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HqSetupError';
  }
}

/** `--passphrase-file` (or HQ_PASSPHRASE_FILE) wins over HQ_PASSPHRASE; a file's trailing newline is dropped. */
export function hqPassphrase(options: { file?: string | undefined; env?: NodeJS.ProcessEnv } = {}): string | null {
  const env = options.env ?? process.env;
  const file = options.file ?? (env.HQ_PASSPHRASE_FILE || undefined);
  if (file) return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  return env.HQ_PASSPHRASE && env.HQ_PASSPHRASE.length > 0 ? env.HQ_PASSPHRASE : null;
}

const NO_PASSPHRASE = 'No HQ passphrase: set HQ_PASSPHRASE, or HQ_PASSPHRASE_FILE / --passphrase-file naming a file that holds it.';

/** Makes HQ's key; refuses when the folder already has one (an HQ key is never silently replaced). */
export async function createHqIdentity(dataDir: string, passphrase: string | null, name: string): Promise<HqIdentity> {
  if (!passphrase) throw new HqSetupError(NO_PASSPHRASE);
  if (!Passphrase.safeParse(passphrase).success) throw new HqSetupError(WEAK_PASSPHRASE);
  const keys = await generateUserKeys();
  const wrapped = await wrapWithPassphrase(serializeSecrets(keys), passphrase);
  const pub: HqPublic = {
    keyId: keys.keyId,
    signingKey: Buffer.from(keys.signingPublicKey).toString('base64'),
    ageRecipient: keys.ageRecipient,
    name,
  };
  try {
    // 'wx' underneath: an existing key file stops us before anything is overwritten.
    await writeFileAtomic(path.join(dataDir, HQ_KEY_FILE), wrapped, { mode: 0o600 });
  } catch (error) {
    throw new HqSetupError(`${dataDir} already has an HQ key (${(error as Error).message})`);
  }
  await writeFileAtomic(path.join(dataDir, HQ_PUBLIC_FILE), `${JSON.stringify(pub, null, 2)}\n`, { mode: 0o644, overwrite: true });
  return { keys, signer: { keyId: keys.keyId, secretKey: keys.signingSecretKey }, name };
}

export async function readHqPublic(dataDir: string): Promise<HqPublic> {
  const text = await readFile(path.join(dataDir, HQ_PUBLIC_FILE), 'utf8').catch(() => {
    throw new HqSetupError(`${dataDir} has no HQ key: run \`aeo hq init --data ${dataDir}\` first.`);
  });
  const parsed = PublicFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new HqSetupError(`${path.join(dataDir, HQ_PUBLIC_FILE)} is damaged.`);
  return parsed.data;
}

/** Unlocks HQ's key and checks it is the key the public file names. */
export async function unlockHqIdentity(dataDir: string, passphrase: string | null): Promise<HqIdentity> {
  if (!passphrase) throw new HqSetupError(NO_PASSPHRASE);
  const pub = await readHqPublic(dataDir);
  const wrapped = await readFile(path.join(dataDir, HQ_KEY_FILE)).catch(() => {
    throw new HqSetupError(`${dataDir} has no ${HQ_KEY_FILE}.`);
  });
  let keys: UserKeys;
  try {
    keys = await keysFromSecrets(parseSecrets(await unwrapWithPassphrase(wrapped, passphrase)));
  } catch (error) {
    throw new HqSetupError(`HQ's key could not be unlocked: ${(error as Error).message}`);
  }
  if (keys.keyId !== pub.keyId) throw new HqSetupError(`${HQ_KEY_FILE} does not hold the key ${HQ_PUBLIC_FILE} names.`);
  return { keys, signer: { keyId: keys.keyId, secretKey: keys.signingSecretKey }, name: pub.name };
}
