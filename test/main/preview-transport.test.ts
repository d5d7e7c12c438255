import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressHub, startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { rawRequest } from '../support/raw-http';
import { openTestApp, sampleCase, tempDir, type TestApp } from '../support/temp-store';

const post = (server: PreviewServer, pathname: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(server, { path: pathname, body, headers });

/** The launch token as the page sends it. */
const auth = () => ({ headers: { authorization: `Bearer ${server.token}` } });

let httpApp: TestApp;
let directApp: TestApp;
let server: PreviewServer;
const hub = new ProgressHub();
let reportsDir: string;
const PRINTED_VERSION = '01900000-0000-7000-8000-000000000001';

beforeAll(async () => {
  httpApp = openTestApp();
  directApp = openTestApp();
  const rendererDir = tempDir();
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>AEO</title>');
  reportsDir = tempDir('aeo-reports-');
  mkdirSync(path.join(reportsDir, PRINTED_VERSION), { recursive: true });
  writeFileSync(path.join(reportsDir, PRINTED_VERSION, 'validation-report.en.pdf'), '%PDF-1.7 test');
  server = await startPreviewServer({ dispatch: httpApp.dispatch, rendererDir, port: 0, progress: hub, reportsDir });
});
afterAll(async () => {
  await server.close();
  httpApp.dispose();
  directApp.dispose();
});

/** Replaces generated ids and timestamps so two stores' answers can be compared. */
const normalise = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
      .replace(/\b[0-9a-f]{64}\b/g, '<hash>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>'),
  ) as unknown;

describe('the preview transport', () => {
  it('binds to 127.0.0.1 only, and prints its URL with the launch token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives the same envelopes over HTTP as the handler map called directly', async () => {
    const calls: [string, unknown][] = [
      ['users:create', { name: 'Dana Validator', role: 'validator' }],
      ['cases:create', sampleCase()],
      ['cases:list', {}],
      ['cases:list', { query: 'steppe' }],
      ['operators:create', { legalName: '' }],
      ['cases:create', sampleCase()],
      ['operators:get', { id: '01900000-0000-7000-8000-000000000000' }],
      ['audit:verify', {}],
    ];
    for (const [channel, input] of calls) {
      const overHttp = await post(server, `/api/${channel}`, JSON.stringify(input));
      const direct = await directApp.dispatch(channel, input);
      expect(overHttp.status).toBe(200);
      expect(normalise(overHttp.json)).toEqual(normalise(direct));
    }
  });

  it('an empty body means an empty input object', async () => {
    const res = await post(server, '/api/cases:list', '');
    expect(res.json).toMatchObject({ ok: true });
  });

  it('refuses a Host header that is not a loopback name (DNS rebinding)', async () => {
    const res = await post(server, '/api/cases:list', '{}', { host: 'evil.example:5199' });
    expect(res.status).toBe(421);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a body that is not declared as JSON', async () => {
    const res = await post(server, '/api/cases:list', '{}', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses a cross-origin caller', async () => {
    const res = await post(server, '/api/cases:list', '{}', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('answers malformed JSON with invalid_input and writes nothing', async () => {
    const before = httpApp.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const res = await post(server, '/api/operators:create', '{"legalName": ');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(httpApp.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
  });

  it('serves the app shell with the content security policy', async () => {
    const res = await fetch(`${server.origin}/cases/123`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>AEO</title>');
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`);
    expect(await res.text()).not.toContain('root:');
  });

  it('streams progress events to the page as Server-Sent Events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.origin}/api/events?token=${server.token}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // the opening comment: the stream is subscribed from here on
    hub.publish({ taskId: 't1', phase: 'copy', done: 5, total: 10 });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('data: {"taskId":"t1","phase":"copy","done":5,"total":10}');
    controller.abort();
  });

  it('serves a printed report PDF for preview and download, and nothing else from the reports folder', async () => {
    const inline = await fetch(`${server.origin}/api/reports/${PRINTED_VERSION}/validation-report.en.pdf`, auth());
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-type')).toBe('application/pdf');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline/);
    expect(await inline.text()).toBe('%PDF-1.7 test');
    const download = await fetch(`${server.origin}/api/reports/${PRINTED_VERSION}/validation-report.en.pdf?download&token=${server.token}`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    const head = await fetch(`${server.origin}/api/reports/${PRINTED_VERSION}/validation-report.en.pdf`, { ...auth(), method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/pdf');
    const notPrinted = await fetch(`${server.origin}/api/reports/${PRINTED_VERSION}/control-plan.ru.pdf`, auth());
    expect(notPrinted.status).toBe(404);
    const otherName = await fetch(`${server.origin}/api/reports/${PRINTED_VERSION}/..%2f..%2faeo.sqlite`, auth());
    expect(otherName.headers.get('content-type')).not.toBe('application/pdf');
  });

  it('desktop-only dialogs answer unavailable over the preview transport', async () => {
    const res = await post(
      server,
      '/api/reports:saveAs',
      JSON.stringify({ versionId: PRINTED_VERSION, document: 'validation-report', lang: 'en' }),
    );
    expect(res.json).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
