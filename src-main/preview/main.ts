import os from 'node:os';
import path from 'node:path';
import { findAppRoot, migrationsDir } from '../core/app-paths';
import { pollHq } from '../core/sync/poller';
import { openStore, resolveDataDir } from '../db/open';
import { createAppDispatcher } from '../handlers';
import { ProgressHub, startPreviewServer } from './server';

/** `npm run preview [-- --port N]`: the app's UI and handler map on http://127.0.0.1:N for a real browser. */
async function main() {
  const portArg = process.argv.indexOf('--port');
  const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 5199;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port takes a number from 0 to 65535');
    process.exit(2);
  }
  const root = findAppRoot();
  const dataDir = resolveDataDir(path.join(os.homedir(), '.aeo-field-validator-preview'));
  const store = openStore({ dataDir, migrationsDir: migrationsDir(root) });
  const progress = new ProgressHub();
  const dispatch = createAppDispatcher(store, { emitProgress: progress.publish });
  // As in the app: the outbox drains by itself whenever HQ answers.
  const sync = pollHq(dispatch);
  const server = await startPreviewServer({
    dispatch,
    progress,
    rendererDir: path.join(root, 'out', 'renderer'),
    uploadsDir: path.join(dataDir, 'uploads'),
    reportsDir: path.join(dataDir, 'reports'),
    bundlesDir: path.join(dataDir, 'bundles'),
    lettersDir: path.join(dataDir, 'letters'),
    port,
  });
  console.log(`AEO preview on ${server.url} (data: ${dataDir})`);
  const stop = async () => {
    sync.stop();
    await server.close();
    store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
