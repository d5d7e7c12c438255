import { describeChain } from './audit-command';
import { type Command } from './kit';
import { openDataStore } from './device';

/** `aeo status`: the data folder, schema version, case count and whether the audit chain holds. */
export const statusCommand: Command = {
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
