import { and, eq } from 'drizzle-orm';
import type { Assessment, CriterionCitations, CriterionConclusion, WcoLetter } from '../contract/assessment';
import { wcoCriteria } from '../contract/checklist-template';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, fieldChanges, type Actor, type AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { caseAssessments, criterionConclusions } from '../db/schema';
import { requireActor, type HandlerMap } from '../kernel/context';
import { complianceTally } from './compliance';
import { checkLinkTargets, criterionLinkOwner, liveLinks, replaceLinks, type LinkSets } from './links';
import { requireCase } from './plan';

/*
 * The validators' overall judgement on a case (step 8): a conclusion per WCO criterion, matters of significance,
 * method, the recommendation and its reasoning. The control plan's authorization date and partial re-evaluation
 * areas live in the same row (see control-plan.ts).
 */

export type AssessmentRow = typeof caseAssessments.$inferSelect;

export function assessmentRow(store: Store, caseId: string): AssessmentRow | undefined {
  return store.db.select().from(caseAssessments).where(eq(caseAssessments.caseId, caseId)).get();
}

/**
 * Changes fields of the case's assessment row, creating it on first use; returns the audit rows. Shared with the
 * control plan's meta (authorization date, partial re-evaluation areas).
 */
export function patchAssessment(store: Store, caseId: string, patch: Partial<AssessmentRow>): AuditChange[] {
  const now = nowUtc();
  const existing = assessmentRow(store, caseId);
  if (!existing && Object.keys(patch).length === 0) return [];
  if (!existing) {
    const row: AssessmentRow = {
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
    };
    store.db.insert(caseAssessments).values(row).run();
    return [{ entity: 'assessment', entityId: row.id, action: 'create', after: row }];
  }
  const changes = fieldChanges('assessment', existing.id, existing, patch);
  if (changes.length > 0) {
    store.db
      .update(caseAssessments)
      .set({ ...patch, updatedAt: now })
      .where(eq(caseAssessments.id, existing.id))
      .run();
  }
  return changes;
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
  const existing = store.db
    .select()
    .from(criterionConclusions)
    .where(and(eq(criterionConclusions.caseId, input.caseId), eq(criterionConclusions.criterion, input.criterion)))
    .get();
  const now = nowUtc();
  if (!existing) {
    const row = { id: newId(), ...input, updatedAt: now };
    store.db.insert(criterionConclusions).values(row).run();
    appendAudit(store.sqlite, actor, [{ entity: 'criterion_conclusion', entityId: row.id, action: 'create', after: row }]);
    return;
  }
  const patch = { conclusion: input.conclusion, text: input.text };
  const changes = fieldChanges('criterion_conclusion', existing.id, existing, patch);
  if (changes.length === 0) return;
  store.db.update(criterionConclusions).set({ ...patch, updatedAt: now }).where(eq(criterionConclusions.id, existing.id)).run();
  appendAudit(store.sqlite, actor, changes);
}

export const assessmentHandlers: HandlerMap<'assessment'> = {
  'assessment:get': (ctx, input) => getAssessment(ctx.store, input.caseId),

  'assessment:update': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      const patch = Object.fromEntries(Object.entries(input.patch).filter(([, v]) => v !== undefined));
      appendAudit(ctx.store.sqlite, actor, patchAssessment(ctx.store, input.caseId, patch));
      return getAssessment(ctx.store, input.caseId);
    });
  },

  'assessment:setCitations': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      setCitations(ctx.store, actor, input);
      return getAssessment(ctx.store, input.caseId);
    });
  },

  'assessment:setConclusion': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      setConclusion(ctx.store, actor, input);
      return getAssessment(ctx.store, input.caseId);
    });
  },
};
