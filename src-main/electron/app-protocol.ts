import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, rendererRoot, resolveAppRequest } from '../core/app-protocol';
import { DESKTOP_CONTENT_SECURITY_POLICY } from '../core/csp';

/** The privileges of `app://`, declared before `ready`: a standard, secure scheme with an origin of its own. */
export const APP_SCHEME_PRIVILEGES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
] as const;

/**
 * Serves only files under out/renderer (see core/app-protocol.ts for the checks) with their MIME type and the
 * desktop CSP on every response: webRequest header hooks do not see custom-protocol responses.
 */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, appPath: string): void {
  const root = rendererRoot(appPath);
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(root, request.url);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    let body: Buffer;
    try {
      body = await readFile(resolved.filePath);
    } catch {
      return new Response(null, { status: 404 });
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': resolved.mimeType,
        'content-security-policy': DESKTOP_CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
