import type { ProgressSubscription } from './progress';

/**
 * What the preload exposes beside the channel methods, each typed and single-purpose:
 * progress events, and the local path of a file the user picked or dropped (Electron ≥ 32 hides `File.path`),
 * so evidence can be streamed from disk by the main process instead of through the page.
 */
export type PreloadExtras = ProgressSubscription & {
  pathForFile(file: File): string;
};
