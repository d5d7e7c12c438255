import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Evidence } from '../contract/evidence';
import { AppError } from '../contract/result';
import { appendAudit, fieldChanges, type Actor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { blobs, cases, checklistRuns, checklistTemplates, evidence } from '../db/schema';
import { readHead } from '../core/blob-store';
import { newId, nowUtc } from '../core/ids';
import { SNIFF_BYTES, classifyKind, sniffMediaType } from '../core/media-type';
import { requireActor, type HandlerMap } from '../kernel/context';
import { edit, liveRow, rowList } from './case-rows';
import { thumbnail, verifyBlobs, withIntegrity } from './evidence-files';
import { refuseFinishedRun } from './run-lock';
import { blobRoot, exifCapturedAt, resolveSource, storeSource } from './evidence-ingest';
import { recordRendition, renditionAtIngest, type Rendition } from './evidence-renditions';

/*
 * The evidence handlers and the rows behind them: where evidence may be attached, idempotent inserts, tombstones
 * and their audit entries. Copying bytes in is evidence-ingest.ts; reading stored files back (thumbnails, the
 * integrity check) is evidence-files.ts.
 */

/** Re-exported for the modules that locate stored blobs through the evidence domain (reports, bundles). */
export { blobRoot };

type EvidenceRow = typeof evidence.$inferSelect;

function toEvidence(row: EvidenceRow): Evidence {
  const { removedAt: _removedAt, ...rest } = row;
  return rest;
}

const evidenceRows = rowList(evidence, { entity: 'evidence', owner: 'caseId', missing: 'No evidence with this id (it may have been removed).' });

const getLiveRow = (store: Store, id: string): EvidenceRow => liveRow(store, evidenceRows, id);

/** The case must exist; a run must belong to it; an item must be in the run's pinned template version. */
function checkPlace(store: Store, caseId: string, runId: string | undefined, itemId: string | undefined): void {
  if (!store.db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).get()) {
    throw new AppError('not_found', 'No validation case with this id.');
  }
  if (runId === undefined) return;
  const run = store.db
    .select({ caseId: checklistRuns.caseId, templateRowId: checklistRuns.templateRowId })
    .from(checklistRuns)
    .where(eq(checklistRuns.id, runId))
    .get();
  if (!run) throw new AppError('not_found', 'No checklist run with this id.');
  if (run.caseId !== caseId) {
    throw new AppError('invalid_input', 'Invalid input at: runId', [
      { path: 'runId', message: 'this checklist run belongs to another case' },
    ]);
  }
  if (itemId === undefined) return;
  const template = store.db
    .select({ body: checklistTemplates.body })
    .from(checklistTemplates)
    .where(eq(checklistTemplates.id, run.templateRowId))
    .get();
  if (!template || !templateItemIds(template.body).has(itemId)) {
    throw new AppError('invalid_input', 'Invalid input at: itemId', [
      { path: 'itemId', message: "no item with this id in the run's checklist" },
    ]);
  }
}

function templateItemIds(body: string): Set<string> {
  const ids = new Set<string>();
  try {
    const parsed = JSON.parse(body) as { sections?: { items?: { id?: unknown }[] }[] };
    for (const section of parsed.sections ?? []) {
      for (const item of section.items ?? []) if (typeof item.id === 'string') ids.add(item.id);
    }
  } catch {
    // A stored template is validated JSON; an unreadable one simply has no items to attach to.
  }
  return ids;
}

function sameValue<T>(column: Parameters<typeof eq>[0], value: T | undefined): SQL {
  return value === undefined ? isNull(column) : eq(column, value);
}

function insertEvidence(
  store: Store,
  actor: Actor,
  row: EvidenceRow,
  blob: typeof blobs.$inferInsert,
  rendition: Rendition | null,
): Evidence {
  return store.db.transaction(() => {
    // Idempotent: the same bytes attached again to the same place answer the row already there.
    const existing = store.db
      .select()
      .from(evidence)
      .where(
        and(
          eq(evidence.caseId, row.caseId),
          sameValue(evidence.runId, row.runId ?? undefined),
          sameValue(evidence.itemId, row.itemId ?? undefined),
          eq(evidence.sha256, row.sha256),
          isNull(evidence.removedAt),
        ),
      )
      .orderBy(asc(evidence.attachedAt))
      .get();
    if (existing) {
      if (rendition) recordRendition(store, actor, rendition);
      return toEvidence(existing);
    }
    const blobIsNew = store.db.insert(blobs).values(blob).onConflictDoNothing().run().changes === 1;
    store.db.insert(evidence).values(row).run();
    appendAudit(store.sqlite, actor, [
      ...(blobIsNew ? [{ entity: 'blob', entityId: blob.sha256, action: 'create' as const, after: blob }] : []),
      { entity: 'evidence', entityId: row.id, action: 'create', after: toEvidence(row) },
    ]);
    if (rendition) recordRendition(store, actor, rendition);
    return toEvidence(row);
  });
}

