import os from 'node:os';
import { reanchorAuditChain } from '../db/audit-reanchor';
import { verifyAuditChain, type ChainVerification } from '../db/audit-chain';
import type { Store } from '../db/open';
import type { Command } from './kit';

const usage = `Usage: aeo audit <verify|reanchor> [--data DIR] [--reason TEXT]

  verify     walk the audit chain and say whether it holds
  reanchor   acknowledge every broken row with an appended, audited re-anchor row (no row is edited or removed);
             --reason is required and recorded in the log`;

/** One line per fact, for the terminal. */
export function describeChain(chain: ChainVerification): string[] {
  const lines = [
    `audit chain: ${chain.ok ? 'intact' : `BROKEN at row ${chain.firstBroken?.seq}`} (${chain.rows} rows, head ${chain.headHash.slice(0, 16)}…)`,
  ];
  for (const row of chain.reanchored) lines.push(`  row ${row.seq} re-anchored by row ${row.reanchorSeq}: ${row.reason}`);
  return lines;
}

/**
 * `aeo audit`: the administrator's tools for the audit log. Given the data-store opener rather than importing it,
 * so this module does not import the command table that imports it.
 */
export function auditCommand(openDataStore: (values: Record<string, unknown>) => Store): Command {
  return {
    usage,
    options: { data: { type: 'string' }, reason: { type: 'string' } },
    async run(values, positionals) {
      const [action] = positionals;
      if (action !== 'verify' && action !== 'reanchor') {
        console.error(usage);
        return 2;
      }
      const store = openDataStore(values);
      try {
        if (action === 'verify') {
          const chain = verifyAuditChain(store.sqlite);
          for (const line of describeChain(chain)) console.log(line);
          return chain.ok ? 0 : 1;
        }
        const reason = typeof values.reason === 'string' ? values.reason : '';
        if (reason.trim().length === 0) {
          console.error('aeo audit reanchor: --reason TEXT is required; it is recorded in the audit log');
          return 2;
        }
        const actor = { id: null, name: `administrator ${os.userInfo().username} (aeo audit reanchor)` };
        const outcome = reanchorAuditChain(store.sqlite, actor, reason);
        if (outcome.acknowledged.length === 0) console.log('nothing to re-anchor: no broken row');
        for (const row of outcome.acknowledged) {
          console.log(`re-anchored row ${row.seq} (${row.id}): stored ${row.storedHash}, recomputed ${row.recomputedHash}`);
        }
        for (const line of describeChain(outcome.verification)) console.log(line);
        return outcome.verification.ok ? 0 : 1;
      } finally {
        store.close();
      }
    },
  };
}
