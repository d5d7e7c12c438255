import type { SyncProblem, SyncRound } from '../../contract/sync';
import type { Store } from '../../db/open';

/*
 * What a device knows about sync only while it runs: whether HQ answered last time, the round in flight (one at a
 * time: a second "Sync now" joins it), and the bytes being sent now. Kept per store in memory; the outbox itself is
 * in SQLite.
 */

export type Live = {
  online: 'unknown' | 'online' | 'offline';
  lastCheckedAt: string | null;
  problem: SyncProblem | null;
  round: Promise<Omit<SyncRound, 'status'>> | null;
  progress: { done: number; total: number };
  /** Bytes sent so far of the bundle being uploaded now, by bundle id. */
  sending: Map<string, number>;
};

const lives = new WeakMap<Store, Live>();

export function liveOf(store: Store): Live {
  let live = lives.get(store);
  if (!live) {
    live = { online: 'unknown', lastCheckedAt: null, problem: null, round: null, progress: { done: 0, total: 0 }, sending: new Map() };
    lives.set(store, live);
  }
  return live;
}
