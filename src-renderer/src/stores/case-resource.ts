import type { Result } from '../../../src-main/contract/result';
import type { ApiError } from '../api/client';

export type Load = 'idle' | 'loading' | 'ready' | 'error';

/** What every store of the open case holds beside its data. */
export type CaseResourceState = { caseId: string | null; status: Load; error: ApiError | null };

/** A store whose changes include some with no form to show a refusal in (a removal, a reorder). */
export type ActionErrorState = { actionError: ApiError | null };

/**
 * A change with no form: clears the last action error, makes the change, and keeps a refusal for the page to show.
 * `done` gets what the change answered (the store sets it, or reads again).
 */
export async function withActionError<T>(
  set: (partial: ActionErrorState) => void,
  change: () => Promise<Result<T>>,
  done: (value: T, result: Result<T>) => unknown,
): Promise<void> {
  set({ actionError: null });
  const result = await change();
  if (result.ok) await done(result.value, result);
  else set({ actionError: result.error });
}

/** The state of a per-case store before any case is opened. */
export const noCaseOpen: CaseResourceState = { caseId: null, status: 'idle', error: null };

/** A change asked of a store with no case open: the answer a form shows instead of throwing. */
export const noCase = { ok: false as const, error: { code: 'not_found' as const, message: 'no case' } };

/**
 * The changes of a store whose answer is its resource itself (the official record, the assessment, the control
 * plan): a change runs only with a case open (otherwise `noCase`, the answer a form shows instead of throwing), and
 * its answer replaces the store's copy only while that case is still the open one — an answer that arrives after
 * the user moved to another case must not show under it.
 */
export function caseChange<S extends CaseResourceState, V>(get: () => S, set: (partial: Partial<S>) => void, apply: (value: V) => Partial<S>) {
  return async (run: (caseId: string) => Promise<Result<V>>): Promise<Result<V>> => {
    const caseId = get().caseId;
    if (!caseId) return noCase;
    const result = await run(caseId);
    if (result.ok && get().caseId === caseId) set(apply(result.value));
    return result;
  };
}

/**
 * A store of one record of the open case (the official record, the assessment), kept under `key`: `load` reads it
 * (createCaseResource), and `change` runs a change whose answer is the whole record (caseChange).
 */
export function caseRecord<S extends CaseResourceState, K extends keyof S & string, V>(
  set: (partial: Partial<S>) => void,
  get: () => S,
  key: K,
  fetch: (caseId: string) => Promise<Result<V>>,
) {
  const apply = (value: V) => ({ [key]: value }) as Partial<S>;
  return {
    load: createCaseResource<S, V>(set, get, { fetch, apply, empty: { [key]: null } as Partial<S> }).load,
    change: caseChange(get, set, apply),
  };
}

/** The resource of a store that holds one plan (the validation plan, the control plan) and a last action error. */
export const planResource = <P>(fetch: (caseId: string) => Promise<Result<P>>) => ({
  fetch,
  apply: (plan: P) => ({ plan }),
  empty: { plan: null },
  reset: { actionError: null },
});

/** Such a store before any case is opened. */
export const noPlanOpen = { ...noCaseOpen, plan: null, actionError: null };

type Options<S, V> = {
  /** Reads the resource of one case (one call, or several combined into one result). */
  fetch(caseId: string): Promise<Result<V>>;
  /** The store fields a successful read sets. */
  apply(value: V, caseId: string): Partial<S>;
  /** The fields cleared when another case opens, so its data never shows under the new case. */
  empty: Partial<S>;
  /** Fields cleared on every load (a stale action error). */
  reset?: Partial<S>;
};

export type CaseResource = {
  /** Opens a case: loading status, the old data kept if it is the same case, then a read. */
  load(caseId: string): Promise<void>;
  /** Reads again; an answer that arrives after a newer request, or for a case no longer open, is dropped. */
  read(caseId: string): Promise<void>;
  /** Reads the open case again, if one is open. */
  refresh(): Promise<void>;
  /** After a successful change, reads the open case again (lists are ordered and derived by the server). */
  afterChange<T>(result: Result<T>): Promise<Result<T>>;
};

/**
 * The bookkeeping each per-case store used to write by hand: a request counter so only the newest read lands,
 * the check that the case is still the open one, and loading/ready/error status. `set` and `get` are the zustand
 * store's own.
 */
export function createCaseResource<S extends CaseResourceState, V>(
  set: (partial: Partial<S>) => void,
  get: () => S,
  options: Options<S, V>,
): CaseResource {
  let request = 0;
  async function read(caseId: string): Promise<void> {
    const mine = ++request;
    const result = await options.fetch(caseId);
    if (mine !== request || get().caseId !== caseId) return;
    if (result.ok) set({ ...options.apply(result.value, caseId), status: 'ready', error: null } as Partial<S>);
    else set({ status: 'error', error: result.error } as Partial<S>);
  }
  return {
    read,
    async refresh() {
      const caseId = get().caseId;
      if (caseId) await read(caseId);
    },
    async load(caseId) {
      const same = get().caseId === caseId;
      set({ caseId, status: 'loading', error: null, ...options.reset, ...(same ? {} : options.empty) } as Partial<S>);
      await read(caseId);
    },
    async afterChange(result) {
      const caseId = get().caseId;
      if (result.ok && caseId) await read(caseId);
      return result;
    },
  };
}
