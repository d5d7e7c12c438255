import type { z } from 'zod';
import { contract, type Channel, type Contract, type OutputOf } from '../contract';
import { AppError, invalidInput, type Result } from '../contract/result';
import type { ProgressEvent } from '../contract/progress';
import type { FileTokenResolver } from '../core/file-tokens';
import type { SecretWrapper } from '../core/keys';
import type { Actor } from '../db/audit-chain';
import type { Store } from '../db/open';

export type HandlerContext = {
  readonly store: Store;
  /** The user working on this device now; handlers that change data require one. */
  currentActor(): Actor | null;
  /** Where logs of unexpected errors go; never shown raw to the user. */
  logError(channel: string, error: unknown): void;
  /** Reports progress of long work to the UI; a no-op when the caller gave no task id. */
  progress(event: ProgressEvent): void;
  /** Wraps private keys at rest: safeStorage in the app, a passphrase in the CLI, preview and tests. */
  readonly secrets: SecretWrapper;
  /** What only the desktop shell can do (system dialogs); absent in the preview server, CLI and tests. */
  readonly host?: HostCapabilities;
  /** Redeems tokens for files the user dropped or picked (Electron) or named on the command line (CLI). */
  readonly fileTokens?: FileTokenResolver;
};

export type HostCapabilities = {
  /** Shows a save dialog and copies `sourcePath` to the chosen file; null when the user cancelled. */
  saveFileAs(sourcePath: string, suggestedName: string): Promise<string | null>;
  /** Opens a file in the system's default application. */
  openFile(filePath: string): Promise<boolean>;
  /** Shows a save dialog and only answers the chosen path (the caller writes the file); null when cancelled. */
  chooseSavePath?(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
};

export function requireHost(ctx: HandlerContext): HostCapabilities {
  if (!ctx.host) throw new AppError('unavailable', 'Only the desktop app can show this dialog; download the file instead.');
  return ctx.host;
}

type Implementation<C extends Channel> = (
  ctx: HandlerContext,
  input: z.output<Contract[C]['input']>,
) => OutputOf<C> | Promise<OutputOf<C>>;

/** A domain's handler map: exactly its `domain:*` channels, each typed from the contract. */
export type HandlerMap<D extends string> = {
  [C in Channel as C extends `${D}:${string}` ? C : never]: Implementation<C>;
};

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

export function requireActor(ctx: HandlerContext): Actor {
  const actor = ctx.currentActor();
  if (!actor) throw new AppError('forbidden', 'Choose who is working on this device before making changes.');
  return actor;
}
