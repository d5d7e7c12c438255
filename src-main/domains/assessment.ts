import { and, eq } from 'drizzle-orm';
import type { Assessment, CriterionCitations, CriterionConclusion, WcoLetter } from '../contract/assessment';
import { wcoCriteria } from '../contract/checklist-template';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, type Actor, type AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { caseAssessments, criterionConclusions } from '../db/schema';
import type { HandlerMap } from '../kernel/context';
import { complianceTally } from './compliance';
import { checkLinkTargets, criterionLinkOwner, liveLinks, replaceLinks, type LinkSets } from './links';
import { editCase, oneRow, requireCase, upsertRow } from './case-rows';

/*
 * The validators' overall judgement on a case (step 8): a conclusion per WCO criterion, matters of significance,
 * method, the recommendation and its reasoning. The control plan's authorization date and partial re-evaluation
 * areas live in the same row (see control-plan.ts).
 */

export type AssessmentRow = typeof caseAssessments.$inferSelect;

const assessmentOne = oneRow(caseAssessments, 'assessment');
const conclusionOne = oneRow(criterionConclusions, 'criterion_conclusion');

export function assessmentRow(store: Store, caseId: string): AssessmentRow | undefined {
  return store.db.select().from(caseAssessments).where(eq(caseAssessments.caseId, caseId)).get();
}

/**
 * Changes fields of the case's assessment row, creating it on first use; returns the audit rows. Shared with the
 * control plan's meta (authorization date, partial re-evaluation areas).
 */
export function patchAssessment(store: Store, caseId: string, patch: Partial<AssessmentRow>): AuditChange[] {
  // An empty patch changes nothing, and makes no row either.
  if (Object.keys(patch).length === 0) return [];
  const fresh = (now: string): AssessmentRow => ({
    id: newId(),
    caseId,
    recommendation: null,
    reasoning: '',
    mattersOfSignificance: '',
    method: '',
    teamLead: '',
    authorizationDate: null,
    partialReevaluationAreas: [],
    ...patch,
    updatedAt: now,
  });
  return upsertRow(store, assessmentOne, eq(caseAssessments.caseId, caseId), patch, fresh).changes;
}

export function getAssessment(store: Store, caseId: string): Assessment {
  requireCase(store, caseId);
  const row = assessmentRow(store, caseId);
  const conclusions = new Map(
    store.db
      .select()
      .from(criterionConclusions)
      .where(eq(criterionConclusions.caseId, caseId))
      .all()
      .map((c) => [c.criterion, c]),
  );
  const { byCriterion } = complianceTally(store, caseId);
  const latest = [row?.updatedAt, ...[...conclusions.values()].map((c) => c.updatedAt)]
    .filter((t): t is string => typeof t === 'string')
    .sort()
    .at(-1);
  return {
    caseId,
    recommendation: row?.recommendation ?? null,
    reasoning: row?.reasoning ?? '',
    mattersOfSignificance: row?.mattersOfSignificance ?? '',
    method: row?.method ?? '',
    teamLead: row?.teamLead ?? '',
    criteria: wcoCriteria.map((criterion) => {
      const saved = conclusions.get(criterion);
      const citations = saved ? citationsOf(store, saved.id) : null;
      return {
        criterion,
        conclusion: saved?.conclusion ?? null,
        text: saved?.text ?? '',
        summary: byCriterion.get(criterion)!,
        ...(citations ? { citations } : {}),
      };
    }),
    updatedAt: latest ?? null,
  };
}

/** The live citations of one conclusion row; null when it cites nothing (the field is then left out). */
function citationsOf(store: Store, conclusionId: string): CriterionCitations | null {
  const links = liveLinks(store, criterionLinkOwner, conclusionId);
  const citations = {
    answerIds: links.answer,
    riskIds: links.risk,
    findingIds: links.finding,
    interviewIds: links.interview,
    evidenceIds: links.evidence,
  };
  return Object.values(citations).some((ids) => ids.length > 0) ? citations : null;
}

/** The case's conclusion row for a criterion, made (not assessed yet) when there is none; audited when made. */
function conclusionRow(store: Store, actor: Actor, caseId: string, criterion: WcoLetter) {
  const existing = store.db
    .select()
    .from(criterionConclusions)
    .where(and(eq(criterionConclusions.caseId, caseId), eq(criterionConclusions.criterion, criterion)))
    .get();
  if (existing) return existing;
  const row = { id: newId(), caseId, criterion, conclusion: null, text: '', updatedAt: nowUtc() };
  store.db.insert(criterionConclusions).values(row).run();
  appendAudit(store.sqlite, actor, [{ entity: 'criterion_conclusion', entityId: row.id, action: 'create', after: row }]);
  return row;
}

type CitationInput = {
  caseId: string;
  criterion: WcoLetter;
  answerIds?: string[] | undefined;
  riskIds?: string[] | undefined;
  findingIds?: string[] | undefined;
  interviewIds?: string[] | undefined;
  evidenceIds?: string[] | undefined;
};

/** Replaces the kinds of citation given; every cited record is checked to be the case's own and live first. */
function setCitations(store: Store, actor: Actor, input: CitationInput): void {
  const sets: LinkSets = {
    ...(input.answerIds ? { answer: input.answerIds } : {}),
    ...(input.riskIds ? { risk: input.riskIds } : {}),
    ...(input.findingIds ? { finding: input.findingIds } : {}),
    ...(input.interviewIds ? { interview: input.interviewIds } : {}),
    ...(input.evidenceIds ? { evidence: input.evidenceIds } : {}),
  };
  checkLinkTargets(store, input.caseId, sets, '');
  const row = conclusionRow(store, actor, input.caseId, input.criterion);
  const changes = replaceLinks(store, criterionLinkOwner, row.id, sets);
  if (changes.length === 0) return;
  store.db.update(criterionConclusions).set({ updatedAt: nowUtc() }).where(eq(criterionConclusions.id, row.id)).run();
  appendAudit(store.sqlite, actor, changes);
}

function setConclusion(
  store: Store,
  actor: Actor,
  input: { caseId: string; criterion: WcoLetter; conclusion: CriterionConclusion | null; text: string },
): void {
  const fields = { conclusion: input.conclusion, text: input.text };
  const where = and(eq(criterionConclusions.caseId, input.caseId), eq(criterionConclusions.criterion, input.criterion))!;
  const fresh = (now: string) => ({ id: newId(), caseId: input.caseId, criterion: input.criterion, ...fields, updatedAt: now });
  appendAudit(store.sqlite, actor, upsertRow(store, conclusionOne, where, fields, fresh).changes);
}

export const assessmentHandlers: HandlerMap<'assessment'> = {
  'assessment:get': (ctx, input) => getAssessment(ctx.store, input.caseId),

  'assessment:update': (ctx, input) =>
    editCase(ctx, input.caseId, (actor) => {
      const patch = Object.fromEntries(Object.entries(input.patch).filter(([, v]) => v !== undefined));
      appendAudit(ctx.store.sqlite, actor, patchAssessment(ctx.store, input.caseId, patch));
      return getAssessment(ctx.store, input.caseId);
    }),

  'assessment:setCitations': (ctx, input) =>
    editCase(ctx, input.caseId, (actor) => {
      setCitations(ctx.store, actor, input);
      return getAssessment(ctx.store, input.caseId);
    }),

  'assessment:setConclusion': (ctx, input) =>
    editCase(ctx, input.caseId, (actor) => {
      setConclusion(ctx.store, actor, input);
      return getAssessment(ctx.store, input.caseId);
    }),
};
