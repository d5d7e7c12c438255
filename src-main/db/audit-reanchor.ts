import type Database from 'better-sqlite3';
import {
  appendAudit,
  REANCHOR_ENTITY,
  REANCHOR_FIELD,
  verifyAuditChain,
  walkAuditChain,
  type Actor,
  type BreakFacts,
  type ChainVerification,
} from './audit-chain';

export type ReanchorOutcome = {
  /** The rows acknowledged by this call, each with the hash it stores and the hash its content gives now. */
  acknowledged: (BreakFacts & { id: string; reason: string })[];
  /** The chain after the call. */
  verification: ChainVerification;
};

/**
 * Re-anchors a chain that broke (for instance, a row written before ill-formed strings were refused, whose stored
 * text no longer matches its hash). The audit log is append-only, so no row is edited or removed: for every broken
 * row one "re-anchor" row is appended that records the row's id, the hash it stores and the hash recomputed from
 * what it holds now, with the administrator's reason. Verification then accepts exactly those rows as they are now
 * and continues from their stored hash; any later change to an acknowledged row breaks the chain again.
 */
export function reanchorAuditChain(sqlite: Database.Database, actor: Actor, reason: string): ReanchorOutcome {
  const why = reason.trim();
  if (why.length === 0) throw new Error('a re-anchor needs a reason, recorded in the audit log');
  const acknowledged = sqlite.transaction(() => {
    const walk = walkAuditChain(sqlite, { stopAtFirst: false });
    appendAudit(
      sqlite,
      actor,
      walk.unacknowledged.map(({ id, reason: breakReason, ...facts }) => ({
        entity: REANCHOR_ENTITY,
        entityId: id,
        action: 'update' as const,
        field: REANCHOR_FIELD,
        before: facts,
        after: { reason: why, broken: breakReason },
      })),
    );
    return walk.unacknowledged;
  })();
  return { acknowledged, verification: verifyAuditChain(sqlite) };
}
