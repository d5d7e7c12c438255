import { AppError, type Result } from '../contract/result';
import { BundleError } from '../core/bundle/errors';
import type { Store } from '../db/open';
import { printable } from '../contract/printable';

/*
 * What every `aeo` subcommand shares: the command shape, the error that becomes an exit code, finding a case.
 * Subcommands import this module and never the registry (commands.ts), so loading any of them first works. It
 * stays light on purpose: opening the store and the app's dispatcher live in device.ts, so a command that needs
 * no data folder (`aeo verify`) never loads SQLite or the handlers.
 */

export type CommandValues = Record<string, string | boolean | undefined>;
export type CommandOptions = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string }>;
/** A command's options: `--name VALUE` strings, `--flag` booleans, and the strings' defaults. */
export function cliOptions({
  strings,
  flags = [],
  defaults = {},
}: {
  strings: readonly string[];
  flags?: readonly string[];
  defaults?: Record<string, string>;
}): CommandOptions {
  const options: CommandOptions = {};
  for (const name of strings) options[name] = defaults[name] === undefined ? { type: 'string' } : { type: 'string', default: defaults[name] };
  for (const name of flags) options[name] = { type: 'boolean' };
  return options;
}

export type Command = {
  /** The registry (commands.ts) holds each summary, so `aeo --help` lists commands without loading them. */
  summary?: string;
  /** Shown by `aeo <command> --help`. */
  usage?: string;
  options: CommandOptions;
  run(values: CommandValues, positionals: string[]): Promise<number>;
};

/** A refusal the user can act on: printed as is, exit code given. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export const need = (v: unknown, what: string, usage: string): string => {
  const s = str(v);
  if (!s) throw new CliError(`${what} is required.\n\n${usage}`, 2);
  return s;
};

/** The value of a dispatcher answer, or a CliError naming the channel and the issues. */
export function valueOf<T>(channel: string, result: Result<unknown>): T {
  if (result.ok) return result.value as T;
  const issues = result.error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new CliError(printable(`${channel}: ${result.error.message}${issues ? ` (${issues})` : ''}`));
}

export const rethrowApp = (error: unknown): never => {
  if (error instanceof AppError) throw new CliError(error.message);
  throw error;
};

/**
 * The case whose id or case number is exactly `ref`. Case numbers are unique (an index says so), so an exact match
 * is one case or none; the fuzzy search of `cases:list` could pick a case the user did not name.
 */
export function findCase(store: Store, ref: string): string {
  const row = store.sqlite.prepare('SELECT id FROM cases WHERE id = ? OR case_number = ? LIMIT 1').get(ref, ref) as { id: string } | undefined;
  if (!row) throw new CliError(`no validation case "${printable(ref)}" in ${store.dataDir}`);
  return row.id;
}

/** `2027-12-31` means the whole day; a full ISO timestamp is taken as is. */
export function isoDate(text: string, endOfDay: boolean): string {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : text;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CliError(`not a date: ${printable(text)}`, 2);
  return new Date(ms).toISOString();
}

/**
 * `--timing` prints one line `AEO_TIMING {...}` to stderr at the end: milliseconds from the command's start to
 * the end of its work, and the span of each progress phase (used by the benchmark).
 */
export class Timing {
  private readonly started = performance.now();
  private readonly phases = new Map<string, { first: number; last: number }>();
  constructor(private readonly enabled: boolean) {}
  mark(phase: string): void {
    const now = performance.now();
    const span = this.phases.get(phase);
    if (span) span.last = now;
    else this.phases.set(phase, { first: now, last: now });
  }
  report(extra: Record<string, number> = {}): void {
    if (!this.enabled) return;
    const phases = Object.fromEntries([...this.phases].map(([name, span]) => [name, Math.round(span.last - span.first)]));
    console.error(`AEO_TIMING ${JSON.stringify({ totalMs: Math.round(performance.now() - this.started), phases, ...extra })}`);
  }
}

/** Wraps a command's work: a CliError or a bundle rejection becomes a message and an exit code. */
export function run(work: (values: CommandValues, positionals: string[]) => Promise<number>) {
  return async (values: CommandValues, positionals: string[]) => {
    try {
      return await work(values, positionals);
    } catch (error) {
      if (error instanceof CliError) {
        console.error(error.message);
        return error.exitCode;
      }
      if (error instanceof BundleError) {
        console.error(`REJECTED ${error.code}: ${printable(error.reason)}`);
        return 1;
      }
      throw error;
    }
  };
}
