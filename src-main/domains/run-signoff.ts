import { Readable } from 'node:stream';
import { missingForFinish, type MissingItem } from '../contract/run-completion';
import { AppError } from '../contract/result';
import type { AnswerValue, RunSummary } from '../contract/runs';
import { ingestStream } from '../core/blob-store';
import { appendAudit, type AuditChange, type UserActor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { blobs } from '../db/schema';
import { nowOf, requireActor, type HandlerMap } from '../kernel/context';
import { blobRoot } from './evidence-ingest';
import { runFinishedError } from './run-lock';
import { requireRun, statements, type RunRow } from './run-store';
import { summaryOf } from './run-summary';
import type { SignoffChannel } from './runs';
import { loadTemplateRow } from './templates-store';

/*
 * Finishing a checklist run (SafetyCulture's "Complete inspection", ODK's "Finalize"): the current user signs it
 * off at the context's clock, optionally with a signature drawn on screen, once nothing required is missing.
 * From then on the run is read-only; "Reopen" takes a reason, and both go to the audit log.
 */

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SIDE = 4000;

/** What is still missing in the run as stored now. */
export function missingOf(store: Store, run: RunRow): MissingItem[] {
  const template = loadTemplateRow(store, run.template_row_id);
  const s = statements(store);
  const answers = new Map(s.answersOfRun.all(run.id).map((a) => [a.item_id, a]));
  const evidence = new Map(s.evidenceOfRun.all(run.id).map((e) => [e.item_id, e.n]));
  return missingForFinish(template.template, {
    valueOf: (itemId) => {
      const text = answers.get(itemId)?.value;
      return text === null || text === undefined ? null : (JSON.parse(text) as AnswerValue);
    },
    noteOf: (itemId) => answers.get(itemId)?.note ?? '',
    evidenceOf: (itemId) => evidence.get(itemId) ?? 0,
    metadata: JSON.parse(run.metadata) as Record<string, string>,
  });
}

function incomplete(missing: readonly MissingItem[]): AppError {
  return new AppError('conflict', `The run cannot be finished yet: ${missing.length} thing(s) are missing.`, [
    { path: 'id', message: `${missing.length} missing`, code: 'run_incomplete', params: { missing: missing.length } },
    ...missing.map((m) => ({
      path: m.fieldId !== null ? `metadata.${m.fieldId}` : `items.${m.itemId ?? ''}`,
      message: m.code.replace(/_/g, ' '),
      code: m.code,
      params: { itemId: m.itemId, sectionId: m.sectionId, fieldId: m.fieldId },
    })),
  ]);
}

/** Checks that the bytes are a PNG of a sane size (a signature pad's canvas); the page is not trusted to say so. */
function checkSignature(png: Buffer): void {
  const bad = (message: string) =>
    new AppError('invalid_input', `The signature is not usable: ${message}.`, [{ path: 'signaturePng', message, code: 'signature_invalid' }]);
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_MAGIC) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw bad('not a PNG image');
  }
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) throw bad(`a ${width}×${height} image`);
}

/** Stores the drawn signature in the blob store (content-addressed, like evidence); answers its SHA-256. */
async function storeSignature(store: Store, base64: string): Promise<{ sha256: string; size: number }> {
  const png = Buffer.from(base64, 'base64');
  checkSignature(png);
  const result = await ingestStream(blobRoot(store), Readable.from([png]), { total: png.length, maxBytes: png.length });
  return { sha256: result.sha256, size: result.size };
}

function finishRun(store: Store, actor: UserActor, run: RunRow, at: string, signature: { sha256: string; size: number } | null): void {
  const changes: AuditChange[] = [];
  if (signature) {
    const blob = { sha256: signature.sha256, size: signature.size, mediaType: 'image/png', storedAt: at };
    if (store.db.insert(blobs).values(blob).onConflictDoNothing().run().changes === 1) {
      changes.push({ entity: 'blob', entityId: blob.sha256, action: 'create', after: blob });
    }
  }
  store.sqlite
    .prepare(
      `UPDATE checklist_runs SET finished_at = ?, finished_by = ?, finished_by_name = ?, signature_sha256 = ?, updated_at = ?
       WHERE id = ? AND finished_at IS NULL`,
    )
    .run(at, actor.id, actor.name, signature?.sha256 ?? null, at, run.id);
  changes.push({
    entity: 'run',
    entityId: run.id,
    action: 'update',
    field: 'finished',
    before: null,
    after: { at, byId: actor.id, byName: actor.name, signatureSha256: signature?.sha256 ?? null },
  });
  appendAudit(store.sqlite, actor, changes);
}

export const runSignoffHandlers: Pick<HandlerMap<'runs'>, SignoffChannel> = {
  'runs:finishCheck': (ctx, input) => missingOf(ctx.store, requireRun(ctx.store, input.id)),

  'runs:finish': async (ctx, input): Promise<RunSummary> => {
    const actor = requireActor(ctx);
    const before = requireRun(ctx.store, input.id);
    if (before.finished_at !== null) throw runFinishedError(before.finished_by_name, before.finished_at);
    const early = missingOf(ctx.store, before);
    if (early.length > 0) throw incomplete(early);
    // The file is written before the transaction (it is async); an unreferenced blob is harmless and deduplicated.
    const signature = input.signaturePng === undefined ? null : await storeSignature(ctx.store, input.signaturePng);
    const at = nowOf(ctx);
    return ctx.store.db.transaction(() => {
      // Again inside the transaction: an answer may have been cleared while the signature was being stored.
      const run = requireRun(ctx.store, input.id);
      if (run.finished_at !== null) throw runFinishedError(run.finished_by_name, run.finished_at);
      const missing = missingOf(ctx.store, run);
      if (missing.length > 0) throw incomplete(missing);
      finishRun(ctx.store, actor, run, at, signature);
      return summaryOf(ctx.store, requireRun(ctx.store, run.id));
    });
  },

  'runs:reopen': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const run = requireRun(ctx.store, input.id);
      if (run.finished_at === null) {
        throw new AppError('conflict', 'This checklist run is not finished; there is nothing to reopen.', [
          { path: 'id', message: 'the run is open', code: 'run_not_finished' },
        ]);
      }
      const at = nowOf(ctx);
      ctx.store.sqlite
        .prepare(
          `UPDATE checklist_runs SET finished_at = NULL, finished_by = NULL, finished_by_name = NULL, signature_sha256 = NULL,
           updated_at = ? WHERE id = ?`,
        )
        .run(at, run.id);
      appendAudit(ctx.store.sqlite, actor, [
        {
          entity: 'run',
          entityId: run.id,
          action: 'update',
          field: 'finished',
          before: { at: run.finished_at, byId: run.finished_by, byName: run.finished_by_name, signatureSha256: run.signature_sha256 },
          after: { reopenedAt: at, reason: input.reason },
        },
      ]);
      return summaryOf(ctx.store, requireRun(ctx.store, run.id));
    });
  },
};
