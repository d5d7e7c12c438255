import type { Command } from './kit';

export type { Command, CommandOptions } from './kit';

/*
 * The registry of `aeo` subcommands, and nothing else: each subcommand lives in its own module and imports the
 * shared kit (kit.ts), never this file, so there is no cycle and any module can be loaded first. Entries load
 * their module only when that command runs: `aeo --help` or `aeo verify` must not pay for SQLite, the PDF stack,
 * sharp or every handler (issue 14: start-up). A plain Command is accepted too; it is loaded with this file.
 */

export type LazyCommand = { summary: string; load(): Promise<Command> };
export type CommandEntry = LazyCommand | (Command & { summary: string });

/** The entry's command, loading its module on first use. */
export async function loadCommand(entry: CommandEntry): Promise<Command> {
  return 'load' in entry ? entry.load() : entry;
}

export const commands: Record<string, CommandEntry> = {
  demo: { summary: 'create a realistic demo validation case in a data folder', load: async () => (await import('./demo-command')).demoCommand },
  report: { summary: 'print the validation report and control plan of a case as PDFs', load: async () => (await import('./report-command')).reportCommand },
  letter: { summary: "print the improvement-actions letter of a case's authorization decision", load: async () => (await import('./letter-command')).letterCommand },
  keys: { summary: 'make, show or export your signing key and age identity', load: async () => (await import('./keys-command')).keysCommand },
  trust: { summary: 'make, sign, import or show trust lists', load: async () => (await import('./trust-command')).trustCommand },
  seal: { summary: 'seal a case into a signed, encrypted bundle (.aeob)', load: async () => (await import('./bundle-commands')).sealCommand },
  export: { summary: 'copy a sealed bundle to a file (temp name, fsync, rename)', load: async () => (await import('./bundle-commands')).exportCommand },
  import: { summary: 'verify a bundle and, if everything holds, store it', load: async () => (await import('./bundle-commands')).importCommand },
  bundles: { summary: 'list the bundles sealed or imported on this device', load: async () => (await import('./bundle-commands')).bundlesCommand },
  verify: { summary: 'verify a bundle against a trust list (exit 0 if it holds)', load: async () => (await import('./receive-commands')).verifyCommand },
  inspect: { summary: "print a bundle's signed statement as JSON", load: async () => (await import('./receive-commands')).inspectCommand },
  pdf: { summary: "verify a bundle and write its sealed report's PDFs", load: async () => (await import('./receive-commands')).pdfCommand },
  audit: {
    summary: 'verify the audit chain, or re-anchor one that broke (append-only)',
    load: async () => {
      const [{ auditCommand }, { openDataStore }] = await Promise.all([import('./audit-command'), import('./device')]);
      return auditCommand(openDataStore);
    },
  },
  status: { summary: 'show the data folder, schema version and audit chain state', load: async () => (await import('./status-command')).statusCommand },
  sync: { summary: 'send sealed bundles to HQ and fetch what HQ holds for you (one round)', load: async () => (await import('./sync-command')).syncCommand },
  hq: { summary: 'HQ server administration (init, pending, approve, revoke) and enrollment', load: async () => (await import('./hq-command')).hqCommand },
  assign: { summary: 'assign part of a case to a validator (by his key)', load: async () => (await import('./team-commands')).assignCommand },
  handout: { summary: 'seal a case for the validators it is assigned to', load: async () => (await import('./team-commands')).handoutCommand },
  merge: { summary: 'merge the field reports of a case and seal the merged report', load: async () => (await import('./team-commands')).mergeCommand },
};
