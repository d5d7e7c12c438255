import { FileStore } from '@tus/file-store';
import { ERRORS, EVENTS, Server, type Upload } from '@tus/server';
import { and, eq, lt } from 'drizzle-orm';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import { UploadMetadata } from '../src-main/contract/hq';
import type { DeviceAuth } from './auth';
import type { HqStore } from './db/open';
import { uploads } from './db/schema';
import { HttpError } from './http';
import type { Intake } from './intake';

/*
 * Uploads: tus 1.0 (creation, creation-with-upload, core, termination) through @tus/server over @tus/file-store in
 * hq-data/uploads. Fastify authenticates before a request reaches tus; the hooks here bind each upload to the key
 * that created it, refuse bad metadata (400) and bytes HQ already holds (409), and on the last byte hand the file to
 * the intake, which answers before the final PATCH does. Expiry is HQ's own (by its injected clock), not the file
 * store's: half-finished uploads older than `expiryMs` are removed, bytes and all.
 */

export type TusOptions = {
  store: HqStore;
  auth: DeviceAuth;
  intake: Intake;
  now: () => Date;
  maxBundleBytes: number;
  expiryMs: number;
  log: FastifyBaseLogger;
};

/** Each request's own logger (with its request id), registered by the Fastify route before tus takes over. */
export const requestLoggers = new WeakMap<IncomingMessage, FastifyBaseLogger>();

type TusRequest = { runtime?: { node?: { req?: IncomingMessage } } };


/** A tus hook refuses by throwing this shape; @tus/server sends it as the answer. */
const refuse = (status_code: number, message: string) => ({ status_code, body: `${message}\n` });

/** Same rule as the HTTP routes: 401/403 from the device auth become tus refusals. */
function callerOf(auth: DeviceAuth, authorization: string | null): string {
  try {
    return auth.authenticate(authorization).keyId;
  } catch (error) {
    if (error instanceof HttpError) throw refuse(error.status, error.message);
    throw error;
  }
}

export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

/** Bytes the upload file's write stream buffers before it pushes back on the request. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

/*
 * FileStore's own write() opens its stream with Node's 16 KiB default: each 64 KiB chunk off the socket is one
 * write(2), with the request paused until it returns (~8,200 of them for 512 MiB). With a 4 MiB buffer the chunks
 * that arrive during a write are queued and go down as one writev(2). Measured on this machine, 512 MiB in 64 KiB
 * chunks into a file (node, steady state): 0.62–0.83 s wall and 0.6–0.85 s CPU before, 0.21–0.27 s and 0.21–0.26 s
 * after. Otherwise as FileStore: the offset HQ answers a HEAD with is the file's size on disk (getUpload stats it),
 * and the bytes of a PATCH cut halfway are kept.
 *
 * Durability (unchanged, no fsync per PATCH, by design): a resuming device always asks HQ's offset with a HEAD
 * first, never trusts an offset it was told before, so bytes lost with the page cache in a power cut are only sent
 * again, and the finished file is re-hashed against the declared SHA-256 before anything is stored. An fsync per
 * PATCH would buy nothing a resume needs.
 */
class BufferedFileStore extends FileStore {
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const file = path.resolve(this.directory, id);
    // As FileStore's own (private) resolve: an id that names anything but a file in the uploads folder is unknown.
    if (path.dirname(file) !== path.resolve(this.directory)) throw ERRORS.FILE_NOT_FOUND;
    const out = createWriteStream(file, { flags: 'r+', start: offset, highWaterMark: WRITE_BUFFER_BYTES });
    try {
      await pipeline(readable, out);
    } catch {
      // As FileStore answers a failed write; whatever reached the disk counts (getUpload stats the file).
      throw ERRORS.FILE_WRITE_ERROR;
    }
    return offset + out.bytesWritten;
  }
}

