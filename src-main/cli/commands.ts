import os from 'node:os';
import path from 'node:path';
import { migrationsDir } from '../core/app-paths';
import { openStore, resolveDataDir, type Store } from '../db/open';
import { auditCommand, describeChain } from './audit-command';
import { demoCommand } from './demo-command';
import { reportCommand } from './report-command';
import {
  bundlesCommand,
  exportCommand,
  importCommand,
  inspectCommand,
  keysCommand,
  pdfCommand,
  sealCommand,
  trustCommand,
  verifyCommand,
} from './bundle-commands';

export type CommandOptions = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string }>;
export type Command = {
  summary: string;
  /** Shown by `aeo <command> --help`. */
  usage?: string;
  options: CommandOptions;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
};

/** `--data DIR`, else AEO_DATA_DIR, else the app's default data folder. */
export function openDataStore(values: Record<string, unknown>): Store {
  const explicit = typeof values.data === 'string' ? path.resolve(values.data) : undefined;
  const dataDir = explicit ?? resolveDataDir(path.join(os.homedir(), '.config', 'aeo-field-validator'));
  return openStore({ dataDir, migrationsDir: migrationsDir() });
}

export const commands: Record<string, Command> = {
  demo: demoCommand,
  report: reportCommand,
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
  status: {
    summary: 'show the data folder, schema version and audit chain state',
    options: { data: { type: 'string' } },
    async run(values) {
      const store = openDataStore(values);
      try {
        const { verifyAuditChain } = await import('../db/audit-chain');
        const chain = verifyAuditChain(store.sqlite);
        const cases = store.sqlite.prepare('SELECT count(*) FROM cases').pluck().get();
        console.log(`data:        ${store.path}`);
        console.log(`schema:      ${String(store.sqlite.pragma('user_version', { simple: true }))}`);
        console.log(`cases:       ${String(cases)}`);
        for (const line of describeChain(chain)) console.log(line);
        return chain.ok ? 0 : 1;
      } finally {
        store.close();
      }
    },
  },
};
