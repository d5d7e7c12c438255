import { contract, type Channel, type Contract } from '../contract';
import { AppError, invalidInput, type Result } from '../contract/result';
import type { HandlerContext } from '../kernel/context';

// The kernel's names, re-exported while callers outside the domains move to importing src-main/kernel/context.
export { requireActor, requireHost, type HandlerContext, type HandlerMap, type HostCapabilities } from '../kernel/context';

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

/**
 * Registers every domain's handlers against the contract, refusing duplicates and gaps, and returns the one
 * dispatcher that both transports call. It validates input (so bad input changes nothing), runs the handler,
 * validates output, and always answers with an envelope.
 */
export function createDispatcher(ctx: HandlerContext, maps: readonly Partial<Record<string, unknown>>[]): Dispatch {
  const handlers = new Map<string, (ctx: HandlerContext, input: unknown) => unknown>();
  for (const map of maps) {
    for (const [channel, fn] of Object.entries(map)) {
      if (handlers.has(channel)) throw new Error(`two handlers registered for ${channel}`);
      if (!(channel in contract)) throw new Error(`handler for ${channel}, which the contract does not declare`);
      handlers.set(channel, fn as (ctx: HandlerContext, input: unknown) => unknown);
    }
  }
  const missing = Object.keys(contract).filter((channel) => !handlers.has(channel));
  if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);

  return async (channel, rawInput) => {
    const spec = (contract as Record<string, Contract[Channel]>)[channel];
    const handler = handlers.get(channel);
    if (!spec || !handler) {
      return { ok: false, error: { code: 'not_found', message: `Unknown channel ${JSON.stringify(channel)}` } };
    }
    try {
      // Inside the try: a schema's refinement that throws on a shape it did not expect is still our fault, and
      // must answer an envelope like any other, never escape to the transport.
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) return failure(invalidInput(parsed.error));
      const value = await handler(ctx, parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        ctx.logError(channel, checked.error);
        return failure(new AppError('internal', 'The app produced an unexpected answer; see the log.'));
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppError) return failure(error);
      const constraint = sqliteConstraint(error);
      if (constraint) return failure(constraint);
      ctx.logError(channel, error);
      return failure(new AppError('internal', 'Something went wrong; the change was not saved. See the log.'));
    } finally {
      ctx.store.noteActivity();
    }
  };
}

function failure(error: AppError): Result<never> {
  return {
    ok: false,
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  };
}

/** Unique-index violations are the user's conflict, not an internal fault. */
function sqliteConstraint(error: unknown): AppError | null {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
    const column = /UNIQUE constraint failed: \w+\.(\w+)/.exec(String((error as Error).message))?.[1] ?? 'value';
    return new AppError('conflict', `Another record already uses this ${column.replace(/_/g, ' ')}.`, [
      { path: camel(column), message: 'already in use', code: 'already_in_use' },
    ]);
  }
  return null;
}

const camel = (snake: string) => snake.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
