import { asc, eq } from 'drizzle-orm';
import type { Finding } from '../contract/risks';
import { AppError } from '../contract/result';
import { appendAudit, type AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { cases, findings } from '../db/schema';
import type { HandlerMap } from '../kernel/context';
import { edit, editCase, findLiveRow, insertListRow, liveRow, liveRows, refuseStale, requireCase, rowList, tombstoneRow, updateListRow } from './case-rows';
import { answerLinks, checkLinkTargets, findingLinkOwner, liveEvidenceIds, liveLinks, replaceLinks } from './links';
import { riskRows } from './risks';

/*
 * Findings and the improvement actions they require (owner at the operator, deadline, status). They feed the
 * improvement-actions letter of the authorization stage and the report's findings section.
 */

export type FindingRow = typeof findings.$inferSelect;

const findingRows = rowList(findings, { entity: 'finding', owner: 'caseId', missing: 'No finding with this id (it may have been removed).' });

export function liveFindingRows(store: Store, caseId: string): FindingRow[] {
  return liveRows(store, findings, eq(findings.caseId, caseId), [asc(findings.createdAt), asc(findings.id)]);
}

/** Live risk ids only: a risk removed later drops out of the finding's links. */
function liveRiskIds(store: Store, ids: readonly string[]): string[] {
  return ids.filter((id) => findLiveRow(store, riskRows, id) !== undefined);
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

  'findings:get': (ctx, input) => toFinding(ctx.store, liveRow(ctx.store, findingRows, input.id)),

  'findings:create': (ctx, input) =>
    editCase(ctx, input.caseId, (actor) => {
      checkDeadline(ctx.store, input.caseId, input.deadline, 'deadline');
      const links = input.links;
      checkLinkTargets(ctx.store, input.caseId, {
        answer: links?.answerIds,
        evidence: links?.evidenceIds,
        risk: links?.riskIds,
      });
      const { row, change } = insertListRow(ctx.store, findingRows, input.caseId, {
        description: input.description,
        requiredAction: input.requiredAction,
        owner: input.owner,
        deadline: input.deadline,
        status: input.status,
        createdBy: actor.id,
      });
      const changes: AuditChange[] = [change];
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
    }),

  'findings:update': (ctx, input) =>
    edit(ctx, (actor) => {
      const before = liveRow(ctx.store, findingRows, input.id);
      refuseStale('This finding', before, input.expectedUpdatedAt);
      const { links, ...fields } = input.patch;
      checkDeadline(ctx.store, before.caseId, fields.deadline, 'patch.deadline');
      const sets = links ? { answer: links.answerIds, evidence: links.evidenceIds, risk: links.riskIds } : null;
      if (sets) checkLinkTargets(ctx.store, before.caseId, sets, 'patch.links');
      const linked = sets ? replaceLinks(ctx.store, findingLinkOwner, before.id, sets) : [];
      updateListRow(ctx.store, actor, findingRows, before, fields, linked);
      return toFinding(ctx.store, liveRow(ctx.store, findingRows, before.id));
    }),

  'findings:remove': (ctx, input) =>
    edit(ctx, (actor) => {
      const row = liveRow(ctx.store, findingRows, input.id);
      tombstoneRow(ctx.store, actor, findingRows, row);
      return { id: row.id };
    }),
};
