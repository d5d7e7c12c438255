import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Writable } from 'node:stream';
import { DeviceAuth } from './auth';
import type { HqContext } from './context';
import { openHqStore, type HqStore } from './db/open';
import { installErrorHandler, HttpError } from './http';
import { unlockHqIdentity, type HqIdentity } from './identity';
import { Intake } from './intake';
import { deviceRoutes } from './routes-device';
import { publicRoutes } from './routes-public';
import { TrustListSource } from './trust';
import { createTusServer, requestLoggers } from './tus';

/*
 * The HQ server as a Fastify instance, not yet listening: src-hq/main.ts listens on it, tests listen on port 0.
 * Everything time-dependent (token and nonce expiry, upload expiry, receipts' received time, key validity) reads
 * the injected clock.
 */

export type HqOptions = {
  dataDir: string;
  passphrase: string | null;
  now?: () => Date;
  /** Largest bundle HQ accepts (tus Upload-Length; 413 above it). Default 16 GiB, as the core's verification cap. */
  maxBundleBytes?: number;
  /** Half-finished uploads older than this are removed. Default 24 hours. */
  uploadExpiryMs?: number;
  /** How often the expiry sweep runs; 0 turns the timer off (tests call `sweepExpired` themselves). */
  sweepIntervalMs?: number;
  /** Requests per minute per client address on each unauthenticated route (health and trust list: 4×). */
  rateLimitPerMinute?: number;
  /** Structured logs (pino JSON lines) go here; default stdout. */
  logStream?: Writable;
  logLevel?: string;
};

export type HqServer = {
  app: FastifyInstance;
  store: HqStore;
  identity: HqIdentity;
  /** Removes expired half-finished uploads now; answers how many. */
  sweepExpired(): Promise<number>;
  close(): Promise<void>;
};

export const DEFAULT_MAX_BUNDLE_BYTES = 16 * 1024 ** 3;
export const DEFAULT_UPLOAD_EXPIRY_MS = 24 * 3600 * 1000;

export async function createHqApp(options: HqOptions): Promise<HqServer> {
  const store = openHqStore(options.dataDir);
  try {
    const identity = await unlockHqIdentity(options.dataDir, options.passphrase);
    const now = options.now ?? (() => new Date());
    const trust = new TrustListSource(store, identity.signer);
    trust.current();
    const maxBundleBytes = options.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
    const auth = new DeviceAuth(trust, identity.signer.keyId, now);
    const intake = new Intake(store, identity, trust, now, maxBundleBytes);
    await intake.sweepStaging();
    const ctx: HqContext = { store, identity, trust, auth, intake, now, options: { rateLimit: { perMinute: options.rateLimitPerMinute ?? 120 } } };

    const app = Fastify({
      logger: { level: options.logLevel ?? 'info', ...(options.logStream ? { stream: options.logStream } : {}) },
      exposeHeadRoutes: false,
      bodyLimit: 256 * 1024,
    });
    installErrorHandler(app);
    await app.register(rateLimit, { global: false });

    const { tus, sweep } = createTusServer({ store, auth, intake, now, maxBundleBytes, expiryMs: options.uploadExpiryMs ?? DEFAULT_UPLOAD_EXPIRY_MS, log: app.log });
    // tus reads the body itself: Fastify must leave upload bytes untouched.
    app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    app.route({
      method: ['POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS', 'GET'],
      url: '/files',
      handler: tusHandler,
    });
    app.route({ method: ['POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS', 'GET'], url: '/files/*', handler: tusHandler });
    async function tusHandler(this: FastifyInstance, request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) {
      if (request.method === 'GET') throw new HttpError(405, 'invalid_input', 'Uploads are not downloadable.');
      // 401/403 here, before tus creates or writes anything.
      const log = request.method === 'OPTIONS' ? request.log : request.log.child({ keyId: ctx.auth.authenticate(request.headers.authorization).keyId });
      requestLoggers.set(request.raw, log);
      reply.hijack();
      await tus.handle(request.raw, reply.raw);
    }

    publicRoutes(app, ctx);
    deviceRoutes(app, ctx);

    const interval = options.sweepIntervalMs ?? 10 * 60 * 1000;
    const timer = interval > 0 ? setInterval(() => void sweep().catch((error: unknown) => app.log.error({ err: error }, 'upload sweep failed')), interval) : null;
    timer?.unref();

    return {
      app,
      store,
      identity,
      sweepExpired: sweep,
      close: async () => {
        if (timer) clearInterval(timer);
        await app.close();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
