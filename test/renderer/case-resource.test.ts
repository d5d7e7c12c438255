import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Result } from '../../src-main/contract/result';
import { createCaseResource, type CaseResourceState } from '../../src-renderer/src/stores/case-resource';

type State = CaseResourceState & { items: string[] };

/** A fetch whose answers the test releases by hand, in any order. */
function controlledFetch() {
  const pending: { caseId: string; resolve: (r: Result<string[]>) => void }[] = [];
  const fetch = (caseId: string) => new Promise<Result<string[]>>((resolve) => pending.push({ caseId, resolve }));
  return { fetch, pending };
}

function makeStore(fetch: (caseId: string) => Promise<Result<string[]>>) {
  const store = createStore<State>()(() => ({ caseId: null, status: 'idle', error: null, items: [] }));
  const resource = createCaseResource<State, string[]>(store.setState, store.getState, {
    fetch,
    apply: (items) => ({ items }),
    empty: { items: [] },
  });
  return { store, resource };
}

describe('createCaseResource', () => {
  it('drops an answer that arrives after a newer request for the same case', async () => {
    const { fetch, pending } = controlledFetch();
    const { store, resource } = makeStore(fetch);
    const first = resource.load('case-a');
    const second = resource.read('case-a');
    pending[1]?.resolve({ ok: true, value: ['new'] });
    await second;
    pending[0]?.resolve({ ok: true, value: ['old'] });
    await first;
    expect(store.getState().items).toEqual(['new']);
    expect(store.getState().status).toBe('ready');
  });

  it('never shows one case’s data under another that opened meanwhile', async () => {
    const { fetch, pending } = controlledFetch();
    const { store, resource } = makeStore(fetch);
    const a = resource.load('case-a');
    const b = resource.load('case-b');
    expect(store.getState().items).toEqual([]);
    pending[0]?.resolve({ ok: true, value: ['from a'] });
    await a;
    expect(store.getState().items).toEqual([]);
    pending[1]?.resolve({ ok: true, value: ['from b'] });
    await b;
    expect(store.getState()).toMatchObject({ caseId: 'case-b', items: ['from b'], status: 'ready' });
  });

  it('keeps the shown data of the same case while it reads again, and reports a failure', async () => {
    const { fetch, pending } = controlledFetch();
    const { store, resource } = makeStore(fetch);
    const first = resource.load('case-a');
    pending[0]?.resolve({ ok: true, value: ['kept'] });
    await first;
    const again = resource.load('case-a');
    expect(store.getState()).toMatchObject({ items: ['kept'], status: 'loading' });
    pending[1]?.resolve({ ok: false, error: { code: 'internal', message: 'disk' } });
    await again;
    expect(store.getState()).toMatchObject({ items: ['kept'], status: 'error', error: { code: 'internal' } });
  });
});
