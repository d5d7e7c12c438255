import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolled, login, startHq, type RunningHq } from '../support/hq-fixture';

/*
 * Whatever a client sends to HQ's JSON routes, the answer is a 4xx envelope, never a 500 or a crash, and nothing is
 * stored: the HQ counterpart of hostile-input.test.ts for the app's channels.
 */

let hq: RunningHq;
let token: string;

beforeAll(async () => {
  hq = await startHq({ rateLimitPerMinute: 100_000 });
  // A team lead, so the officer routes get as far as parsing the query.
  token = await login(hq, await enrolled(hq, 'Timur Lead', 'team_lead'));
}, 60_000);

afterAll(async () => {
  await hq?.close();
});

const counts = () => hq.server.store.sqlite.prepare('SELECT (SELECT count(*) FROM enrollments) + (SELECT count(*) FROM bundles) + (SELECT count(*) FROM uploads) AS n').get();

describe('HQ routes under hostile input', () => {
  it.each(['/enroll', '/auth/challenge', '/auth/token'])('POST %s answers any JSON with a 4xx envelope', async (route) => {
    const before = counts();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const response = await fetch(`${hq.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(await response.json()).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
      }),
      { numRuns: 60 },
    );
    expect(counts()).toEqual(before);
  });

  it('GET routes answer any path segment and query with a 4xx envelope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), fc.string({ maxLength: 40 }), async (segment, query) => {
        const s = encodeURIComponent(segment);
        for (const url of [`/receipts/${s}`, `/inbox/${s}`, `/officer/bundles/${s}`, `/officer/bundles?limit=${encodeURIComponent(query)}&cursor=${s}`]) {
          const response = await fetch(`${hq.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
          expect(response.status, url).toBeGreaterThanOrEqual(400);
          expect(response.status, url).toBeLessThan(500);
        }
      }),
      { numRuns: 40 },
    );
  });
});
