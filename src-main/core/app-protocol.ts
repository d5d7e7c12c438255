import path from 'node:path';

/**
 * The desktop page is served from `app://aeo/…` rather than `file://`: a file URL's origin is opaque and every
 * file on disk shares it, so a page loaded that way could be pointed at any local file. A privileged, standard,
 * secure scheme gives the page one real origin (so CSP 'self' means exactly our bundle) and lets main decide
 * byte for byte what it may load. This module is the pure part: URL in, file under out/renderer out.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'aeo';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Only the file types the built renderer contains; anything else is refused rather than served as bytes. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export type AppRequest =
  | { readonly ok: true; readonly filePath: string; readonly mimeType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

/** The folder the protocol serves: the built renderer inside the app folder (or app.asar). */
export const rendererRoot = (appPath: string) => path.join(appPath, 'out', 'renderer');

/**
 * Maps an `app://aeo/<path>` request to a file under `root`, or refuses it. Each decoded segment is checked
 * (no `..`, no separators smuggled in as %2F or %5C, no NUL), then the joined path must still lie inside root:
 * two independent checks, because URL parsers differ in how they fold dot segments.
 */
export function resolveAppRequest(root: string, requestUrl: string): AppRequest {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) {
    return { ok: false, status: 403, reason: 'not our origin' };
  }
  const rawSegments = url.pathname.split('/').filter((segment) => segment !== '');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment) || raw === '..' || raw === '.') {
      return { ok: false, status: 403, reason: 'path traversal' };
    }
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const base = path.resolve(root);
  const filePath = path.resolve(base, ...segments);
  const relative = path.relative(base, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  }
  const mimeType = MIME_TYPES[path.extname(filePath).toLowerCase()];
  if (!mimeType) return { ok: false, status: 404, reason: 'not a renderer file type' };
  return { ok: true, filePath, mimeType };
}
