import { create } from 'zustand';
import type { BundleDetail, BundleSummary } from '../../../src-main/contract/bundles';
import type { KeysStatus } from '../../../src-main/contract/keys';
import type { Result } from '../../../src-main/contract/result';
import type { TrustStatus } from '../../../src-main/contract/trust';
import { api, type ApiError } from '../api/client';

type Loadable<T> = { value: T | null; status: 'idle' | 'loading' | 'ready' | 'error'; error: ApiError | null };

const idle = { value: null, status: 'idle', error: null } as const;

type SyncState = {
  keys: Loadable<KeysStatus>;
  trust: Loadable<TrustStatus>;
  bundles: Loadable<BundleSummary[]>;
  /** The bundle whose verification report is open, and its detail once loaded. */
  openId: string | null;
  detail: Loadable<BundleDetail>;
  loadKeys(): Promise<void>;
  loadTrust(): Promise<void>;
  loadBundles(): Promise<void>;
  loadAll(): Promise<void>;
  createKeys(): Promise<Result<KeysStatus>>;
  open(bundleId: string | null): Promise<void>;
  /** Shows a detail the caller already has (the answer of an import). */
  show(detail: BundleDetail): void;
};

/** The Sync page: this user's keys, the installed trust list, and the bundles sealed or imported here. */
export const useSyncStore = create<SyncState>()((set, get) => {
  async function load<K extends 'keys' | 'trust' | 'bundles'>(
    key: K,
    call: () => Promise<Result<NonNullable<SyncState[K]['value']>>>,
  ): Promise<void> {
    set({ [key]: { ...get()[key], status: 'loading', error: null } } as Partial<SyncState>);
    const result = await call();
    set({
      [key]: result.ok
        ? { value: result.value, status: 'ready', error: null }
        : { value: get()[key].value, status: 'error', error: result.error },
    } as Partial<SyncState>);
  }
  return {
    keys: idle,
    trust: idle,
    bundles: idle,
    openId: null,
    detail: idle,
    loadKeys: () => load('keys', () => api.keys.status({})),
    loadTrust: () => load('trust', () => api.trust.status({})),
    loadBundles: () => load('bundles', () => api.bundles.list({})),
    async loadAll() {
      await Promise.all([get().loadKeys(), get().loadTrust(), get().loadBundles()]);
    },
    async createKeys() {
      const result = await api.keys.create({ replace: false });
      if (result.ok) set({ keys: { value: result.value, status: 'ready', error: null } });
      return result;
    },
    async open(bundleId) {
      set({ openId: bundleId, detail: bundleId ? { value: null, status: 'loading', error: null } : idle });
      if (!bundleId) return;
      const result = await api.bundles.get({ bundleId });
      if (get().openId !== bundleId) return;
      set({ detail: result.ok ? { value: result.value, status: 'ready', error: null } : { value: null, status: 'error', error: result.error } });
    },
    show(detail) {
      set({ openId: detail.summary.bundleId, detail: { value: detail, status: 'ready', error: null } });
    },
  };
});
