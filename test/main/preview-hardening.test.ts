import { readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressHub, startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { openTestApp, tempDir, type TestApp } from '../support/temp-store';

/*
 * Issue 8, defects 4 and 8, over real HTTP on 127.0.0.1: every request gets an envelope (no 500 from input the
 * caller got wrong, no silence, no connection reset instead of 413), and nothing under /api/ answers without the
 * per-launch token.
 */

type Reply = { status: number; json: unknown } | { error: string };

/** Raw HTTP: the tests choose every header and how the body is sent; a reset or silence is a result, not a throw. */
function send(
  server: PreviewServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; chunked?: boolean },
): Promise<Reply> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ error: 'no answer' });
    }, 10_000);
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: options.path,
        method: options.method ?? 'POST',
        agent: false,
        headers: {
          host: `127.0.0.1:${server.port}`,
          'content-type': 'application/json',
          ...(options.chunked ? { 'transfer-encoding': 'chunked' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            // Not JSON: kept as text so the assertion shows it.
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ error: error.code ?? error.message });
    });
    const body = typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0));
    if (options.chunked) {
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

let app: TestApp;
let server: PreviewServer;
let reportsDir: string;
const hub = new ProgressHub();
const uploads = () => path.join(app.dataDir, 'uploads');
const PRINTED_VERSION = '01900000-0000-7000-8000-000000000001';
const token = () => ({ 'x-aeo-token': server.token });
const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
const staged = () => (existsSync(uploads()) ? readdirSync(uploads()) : []);

beforeAll(async () => {
  app = openTestApp();
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>AEO</title>');
  reportsDir = tempDir('aeo-reports-');
  mkdirSync(path.join(reportsDir, PRINTED_VERSION), { recursive: true });
  writeFileSync(path.join(reportsDir, PRINTED_VERSION, 'validation-report.en.pdf'), '%PDF-1.7 test');
  server = await startPreviewServer({
    dispatch: app.dispatch,
    rendererDir,
    uploadsDir: uploads(),
    reportsDir,
    progress: hub,
    maxUploadBytes: 256 * 1024,
    port: 0,
  });
});
afterAll(async () => {
  await server.close();
  app.dispose();
});

describe('every request gets an envelope (defect 4)', () => {
  it('settings:update with a malformed risk matrix answers invalid_input, not a 500', async () => {
    for (const riskMatrix of [[], [[]], [null, null, null, null, null], 'x', [['low']]]) {
      const reply = await send(server, { path: '/api/settings:update', headers: token(), body: JSON.stringify({ riskMatrix }) });
      expect(reply).toMatchObject({ status: 200, json: { ok: false, error: { code: 'invalid_input' } } });
    }
    const settings = await send(server, { path: '/api/settings:get', headers: token(), body: '{}' });
    expect(settings).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('a malformed percent-encoding in the channel name answers 400', async () => {
    const reply = await send(server, { path: '/api/cases%3Alist%E0%A4%A', headers: token(), body: '{}' });
    expect(reply).toMatchObject({ status: 400, json: { ok: false, error: { code: 'invalid_input' } } });
  });

  it('an upload with an invalid x-last-modified header is answered 400 and stages nothing', async () => {
    for (const header of ['yesterday', '99999999999999999', '-5', '1e3', '9'.repeat(5000), '0']) {
      const reply = await send(server, {
        method: 'PUT',
        path: '/api/upload',
        headers: { ...token(), 'content-type': 'application/octet-stream', 'x-last-modified': header },
        body: Buffer.alloc(1000, 1),
      });
      expect({ header: header.slice(0, 20), reply }).toMatchObject({ reply: { status: 400, json: { ok: false, error: { code: 'invalid_input' } } } });
    }
    expect(staged()).toEqual([]);
    const good = await send(server, {
      method: 'PUT',
      path: '/api/upload',
      headers: { ...token(), 'content-type': 'application/octet-stream', 'x-last-modified': '1767225600000' },
      body: Buffer.alloc(1000, 1),
    });
    expect(good).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('a JSON body over the limit is answered 413, declared or streamed', async () => {
    const before = count('audit_log');
    const big = JSON.stringify({ legalName: 'x'.repeat(1024 * 1024 + 10) });
    expect(await send(server, { path: '/api/operators:create', headers: token(), body: big })).toMatchObject({
      status: 413,
      json: { ok: false, error: { code: 'invalid_input' } },
    });
    expect(await send(server, { path: '/api/operators:create', headers: token(), body: big, chunked: true })).toMatchObject({
      status: 413,
      json: { ok: false, error: { code: 'invalid_input' } },
    });
    expect(count('audit_log')).toBe(before);
  });

  it('an upload over the limit is answered 413, declared or streamed, and leaves no file', async () => {
    const headers = { ...token(), 'content-type': 'application/octet-stream' };
    const body = Buffer.alloc(600 * 1024, 7);
    expect(await send(server, { method: 'PUT', path: '/api/upload', headers, body })).toMatchObject({ status: 413 });
    expect(await send(server, { method: 'PUT', path: '/api/upload', headers, body, chunked: true })).toMatchObject({ status: 413 });
    expect(staged().filter((name) => !name.includes('.'))).toHaveLength(1); // only the good upload above
    expect(staged().filter((name) => name.endsWith('.part'))).toEqual([]);
  });
});

describe('the per-launch token (defect 8)', () => {
  const wrong = 'A'.repeat(43);

  it('refuses every /api/ request without the token or with a wrong one, and writes nothing', async () => {
    const users = count('users');
    const audit = count('audit_log');
    const uploadsBefore = staged().length;
    const attempts: { method: string; path: string; headers: Record<string, string>; body?: string }[] = [];
    const tries: Record<string, string>[] = [{}, { 'x-aeo-token': wrong }, { authorization: `Bearer ${wrong}` }, { 'x-aeo-token': '' }];
    for (const credentials of tries) {
      attempts.push({ method: 'POST', path: '/api/users:create', headers: credentials, body: JSON.stringify({ name: 'Mallory', role: 'validator' }) });
      attempts.push({ method: 'PUT', path: '/api/upload', headers: { ...credentials, 'content-type': 'application/octet-stream' }, body: 'evil' });
      attempts.push({ method: 'GET', path: `/api/reports/${PRINTED_VERSION}/validation-report.en.pdf`, headers: credentials });
      attempts.push({ method: 'GET', path: '/api/events', headers: credentials });
    }
    attempts.push({ method: 'GET', path: `/api/events?token=${wrong}`, headers: {} });
    attempts.push({ method: 'POST', path: `/api/users:create?token=${server.token.slice(0, -1)}`, headers: {}, body: '{"name":"M","role":"validator"}' });
    for (const attempt of attempts) {
      const reply = await send(server, { ...attempt, ...(attempt.body === undefined ? {} : { body: attempt.body }) });
      expect({ attempt: `${attempt.method} ${attempt.path}`, reply }).toMatchObject({
        reply: { status: 401, json: { ok: false, error: { code: 'forbidden' } } },
      });
    }
    expect(count('users')).toBe(users);
    expect(count('audit_log')).toBe(audit);
    expect(staged().length).toBe(uploadsBefore);
  });

  it('answers with the token in a header, as a bearer token, or in the query of a download link', async () => {
    expect(await send(server, { path: '/api/cases:list', headers: { 'x-aeo-token': server.token }, body: '{}' })).toMatchObject({ status: 200, json: { ok: true } });
    expect(await send(server, { path: '/api/cases:list', headers: { authorization: `Bearer ${server.token}` }, body: '{}' })).toMatchObject({ status: 200, json: { ok: true } });
    const pdf = await fetch(`${server.origin}/api/reports/${PRINTED_VERSION}/validation-report.en.pdf?download&token=${server.token}`);
    expect(pdf.status).toBe(200);
  });

  it('serves the static app shell without the token: it holds no data', async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>AEO</title>');
  });

  it('a second launch has another token', async () => {
    const other = await startPreviewServer({ dispatch: app.dispatch, rendererDir: tempDir(), port: 0 });
    try {
      expect(other.token).not.toBe(server.token);
      expect(await send(other, { path: '/api/cases:list', headers: token(), body: '{}' })).toMatchObject({ status: 401 });
    } finally {
      await other.close();
    }
  });
});
