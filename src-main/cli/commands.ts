import { bundlesCommand, exportCommand, importCommand, sealCommand } from './bundle-commands';
import { auditCommand } from './audit-command';
import { demoCommand } from './demo-command';
import { hqCommand } from './hq-command';
import { keysCommand } from './keys-command';
import { letterCommand } from './letter-command';
import { openDataStore, type Command } from './kit';
import { inspectCommand, pdfCommand, verifyCommand } from './receive-commands';
import { reportCommand } from './report-command';
import { statusCommand } from './status-command';
import { syncCommand } from './sync-command';
import { assignCommand, handoutCommand, mergeCommand } from './team-commands';
import { trustCommand } from './trust-command';

export type { Command, CommandOptions } from './kit';

/*
 * The registry of `aeo` subcommands, and nothing else: each subcommand lives in its own module and imports the
 * shared kit (kit.ts), never this file, so there is no cycle and any module can be loaded first.
 */

export const commands: Record<string, Command> = {
  demo: demoCommand,
  report: reportCommand,
  letter: letterCommand,
  keys: keysCommand,
  trust: trustCommand,
  seal: sealCommand,
  export: exportCommand,
  import: importCommand,
  bundles: bundlesCommand,
  verify: verifyCommand,
  inspect: inspectCommand,
  pdf: pdfCommand,
  audit: auditCommand(openDataStore),
  status: statusCommand,
  sync: syncCommand,
  hq: hqCommand,
  assign: assignCommand,
  handout: handoutCommand,
  merge: mergeCommand,
};
