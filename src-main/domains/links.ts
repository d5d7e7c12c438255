import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { AnswerLink } from '../contract/risks';
import { AppError, type InputIssue } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import type { AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { answers, checklistRuns, criterionLinks, evidence, findingLinks, findings, interviews, riskLinks, risks } from '../db/schema';

/*
 * Links from a risk, a finding or a criterion conclusion to what it rests on (checklist answers, evidence; for
 * findings, risks; for conclusions also findings and interviews). The link tables have the same shape; a set of
 * links is replaced as a whole and the difference is written as new rows and tombstones, each audited.
 */

export type LinkTarget = 'answer' | 'evidence' | 'risk' | 'finding' | 'interview';
export type LinkSets = Partial<Record<LinkTarget, readonly string[]>>;

type LinkTable = typeof riskLinks | typeof findingLinks | typeof criterionLinks;
type Owner = {
  table: LinkTable;
  ownerColumn: 'riskId' | 'findingId' | 'conclusionId';
  entity: 'risk_link' | 'finding_link' | 'criterion_link';
};

export const riskLinkOwner: Owner = { table: riskLinks, ownerColumn: 'riskId', entity: 'risk_link' };
export const findingLinkOwner: Owner = { table: findingLinks, ownerColumn: 'findingId', entity: 'finding_link' };
export const criterionLinkOwner: Owner = { table: criterionLinks, ownerColumn: 'conclusionId', entity: 'criterion_link' };

function ownerColumn(owner: Owner) {
  switch (owner.ownerColumn) {
    case 'riskId':
      return (owner.table as typeof riskLinks).riskId;
    case 'findingId':
      return (owner.table as typeof findingLinks).findingId;
    case 'conclusionId':
      return (owner.table as typeof criterionLinks).conclusionId;
  }
}

/** Live links of one owner, by target kind, in the order they were made. */
export function liveLinks(store: Store, owner: Owner, ownerId: string): Record<LinkTarget, string[]> {
  const rows = store.db
    .select({ target: owner.table.target, targetId: owner.table.targetId })
    .from(owner.table)
    .where(and(eq(ownerColumn(owner), ownerId), isNull(owner.table.removedAt)))
    .orderBy(owner.table.createdAt, owner.table.id)
    .all();
  const result: Record<LinkTarget, string[]> = { answer: [], evidence: [], risk: [], finding: [], interview: [] };
  for (const row of rows) result[row.target].push(row.targetId);
  return result;
}

/**
 * Where each kind of link points: the field naming its ids in the input, how a refusal names one, and the list it
 * must be a live row of (an answer has none: it is the case's through its run, and answers are never removed).
 */
const targetKinds = {
  answer: { field: 'answerIds', what: 'an answer', table: null },
  evidence: { field: 'evidenceIds', what: 'evidence', table: evidence },
  risk: { field: 'riskIds', what: 'a risk', table: risks },
  finding: { field: 'findingIds', what: 'a finding', table: findings },
  interview: { field: 'interviewIds', what: 'an interview', table: interviews },
} satisfies Record<LinkTarget, { field: string; what: string; table: typeof evidence | typeof risks | typeof findings | typeof interviews | null }>;

/** Of `ids`, those naming a record of this kind that is the case's. */
function idsOfCase(store: Store, target: LinkTarget, caseId: string, ids: string[]): Set<string> {
  const { table } = targetKinds[target];
  const found = table
    ? store.db
        .select({ id: table.id })
        .from(table)
        .where(and(inArray(table.id, ids), eq(table.caseId, caseId), isNull(table.removedAt)))
        .all()
    : store.db
        .select({ id: answers.id })
        .from(answers)
        .innerJoin(checklistRuns, eq(checklistRuns.id, answers.runId))
        .where(and(inArray(answers.id, ids), eq(checklistRuns.caseId, caseId)))
        .all();
  return new Set(found.map((r) => r.id));
}

/**
 * Checks that every linked record belongs to the case (answers through their run; evidence and risks live),
 * naming each bad id by its input path, e.g. `links.evidenceIds.2`.
 */
export function checkLinkTargets(store: Store, caseId: string, sets: LinkSets, pathPrefix = 'links'): void {
  const issues: InputIssue[] = [];
  for (const target of Object.keys(targetKinds) as LinkTarget[]) {
    const ids = sets[target];
    if (!ids?.length) continue;
    const { field, what } = targetKinds[target];
    const valid = idsOfCase(store, target, caseId, [...new Set(ids)]);
    ids.forEach((id, i) => {
      if (!valid.has(id)) issues.push({ path: pathPrefix ? `${pathPrefix}.${field}.${i}` : `${field}.${i}`, message: `not ${what} of this case` });
    });
  }
  if (issues.length > 0) {
    throw new AppError('invalid_input', `Invalid input at: ${issues.map((i) => i.path).join(', ')}`, issues);
  }
}

/** Makes the owner's live links equal `sets` (kinds not named are left alone); returns the audit rows. */
export function replaceLinks(store: Store, owner: Owner, ownerId: string, sets: LinkSets): AuditChange[] {
  const current = liveLinks(store, owner, ownerId);
  const changes: AuditChange[] = [];
  const now = nowUtc();
  for (const [target, wanted] of Object.entries(sets) as [LinkTarget, readonly string[] | undefined][]) {
    if (!wanted) continue;
    const want = new Set(wanted);
    const have = new Set(current[target]);
    for (const id of have) {
      if (want.has(id)) continue;
      const row = store.db
        .select({ id: owner.table.id })
        .from(owner.table)
        .where(
          and(
            eq(ownerColumn(owner), ownerId),
            eq(owner.table.target, target),
            eq(owner.table.targetId, id),
            isNull(owner.table.removedAt),
          ),
        )
        .get();
      if (!row) continue;
      store.db.update(owner.table).set({ removedAt: now }).where(eq(owner.table.id, row.id)).run();
      changes.push({ entity: owner.entity, entityId: row.id, action: 'delete', field: 'removedAt', before: null, after: now });
    }
    for (const id of want) {
      if (have.has(id)) continue;
      const row = { id: newId(), [owner.ownerColumn]: ownerId, target, targetId: id, createdAt: now, removedAt: null };
      store.db
        .insert(owner.table)
        .values(row as typeof riskLinks.$inferInsert & typeof findingLinks.$inferInsert & typeof criterionLinks.$inferInsert)
        .run();
      changes.push({ entity: owner.entity, entityId: row.id, action: 'create', after: row });
    }
  }
  return changes;
}

/** Answer ids → {answerId, runId, itemId}, keeping the given order. */
export function answerLinks(store: Store, answerIds: readonly string[]): AnswerLink[] {
  if (answerIds.length === 0) return [];
  const rows = store.db
    .select({ answerId: answers.id, runId: answers.runId, itemId: answers.itemId })
    .from(answers)
    .where(inArray(answers.id, [...answerIds]))
    .all();
  const byId = new Map(rows.map((r) => [r.answerId, r]));
  return answerIds.flatMap((id) => byId.get(id) ?? []);
}

/** Drops ids of evidence removed since it was linked. */
export function liveEvidenceIds(store: Store, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const live = new Set(
    store.db
      .select({ id: evidence.id })
      .from(evidence)
      .where(and(inArray(evidence.id, [...ids]), isNull(evidence.removedAt)))
      .all()
      .map((r) => r.id),
  );
  return ids.filter((id) => live.has(id));
}
