import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { findAppRoot } from './app-paths';

/**
 * Long CPU work (PDF layout, encryption) runs in a worker thread so the process that answers the UI stays
 * responsive. A worker posts `{type:'progress', ...}` messages while it works and one `{type:'done', value}` or
 * `{type:'error', message}` at the end.
 */
export type WorkerMessage<T> =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; value: T }
  | { type: 'error'; message: string; code?: string };

/**
 * Built code runs the bundled worker (out/main/<name>.js); under vitest the TypeScript source runs through
 * tsx, so tests exercise the same worker code without a build. The benches set AEO_BUILT_WORKERS=1 to time the
 * bundled worker the app runs: through tsx the PDF worker took 0.55–0.6 s to start instead of 0.17 s (measured,
 * issue 14), a cost no user pays.
 */
export function workerScript(name: string): { file: string; execArgv: string[] } {
  const root = findAppRoot();
  if (import.meta.url.endsWith('.ts') && process.env.AEO_BUILT_WORKERS !== '1') {
    return { file: path.join(root, 'src-main', 'workers', `${name}.ts`), execArgv: ['--import', 'tsx'] };
  }
  return { file: path.join(root, 'out', 'main', `${name}.js`), execArgv: [] };
}

export class WorkerTaskError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

/**
 * Starts the worker `name`. Under vitest, Node 20 ignores loader hooks passed as `--import tsx` in a worker's
 * execArgv (the worker then fails with "Unknown file extension .ts"), so the TypeScript source is loaded by a tiny
 * bootstrap that registers tsx inside the worker first.
 */
export function createWorker(name: string, options: Omit<WorkerOptions, 'eval' | 'execArgv'> = {}): Worker {
  const { file, execArgv } = workerScript(name);
  if (!file.endsWith('.ts')) return new Worker(file, { ...options, execArgv });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** What the main thread sends a running worker: the rest of its input (see `WorkerTaskOptions.rest`). */
export type WorkerInput<R> = { type: 'input'; value: R };

export type WorkerTaskOptions<R> = {
  onProgress?: (progress: { phase: string; done: number; total: number }) => void;
  /**
   * The rest of the worker's input, still being produced: the worker starts at once and is sent the value as a
   * `WorkerInput` when it is ready, so its start-up overlaps the work that produces it. When it fails, the
   * worker is stopped and the task fails with that error.
   */
  rest?: Promise<R>;
  /** The worker's heap limits (see the caller for why). */
  resourceLimits?: WorkerOptions['resourceLimits'];
};

/** Runs the worker `name` on `payload`, and answers what it posts when done. */
export function runWorkerTask<T, R = never>(name: string, payload: unknown, { onProgress, rest, resourceLimits }: WorkerTaskOptions<R> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = createWorker(name, { workerData: payload, ...(resourceLimits ? { resourceLimits } : {}) });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage<T>) => {
      if (message.type === 'progress') onProgress?.(message);
      else if (message.type === 'done') settle(() => resolve(message.value));
      else settle(() => reject(new WorkerTaskError(message.message, message.code)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new WorkerTaskError(`worker ${name} stopped (exit ${code}) before finishing`))),
    );
    rest?.then(
      (value) => {
        if (!settled) worker.postMessage({ type: 'input', value } satisfies WorkerInput<R>);
      },
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
