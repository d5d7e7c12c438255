import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import { writeStreamAtomic } from '../core/fs-atomic';
import { newId } from '../core/ids';
import type { ProgressEvent } from '../contract/progress';
import type { Dispatch } from '../handlers';
import { serveDownload } from './downloads';
import { envelopeError, sendJson } from './respond';

/**
 * Development and test harness: serves the built renderer and the same handler map as the app's IPC, over
 * loopback HTTP, so the UI can be driven in a real browser where Electron cannot run. The packaged app never
 * starts it.
 */
export type PreviewServer = {
  /** What to open in a browser: the origin with the launch token, `http://127.0.0.1:PORT/?token=…` (as Jupyter). */
  url: string;
  /** `http://127.0.0.1:PORT`, without the token. */
  origin: string;
  port: number;
  /** This launch's secret: every `/api/` request must carry it. */
  token: string;
  close(): Promise<void>;
};

const MAX_BODY_BYTES = 1024 * 1024;
/** How much of a refused body is read and dropped so the client can read the answer, before cutting it off. */
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
/** The latest time a JavaScript Date can hold (±8.64e15 ms). */
const MAX_DATE_MS = 8.64e15;
/** Evidence files arrive through `PUT /api/upload`, streamed to disk, up to this size. */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export type PreviewServerOptions = {
  dispatch: Dispatch;
  rendererDir: string;
  /** Where `PUT /api/upload` stages files for `evidence:attach {source:{uploadId}}`: `<dataDir>/uploads`. */
  uploadsDir?: string;
  /** `<dataDir>/reports`, where `reports:pdf` prints; served read-only on `GET /api/reports/...` for download. */
  reportsDir?: string;
  /** `<dataDir>/bundles`: sealed bundles, downloaded on `GET /api/download/bundles/<id>.aeob` (see downloads.ts). */
  bundlesDir?: string;
  /** `<dataDir>/letters`: improvement-actions letters, downloaded on `GET /api/download/letters/<caseId>/...`. */
  lettersDir?: string;
  /** Largest accepted upload, in bytes (tests lower it). */
  maxUploadBytes?: number;
  /** Progress of long work, streamed to the page as Server-Sent Events on `GET /api/events`. */
  progress?: ProgressHub;
  port?: number;
};

