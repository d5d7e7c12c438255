import type { StoreApi, UseBoundStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';

/**
 * Several fields of a store at once, re-rendering only when one of them changes (zustand's `useShallow`):
 * `const { items, load } = usePick(useCasesStore, 'items', 'load')`.
 */
export function usePick<S extends object, K extends keyof S>(store: UseBoundStore<StoreApi<S>>, ...keys: K[]): Pick<S, K> {
  return store(
    useShallow((state) => {
      const picked = {} as Pick<S, K>;
      for (const key of keys) picked[key] = state[key];
      return picked;
    }),
  );
}
