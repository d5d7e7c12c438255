import { describe, expect, it } from 'vitest';

/** The hash routes, including the runner and the library (the route store reads window.location on import). */
describe('hash routes', async () => {
  (globalThis as { window?: unknown }).window ??= { location: { hash: '' } };
  const { hrefFor, pageKey, parseHash, startRouting, useRouteStore } = await import('../../src-renderer/src/stores/route');
  const id = '01900000-0000-7000-8000-000000000000';

  it('parses and builds every route', () => {
    for (const route of [
      { name: 'cases' },
      { name: 'caseNew' },
      { name: 'case', id },
      { name: 'case', id, step: 'risk_assessment' },
      { name: 'run', id },
      { name: 'run', id, item: 'front-wall' },
      { name: 'run', id, item: 'a b/c' },
      { name: 'library' },
      { name: 'sync' },
    ] as const) {
      expect(parseHash(hrefFor(route))).toEqual(route);
    }
    expect(parseHash('#/runs/')).toEqual({ name: 'cases' });
    expect(parseHash('#/library/x')).toEqual({ name: 'cases' });
  });

  it('holds the case step and the runner item in the address', () => {
    expect(hrefFor({ name: 'case', id, step: 'reporting' })).toBe(`#/cases/${id}/reporting`);
    expect(hrefFor({ name: 'run', id, item: 'doors' })).toBe(`#/runs/${id}/doors`);
    // An unknown step still opens the case; anything deeper is no route.
    expect(parseHash(`#/cases/${id}/no_such_step`)).toEqual({ name: 'case', id });
    expect(parseHash(`#/cases/${id}/planning/x`)).toEqual({ name: 'cases' });
    expect(parseHash(`#/runs/${id}/doors/x`)).toEqual({ name: 'cases' });
  });

  it('counts a step or an item as the same page (focus stays put), another case or run as another', () => {
    expect(pageKey({ name: 'case', id, step: 'planning' })).toBe(pageKey({ name: 'case', id, step: 'reporting' }));
    expect(pageKey({ name: 'run', id, item: 'a' })).toBe(pageKey({ name: 'run', id }));
    expect(pageKey({ name: 'case', id })).not.toBe(pageKey({ name: 'run', id }));
  });

  it('takes an address that changed while the app was starting (before anything listened for hashchange)', () => {
    // The CI failure of checks.browser.test.ts: the test went to #/runs/ID while the reloaded page had read its
    // address but not yet rendered, so that hashchange reached no listener and the page stayed on the case list.
    const fake = window as unknown as { location: { hash: string }; addEventListener?: unknown; removeEventListener?: unknown };
    const listeners = new Set<unknown>();
    fake.addEventListener = (_type: string, listener: unknown) => listeners.add(listener);
    fake.removeEventListener = (_type: string, listener: unknown) => listeners.delete(listener);
    expect(useRouteStore.getState().route).toEqual({ name: 'cases' });
    fake.location.hash = `#/runs/${id}`;
    const stop = startRouting();
    expect(useRouteStore.getState().route).toEqual({ name: 'run', id });
    stop();
    expect(listeners.size).toBe(0);
  });
});
