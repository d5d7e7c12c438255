import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { IssuingAuthority } from '../../../src-main/contract/authority';
import type { Result } from '../../../src-main/contract/result';
import { api, type ApiError } from '../api/client';
import { fileSourceFor } from '../api/upload';
import type { Load } from './case-resource';

type AuthorityState = {
  authority: IssuingAuthority | null;
  /** The stored logo as a data URL for the preview; null without a logo. */
  logo: string | null;
  status: Load;
  error: ApiError | null;
  load(): Promise<void>;
  update(patch: InputOf<'authority:update'>): Promise<Result<IssuingAuthority>>;
  /** Hands the picked file to the service (a token in Electron, an upload in the browser), never a path. */
  importLogo(file: File): Promise<Result<IssuingAuthority>>;
  removeLogo(): Promise<Result<IssuingAuthority>>;
};

/**
 * The issuing customs authority of this device (one for every case): what the official form of each report
 * prints. Read by the settings page and by the case's official record (its numbering pattern).
 */
export const useAuthorityStore = create<AuthorityState>()((set) => {
  /** After a change: the settings as stored, and the logo's preview read again when the logo changed. */
  const keep = async (result: Result<IssuingAuthority>, logoChanged: boolean) => {
    if (!result.ok) return result;
    set({ authority: result.value, status: 'ready', error: null });
    if (logoChanged) await readLogo(result.value);
    return result;
  };
  const readLogo = async (authority: IssuingAuthority) => {
    if (!authority.logo) {
      set({ logo: null });
      return;
    }
    const image = await api.authority.logoImage({});
    set({ logo: image.ok ? (image.value?.dataUrl ?? null) : null });
  };
  return {
    authority: null,
    logo: null,
    status: 'idle',
    error: null,
    async load() {
      set({ status: 'loading', error: null });
      const result = await api.authority.get({});
      if (!result.ok) {
        set({ status: 'error', error: result.error });
        return;
      }
      set({ authority: result.value, status: 'ready' });
      await readLogo(result.value);
    },
    update: async (patch) => keep(await api.authority.update(patch), false),
    async importLogo(file) {
      const source = await fileSourceFor(file, () => undefined);
      if (!source.ok) return source;
      return keep(await api.authority.importLogo({ source: source.value }), true);
    },
    removeLogo: async () => keep(await api.authority.removeLogo({}), true),
  };
});
