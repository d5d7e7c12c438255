import { useEffect, useState } from 'react';
import type { Evidence } from '../../../src-main/contract/evidence';
import { api } from '../api/client';

type Size = 'small' | 'large';

/** Thumbnails by evidence id and size. Stored files never change, so each is asked for once per session. */
const cache = new Map<string, Promise<string | null>>();

function thumbnail(id: string, size: Size): Promise<string | null> {
  const key = `${id}:${size}`;
  let cached = cache.get(key);
  if (!cached) {
    cached = api.evidence.thumbnail({ id, size }).then((result) => {
      // Documents have no thumbnail (not_found); a failure otherwise is retried next time.
      if (!result.ok && result.error.code !== 'not_found') cache.delete(key);
      return result.ok ? result.value.dataUrl : null;
    });
    cache.set(key, cached);
  }
  return cached;
}

export type ThumbnailState = { status: 'loading' } | { status: 'ready'; dataUrl: string } | { status: 'none' };

/** The data URL of a photo's thumbnail (EXIF orientation applied by the service); documents get none. */
export function useThumbnail(evidence: Pick<Evidence, 'id' | 'kind'>, size: Size = 'small'): ThumbnailState {
  const key = `${evidence.id}:${size}`;
  const [state, setState] = useState<{ key: string; value: ThumbnailState }>({ key: '', value: { status: 'loading' } });
  useEffect(() => {
    if (evidence.kind !== 'photo') return;
    let live = true;
    void thumbnail(evidence.id, size).then((dataUrl) => {
      if (live) setState({ key, value: dataUrl ? { status: 'ready', dataUrl } : { status: 'none' } });
    });
    return () => {
      live = false;
    };
  }, [evidence.id, evidence.kind, size, key]);
  if (evidence.kind !== 'photo') return { status: 'none' };
  return state.key === key ? state.value : { status: 'loading' };
}
