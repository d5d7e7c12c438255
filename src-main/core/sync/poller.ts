/*
 * When to talk to HQ. A round runs at start; while HQ does not answer, the next one waits an exponentially growing
 * delay with full jitter (so a fleet of laptops coming back online together does not knock at once); once HQ
 * answers, rounds come at a steady pace. `wake()` (the runtime said the network is back, or the user pressed "Sync
 * now") runs a round at once and starts the backoff over. Timers and randomness are injected, so tests step through
 * the schedule without sleeping.
 *
 * Why not `exponential-backoff` here, as the upload retries use (issue 11 asked): checked against its 3.1.3 source,
 * `backOff()` waits with the global setTimeout (dist/delay/delay.base.js), which cannot be injected (the poller's
 * tests would have to sleep through real delays or fake the global clock) nor cut short (`wake()` must run a round
 * at once, mid-delay), and it stops at the first success, while polling goes on at a steady pace. What it would
 * replace is the one line of arithmetic in backoffDelay(), the same full-jitter formula the library uses.
 */

export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending poll must not keep a CLI or test process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type PollerOptions = {
  /** One round; resolves true when HQ answered (whatever it said), false when it could not be reached. */
  round(): Promise<boolean>;
  timers?: Timers;
  random?: () => number;
  /** First delay after a failed round; doubled per failure up to `maxDelayMs`. */
  startingDelayMs?: number;
  maxDelayMs?: number;
  /** Between rounds while HQ answers. */
  steadyMs?: number;
  /** Told each delay chosen (for the status line and the tests). */
  onScheduled?(delayMs: number, failures: number): void;
};

export type Poller = {
  start(): void;
  stop(): void;
  /** Runs a round now (joining one already running) and resets the backoff. */
  wake(): Promise<boolean>;
  readonly failures: number;
};

/** The delay before retry `failures` (1, 2, …): full jitter over min(max, start · 2^(failures−1)). */
export function backoffDelay(failures: number, random: () => number, startingDelayMs: number, maxDelayMs: number): number {
  const ceiling = Math.min(maxDelayMs, startingDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(random() * ceiling);
}

export function createPoller(options: PollerOptions): Poller {
  const timers = options.timers ?? systemTimers;
  const random = options.random ?? Math.random;
  const startingDelayMs = options.startingDelayMs ?? 5_000;
  const maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  const steadyMs = options.steadyMs ?? 60_000;
  let failures = 0;
  let handle: unknown = null;
  let running: Promise<boolean> | null = null;
  let stopped = true;

  function schedule(delayMs: number) {
    if (stopped) return;
    if (handle !== null) timers.clearTimeout(handle);
    options.onScheduled?.(delayMs, failures);
    handle = timers.setTimeout(() => {
      handle = null;
      void tick();
    }, delayMs);
  }

  async function tick(): Promise<boolean> {
    running ??= options
      .round()
      .catch(() => false)
      .then((reached) => {
        failures = reached ? 0 : failures + 1;
        running = null;
        schedule(reached ? steadyMs : backoffDelay(failures, random, startingDelayMs, maxDelayMs));
        return reached;
      });
    return running;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void tick();
    },
    stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    wake() {
      failures = 0;
      return tick();
    },
    get failures() {
      return failures;
    },
  };
}

type Dispatch = (channel: string, input: unknown) => Promise<{ ok: boolean; value?: unknown }>;

/**
 * The desktop's background sync: a poller whose round is the `sync:now` channel (so it runs exactly what "Sync now"
 * runs, with the same checks and audit), started by the Electron shell and the preview server.
 */
export function pollHq(dispatch: Dispatch, options: Omit<PollerOptions, 'round'> = {}): Poller {
  const poller = createPoller({
    ...options,
    round: async () => {
      const answer = await dispatch('sync:now', {});
      return answer.ok && (answer.value as { reached?: unknown }).reached === true;
    },
  });
  poller.start();
  return poller;
}
