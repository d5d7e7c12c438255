import { describeChain } from './audit-command';
import { openDataStore, type Command } from './kit';

/** `aeo status`: the data folder, schema version, case count and whether the audit chain holds. */
export const statusCommand: Command = {
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
};
