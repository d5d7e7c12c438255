import { spawn, type ChildProcess } from 'node:child_process';
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../src-main/contract/audit';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { Site } from '../../src-main/contract/plan';
import type { RunSummary } from '../../src-main/contract/runs';
import { findAppRoot, migrationsDir } from '../../src-main/core/app-paths';
import { openStore } from '../../src-main/db/open';
import { createAppDispatcher } from '../../src-main/handlers';
import { entryArgs } from '../support/built-app';
import { generatedTemplate, validValue } from '../support/checklist-fixtures';
import { call, sampleCase, tempDir } from '../support/temp-store';

/*
 * kill -9 while validators answer checklist items. Several clients answer through the preview server (the same
 * dispatcher as the app's IPC); the server is killed with SIGKILL at seeded random moments, 40 times, and
 * restarted. Every answer the server acknowledged (HTTP 200, ok:true) must be in the database afterwards, or a
 * later answer to the same item that was in flight at the kill; PRAGMA integrity_check is ok; the audit chain
 * verifies. Fixed seed, so a failure replays: AEO_CRASH_SEED and AEO_ANSWER_KILLS change it.
 */

const KILLS = Number(process.env.AEO_ANSWER_KILLS ?? 40);
const SEED = Number(process.env.AEO_CRASH_SEED ?? 0x5eed_a0e0);
const CLIENTS = 8;
const ITEMS = 60;
const root = findAppRoot();
const dataDir = tempDir('aeo-answer-crash-');
const runIds: string[] = [];
const answerTypes = generatedTemplate(ITEMS, 20, 'crash-check').sections.flatMap((s) => s.items.map((i) => String(i.answerType)));

/**
 * Every random choice, drawn by fast-check from SEED: how long each server lives before its kill (5 to 304 ms:
 * some right after start, with clients still connecting, most in the middle of the traffic) and an endless stream of
 * the items the clients answer, in the order they ask. Unbiased draws, so the moments spread evenly.
 */
function seededChoices(seed: number): { killAfterMs: number[]; items: Iterator<number> } {
  const choices = fc.noBias(
    fc.record({
      killAfterMs: fc.array(fc.integer({ min: 5, max: 304 }), { minLength: KILLS, maxLength: KILLS }),
      items: fc.infiniteStream(fc.integer({ min: 0, max: ITEMS - 1 }), { noHistory: true }),
    }),
  );
  return fc.sample(choices, { seed, numRuns: 1 })[0]!;
}

type Server = { child: ChildProcess; port: number; token: string; exited: Promise<void> };

function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [...entryArgs('preview'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, AEO_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]), token: match[2]!, exited });
    });
    void exited.then(() => reject(new Error(`preview exited before it listened:\n${output}`)));
  });
}

/** One answer over HTTP: 'ok' only on an acknowledged save, 'lost' on a transport failure, else the refusal. */
function answer(server: Server, agent: Agent, body: unknown): Promise<'ok' | 'lost' | string> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/runs:answer',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', host: `127.0.0.1:${server.port}`, 'x-aeo-token': server.token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => resolve('lost'));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const json = JSON.parse(text) as { ok: boolean };
            resolve(res.statusCode === 200 && json.ok ? 'ok' : `${res.statusCode} ${text}`);
          } catch {
            resolve('lost');
          }
        });
      },
    );
    req.on('error', () => resolve('lost'));
    req.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  const store = openStore({ dataDir, migrationsDir: migrationsDir() });
  try {
    const dispatch = createAppDispatcher(store, { logError: () => undefined });
    await call(dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
    const caseId = (await call<CaseDetail>(dispatch, 'cases:create', sampleCase())).id;
    const siteId = (await call<Site>(dispatch, 'plan:saveSite', { caseId, name: 'Yard 1', kind: 'yard' })).id;
    await call(dispatch, 'templates:import', { content: JSON.stringify(generatedTemplate(ITEMS, 20, 'crash-check')) });
    for (let c = 0; c < CLIENTS; c++) {
      runIds.push((await call<RunSummary>(dispatch, 'runs:create', { caseId, siteId, templateId: 'crash-check', label: `client ${c}` })).id);
    }
  } finally {
    store.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('kill -9 while answering checklist items', () => {
  it(`keeps every acknowledged answer through ${KILLS} SIGKILLs, with an intact database and audit chain`, async () => {
    const { killAfterMs, items } = seededChoices(SEED);
    /** Per run and item: the highest sequence number acknowledged, and every one sent. */
    const acknowledged = new Map<string, number>();
    const sent = new Set<string>();
    let sequence = 0;
    let acks = 0;
    const refused: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const server = await startServer();
      const agents = runIds.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
      let killed = false;
      const clients = runIds.map(async (runId, c) => {
        while (!killed) {
          const n = sequence++;
          const index = items.next().value as number;
          const key = `${runId}/item-${index}`;
          sent.add(`${key}#${n}`);
          const ok = await answer(server, agents[c]!, {
            runId,
            itemId: `item-${index}`,
            value: validValue(answerTypes[index]!, n),
            note: `#${n}`,
          });
          if (ok === 'lost') return;
          if (ok !== 'ok') {
            refused.push(ok);
            return;
          }
          acks++;
          acknowledged.set(key, Math.max(acknowledged.get(key) ?? -1, n));
        }
      });
      await new Promise((resolve) => setTimeout(resolve, killAfterMs[kill]));
      server.child.kill('SIGKILL');
      await server.exited;
      killed = true;
      await Promise.all(clients);
      for (const agent of agents) agent.destroy();
    }
    expect(refused).toEqual([]);
    expect(acks).toBeGreaterThan(KILLS * CLIENTS);

    const store = openStore({ dataDir, migrationsDir: migrationsDir() });
    try {
      expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = store.sqlite.prepare('SELECT run_id, item_id, note FROM answers').all() as { run_id: string; item_id: string; note: string }[];
      const byKey = new Map(stored.map((row) => [`${row.run_id}/${row.item_id}`, Number(row.note.slice(1))]));
      const lost: string[] = [];
      for (const [key, n] of acknowledged) {
        const found = byKey.get(key);
        // The stored answer is the acknowledged one, or a later one that was in flight when the server died.
        if (found === undefined || found < n || !sent.has(`${key}#${found}`)) lost.push(`${key}: acknowledged #${n}, stored ${found}`);
      }
      expect(lost).toEqual([]);
      const dispatch = createAppDispatcher(store, { logError: () => undefined });
      const audit = await call<AuditVerification>(dispatch, 'audit:verify', {});
      expect(audit).toMatchObject({ ok: true, firstBroken: null });
    } finally {
      store.close();
    }
    // About 50 s alone with the built server; the bound is for a loaded machine or the slower tsx fallback.
  }, 240_000);
});
