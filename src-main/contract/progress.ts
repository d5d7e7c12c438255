import { z } from 'zod';
import { text } from './common';

/**
 * Long work (hashing, copying, sealing, printing) reports progress as events: over IPC in the app, over
 * Server-Sent Events (`GET /api/events`) in the preview. `taskId` is the one the caller passed in its input.
 */
export const ProgressEvent = z.strictObject({
  taskId: text(),
  phase: text(),
  done: z.number(),
  total: z.number(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;

export const PROGRESS_CHANNEL = 'progress:event';

/** What the preload adds beside the channel methods: a typed subscription, returning its unsubscribe. */
export type ProgressSubscription = { onProgress(listener: (event: ProgressEvent) => void): () => void };
