import { create } from 'zustand';
import { contrastModes, type ContrastMode } from '../theme';

/**
 * Standard or outdoor (high-contrast) look. The user's choice from the header is remembered on this device; until
 * they choose, the system's `prefers-contrast: more` picks outdoor.
 */
export const CONTRAST_STORAGE_KEY = 'aeo.theme';
const MORE_CONTRAST = '(prefers-contrast: more)';

function isContrastMode(value: unknown): value is ContrastMode {
  return typeof value === 'string' && (contrastModes as readonly string[]).includes(value);
}

function storedChoice(): ContrastMode | null {
  try {
    const value = window.localStorage.getItem(CONTRAST_STORAGE_KEY);
    return isContrastMode(value) ? value : null;
  } catch {
    return null; // storage disabled: the system setting decides
  }
}

function systemMode(): ContrastMode {
  return window.matchMedia?.(MORE_CONTRAST).matches ? 'outdoor' : 'standard';
}

type AppearanceState = {
  /** What the user chose from the header, or null while the system decides. */
  chosen: ContrastMode | null;
  system: ContrastMode;
  choose(mode: ContrastMode): void;
};

export const useAppearanceStore = create<AppearanceState>()((set) => ({
  chosen: storedChoice(),
  system: systemMode(),
  choose(mode) {
    try {
      window.localStorage.setItem(CONTRAST_STORAGE_KEY, mode);
    } catch {
      // Not remembered across launches; the look still changes now.
    }
    set({ chosen: mode });
  },
}));

export const effectiveContrast = (s: Pick<AppearanceState, 'chosen' | 'system'>): ContrastMode => s.chosen ?? s.system;

/** Follows the system's contrast setting while it changes (the user's own choice still wins). Returns the unsubscribe. */
export function followSystemContrast(): () => void {
  const query = window.matchMedia?.(MORE_CONTRAST);
  if (!query) return () => undefined;
  const sync = () => useAppearanceStore.setState({ system: query.matches ? 'outdoor' : 'standard' });
  query.addEventListener('change', sync);
  return () => query.removeEventListener('change', sync);
}
