import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_HQ_PORT } from '../src-main/contract/hq';

/*
 * `npm run hq [-- --port N --host H --data DIR --passphrase-file FILE]`; each flag has an HQ_* variable (the flag
 * wins): HQ_PORT, HQ_HOST, HQ_DATA, HQ_PASSPHRASE / HQ_PASSPHRASE_FILE, HQ_MAX_BUNDLE_BYTES,
 * HQ_UPLOAD_EXPIRY_HOURS, HQ_LOG_LEVEL. Defaults: 127.0.0.1:5299 and ./hq-data.
 */

const Config = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1).max(255),
  data: z.string().min(1),
  passphraseFile: z.string().min(1).optional(),
  maxBundleBytes: z.coerce.number().int().min(1).optional(),
  uploadExpiryHours: z.coerce.number().positive().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});
export type HqConfig = z.infer<typeof Config>;

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): HqConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    strict: true,
  });
  const pick = (flag: string | undefined, variable: string | undefined) => flag ?? (variable && variable.trim() !== '' ? variable : undefined);
  const parsed = Config.safeParse({
    port: pick(values.port, env.HQ_PORT) ?? DEFAULT_HQ_PORT,
    host: pick(values.host, env.HQ_HOST) ?? '127.0.0.1',
    data: path.resolve(pick(values.data, env.HQ_DATA) ?? 'hq-data'),
    passphraseFile: pick(values['passphrase-file'], env.HQ_PASSPHRASE_FILE),
    maxBundleBytes: pick(undefined, env.HQ_MAX_BUNDLE_BYTES),
    uploadExpiryHours: pick(undefined, env.HQ_UPLOAD_EXPIRY_HOURS),
    logLevel: pick(undefined, env.HQ_LOG_LEVEL) ?? 'info',
  });
  if (!parsed.success) {
    throw new Error(`bad HQ setting: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
