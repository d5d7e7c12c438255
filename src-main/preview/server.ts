import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, rename, unlink, utimes } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import { newId } from '../core/ids';
import type { ProgressEvent } from '../contract/progress';
import type { Dispatch } from '../handlers';
import { serveDownload } from './downloads';

/**
 * Development and test harness: serves the built renderer and the same handler map as the app's IPC, over
 * loopback HTTP, so the UI can be driven in a real browser where Electron cannot run. The packaged app never
 * starts it.
 */
export type PreviewServer = { url: string; port: number; close(): Promise<void> };

const MAX_BODY_BYTES = 1024 * 1024;
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
  const server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      console.error('[preview]', error);
      if (!res.headersSent) sendJson(res, 500, envelopeError('internal', 'Preview server error'));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: this harness must never be reachable from the network.
    server.listen(options.port ?? 5199, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) });
    });
  });
}

async function handle(options: PreviewServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host header.
  if (!isLoopbackHost(req.headers.host)) {
    sendJson(res, 421, envelopeError('forbidden', 'Host header must name this machine (127.0.0.1 or localhost).'));
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
    await handleApi(options.dispatch, decodeURIComponent(url.pathname.slice('/api/'.length)), req, res);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, envelopeError('invalid_input', 'Method not allowed'));
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

async function handleApi(dispatch: Dispatch, channel: string, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') {
    sendJson(res, 405, envelopeError('invalid_input', 'Use POST with a JSON body.'));
    return;
  }
  // A JSON content type cannot be sent cross-origin without a CORS preflight, which this server never grants.
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    sendJson(res, 415, envelopeError('invalid_input', 'Content-Type must be application/json.'));
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    sendJson(res, 403, envelopeError('forbidden', 'Cross-origin requests are refused.'));
    return;
  }
  let body: unknown;
  try {
    const text = await readBody(req);
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    sendJson(res, 400, envelopeError('invalid_input', (error as Error).message));
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
  if (req.method !== 'PUT') {
    sendJson(res, 405, envelopeError('invalid_input', 'Use PUT with the file as an application/octet-stream body.'));
    return;
  }
  // Not a CORS-safelisted content type, so a cross-origin page cannot send it without a preflight we never grant.
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/octet-stream') {
    sendJson(res, 415, envelopeError('invalid_input', 'Content-Type must be application/octet-stream.'));
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    sendJson(res, 403, envelopeError('forbidden', 'Cross-origin requests are refused.'));
    return;
  }
  if (!options.uploadsDir) {
    sendJson(res, 503, envelopeError('unavailable', 'Uploads are not configured on this server.'));
    return;
  }
  const maxBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Answer, then drop the connection rather than read gigabytes nobody will keep.
    res.setHeader('connection', 'close');
    res.once('finish', () => req.destroy());
    sendJson(res, 413, envelopeError('invalid_input', `The file is larger than ${maxBytes} bytes.`));
    return;
  }
  const uploadId = newId();
  const final = path.join(options.uploadsDir, uploadId);
  const temp = `${final}.part`;
  let size = 0;
  let tooLarge = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        done(new Error(`The file is larger than ${maxBytes} bytes.`));
        return;
      }
      done(null, chunk);
    },
  });
  try {
    await mkdir(options.uploadsDir, { recursive: true });
    await pipeline(req, counter, createWriteStream(temp, { flags: 'wx', highWaterMark: 1024 * 1024 }));
    const lastModified = Number(req.headers['x-last-modified']);
    if (Number.isFinite(lastModified) && lastModified > 0) {
      const when = new Date(lastModified);
      await utimes(temp, when, when);
    }
    await rename(temp, final);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (tooLarge) {
      res.setHeader('connection', 'close');
      sendJson(res, 413, envelopeError('invalid_input', `The file is larger than ${maxBytes} bytes.`));
      return;
    }
    // The client went away mid-upload: there is nobody to answer.
    if (req.destroyed || res.destroyed) return;
    throw error;
  }
  sendJson(res, 200, { ok: true, value: { uploadId, size } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`Request body over ${MAX_BODY_BYTES} bytes.`));
        req.destroy();
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

function envelopeError(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
