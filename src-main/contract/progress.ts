import { z } from 'zod';
import { text } from './common';

/** A PDF's print in the worker: photos embedded, layout, pages rendered, file written. */
export const pdfPhases = ['images', 'layout', 'render', 'write'] as const;
/** Sealing prints both PDFs (if not cached), one phase each, before the streaming pass. */
export const printingPhases = { 'validation-report': 'printing-validation-report', 'control-plan': 'printing-control-plan' } as const;

/** Every phase a task reports, so the page can switch on them rather than read the words. */
export const progressPhases = [
  'copy',
  'verify',
  ...pdfPhases,
  ...Object.values(printingPhases),
  'sealing',
  'verifying',
  'storing',
] as const;
export const ProgressPhase = z.enum(progressPhases);
export type ProgressPhase = z.infer<typeof ProgressPhase>;

/**
 * Long work (hashing, copying, sealing, printing) reports progress as events: over IPC in the app, over
 * Server-Sent Events (`GET /api/events`) in the preview. `taskId` is the one the caller passed in its input.
 */
export const ProgressEvent = z.strictObject({
  taskId: text(),
  phase: ProgressPhase,
  done: z.number(),
  total: z.number(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;

export const PROGRESS_CHANNEL = 'progress:event';

/** What the preload adds beside the channel methods: a typed subscription, returning its unsubscribe. */
export type ProgressSubscription = { onProgress(listener: (event: ProgressEvent) => void): () => void };