export function createTusServer(options: TusOptions): { tus: Server; datastore: FileStore; sweep: () => Promise<number> } {
  const { store, auth, intake, now } = options;
  const logOf = (req: unknown) => {
    const raw = (req as TusRequest).runtime?.node?.req;
    return (raw && requestLoggers.get(raw)) ?? options.log;
  };
  const datastore = new BufferedFileStore({ directory: uploadsDir(store.dataDir) });
  // Deferred length is refused (501: HQ must know the size to apply its cap before storing anything); expiry is ours.
  datastore.extensions = ['creation', 'creation-with-upload', 'termination'];

  const row = (id: string) => store.db.select().from(uploads).where(eq(uploads.id, id)).get();
  const expired = (createdAt: string) => now().getTime() - Date.parse(createdAt) > options.expiryMs;

  const tus = new Server({
    path: '/files',
    datastore,
    relativeLocation: true,
    maxSize: options.maxBundleBytes,
    // GET of an upload's bytes is not part of HQ's protocol (fastify refuses it before tus sees it).
    disableTerminationForFinishedUploads: true,
    async onIncomingRequest(req, id) {
      // A creation is checked in onUploadCreate (the upload does not exist yet).
      if (req.method === 'POST') return;
      const keyId = callerOf(auth, req.headers.get('authorization'));
      const upload = row(id);
      // Another device's upload is answered as if it did not exist.
      if (!upload || upload.keyId !== keyId) throw refuse(404, 'No such upload.');
      if (expired(upload.createdAt)) {
        await removeUpload(id);
        throw refuse(410, 'This upload expired; start a new one.');
      }
    },
    async onUploadCreate(req, upload) {
      const keyId = callerOf(auth, req.headers.get('authorization'));
      const parsed = UploadMetadata.safeParse(upload.metadata ?? {});
      if (!parsed.success) throw refuse(400, `Bad Upload-Metadata: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
      if (upload.size === undefined || upload.size < 1) throw refuse(400, 'Upload-Length must be at least 1.');
      if (intake.deliveredFor(parsed.data.sha256)) throw refuse(409, 'HQ already holds these bytes: ask /receipts/<sha256>.');
      store.db.insert(uploads).values({ id: upload.id, keyId, sha256: parsed.data.sha256, size: upload.size, createdAt: now().toISOString() }).run();
      logOf(req).info({ uploadId: upload.id, sha256: parsed.data.sha256, size: upload.size, outcome: 'upload_created' }, 'upload created');
      return {};
    },
    async onUploadFinish(req, upload: Upload) {
      const record = row(upload.id);
      if (!record) throw refuse(404, 'No such upload.');
      const file = path.join(uploadsDir(store.dataDir), upload.id);
      let outcome;
      const started = performance.now();
      try {
        outcome = await intake.ingest({ file, declaredSha256: record.sha256, keyId: record.keyId, size: record.size });
      } finally {
        await removeUpload(upload.id);
      }
      // intakeMs: re-hash, verification and storage of the finished upload (the bench reads it).
      const fields = { sha256: record.sha256, bundleId: outcome.bundleId, outcome: outcome.outcome, size: record.size, intakeMs: Math.round(performance.now() - started) };
      const log = logOf(req);
      if (outcome.outcome === 'rejected') log.warn({ ...fields, code: outcome.code, reason: outcome.reason }, 'bundle rejected');
      else log.info({ ...fields, hqSequence: outcome.hqSequence, duplicate: outcome.duplicate }, 'bundle delivered');
      // The upload itself succeeded either way; the device reads the verdict at /receipts/<sha256>.
      return { headers: { 'Aeo-Outcome': outcome.outcome } };
    },
  });

  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id) => {
    store.db.delete(uploads).where(eq(uploads.id, id)).run();
  });

  async function removeUpload(id: string): Promise<void> {
    await datastore.remove(id).catch(() => undefined);
    store.db.delete(uploads).where(eq(uploads.id, id)).run();
  }

  /** Removes half-finished uploads older than the expiry, bytes and all; answers how many. */
  async function sweep(): Promise<number> {
    const cutoff = new Date(now().getTime() - options.expiryMs).toISOString();
    const stale = store.db.select({ id: uploads.id }).from(uploads).where(and(lt(uploads.createdAt, cutoff))).all();
    for (const { id } of stale) await removeUpload(id);
    if (stale.length > 0) options.log.info({ removed: stale.length, outcome: 'uploads_expired' }, 'expired uploads removed');
    return stale.length;
  }

  return { tus, datastore, sweep };
}
