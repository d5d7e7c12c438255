import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ResolutionChoice } from '../../contract/team';
import { sha256Hex } from '../../core/canonical-json';
import { canonical, type Conflict, type Json, type Resolution } from '../../core/merge';
import { newId, nowUtc } from '../../core/ids';
import { appendAudit, type AuditChange, type UserActor } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import { mergeResolutions } from '../../db/schema';
import { liveRows } from '../case-rows';

/*
 * The lead's decisions on a merge's conflicts, kept on her laptop between sittings until she seals the merged
 * report (which carries them). One live decision per conflict; deciding again or reopening tombstones the earlier
 * one, and every change is in the audit chain with the reason. A decision is bound to the conflict as it stood (its
 * hash): if a newer field report changes the conflict, the decision no longer applies and the conflict is open
 * again, so nothing is decided on values the lead never saw.
 */

export type KeptResolution = {
  id: string;
  conflictId: string;
  conflictSha: string;
  choice: ResolutionChoice;
  side: string | null;
  valueJson: string | null;
  reason: string;
  byName: string;
  at: string;
};

/** What a decision is bound to: the conflict's kind, place, base and every side's value. */
export const conflictSha = (c: Conflict): string => sha256Hex(canonical(c as unknown as Json));

export function keptResolutions(store: Store, caseId: string): KeptResolution[] {
  return liveRows(store, mergeResolutions, eq(mergeResolutions.caseId, caseId), [asc(mergeResolutions.conflictId)]).map((r) => ({
    id: r.id,
    conflictId: r.conflictId,
    conflictSha: r.conflictSha,
    choice: r.choice,
    side: r.side,
    valueJson: r.valueJson,
    reason: r.reason,
    byName: r.resolvedByName,
    at: r.resolvedAt,
  }));
}

/** A kept decision as the pure merge applies it. */
export function asResolution(k: KeptResolution): Resolution {
  return {
    conflictId: k.conflictId,
    choice: k.choice === 'side' ? { side: k.side as string } : { value: JSON.parse(k.valueJson ?? 'null') as Json },
    kind: k.choice,
    reason: k.reason,
    resolvedBy: k.byName,
    resolvedAt: k.at,
  };
}

/**
 * Splits the kept decisions against the conflicts of the merge as it stands: those that still apply, and the ids of
 * conflicts whose decision was made on other values (stale). A decision on a conflict that is gone is left alone.
 */
export function applicable(kept: readonly KeptResolution[], conflicts: readonly Conflict[]): { usable: KeptResolution[]; stale: string[] } {
  const byId = new Map(conflicts.map((c) => [c.id, c]));
  const usable: KeptResolution[] = [];
  const stale: string[] = [];
  for (const k of kept) {
    const conflict = byId.get(k.conflictId);
    if (!conflict) continue;
    if (conflictSha(conflict) === k.conflictSha) usable.push(k);
    else stale.push(k.conflictId);
  }
  return { usable, stale };
}

function withdraw(store: Store, caseId: string, conflictId: string, at: string): AuditChange[] {
  const live = store.db
    .select()
    .from(mergeResolutions)
    .where(and(eq(mergeResolutions.caseId, caseId), eq(mergeResolutions.conflictId, conflictId), isNull(mergeResolutions.removedAt)))
    .all();
  for (const row of live) store.db.update(mergeResolutions).set({ removedAt: at }).where(eq(mergeResolutions.id, row.id)).run();
  return live.map((row) => ({ entity: 'merge_resolution', entityId: row.id, action: 'update', field: 'removedAt', before: null, after: at }));
}

export type Decision = { choice: ResolutionChoice; side: string | null; valueJson: string | null; reason: string };

/** Keeps the lead's decision on one conflict in place of any earlier one; audited. */
export function keepResolution(store: Store, actor: UserActor, caseId: string, conflict: Conflict, decision: Decision): void {
  store.db.transaction(() => {
    const at = nowUtc();
    const audit = withdraw(store, caseId, conflict.id, at);
    const row = {
      id: newId(),
      caseId,
      conflictId: conflict.id,
      conflictSha: conflictSha(conflict),
      choice: decision.choice,
      side: decision.choice === 'side' ? decision.side : null,
      valueJson: decision.choice === 'side' ? null : decision.valueJson,
      reason: decision.reason,
      resolvedBy: actor.id,
      resolvedByName: actor.name,
      resolvedAt: at,
    };
    store.db.insert(mergeResolutions).values(row).run();
    audit.push({
      entity: 'merge_resolution',
      entityId: row.id,
      action: 'create',
      field: conflict.id,
      after: { caseId, conflictId: conflict.id, choice: row.choice, side: row.side, valueJson: row.valueJson, reason: row.reason },
    });
    appendAudit(store.sqlite, actor, audit);
  });
}

/** Withdraws the decision on one conflict; false when there was none. Audited. */
export function reopenResolution(store: Store, actor: UserActor, caseId: string, conflictId: string): boolean {
  return store.db.transaction(() => {
    const audit = withdraw(store, caseId, conflictId, nowUtc());
    if (audit.length > 0) appendAudit(store.sqlite, actor, audit);
    return audit.length > 0;
  });
}
