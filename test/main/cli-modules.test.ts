import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// A subcommand module first, then the registry: with a cycle, the registry's entries were undefined.
import { reportCommand } from '../../src-main/cli/report-command';
import { commands, loadCommand } from '../../src-main/cli/commands';

/*
 * The `aeo` modules load in any order: subcommands import the shared kit, never the registry. The lint rule
 * import-x/no-cycle guards src-main as a whole; this checks the symptom the cycle caused.
 */

describe('aeo command modules', () => {
  it('the registry holds every subcommand when a subcommand module is loaded first', async () => {
    expect(await loadCommand(commands.report!)).toBe(reportCommand);
    for (const [name, entry] of Object.entries(commands)) {
      expect(entry.summary, name).toMatch(/\S/);
      expect((await loadCommand(entry)).run, name).toBeTypeOf('function');
    }
  });

  it('plain Node can load each subcommand module first', () => {
    for (const module of ['report-command', 'receive-commands']) {
      const script = `const m = await import('./src-main/cli/${module}.ts'); const r = await import('./src-main/cli/commands.ts'); if (!r.commands.report || !r.commands.verify) process.exit(3); console.log(Object.keys(m).length);`;
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(Number(out.trim()), module).toBeGreaterThan(0);
    }
  }, 60_000);
});
