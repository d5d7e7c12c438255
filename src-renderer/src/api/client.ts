import type { Api } from '../../../src-main/contract';
import { buildApi, type ChannelName } from '../../../src-main/contract/channels';
import type { AppErrorShape, Result } from '../../../src-main/contract/result';
import { tokenHeaders } from './token';

/**
 * In Electron the preload exposes `window.aeo`; in the browser preview the same channels answer over
 * `POST /api/<channel>`. Either way a call resolves to a Result envelope and never throws: a transport
 * failure becomes an `unavailable` error.
 */
function httpInvoke(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
  return fetch(`/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...tokenHeaders() },
    body: JSON.stringify(input ?? {}),
  })
    .then((response) => response.json() as Promise<Result<unknown>>)
    .catch((error: unknown) => unavailable(error));
}

function unavailable(error: unknown): Result<never> {
  return { ok: false, error: { code: 'unavailable', message: error instanceof Error ? error.message : String(error) } };
}

/** Wraps every method so a rejected IPC promise also becomes an envelope. */
function guard(api: Api): Api {
  const guarded: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const [domain, methods] of Object.entries(api as unknown as Record<string, Record<string, unknown>>)) {
    guarded[domain] = {};
    for (const [verb, fn] of Object.entries(methods)) {
      guarded[domain][verb] = (input: unknown) =>
        Promise.resolve()
          .then(() => (fn as (input: unknown) => Promise<Result<unknown>>)(input))
          .catch((error: unknown) => unavailable(error));
    }
  }
  return Object.freeze(guarded) as unknown as Api;
}

export const api: Api = guard(window.aeo ?? buildApi<Api>(httpInvoke));

export type ApiError = AppErrorShape;
