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
      console.log(`audit chain: ${chain.ok ? 'intact' : `BROKEN at row ${chain.firstBroken?.seq}`} (${chain.rows} rows, head ${chain.headHash.slice(0, 16)}…)`);
      return chain.ok ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