export const evidenceHandlers: HandlerMap<'evidence'> = {
  'evidence:attach': async (ctx, input) => {
    const actor = requireActor(ctx);
    checkPlace(ctx.store, input.caseId, input.runId, input.itemId);
    refuseFinishedRun(ctx.store, input.runId);
    const source = await resolveSource(ctx, input.source);
    const originalName =
      input.originalName ??
      (source.upload ? `upload-${path.basename(source.file)}` : path.basename(source.file));

    // The bytes are safely in the store (or the call has failed, leaving nothing) before any row is written.
    const stored = await storeSource(ctx, source, input.taskId);
    const mediaType = await sniffMediaType(await readHead(stored.path, SNIFF_BYTES), originalName);
    // A file that is no image, where the UI asked for a photo, is still kept: as a document.
    const kind = await classifyKind(stored.path, mediaType);
    const capturedAt =
      (kind === 'photo' ? await exifCapturedAt(stored.path) : null) ?? new Date(source.mtimeMs).toISOString();
    // Downscaled once, here, for every print to come (issue 14); stored like the photo before any row is written.
    const rendition = kind === 'photo' ? await renditionAtIngest(ctx.store, stored.sha256, stored.path) : null;
    const now = nowUtc();
    const row: EvidenceRow = {
      id: newId(),
      caseId: input.caseId,
      runId: input.runId ?? null,
      itemId: input.itemId ?? null,
      sha256: stored.sha256,
      kind,
      originalName,
      size: stored.size,
      mediaType,
      capturedAt,
      effectiveDate: input.effectiveDate,
      caption: input.caption,
      attachedBy: actor.id ?? '',
      attachedByName: actor.name,
      attachedAt: now,
      removedAt: null,
    };
    const result = insertEvidence(ctx.store, actor, row, {
      sha256: stored.sha256,
      size: stored.size,
      mediaType,
      storedAt: now,
    }, rendition);
    if (source.upload) await unlink(source.file).catch(() => undefined);
    return result;
  },

  'evidence:list': (ctx, input) => {
    const where = [eq(evidence.caseId, input.caseId), isNull(evidence.removedAt)];
    if (input.runId !== undefined) where.push(eq(evidence.runId, input.runId));
    if (input.itemId !== undefined) where.push(eq(evidence.itemId, input.itemId));
    const rows = ctx.store.db
      .select()
      .from(evidence)
      .where(and(...where))
      .orderBy(asc(evidence.attachedAt), asc(evidence.id))
      .all()
      .map(toEvidence);
    return withIntegrity(ctx.store, rows);
  },

  'evidence:update': (ctx, input) =>
    edit(ctx, (actor) => {
      const before = getLiveRow(ctx.store, input.id);
      const patch: Partial<Pick<EvidenceRow, 'caption' | 'effectiveDate'>> = {};
      if (input.caption !== undefined) patch.caption = input.caption;
      if (input.effectiveDate !== undefined) patch.effectiveDate = input.effectiveDate;
      const changes = fieldChanges('evidence', before.id, before, patch);
      if (changes.length === 0) return toEvidence(before);
      ctx.store.db.update(evidence).set(patch).where(eq(evidence.id, before.id)).run();
      appendAudit(ctx.store.sqlite, actor, changes);
      return toEvidence(getLiveRow(ctx.store, before.id));
    }),

  'evidence:remove': (ctx, input) =>
    edit(ctx, (actor) => {
      const before = getLiveRow(ctx.store, input.id);
      refuseFinishedRun(ctx.store, before.runId);
      // A tombstone: the row and its file stay, so the audit trail and a later merge can still see them.
      ctx.store.db.update(evidence).set({ removedAt: nowUtc() }).where(eq(evidence.id, before.id)).run();
      appendAudit(ctx.store.sqlite, actor, [
        { entity: 'evidence', entityId: before.id, action: 'delete', before: toEvidence(before) },
      ]);
      return { id: before.id };
    }),

  'evidence:thumbnail': async (ctx, input) => {
    const row = getLiveRow(ctx.store, input.id);
    if (row.kind !== 'photo') {
      throw new AppError('not_found', 'This evidence is a document; only photos have thumbnails.');
    }
    const data = await thumbnail(blobRoot(ctx.store), row.sha256, input.size);
    return { id: row.id, dataUrl: `data:image/jpeg;base64,${data.toString('base64')}` };
  },

  'evidence:verify': async (ctx, input) => {
    if (input.caseId !== undefined) checkPlace(ctx.store, input.caseId, undefined, undefined);
    return verifyBlobs(ctx, input.caseId, input.taskId);
  },
};
