import { useCallback, useEffect, useRef, useState } from 'react';

/*
 * Free text a validator types must survive a reload, a closed window and a step change. Each field keeps a local
 * draft (localStorage, keyed by what the text belongs to) from the first keystroke until the service holds the same
 * text; a draft found on mount is restored. With `save`, the text is also saved a moment after typing stops, when
 * the field is left, when the field goes away (route or item change) and when the page is hidden or unloaded.
 * Without `save` (forms with their own Save button) the draft is only kept and restored. Leaving the page with text
 * the service does not hold yet asks first.
 */

const PREFIX = 'aeo.draft:';
const DEFAULT_DELAY_MS = 800;

/** The storage key of a field's draft, from what the text belongs to (case, run, item, field…). */
export const draftKey = (...parts: string[]): string => PREFIX + parts.map(encodeURIComponent).join(':');

function readDraft(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the field still works, only without drafts
  }
}

function writeDraft(key: string, text: string | null): void {
  try {
    if (text === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, text);
  } catch {
    // Storage full or disabled: autosave still runs; nothing else to do here.
  }
}

export type AutosaveText = {
  value: string;
  /** The field's change handler. */
  setValue(text: string): void;
  /** Saves now what was typed (the field's blur handler). */
  flush(): void;
  /** True when the shown text differs from the saved one. */
  dirty: boolean;
  /** True when the text shown is a draft found on mount rather than the saved text. */
  restored: boolean;
};

export function useAutosaveText({
  storageKey,
  saved,
  save,
  delayMs = DEFAULT_DELAY_MS,
}: {
  storageKey: string;
  saved: string;
  save?: (text: string) => void;
  delayMs?: number;
}): AutosaveText {
  const [initial] = useState(() => {
    const draft = readDraft(storageKey);
    return draft !== null && draft !== saved ? { value: draft, restored: true } : { value: saved, restored: false };
  });
  const [value, setShown] = useState(initial.value);
  // `typed`: the shown text is the user's (typed, or a draft they typed before) rather than the saved text as it
  // was loaded. Only typed text is ever sent: text the field merely showed must not be written back over a newer
  // one that arrived since (a note changed elsewhere while the runner was open).
  const live = useRef({ value: initial.value, saved, save, storageKey, typed: initial.restored });
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    live.current = { ...live.current, saved, save, storageKey };
  });

  // The saved text changed under the field (read again on reopen, after a refused write, from elsewhere): a field
  // the user has not typed in shows the new text; typed text is kept, and saved over it as the user's.
  useEffect(() => {
    const current = live.current;
    if (current.value === saved) current.typed = false;
    else if (!current.typed) {
      current.value = saved;
      setShown(saved);
    }
  }, [saved]);

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const { value: text, saved: stored, save: send, typed } = live.current;
    if (send && typed && text !== stored) send(text);
  }, []);

  const setValue = useCallback(
    (text: string) => {
      live.current.value = text;
      live.current.typed = text !== live.current.saved;
      setShown(text);
      writeDraft(live.current.storageKey, text === live.current.saved ? null : text);
      if (live.current.save) {
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(flush, delayMs);
      }
    },
    [flush, delayMs],
  );

  // Once the service holds the text, the draft has done its job.
  useEffect(() => {
    if (value === saved) writeDraft(storageKey, null);
  }, [value, saved, storageKey]);

  // A restored draft is saved like freshly typed text.
  useEffect(() => {
    if (initial.restored) flush();
  }, [initial.restored, flush]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onUnload = (event: BeforeUnloadEvent) => {
      flush();
      if (live.current.value !== live.current.saved) {
        // The draft is kept either way; the browser's own question gives the save a chance to land.
        event.preventDefault();
        event.returnValue = '';
      }
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onUnload);
      flush(); // the field goes away (another item, another step, another page): save what was typed
    };
  }, [flush]);

  return { value, setValue, flush, dirty: value !== saved, restored: initial.restored };
}
