import type { ProgressSubscription } from './progress';

/**
 * The private IPC channel on which the preload registers a dropped or picked file with the main process. It is
 * not a contract channel and not on `window.aeo`: the page reaches it only through `fileToken`, which hands over
 * a real `File`, never a path.
 */
export const FILE_TOKEN_CHANNEL = 'aeo-private:file-token';

/**
 * What the preload exposes beside the channel methods, each typed and single-purpose: progress events, and an
 * opaque token for a file the user picked or dropped (the preload finds its path with `webUtils`, the main
 * process keeps it), so evidence and bundles stream from disk in the main process while the page never sees
 * or names a path. Null for a file that is not on disk (made by the page itself).
 */
export type PreloadExtras = ProgressSubscription & {
  fileToken(file: File): Promise<string | null>;
};
