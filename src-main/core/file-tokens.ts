import { randomBytes } from 'node:crypto';
import { FILE_TOKEN_PATTERN } from '../contract/file-source';

/*
 * Opaque tokens for files the user handed to the app (dropped on the window, picked in a file input, typed on the
 * command line). The page never names a file-system path: the trusted side (the Electron main process, the CLI)
 * registers the path here and gives the page a random token, which a handler later redeems for the path. A token
 * is single-use and expires, so a leaked or guessed one is worth nothing, and the page cannot mint its own.
 */

export { FILE_TOKEN_PATTERN };

export type FileTokenResolver = {
  /** The path registered under `token`, which is then forgotten; null when unknown, used or expired. */
  take(token: string): string | null;
};

export type FileTokenRegistry = FileTokenResolver & {
  /** Registers an absolute path and answers a fresh token for it. */
  issue(filePath: string): string;
  /** How many unexpired tokens are outstanding (for tests and diagnostics). */
  size(): number;
};

export type FileTokenOptions = {
  /** Milliseconds since 1970; injected so tests can move time without sleeping. */
  now?: () => number;
  /** How long a token stays redeemable: long enough to fill in a caption after a drop, short enough to not linger. */
  ttlMs?: number;
  /** Beyond this many outstanding tokens the oldest are dropped, so a busy page cannot grow the map without end. */
  maxEntries?: number;
  /** Source of the token's 32 random bytes. */
  random?: (bytes: number) => Uint8Array;
};

export const DEFAULT_TOKEN_TTL_MS = 30 * 60 * 1000;

export function createFileTokenRegistry(options: FileTokenOptions = {}): FileTokenRegistry {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? DEFAULT_TOKEN_TTL_MS;
  const max = options.maxEntries ?? 1000;
  const random = options.random ?? ((n: number) => randomBytes(n));
  // Insertion order is issue order, which is what eviction of the oldest relies on.
  const entries = new Map<string, { path: string; expiresAt: number }>();

  const sweep = () => {
    const t = now();
    for (const [token, entry] of entries) if (entry.expiresAt <= t) entries.delete(token);
  };

  return {
    issue(filePath) {
      if (typeof filePath !== 'string' || filePath.length === 0 || filePath.includes('\0')) {
        throw new TypeError('a file token needs a non-empty path');
      }
      sweep();
      const token = Buffer.from(random(32)).toString('base64url');
      if (!FILE_TOKEN_PATTERN.test(token) || entries.has(token)) throw new Error('the token source gave an unusable value');
      entries.set(token, { path: filePath, expiresAt: now() + ttl });
      while (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return token;
    },
    take(token) {
      if (typeof token !== 'string' || !FILE_TOKEN_PATTERN.test(token)) return null;
      const entry = entries.get(token);
      if (!entry) return null;
      entries.delete(token);
      return entry.expiresAt > now() ? entry.path : null;
    },
    size() {
      sweep();
      return entries.size;
    },
  };
}
