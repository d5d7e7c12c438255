import { describe, expect, it } from 'vitest';

/** The hash routes, including the runner and the library (the route store reads window.location on import). */
describe('hash routes', async () => {
  (globalThis as { window?: unknown }).window ??= { location: { hash: '' } };
  const { hrefFor, parseHash } = await import('../../src-renderer/src/stores/route');

  it('parses and builds every route', () => {
    const id = '01900000-0000-7000-8000-000000000000';
    for (const route of [
      { name: 'cases' },
      { name: 'caseNew' },
      { name: 'case', id },
      { name: 'run', id },
      { name: 'library' },
      { name: 'sync' },
    ] as const) {
      expect(parseHash(hrefFor(route))).toEqual(route);
    }
    expect(parseHash('#/runs/')).toEqual({ name: 'cases' });
    expect(parseHash('#/library/x')).toEqual({ name: 'cases' });
  });
});
