import { create } from 'zustand';
import type { Result } from '../../../src-main/contract/result';
import type { EnrollResult, OutboxEntry, SyncRound, SyncSettings, SyncStatus } from '../../../src-main/contract/sync';
import { api, type ApiError } from '../api/client';

/*
 * Sync with HQ as the page sees it: the status the header badge shows, the outbox, the HQ settings, and the
 * actions (Sync now, retry, remove, set the address, enroll). The core runs the rounds; the page only asks.
 */

type HqSyncState = {
  status: SyncStatus | null;
  outbox: OutboxEntry[];
  settings: SyncSettings | null;
  error: ApiError | null;
  /** The last round this page started, to show what moved. */
  lastRound: SyncRound | null;
  refresh(): Promise<void>;
  refreshStatus(): Promise<void>;
  syncNow(): Promise<void>;
  configure(hqUrl: string): Promise<Result<SyncSettings>>;
  enroll(confirmFingerprint?: string): Promise<Result<EnrollResult>>;
  retry(bundleId: string): Promise<void>;
  remove(bundleId: string): Promise<void>;
};

export const useHqSyncStore = create<HqSyncState>()((set, get) => {
  const failed = (error: ApiError) => set({ error });
  return {
    status: null,
    outbox: [],
    settings: null,
    error: null,
    lastRound: null,
    async refreshStatus() {
      const status = await api.sync.status({});
      if (status.ok) set({ status: status.value });
    },
    async refresh() {
      const [status, outbox, settings] = await Promise.all([api.sync.status({}), api.sync.outbox({}), api.sync.settings({})]);
      if (status.ok) set({ status: status.value });
      if (outbox.ok) set({ outbox: outbox.value });
      if (settings.ok) set({ settings: settings.value });
      const error = [status, outbox, settings].find((r) => !r.ok);
      set({ error: error && !error.ok ? error.error : null });
    },
    async syncNow() {
      set({ error: null, status: get().status ? { ...get().status!, running: true, badge: 'syncing' } : null });
      const result = await api.sync.now({});
      if (result.ok) set({ lastRound: result.value, status: result.value.status });
      else failed(result.error);
      await get().refresh();
    },
    async configure(hqUrl) {
      const result = await api.sync.configure({ hqUrl });
      if (result.ok) set({ settings: result.value });
      await get().refresh();
      return result;
    },
    async enroll(confirmFingerprint) {
      const result = await api.sync.enroll(confirmFingerprint ? { confirmFingerprint } : {});
      await get().refresh();
      return result;
    },
    async retry(bundleId) {
      const result = await api.sync.retry({ bundleId });
      if (!result.ok) failed(result.error);
      await get().refresh();
    },
    async remove(bundleId) {
      const result = await api.sync.remove({ bundleId });
      if (!result.ok) failed(result.error);
      await get().refresh();
    },
  };
});
