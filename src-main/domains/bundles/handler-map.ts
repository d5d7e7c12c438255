import { and, desc, eq } from 'drizzle-orm';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/result';
import { bundles } from '../../db/schema';
import { exportFileName } from '../../core/file-names';
import { requireHost, type HandlerMap } from '../../kernel/context';
import { resolveFileSource } from '../file-source';
import { exportBundle } from './export';
import { importBundle } from './import';
import { bundleRow, detailOf, recoverInterruptedSeals, summaryOf } from './layout';
import { sealCase } from './seal';

export const bundlesHandlers: HandlerMap<'bundles'> = {
  'bundles:seal': (ctx, input) => sealCase(ctx, input),

  'bundles:export': async (ctx, input) => {
    // The target comes only from the system's save dialog, which itself asks before replacing a file; the page
    // cannot name one. Without a desktop host (the browser preview) the page downloads the bundle instead.
    const host = requireHost(ctx);
    if (!host.chooseSavePath) throw new AppError('unavailable', 'This app cannot show a save dialog; download the bundle instead.');
    const row = bundleRow(ctx.store, input.bundleId);
    const suggested = exportFileName(row.caseNumber, detailOf(row).report.reportVersion?.version ?? 0, { kind: 'bundle' }) // a handout freezes no version: v0;
    const chosen = await host.chooseSavePath(suggested, { name: 'Sealed bundle', extensions: ['aeob'] });
    if (chosen === null) return { bundleId: input.bundleId, saved: false, fileName: null, size: row.size };
    const done = await exportBundle(ctx.store, input.bundleId, chosen, true);
    return { bundleId: done.bundleId, saved: true, fileName: path.basename(done.path), size: done.size };
  },

  'bundles:import': async (ctx, input) => {
    const { file, upload } = resolveFileSource(ctx, input.source);
    try {
      return await importBundle(ctx, { file, taskId: input.taskId });
    } finally {
      // An upload is staged for one import only, whatever its outcome.
      if (upload) await unlink(file).catch(() => undefined);
    }
  },

  'bundles:list': async (ctx, input) => {
    await recoverInterruptedSeals(ctx.store);
    const conditions = [
      ...(input.caseId ? [eq(bundles.caseId, input.caseId)] : []),
      ...(input.direction ? [eq(bundles.direction, input.direction)] : []),
    ];
    return ctx.store.db
      .select()
      .from(bundles)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(bundles.recordedAt))
      .all()
      .map(summaryOf);
  },

  'bundles:get': (ctx, input) => detailOf(bundleRow(ctx.store, input.bundleId)),
};
