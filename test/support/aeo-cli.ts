import { vi } from 'vitest';
import { commands, loadCommand } from '../../src-main/cli/commands';

/**
 * Runs an `aeo` subcommand in this process as bin/aeo.mjs would (option defaults applied, then the given values)
 * and answers its exit code with everything it printed to stdout and stderr, in order.
 */
export async function runAeo(name: string, positionals: string[], values: Record<string, string | boolean>) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args) => void lines.push(args.join(' ')));
  try {
    const entry = commands[name];
    if (!entry) throw new Error(`no command ${name}`);
    const command = await loadCommand(entry);
    const defaults = Object.fromEntries(
      Object.entries(command.options)
        .filter(([, option]) => option.default !== undefined)
        .map(([key, option]) => [key, option.default as string]),
    );
    const code = await command.run({ ...defaults, ...values }, positionals);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
