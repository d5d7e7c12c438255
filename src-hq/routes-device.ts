import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from './auth';
import { createReadStream } from 'node:fs';
import { and, desc, eq, lt, ne } from 'drizzle-orm';
import {
  OfficerBundlesQuery,
  OfficerFileParams,
  Sha256Params,
  type InboxItem,
  type OfficerBundleDetail,
  type OfficerBundleRow,
  type OfficerBundlesAnswer,
  type OfficerFlag,
  type ReceiptAnswer,
  type RejectionRow,
  type RejectionsAnswer,
} from '../src-main/contract/hq';
import type { HqRejectionCode } from '../src-main/contract/hq';
import { blobPath } from '../src-main/core/blob-store';
import type { VerificationReport } from '../src-main/core/bundle/verify';
import { recipientFingerprint } from '../src-main/core/keys';
import type { HqContext } from './context';
import { bundleAudience, bundles, rejections } from './db/schema';
import { notFound, ok, parse } from './http';
import { blobsRoot, bundlesRoot, OFFICER_FILE_ROLES } from './intake';

/*
 * Routes behind a device token: receipts (the device's proof of delivery), the inbox (bundles addressed to the
 * caller's key) and the officer view (HQ and team-lead keys).
 */

type BundleRow = typeof bundles.$inferSelect;

/**
 * The caller, from its bearer token; from here on the request's log lines (the access line included) carry its
 * key id.
 */
function identify(request: FastifyRequest, reply: FastifyReply, caller: Caller): Caller {
  const log = request.log.child({ keyId: caller.keyId });
  request.log = log;
  reply.log = log;
  return caller;
}

function officerRow(row: BundleRow): OfficerBundleRow {
  const report = JSON.parse(row.report) as VerificationReport;
  return {
    sha256: row.sha256,
    bundleId: row.bundleId,
    kind: row.kind,
    sequence: row.sequence,
    hqSequence: row.hqSequence,
    signer: { keyId: report.signer.keyId, name: report.signer.name, role: report.signer.role },
    caseId: report.caseId,
    caseNumber: report.caseNumber,
    reportVersion: report.reportVersion?.version ?? null,
    createdAt: report.createdAt,
    receivedAt: row.receivedAt,
    size: row.size,
    verification: 'verified',
    checkedWithTrustListVersion: report.checkedWithTrustListVersion,
    flags: JSON.parse(row.flags) as OfficerFlag[],
  };
}

