import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { z } from 'zod';
import {
  ChallengeAnswer,
  EnrollAnswer,
  HealthAnswer,
  InboxAnswer,
  OfficerBundlesAnswer,
  ReceiptAnswer,
  TokenAnswer,
  TrustListAnswer,
} from '../../contract/hq';
import { signAuthChallenge } from '../hq-protocol';

/*
 * The device's side of the HQ protocol (docs/hq-protocol.md) over fetch: every answer is parsed with the shared
 * schemas, so a wrong or hostile HQ yields an HqError, never a half-read value. Small requests time out; the
 * downloads stream to disk.
 */

export type HqErrorKind = 'unreachable' | 'refused' | 'malformed';

/** `unreachable`: no answer at all; `refused`: HQ answered an HTTP error (status, and HQ's code when it sent one). */
export class HqError extends Error {
  constructor(
    readonly kind: HqErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'HqError';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

export type HqClient = ReturnType<typeof hqClient>;

export function hqClient(baseUrl: string, options: { fetch?: typeof fetch; timeoutMs?: number } = {}) {
  const doFetch = options.fetch ?? fetch;
  const timeout = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = (route: string) => new URL(route.replace(/^\//, ''), base).toString();

  async function send(route: string, init: RequestInit & { token?: string; stream?: boolean }): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    try {
      return await doFetch(url(route), {
        ...init,
        headers,
        redirect: 'error',
        ...(init.stream ? {} : { signal: AbortSignal.timeout(timeout) }),
      });
    } catch (error) {
      throw new HqError('unreachable', `HQ at ${baseUrl} did not answer (${(error as Error).message}).`);
    }
  }

  async function json<S extends z.ZodType>(route: string, schema: S, init: RequestInit & { token?: string } = {}): Promise<z.output<S>> {
    const res = await send(route, init);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new HqError(res.ok ? 'malformed' : 'refused', `HQ answered ${res.status} without JSON on ${route}.`, res.status);
    }
    const envelope = body as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
    if (!res.ok || envelope.ok !== true) {
      const code = typeof envelope.error?.code === 'string' ? envelope.error.code : null;
      const message = typeof envelope.error?.message === 'string' ? envelope.error.message.slice(0, 300) : `HTTP ${res.status}`;
      throw new HqError('refused', `HQ refused ${route}: ${message}`, res.status, code);
    }
    const parsed = schema.safeParse(envelope.value);
    if (!parsed.success) throw new HqError('malformed', `HQ's answer on ${route} does not match the protocol.`, res.status);
    return parsed.data;
  }

  const post = (body: unknown, token?: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(token ? { token } : {}),
  });

  return {
    baseUrl,
    health: () => json('/health', HealthAnswer),
    trustList: () => json('/trust-list', TrustListAnswer),
    enroll: (enrollmentFile: string) =>
      json('/enroll', EnrollAnswer, { method: 'POST', headers: { 'content-type': 'application/json' }, body: enrollmentFile }),

    /** Challenge–response login with the device's enrolled signing key; answers a short-lived bearer token. */
    async login(keyId: string, hqKeyId: string, secretKey: Uint8Array): Promise<TokenAnswer> {
      const challenge = await json('/auth/challenge', ChallengeAnswer, post({ keyId }));
      const signature = signAuthChallenge(hqKeyId, challenge.nonce, secretKey);
      return json('/auth/token', TokenAnswer, post({ keyId, nonce: challenge.nonce, signature }));
    },

    /** What HQ knows of these bytes; null when it never finished an upload of them (404). */
    async receipt(sha256: string, token: string): Promise<ReceiptAnswer | null> {
      try {
        return await json(`/receipts/${sha256}`, ReceiptAnswer, { token });
      } catch (error) {
        if (error instanceof HqError && error.status === 404) return null;
        throw error;
      }
    },

    inbox: (token: string) => json('/inbox', InboxAnswer, { token }),
    officerBundles: (token: string, limit = 100) => json(`/officer/bundles?limit=${limit}`, OfficerBundlesAnswer, { token }),

    /** Streams one inbox bundle to `file` (created exclusively; removed again when the download fails). */
    async download(sha256: string, token: string, file: string, maxBytes: number): Promise<number> {
      const res = await send(`/inbox/${sha256}`, { token, stream: true });
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new HqError('refused', `HQ refused the download of ${sha256.slice(0, 12)}… (HTTP ${res.status}).`, res.status);
      }
      let size = 0;
      const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) body.destroy(new HqError('malformed', `HQ sent more than ${maxBytes} bytes for one bundle.`));
      });
      try {
        await pipeline(body, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        await unlink(file).catch(() => undefined);
        if (error instanceof HqError) throw error;
        throw new HqError('unreachable', `The download of ${sha256.slice(0, 12)}… broke off (${(error as Error).message}).`);
      }
      return size;
    },
  };
}
