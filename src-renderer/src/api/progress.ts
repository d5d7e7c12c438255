import { ProgressEvent } from '../../../src-main/contract/progress';
import { withToken } from './token';

/**
 * Progress of long server-side work (hashing, copying), the same interface in both hosts: in Electron the
 * preload's `window.aeo.onProgress`, in the browser preview Server-Sent Events on `GET /api/events`.
 * One connection is opened on first use and kept, so events of a call that starts right after subscribing
 * are not lost while a new stream connects.
 */
type Listener = (event: ProgressEvent) => void;

const listeners = new Set<Listener>();
let connected: Promise<void> | null = null;

function dispatch(raw: unknown) {
  const parsed = ProgressEvent.safeParse(raw);
  if (!parsed.success) return;
  for (const listener of listeners) listener(parsed.data);
}

function connect(): Promise<void> {
  if (connected) return connected;
  const host = window.aeo;
  if (host) {
    host.onProgress(dispatch);
    connected = Promise.resolve();
    return connected;
  }
  if (typeof EventSource === 'undefined') {
    connected = Promise.resolve();
    return connected;
  }
  connected = new Promise<void>((resolve) => {
    const source = new EventSource(withToken('/api/events'));
    // Progress is a nicety: if the stream does not open soon, the work goes ahead without it.
    const timer = window.setTimeout(resolve, 1500);
    source.onopen = () => {
      window.clearTimeout(timer);
      resolve();
    };
    source.onmessage = (message: MessageEvent<string>) => {
      try {
        dispatch(JSON.parse(message.data));
      } catch {
        // Not an event of ours.
      }
    };
  });
  return connected;
}

/** Calls `listener` for events of `taskId` until the returned function is called. Resolves once listening. */
export async function watchTask(taskId: string, listener: Listener): Promise<() => void> {
  const filtered: Listener = (event) => {
    if (event.taskId === taskId) listener(event);
  };
  listeners.add(filtered);
  await connect();
  return () => listeners.delete(filtered);
}

/** A fresh id to correlate progress events with the call that started the work. */
export function newTaskId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs `work(taskId)` while reporting its progress events; the subscription ends with the work.
 */
export async function withProgress<T>(work: (taskId: string) => Promise<T>, onEvent: Listener): Promise<T> {
  const taskId = newTaskId();
  const stop = await watchTask(taskId, onEvent);
  try {
    return await work(taskId);
  } finally {
    stop();
  }
}
