import { asc, eq } from 'drizzle-orm';
import type { ControlMeasure, ControlPlan, ScheduleEntry } from '../contract/control-plan';
import { AppError } from '../contract/result';
import { scoreRisk } from '../contract/risk-scale';
import { occurrences, reevaluationDue } from '../core/reevaluation';
import { appendAudit } from '../db/audit-chain';
import type { Store } from '../db/open';
import { controlMeasures } from '../db/schema';
import type { HandlerMap } from '../kernel/context';
import { assessmentRow, patchAssessment } from './assessment';
import { caseList, editCase, findLiveRow, liveRow, liveRows, requireCase, saveListRow, tombstoneRow } from './case-rows';
import { liveRiskRows, residualScore, riskRows } from './risks';
import { getSettings } from './settings';

/*
 * The control plan (step 9): per residual risk, how customs monitors it (measure, frequency, account manager,
 * triggers, response), and the re-evaluation date from the authorization date plus the configured maximum
 * monitoring period. The schedule is derived, never stored.
 */

type MeasureRow = typeof controlMeasures.$inferSelect;

const toMeasure = ({ removedAt: _removed, ...row }: MeasureRow): ControlMeasure => row;

export const measureRows = caseList(controlMeasures, 'control_measure', 'control-plan measure', 'measure');

export function liveMeasureRows(store: Store, caseId: string): MeasureRow[] {
  return liveRows(store, controlMeasures, eq(controlMeasures.caseId, caseId), [asc(controlMeasures.createdAt), asc(controlMeasures.id)]);
}

/** The dated schedule: each measure's occurrences up to the re-evaluation, then the re-evaluation itself. */
export function buildSchedule(
  measures: readonly ControlMeasure[],
  authorizationDate: string | null,
  due: string | null,
): ScheduleEntry[] {
  const entries: ScheduleEntry[] = measures.flatMap((m) =>
    occurrences(m.frequency, m.startsOn ?? authorizationDate, due).map((date) => ({
      date,
      kind: 'measure' as const,
      measureId: m.id,
      riskId: m.riskId,
      measure: m.measure,
      accountManager: m.accountManager,
    })),
  );
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (due) entries.push({ date: due, kind: 'reevaluation', measureId: null, riskId: null, measure: null, accountManager: null });
  return entries;
}

export function getControlPlan(store: Store, caseId: string): ControlPlan {
  requireCase(store, caseId);
  const { riskMatrix, maxMonitoringMonths } = getSettings(store);
  const meta = assessmentRow(store, caseId);
  const authorizationDate = meta?.authorizationDate ?? null;
  const due = reevaluationDue(authorizationDate, maxMonitoringMonths);
  const measures = liveMeasureRows(store, caseId).map(toMeasure);
  const riskRows = liveRiskRows(store, caseId);
  const residualRisks = riskRows.map((row) => ({
    riskId: row.id,
    title: row.title,
    criterion: row.criterion,
    inherent: scoreRisk(row.likelihood, row.consequence, riskMatrix),
    residual: residualScore(row, riskMatrix),
    response: row.response,
    measureIds: measures.filter((m) => m.riskId === row.id).map((m) => m.id),
  }));
  return {
    caseId,
    authorizationDate,
    maxMonitoringMonths,
    reevaluationDue: due,
    partialReevaluationAreas: meta?.partialReevaluationAreas ?? [],
    residualRisks,
    measures,
    schedule: buildSchedule(measures, authorizationDate, due),
    unmonitoredRiskIds: residualRisks.filter((r) => r.measureIds.length === 0).map((r) => r.riskId),
  };
}

/** A measure monitors a live risk of its own case; anything else is `invalid_input` at `riskId`. */
function requireRiskOfCase(store: Store, caseId: string, riskId: string): void {
  if (!findLiveRow(store, riskRows, riskId, caseId)) {
    throw new AppError('invalid_input', 'Invalid input at: riskId', [
      { path: 'riskId', message: 'a control-plan measure must monitor a risk of this case', code: 'risk_not_in_case' },
    ]);
  }
}

export const controlPlanHandlers: HandlerMap<'controlPlan'> = {
  'controlPlan:get': (ctx, input) => getControlPlan(ctx.store, input.caseId),

  'controlPlan:saveMeasure': (ctx, { caseId, id, ...fields }) =>
    editCase(ctx, caseId, (actor) =>
      toMeasure(
        saveListRow(ctx.store, actor, measureRows, { ownerId: caseId, id }, fields, {
          check: () => requireRiskOfCase(ctx.store, caseId, fields.riskId),
        }),
      ),
    ),

  'controlPlan:removeMeasure': (ctx, input) =>
    editCase(ctx, input.caseId, (actor) => {
      tombstoneRow(ctx.store, actor, measureRows, liveRow(ctx.store, measureRows, input.id, input.caseId));
      return getControlPlan(ctx.store, input.caseId);
    }),

  'controlPlan:updateMeta': (ctx, input) =>
    editCase(ctx, input.caseId, (actor) => {
      const patch: { authorizationDate?: string | null; partialReevaluationAreas?: string[] } = {};
      if (input.authorizationDate !== undefined) patch.authorizationDate = input.authorizationDate;
      if (input.partialReevaluationAreas !== undefined) patch.partialReevaluationAreas = input.partialReevaluationAreas;
      appendAudit(ctx.store.sqlite, actor, patchAssessment(ctx.store, input.caseId, patch));
      return getControlPlan(ctx.store, input.caseId);
    }),
};
