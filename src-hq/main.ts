import { createHqApp } from './app';
import { readConfig } from './config';
import { hqPassphrase } from './identity';

/**
 * `npm run hq`: the headquarters server (see README "Headquarters"). Prepare the data folder once with
 * `aeo hq init --data DIR`; then this listens on loopback unless --host / HQ_HOST says otherwise, and prints one
 * line `AEO HQ on http://host:port` (tests wait for it) before its JSON logs.
 */
async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  const hq = await createHqApp({
    dataDir: config.data,
    passphrase: hqPassphrase({ file: config.passphraseFile }),
    logLevel: config.logLevel,
    ...(config.maxBundleBytes ? { maxBundleBytes: config.maxBundleBytes } : {}),
    ...(config.uploadExpiryHours ? { uploadExpiryMs: config.uploadExpiryHours * 3600 * 1000 } : {}),
  });
  const address = await hq.app.listen({ port: config.port, host: config.host });
  console.error(`AEO HQ on ${address} (data ${config.data}, HQ key ${hq.identity.signer.keyId})`);
  const stop = () => void hq.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`aeo hq: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
