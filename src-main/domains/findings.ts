import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Finding } from '../contract/risks';
import { AppError } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, fieldChanges, type AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { cases, findings, risks } from '../db/schema';
import { requireActor, type HandlerMap } from '../kernel/context';
import { answerLinks, checkLinkTargets, findingLinkOwner, liveEvidenceIds, liveLinks, replaceLinks } from './links';
import { requireCase } from './plan';

/*
 * Findings and the improvement actions they require (owner at the operator, deadline, status). They feed the
 * improvement-actions letter of the authorization stage and the report's findings section.
 */

export type FindingRow = typeof findings.$inferSelect;

export function liveFindingRows(store: Store, caseId: string): FindingRow[] {
  return store.db
    .select()
    .from(findings)
    .where(and(eq(findings.caseId, caseId), isNull(findings.removedAt)))
    .orderBy(asc(findings.createdAt), asc(findings.id))
    .all();
}

function liveFindingRow(store: Store, id: string): FindingRow {
  const row = store.db
    .select()
    .from(findings)
    .where(and(eq(findings.id, id), isNull(findings.removedAt)))
    .get();
  if (!row) throw new AppError('not_found', 'No finding with this id (it may have been removed).');
  return row;
}

/** Live risk ids only: a risk removed later drops out of the finding's links. */
function liveRiskIds(store: Store, ids: readonly string[]): string[] {
  return ids.filter(
    (id) => store.db.select({ id: risks.id }).from(risks).where(and(eq(risks.id, id), isNull(risks.removedAt))).get() !== undefined,
  );
}

export function toFinding(store: Store, row: FindingRow): Finding {
  const links = liveLinks(store, findingLinkOwner, row.id);
  return {
    id: row.id,
    caseId: row.caseId,
    description: row.description,
    requiredAction: row.requiredAction,
    owner: row.owner,
    deadline: row.deadline,
    status: row.status,
    answerLinks: answerLinks(store, links.answer),
    evidenceIds: liveEvidenceIds(store, links.evidence),
    riskIds: liveRiskIds(store, links.risk),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A deadline before the case was opened is a slip of the pen; refuse it before anything is written. */
function checkDeadline(store: Store, caseId: string, deadline: string | null | undefined, path: string): void {
  if (!deadline) return;
  const opened = store.db.select({ openedOn: cases.openedOn }).from(cases).where(eq(cases.id, caseId)).get()?.openedOn;
  if (opened && deadline < opened) {
    throw new AppError('invalid_input', `Invalid input at: ${path}`, [
      { path, message: `the deadline is before the case was opened (${opened})`, code: 'deadline_before_opened' },
    ]);
  }
}

export const findingsHandlers: HandlerMap<'findings'> = {
  'findings:list': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    return liveFindingRows(ctx.store, input.caseId).map((row) => toFinding(ctx.store, row));
  },

  'findings:get': (ctx, input) => toFinding(ctx.store, liveFindingRow(ctx.store, input.id)),

  'findings:create': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      checkDeadline(ctx.store, input.caseId, input.deadline, 'deadline');
      const links = input.links;
      checkLinkTargets(ctx.store, input.caseId, {
        answer: links?.answerIds,
        evidence: links?.evidenceIds,
        risk: links?.riskIds,
      });
      const now = nowUtc();
      const row: FindingRow = {
        id: newId(),
        caseId: input.caseId,
        description: input.description,
        requiredAction: input.requiredAction,
        owner: input.owner,
        deadline: input.deadline,
        status: input.status,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
        removedAt: null,
      };
      ctx.store.db.insert(findings).values(row).run();
      const { removedAt: _removed, ...audited } = row;
      const changes: AuditChange[] = [{ entity: 'finding', entityId: row.id, action: 'create', after: audited }];
      if (links) {
        changes.push(
          ...replaceLinks(ctx.store, findingLinkOwner, row.id, {
            answer: links.answerIds,
            evidence: links.evidenceIds,
            risk: links.riskIds,
          }),
        );
      }
      appendAudit(ctx.store.sqlite, actor, changes);
      return toFinding(ctx.store, row);
    });
  },

  'findings:update': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const before = liveFindingRow(ctx.store, input.id);
      if (input.expectedUpdatedAt && input.expectedUpdatedAt !== before.updatedAt) {
        throw new AppError('conflict', 'This finding was changed since you opened it. Reload and apply your edit again.');
      }
      const { links, ...fields } = input.patch;
      checkDeadline(ctx.store, before.caseId, fields.deadline, 'patch.deadline');
      const sets = links ? { answer: links.answerIds, evidence: links.evidenceIds, risk: links.riskIds } : null;
      if (sets) checkLinkTargets(ctx.store, before.caseId, sets, 'patch.links');
      const changes = fieldChanges('finding', before.id, before, fields);
      if (sets) changes.push(...replaceLinks(ctx.store, findingLinkOwner, before.id, sets));
      if (changes.length === 0) return toFinding(ctx.store, before);
      ctx.store.db
        .update(findings)
        .set({ ...fields, updatedAt: nowUtc() })
        .where(eq(findings.id, before.id))
        .run();
      appendAudit(ctx.store.sqlite, actor, changes);
      return toFinding(ctx.store, liveFindingRow(ctx.store, before.id));
    });
  },

  'findings:remove': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const row = liveFindingRow(ctx.store, input.id);
      const now = nowUtc();
      ctx.store.db.update(findings).set({ removedAt: now, updatedAt: now }).where(eq(findings.id, row.id)).run();
      appendAudit(ctx.store.sqlite, actor, [
        { entity: 'finding', entityId: row.id, action: 'delete', field: 'removedAt', before: null, after: now },
      ]);
      return { id: row.id };
    });
  },
};
