import { describe, expect, it } from 'vitest';
import { backoffDelay, createPoller, type Timers } from '../../src-main/core/sync/poller';

/**
 * The HQ poll's schedule, stepped through with injected timers and randomness (nothing sleeps): while HQ does not
 * answer, delays grow exponentially up to a ceiling with full jitter; once it answers, rounds come at a steady
 * pace; waking (the network came back, "Sync now") runs a round at once and starts the backoff over.
 */

function manualTimers() {
  const pending: { fn: () => void; ms: number; id: number }[] = [];
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.push({ fn, ms, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = pending.findIndex((p) => p.id === id);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return {
    timers,
    pending,
    /** Fires the one pending timer and lets the round it starts finish. */
    async fire() {
      const timer = pending.shift();
      if (!timer) throw new Error('no timer pending');
      timer.fn();
      await new Promise((resolve) => setImmediate(resolve));
      return timer.ms;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('HQ poller', () => {
  it('full jitter over an exponentially growing ceiling, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, () => 1, 1000, 20_000))).toEqual([1000, 2000, 4000, 8000, 16_000, 20_000, 20_000]);
    expect(backoffDelay(3, () => 0.5, 1000, 20_000)).toBe(2000);
    expect(backoffDelay(3, () => 0, 1000, 20_000)).toBe(0);
  });

  it('backs off while HQ is down, goes steady once it answers, and a wake resets the backoff', async () => {
    const clock = manualTimers();
    let hqUp = false;
    let rounds = 0;
    const scheduled: number[] = [];
    const poller = createPoller({
      round: async () => {
        rounds++;
        return hqUp;
      },
      timers: clock.timers,
      random: () => 1,
      startingDelayMs: 1000,
      maxDelayMs: 8000,
      steadyMs: 60_000,
      onScheduled: (ms) => scheduled.push(ms),
    });
    poller.start();
    await settle();
    expect(rounds).toBe(1);
    for (let i = 0; i < 5; i++) await clock.fire();
    expect(rounds).toBe(6);
    expect(scheduled).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(poller.failures).toBe(6);

    hqUp = true;
    await clock.fire();
    expect(poller.failures).toBe(0);
    expect(scheduled.at(-1)).toBe(60_000);

    hqUp = false;
    await clock.fire();
    expect(scheduled.at(-1)).toBe(1000);
    await clock.fire();
    expect(scheduled.at(-1)).toBe(2000);
    // The network came back: a round at once, and the next failure starts from the first delay again.
    expect(await poller.wake()).toBe(false);
    expect(scheduled.at(-1)).toBe(1000);
    expect(clock.pending).toHaveLength(1);
    poller.stop();
    expect(clock.pending).toHaveLength(0);
  });

  it('a wake while a round runs joins it instead of starting a second one', async () => {
    const clock = manualTimers();
    let rounds = 0;
    let release: (value: boolean) => void = () => undefined;
    const poller = createPoller({
      round: () => {
        rounds++;
        return new Promise<boolean>((resolve) => (release = resolve));
      },
      timers: clock.timers,
    });
    poller.start();
    const joined = poller.wake();
    expect(rounds).toBe(1);
    release(true);
    expect(await joined).toBe(true);
    poller.stop();
  });
});
