import os from 'node:os';
import path from 'node:path';
import { migrationsDir } from '../core/app-paths';
import { passphraseFrom, passphraseWrapper } from '../core/keys';
import { openStore, resolveDataDir, type Store } from '../db/open';
import { createAppDispatcher, type Dispatch } from '../handlers';
import { cliFiles } from './local-files';
import { str, Timing } from './kit';

/*
 * The data folder side of `aeo`: opening the store and running work through the app's dispatcher. Only the
 * commands that work on a data folder import this module (and with it SQLite, the schema and every handler).
 */

/** `--data DIR`, else AEO_DATA_DIR, else the app's default data folder. */
export function openDataStore(values: Record<string, unknown>): Store {
  const explicit = typeof values.data === 'string' ? path.resolve(values.data) : undefined;
  const dataDir = explicit ?? resolveDataDir(path.join(os.homedir(), '.config', 'aeo-field-validator'));
  return openStore({ dataDir, migrationsDir: migrationsDir() });
}

/**
 * Opens the data folder and runs `work` through the same dispatcher (checks, audit log) as the app, with private
 * keys unlocked by AEO_PASSPHRASE or --passphrase-file, and progress on a terminal's stderr.
 */
export async function withDevice<T>(values: Record<string, unknown>, work: (dispatch: Dispatch, store: Store) => Promise<T>): Promise<T> {
  const timing = new Timing(values.timing === true);
  const store = openDataStore(values);
  try {
    const tty = process.stderr.isTTY;
    const dispatch = createAppDispatcher(store, {
      logError: (channel, error) => console.error(`[${channel}]`, error),
      fileTokens: cliFiles,
      secrets: passphraseWrapper(passphraseFrom({ file: str(values['passphrase-file']) })),
      emitProgress: (event) => {
        timing.mark(event.phase);
        if (tty && event.total > 0) process.stderr.write(`\r${event.phase} ${Math.round((event.done / event.total) * 100)}%   `);
      },
    });
    const result = await work(dispatch, store);
    if (tty) process.stderr.write('\r\x1b[K');
    timing.report();
    return result;
  } finally {
    store.close();
  }
}