export function deviceRoutes(app: FastifyInstance, ctx: HqContext): void {
  const device = (request: FastifyRequest, reply: FastifyReply) => identify(request, reply, ctx.auth.authenticate(request.headers.authorization));
  const officer = (request: FastifyRequest, reply: FastifyReply) => identify(request, reply, ctx.auth.officer(request.headers.authorization));
  const { db } = ctx.store;
  const bySha = (sha256: string) => db.select().from(bundles).where(eq(bundles.sha256, sha256)).get();

  app.get('/receipts/:sha256', async (request, reply) => {
    device(request, reply);
    const { sha256 } = parse(Sha256Params, request.params, 'path');
    const delivered = ctx.intake.deliveredFor(sha256);
    if (delivered) return ok<ReceiptAnswer>(reply, { state: 'delivered', receipt: JSON.parse(delivered.receipt) });
    const rejected = db.select().from(rejections).where(eq(rejections.sha256, sha256)).orderBy(desc(rejections.id)).limit(1).get();
    if (rejected) return ok<ReceiptAnswer>(reply, { state: 'rejected', code: rejected.code as HqRejectionCode, reason: rejected.reason });
    throw notFound('HQ has not finished an upload of these bytes.');
  });

  /** Bundles whose audience holds the caller's age recipient, except the caller's own. */
  const inboxRows = (keyId: string, ageRecipient: string) =>
    db
      .select({ bundle: bundles })
      .from(bundleAudience)
      .innerJoin(bundles, eq(bundles.hqSequence, bundleAudience.hqSequence))
      .where(and(eq(bundleAudience.fingerprint, recipientFingerprint(ageRecipient)), ne(bundles.signerKeyId, keyId)))
      .orderBy(bundles.hqSequence);

  app.get('/inbox', async (request, reply) => {
    const caller = device(request, reply);
    const rows = inboxRows(caller.keyId, caller.member.ageRecipient).all();
    const items: InboxItem[] = rows.map(({ bundle }) => ({
      sha256: bundle.sha256,
      bundleId: bundle.bundleId,
      kind: bundle.kind,
      caseNumber: bundle.caseNumber,
      signerKeyId: bundle.signerKeyId,
      size: bundle.size,
      receivedAt: bundle.receivedAt,
    }));
    return ok(reply, items);
  });

  app.get('/inbox/:sha256', async (request, reply) => {
    const caller = device(request, reply);
    const { sha256 } = parse(Sha256Params, request.params, 'path');
    const row = inboxRows(caller.keyId, caller.member.ageRecipient).all().find((r) => r.bundle.sha256 === sha256);
    if (!row) throw notFound('No such bundle in your inbox.');
    request.log.info({ bundleId: row.bundle.bundleId, outcome: 'inbox_download' }, 'bundle fetched');
    return sendAttachment(reply, 'application/octet-stream', row.bundle.size, `${row.bundle.bundleId}.aeob`, blobPath(bundlesRoot(ctx.store.dataDir), sha256));
  });

  app.get('/officer/bundles', async (request, reply) => {
    officer(request, reply);
    const { rows, nextCursor } = newestFirst(
      parse(OfficerBundlesQuery, request.query, 'query'),
      (cursor, take) => db.select().from(bundles).where(cursor === null ? undefined : lt(bundles.hqSequence, cursor)).orderBy(desc(bundles.hqSequence)).limit(take).all(),
      (row) => row.hqSequence,
    );
    const value: OfficerBundlesAnswer = { rows: rows.map(officerRow), nextCursor };
    return ok(reply, value);
  });

  app.get('/officer/bundles/:sha256', async (request, reply) => {
    officer(request, reply);
    const { sha256 } = parse(Sha256Params, request.params, 'path');
    const row = bySha(sha256);
    if (!row) throw notFound('HQ holds no such bundle.');
    const report = JSON.parse(row.report) as VerificationReport;
    const value: OfficerBundleDetail = {
      ...officerRow(row),
      envelopeDigest: row.envelopeDigest,
      previousBundleDigest: report.previousBundleDigest,
      audience: report.audience,
      files: report.files.map(({ sha256: digest, role, mediaType, size, displayName }) => ({ sha256: digest, role, mediaType, size, displayName })),
    };
    return ok(reply, value);
  });

  app.get('/officer/bundles/:sha256/files/:file', async (request, reply) => {
    officer(request, reply);
    const params = parse(OfficerFileParams, request.params, 'path');
    const row = bySha(params.sha256);
    if (!row) throw notFound('HQ holds no such bundle.');
    const report = JSON.parse(row.report) as VerificationReport;
    const file = report.files.find((f) => f.sha256 === params.file && (OFFICER_FILE_ROLES as readonly string[]).includes(f.role));
    if (!file) throw notFound('This bundle has no such PDF.');
    request.log.info({ bundleId: row.bundleId, outcome: 'officer_file' }, 'PDF fetched');
    return sendAttachment(reply, file.mediaType, file.size, `${file.role}-${row.bundleId}.pdf`, blobPath(blobsRoot(ctx.store.dataDir), file.sha256));
  });

  app.get('/officer/rejections', async (request, reply) => {
    officer(request, reply);
    const { rows, nextCursor } = newestFirst(
      parse(OfficerBundlesQuery, request.query, 'query'),
      (cursor, take) => db.select().from(rejections).where(cursor === null ? undefined : lt(rejections.id, cursor)).orderBy(desc(rejections.id)).limit(take).all(),
      (row) => row.id,
    );
    const value: RejectionsAnswer = { rows: rows.map((r): RejectionRow => ({ ...r, code: r.code as HqRejectionCode })), nextCursor };
    return ok(reply, value);
  });
}

/** A stored file as a download: streamed from disk, its length declared, saved under `filename` (ids and roles only). */
function sendAttachment(reply: FastifyReply, mediaType: string, size: number, filename: string, file: string) {
  return reply
    .type(mediaType)
    .header('content-length', size)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(createReadStream(file));
}

/** One page of rows, newest first, keyed by an increasing integer; the cursor is the last key of the page. */
function newestFirst<T>(query: OfficerBundlesQuery, fetch: (cursor: number | null, take: number) => T[], key: (row: T) => number) {
  const fetched = fetch(query.cursor === undefined ? null : Number(query.cursor), query.limit + 1);
  const rows = fetched.slice(0, query.limit);
  const last = rows[rows.length - 1];
  return { rows, nextCursor: fetched.length > query.limit && last !== undefined ? String(key(last)) : null };
}
