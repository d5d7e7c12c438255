import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { youngCollector } from '../../src-main/core/young-gc';

/*
 * The bundle crypto thread scavenges every few MiB of node:crypto's per-chunk buffers instead of letting V8 keep
 * about 32 MiB of dead chunks (core/young-gc.ts; the memory itself is measured in `npm run bench`). This checks
 * the mechanism: a scavenge happens exactly when the bytes reported reach the threshold, none before.
 */

/** Forced minor (young-generation) collections observed while `work` runs (V8's own are not forced), once delivered. */
async function scavengesDuring(work: () => void): Promise<number> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  work();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return entries.filter((e) => {
    const detail = (e as PerformanceEntry & { detail?: { kind?: number; flags?: number } }).detail;
    return detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR && ((detail.flags ?? 0) & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0;
  }).length;
}

describe('youngCollector', () => {
  it('scavenges once per threshold of reported bytes, not before', async () => {
    const allocated = youngCollector(1024 * 1024);
    expect(await scavengesDuring(() => allocated(512 * 1024))).toBe(0);
    expect(await scavengesDuring(() => allocated(512 * 1024))).toBe(1);
    expect(await scavengesDuring(() => {
      for (let i = 0; i < 8; i++) allocated(1024 * 1024);
    })).toBe(8);
  });
});
