import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { WcoLetter } from '../contract/assessment';
import { AppError } from '../contract/result';
import { residualAboveInherent, residualReasonRule, residualRule, type HeatMap, type HeatMapCell, type Risk } from '../contract/risks';
import { scoreRisk, type RiskMatrix } from '../contract/risk-scale';
import { appendAudit, type AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { answers, checklistRuns, controlMeasures, evidence, findingLinks, riskLinks, risks, sites } from '../db/schema';
import type { HandlerMap } from '../kernel/context';
import { answerLinks, checkLinkTargets, liveEvidenceIds, liveLinks, replaceLinks, riskLinkOwner } from './links';
import { caseReportLanguage } from './cases';
import { edit, editCase, insertListRow, liveRow, liveRows, refuseStale, requireCase, rowList, tombstoneRow, updateListRow } from './case-rows';
import { requireLiveSite } from './plan';
import { getSettings } from './settings';
import { loadTemplateRow } from './templates-store';

/*
 * The risk register (steps 5–7). Inherent and residual levels come from the configured matrix when read, never
 * from the caller. Removal is a tombstone, refused while control measures or findings still refer to the risk.
 */

export type RiskRow = typeof risks.$inferSelect;

export const riskRows = rowList(risks, { entity: 'risk', owner: 'caseId', missing: 'No risk with this id (it may have been removed).' });

export function liveRiskRows(store: Store, caseId: string): RiskRow[] {
  return liveRows(store, risks, eq(risks.caseId, caseId), [asc(risks.createdAt), asc(risks.id)]);
}

export function residualScore(row: Pick<RiskRow, 'residualLikelihood' | 'residualConsequence'>, matrix: RiskMatrix) {
  return row.residualLikelihood !== null && row.residualConsequence !== null
    ? scoreRisk(row.residualLikelihood, row.residualConsequence, matrix)
    : null;
}

export function toRisk(store: Store, row: RiskRow, matrix: RiskMatrix = getSettings(store).riskMatrix): Risk {
  const links = liveLinks(store, riskLinkOwner, row.id);
  const siteName = row.siteId
    ? (store.db.select({ name: sites.name }).from(sites).where(eq(sites.id, row.siteId)).get()?.name ?? null)
    : null;
  return {
    id: row.id,
    caseId: row.caseId,
    title: row.title,
    criterion: row.criterion,
    siteId: row.siteId,
    siteName,
    criticalAsset: row.criticalAsset,
    threat: row.threat,
    vulnerability: row.vulnerability,
    likelihood: row.likelihood,
    consequence: row.consequence,
    inherent: scoreRisk(row.likelihood, row.consequence, matrix),
    controls: row.controls,
    controlTesting: row.controlTesting,
    controlsEffective: row.controlsEffective,
    residualLikelihood: row.residualLikelihood,
    residualConsequence: row.residualConsequence,
    residual: residualScore(row, matrix),
    residualReason: row.residualReason,
    response: row.response,
    responseNotes: row.responseNotes,
    answerLinks: answerLinks(store, links.answer),
    evidenceIds: liveEvidenceIds(store, links.evidence),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

type AnswerContext = {
  run: { id: string; siteId: string | null };
  answer: { id: string; runId: string; itemId: string; value: unknown; note: string };
  prompt: { en: string; ru: string };
  criterion: WcoLetter | null;
  evidenceIds: string[];
};

/** The answer a risk is opened from: its run must belong to the case and the item must have been answered. */
function answerContext(store: Store, caseId: string | null, runId: string, itemId: string): AnswerContext {
  const run = store.db.select().from(checklistRuns).where(eq(checklistRuns.id, runId)).get();
  if (!run || (caseId !== null && run.caseId !== caseId)) {
    throw new AppError('invalid_input', 'Invalid input at: fromAnswer.runId', [
      { path: 'fromAnswer.runId', message: 'not a checklist run of this case' },
    ]);
  }
  const entry = loadTemplateRow(store, run.templateRowId).items.get(itemId);
  const answer = store.db
    .select()
    .from(answers)
    .where(and(eq(answers.runId, runId), eq(answers.itemId, itemId)))
    .get();
  if (!entry || !answer) {
    throw new AppError('invalid_input', 'Invalid input at: fromAnswer.itemId', [
      { path: 'fromAnswer.itemId', message: entry ? 'this item has not been answered yet' : 'not an item of this run' },
    ]);
  }
  const evidenceIds = store.db
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.runId, runId), eq(evidence.itemId, itemId), isNull(evidence.removedAt)))
    .orderBy(asc(evidence.attachedAt), asc(evidence.id))
    .all()
    .map((r) => r.id);
  return {
    run: { id: run.id, siteId: run.siteId },
    answer: {
      id: answer.id,
      runId,
      itemId,
      value: answer.value === null ? null : (JSON.parse(answer.value) as unknown),
      note: answer.note,
    },
    prompt: entry.item.prompt,
    criterion: entry.item.criteria.wco[0] ?? null,
    evidenceIds,
  };
}