/** Fans progress events out to every open `/api/events` stream. */
export class ProgressHub {
  private readonly listeners = new Set<(event: ProgressEvent) => void>();
  publish = (event: ProgressEvent): void => {
    for (const listener of this.listeners) listener(event);
  };
  subscribe(listener: (event: ProgressEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  // Per launch, never stored: another local account can reach loopback, but cannot read this process's output.
  const token = randomBytes(32).toString('base64url');
  const server = createServer((req, res) => {
    handle(options, token, req, res).catch((error: unknown) => {
      console.error('[preview]', error);
      if (!res.headersSent) sendJson(res, 500, envelopeError('internal', 'Preview server error'));
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: this harness must never be reachable from the network.
    server.listen(options.port ?? 5199, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const origin = `http://127.0.0.1:${port}`;
      resolve({ url: `${origin}/?token=${token}`, origin, port, token, close: () => closeServer(server) });
    });
  });
}

async function handle(options: PreviewServerOptions, token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host header.
  if (!isLoopbackHost(req.headers.host)) {
    refuse(req, res, 421, envelopeError('forbidden', 'Host header must name this machine (127.0.0.1 or localhost).'));
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  // Any local account can reach loopback: everything under /api/ (data, uploads, downloads, events) needs the
  // launch token. The static app shell holds no data and is served without it.
  if (url.pathname.startsWith('/api/') && !authorized(token, req, url)) {
    refuse(req, res, 401, envelopeError('forbidden', 'Missing or wrong preview token: open the URL the preview server printed.', 'preview_token'));
    return;
  }
  if (url.pathname === '/api/upload') {
    await handleUpload(options, req, res);
    return;
  }
  if (await serveDownload(options, url, req, res)) return;
  if (url.pathname === '/api/events' && req.method === 'GET' && options.progress) {
    streamProgress(options.progress, req, res);
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    let channel: string;
    try {
      channel = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      // A malformed percent-encoding (`%E0%A4%A`) names no channel: the caller's mistake, not ours.
      refuse(req, res, 400, envelopeError('invalid_input', 'The channel name is not valid percent-encoding.'));
      return;
    }
    await handleApi(options.dispatch, channel, req, res);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    refuse(req, res, 405, envelopeError('invalid_input', 'Method not allowed'));
    return;
  }
  serveStatic(options.rendererDir, url.pathname, res);
}

function streamProgress(hub: ProgressHub, req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': progress events\n\n');
  const unsubscribe = hub.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  req.on('close', unsubscribe);
}

/**
 * What every request that sends a body must be: the one method its route takes, a content type no cross-origin
 * page can send without a CORS preflight (which this server never grants; JSON and raw bytes both need one), and
 * no foreign Origin. Refuses it and answers false otherwise.
 */
function acceptsBody(req: IncomingMessage, res: ServerResponse, method: 'POST' | 'PUT', contentType: string, usage: string): boolean {
  if (req.method !== method) {
    refuse(req, res, 405, envelopeError('invalid_input', usage));
    return false;
  }
  if ((req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() !== contentType) {
    refuse(req, res, 415, envelopeError('invalid_input', `Content-Type must be ${contentType}.`));
    return false;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    refuse(req, res, 403, envelopeError('forbidden', 'Cross-origin requests are refused.'));
    return false;
  }
  return true;
}

async function handleApi(dispatch: Dispatch, channel: string, req: IncomingMessage, res: ServerResponse) {
  if (!acceptsBody(req, res, 'POST', 'application/json', 'Use POST with a JSON body.')) return;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    refuse(req, res, 413, envelopeError('invalid_input', `Request body over ${MAX_BODY_BYTES} bytes.`));
    return;
  }
  let body: unknown;
  try {
    const text = await readBody(req);
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    if (error instanceof BodyTooLarge) refuse(req, res, 413, envelopeError('invalid_input', error.message));
    else refuse(req, res, 400, envelopeError('invalid_input', (error as Error).message));
    return;
  }
  const result = await dispatch(channel, body);
  sendJson(res, 200, result);
}

/**
 * `PUT /api/upload` with the raw file as an application/octet-stream body (no JSON, no multipart): streamed to
 * `<uploadsDir>/<uploadId>` under a temp name and renamed when whole, so a broken upload leaves nothing behind.
 * An optional `x-last-modified` header (milliseconds since 1970, the browser's `File.lastModified`) becomes the
 * staged file's modification time, which `evidence:attach` records as the capture time of non-photos.
 */
async function handleUpload(options: PreviewServerOptions, req: IncomingMessage, res: ServerResponse) {
  if (!acceptsBody(req, res, 'PUT', 'application/octet-stream', 'Use PUT with the file as an application/octet-stream body.')) return;
  if (!options.uploadsDir) {
    refuse(req, res, 503, envelopeError('unavailable', 'Uploads are not configured on this server.'));
    return;
  }
  const maxBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    refuse(req, res, 413, envelopeError('invalid_input', `The file is larger than ${maxBytes} bytes.`));
    return;
  }
  const lastModified = parseLastModified(req.headers['x-last-modified']);
  if (lastModified === 'invalid') {
    refuse(req, res, 400, envelopeError('invalid_input', 'x-last-modified must be milliseconds since 1970 (File.lastModified).'));
    return;
  }
  const uploadId = newId();
  const final = path.join(options.uploadsDir, uploadId);
  let size = 0;
  // Past the limit, bytes are read and dropped (so the client reads our 413 instead of a reset), up to a bound past
  // which the connection is cut: nobody gets to stream forever. Either way nothing is published under the id.
  async function* counted(): AsyncGenerator<Buffer> {
    let tooLarge = false;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes + DRAIN_LIMIT_BYTES) throw new Error('upload far over the limit');
      if (size > maxBytes) tooLarge = true;
      else yield chunk;
    }
    if (tooLarge) throw new UploadTooLarge();
  }
  try {
    await mkdir(options.uploadsDir, { recursive: true });
    // core/fs-atomic: a unique temp name, flushed, renamed when whole; a broken upload leaves nothing behind.
    await writeStreamAtomic(final, counted(), { mode: 0o600, ...(lastModified !== null ? { mtime: new Date(lastModified) } : {}) });
  } catch (error) {
    if (error instanceof UploadTooLarge) {
      sendJson(res, 413, envelopeError('invalid_input', `The file is larger than ${maxBytes} bytes.`));
      return;
    }
    // The client went away mid-upload (or was cut off): there is nobody to answer.
    if (req.destroyed || res.destroyed) return;
    throw error;
  }
  sendJson(res, 200, { ok: true, value: { uploadId, size } });
}

class BodyTooLarge extends Error {}

class UploadTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Not destroyed here: the caller answers 413 and `refuse` drains what is left, so the client sees it.
        over = true;
        chunks.length = 0;
        reject(new BodyTooLarge(`Request body over ${MAX_BODY_BYTES} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveStatic(rendererDir: string, pathname: string, res: ServerResponse) {
  const root = path.resolve(rendererDir);
  let file = path.resolve(root, `.${path.posix.normalize(pathname)}`);
  if (!file.startsWith(root + path.sep) && file !== root) {
    sendJson(res, 404, envelopeError('not_found', 'Not found'));
    return;
  }
  // Client-side routes fall back to the app shell.
  if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built. Run `npm run build` first.');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

/**
 * The launch token, from `x-aeo-token` or `Authorization: Bearer` (fetch and XHR), or `?token=` for what cannot
 * set headers (EventSource, download links). Compared in constant time, on digests so lengths cannot differ.
 */
function authorized(token: string, req: IncomingMessage, url: URL): boolean {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const header = req.headers['x-aeo-token'];
  const offered = (typeof header === 'string' ? header : undefined) ?? bearer ?? url.searchParams.get('token');
  if (!offered) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(offered), digest(token));
}

export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/** `File.lastModified`: digits only, at most the largest date JavaScript can hold; null when absent. */
function parseLastModified(header: string | string[] | undefined): number | null | 'invalid' {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !/^\d{1,16}$/.test(header)) return 'invalid';
  const ms = Number(header);
  return ms > 0 && ms <= MAX_DATE_MS ? ms : 'invalid';
}

/**
 * Answers before the request body was read, then reads and drops what is left of it (bounded), so the client
 * gets the answer rather than a connection reset; past the bound the connection is cut.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  if (!req.readableEnded) {
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.on('error', () => undefined);
    req.resume();
  }
  sendJson(res, status, body);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
