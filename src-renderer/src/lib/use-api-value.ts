import { useEffect, useState } from 'react';
import type { Result } from '../../../src-main/contract/result';
import type { ApiError } from '../api/client';

/**
 * Loads one value from a channel when `key` changes (a run's or case's id) and keeps the last answer; a late
 * answer for an older key is dropped. For dialogs that ask the core once when they open.
 */
export function useApiValue<T>(load: () => Promise<Result<T>>, key: string): { value: T | null; error: ApiError | null } {
  const [state, setState] = useState<{ key: string; value: T | null; error: ApiError | null }>({ key, value: null, error: null });
  useEffect(() => {
    let live = true;
    void load().then((result) => {
      if (!live) return;
      setState(result.ok ? { key, value: result.value, error: null } : { key, value: null, error: result.error });
    });
    return () => {
      live = false;
    };
    // `load` is a new closure each render; the key says when to ask again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? { value: state.value, error: state.error } : { value: null, error: null };
}