function refuseDependants(store: Store, row: RiskRow): void {
  const measures =
    store.db
      .select({ n: count() })
      .from(controlMeasures)
      .where(and(eq(controlMeasures.riskId, row.id), isNull(controlMeasures.removedAt)))
      .get()?.n ?? 0;
  const findings =
    store.db
      .select({ n: count() })
      .from(findingLinks)
      .where(and(eq(findingLinks.target, 'risk'), eq(findingLinks.targetId, row.id), isNull(findingLinks.removedAt)))
      .get()?.n ?? 0;
  if (measures === 0 && findings === 0) return;
  const parts = [
    measures > 0 ? `${measures} control-plan measure${measures === 1 ? '' : 's'}` : null,
    findings > 0 ? `${findings} finding${findings === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  throw new AppError('conflict', `"${row.title}" cannot be removed: ${parts.join(' and ')} refer to it. Unlink them first.`, [
    { path: 'id', message: `referred to by ${parts.join(' and ')}` },
  ]);
}

function emptyGrid(matrix: RiskMatrix): HeatMapCell[][] {
  return Array.from({ length: 5 }, (_, l) =>
    Array.from({ length: 5 }, (_, c) => ({
      likelihood: l + 1,
      consequence: c + 1,
      level: matrix[l]![c]!,
      count: 0,
      riskIds: [] as string[],
    })),
  );
}

export function heatMap(store: Store, caseId: string): HeatMap {
  requireCase(store, caseId);
  const matrix = getSettings(store).riskMatrix;
  const inherent = emptyGrid(matrix);
  const residual = emptyGrid(matrix);
  const residualNotRated: string[] = [];
  for (const row of liveRiskRows(store, caseId)) {
    const cell = inherent[row.likelihood - 1]![row.consequence - 1]!;
    cell.count += 1;
    cell.riskIds.push(row.id);
    if (row.residualLikelihood !== null && row.residualConsequence !== null) {
      const rcell = residual[row.residualLikelihood - 1]![row.residualConsequence - 1]!;
      rcell.count += 1;
      rcell.riskIds.push(row.id);
    } else {
      residualNotRated.push(row.id);
    }
  }
  return { caseId, inherent, residual, residualNotRated };
}

const residualIssue = (path: string) =>
  new AppError('invalid_input', `Invalid input at: ${path}`, [
    { path, message: residualRule.message, code: residualRule.params.code },
  ]);

/** With the two scores, so the page can say which rating is above which. */
const residualReasonIssue = (r: RiskRow) =>
  new AppError('invalid_input', 'Invalid input at: patch.residualReason', [
    {
      path: 'patch.residualReason',
      message: residualReasonRule.message,
      code: residualReasonRule.params.code,
      params: { inherent: r.likelihood * r.consequence, residual: (r.residualLikelihood ?? 0) * (r.residualConsequence ?? 0) },
    },
  ]);

export const risksHandlers: HandlerMap<'risks'> = {
  'risks:list': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    const matrix = getSettings(ctx.store).riskMatrix;
    return liveRiskRows(ctx.store, input.caseId).map((row) => toRisk(ctx.store, row, matrix));
  },

  'risks:get': (ctx, input) => toRisk(ctx.store, liveRow(ctx.store, riskRows, input.id)),

  'risks:draftFromAnswer': (ctx, input) => {
    const run = ctx.store.db.select({ caseId: checklistRuns.caseId }).from(checklistRuns).where(eq(checklistRuns.id, input.runId)).get();
    if (!run) throw new AppError('not_found', 'No checklist run with this id.');
    const found = answerContext(ctx.store, run.caseId, input.runId, input.itemId);
    const existingRiskIds = ctx.store.db
      .select({ id: risks.id })
      .from(risks)
      .innerJoin(riskLinks, eq(riskLinks.riskId, risks.id))
      .where(
        and(
          eq(riskLinks.target, 'answer'),
          eq(riskLinks.targetId, found.answer.id),
          isNull(riskLinks.removedAt),
          isNull(risks.removedAt),
        ),
      )
      .all()
      .map((r) => r.id);
    return {
      caseId: run.caseId,
      // The risk belongs to the report: its suggested title is in the report's language, whatever the screen shows.
      title: found.prompt[caseReportLanguage(ctx.store, run.caseId)],
      criterion: found.criterion,
      siteId: found.run.siteId,
      answer: { answerId: found.answer.id, runId: input.runId, itemId: input.itemId, value: found.answer.value, note: found.answer.note },
      evidenceIds: found.evidenceIds,
      existingRiskIds,
    };
  },

  'risks:create': (ctx, input) =>
    editCase(ctx, input.caseId, (actor) => {
      const fromAnswer = input.fromAnswer
        ? answerContext(ctx.store, input.caseId, input.fromAnswer.runId, input.fromAnswer.itemId)
        : null;
      const siteId = input.siteId ?? fromAnswer?.run.siteId ?? null;
      if (input.siteId !== null) requireLiveSite(ctx.store, input.caseId, input.siteId);
      checkLinkTargets(ctx.store, input.caseId, { answer: input.links?.answerIds, evidence: input.links?.evidenceIds });
      const { row, change } = insertListRow(ctx.store, riskRows, input.caseId, {
        title: input.title ?? fromAnswer!.prompt[caseReportLanguage(ctx.store, input.caseId)],
        criterion: input.criterion ?? fromAnswer?.criterion ?? null,
        siteId,
        criticalAsset: input.criticalAsset,
        threat: input.threat,
        vulnerability: input.vulnerability,
        likelihood: input.likelihood,
        consequence: input.consequence,
        controls: input.controls,
        controlTesting: input.controlTesting,
        controlsEffective: input.controlsEffective,
        residualLikelihood: input.residualLikelihood,
        residualConsequence: input.residualConsequence,
        residualReason: input.residualReason,
        response: input.response,
        responseNotes: input.responseNotes,
        createdBy: actor.id,
      });
      const changes: AuditChange[] = [change];
      const linkedAnswers = [...(fromAnswer ? [fromAnswer.answer.id] : []), ...(input.links?.answerIds ?? [])];
      const linkedEvidence = [...(fromAnswer?.evidenceIds ?? []), ...(input.links?.evidenceIds ?? [])];
      changes.push(
        ...replaceLinks(ctx.store, riskLinkOwner, row.id, {
          answer: [...new Set(linkedAnswers)],
          evidence: [...new Set(linkedEvidence)],
        }),
      );
      appendAudit(ctx.store.sqlite, actor, changes);
      return toRisk(ctx.store, row);
    }),

  'risks:update': (ctx, input) =>
    edit(ctx, (actor) => {
      const before = liveRow(ctx.store, riskRows, input.id);
      refuseStale('This risk', before, input.expectedUpdatedAt);
      const { links, ...fields } = input.patch;
      const merged = { ...before, ...fields };
      if ((merged.residualLikelihood === null) !== (merged.residualConsequence === null)) {
        // Name the field the caller changed: that is the edit the other rating does not match.
        throw residualIssue(fields.residualConsequence !== undefined ? 'patch.residualConsequence' : 'patch.residualLikelihood');
      }
      if (residualAboveInherent(merged) && merged.residualReason.trim() === '') throw residualReasonIssue(merged);
      if (fields.siteId) requireLiveSite(ctx.store, before.caseId, fields.siteId, 'patch.siteId');
      if (links) {
        checkLinkTargets(ctx.store, before.caseId, { answer: links.answerIds, evidence: links.evidenceIds }, 'patch.links');
      }
      const linked = links ? replaceLinks(ctx.store, riskLinkOwner, before.id, { answer: links.answerIds, evidence: links.evidenceIds }) : [];
      updateListRow(ctx.store, actor, riskRows, before, fields, linked);
      return toRisk(ctx.store, liveRow(ctx.store, riskRows, before.id));
    }),

  'risks:remove': (ctx, input) =>
    edit(ctx, (actor) => {
      const row = liveRow(ctx.store, riskRows, input.id);
      refuseDependants(ctx.store, row);
      tombstoneRow(ctx.store, actor, riskRows, row);
      return { id: row.id };
    }),

  'risks:heatMap': (ctx, input) => heatMap(ctx.store, input.caseId),
};
