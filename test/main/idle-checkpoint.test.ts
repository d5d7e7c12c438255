import { statSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_CHECKPOINT_MS } from '../../src-main/db/open';
import { call, openTestApp, type TestApp } from '../support/temp-store';

/*
 * Issue 14, answer save p99: the WAL is copied into the database file when the store has been quiet for a moment,
 * not inside the commit of whichever save crossed SQLite's threshold. The fake clock stands in for the quiet.
 */

let app: TestApp | undefined;
afterEach(() => {
  app?.dispose();
  app = undefined;
  vi.useRealTimers();
});

describe('checkpointing when idle', () => {
  it('copies the WAL into the database file once calls pause, and not while they keep coming', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    app = openTestApp();
    const databaseBytes = () => statSync(app!.store.path).size;
    // A fresh store's tables are still in the WAL (fewer than SQLite's own threshold of 1000 pages).
    await call(app.dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
    const before = databaseBytes();

    for (let k = 0; k < 3; k += 1) {
      vi.advanceTimersByTime(IDLE_CHECKPOINT_MS - 1);
      await call(app.dispatch, 'users:create', { name: `Validator ${k}`, role: 'validator' });
    }
    expect(databaseBytes()).toBe(before);

    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS);
    expect(databaseBytes()).toBeGreaterThan(before);
  });
});
