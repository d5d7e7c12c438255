import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { issuesFromZod, type ErrorCode, type InputIssue } from '../src-main/contract/result';

/*
 * HQ's JSON answers are the app's envelope. Routes parse every body, query and params with the contract's zod
 * schemas through `parse`, and refuse with HttpError; the error handler turns anything thrown into an envelope with
 * the right status (and never echoes a stack).
 */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: InputIssue[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthorized = (message = 'Sign in first: no valid token.') => new HttpError(401, 'forbidden', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new HttpError(404, 'not_found', message);

/** The value, or a 400 naming every problem. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpError(400, 'invalid_input', `Invalid ${where}.`, issuesFromZod(result.error));
}

export function ok<T>(reply: FastifyReply, value: T, status = 200): FastifyReply {
  return reply.code(status).type('application/json').send({ ok: true, value });
}

const STATUS_CODES: Record<number, ErrorCode> = { 400: 'invalid_input', 401: 'forbidden', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'invalid_input', 415: 'invalid_input', 429: 'unavailable' };

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      request.log.info({ status: error.status, code: error.code, outcome: 'refused' }, error.message);
      return reply.code(error.status).send({ ok: false, error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error, outcome: 'error' }, 'request failed');
    else request.log.info({ status, outcome: 'refused' }, error.message);
    const code = STATUS_CODES[status] ?? 'internal';
    const message = status === 500 ? 'HQ could not answer this request.' : error.message;
    const issues = status === 413 ? [{ path: '(body)', message, code: 'too_big' }] : undefined;
    return reply.code(status).send({ ok: false, error: { code, message, ...(issues ? { issues } : {}) } });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ ok: false, error: { code: 'not_found', message: 'Unknown HQ endpoint.' } }));
}
