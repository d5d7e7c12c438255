import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ControlMeasure, ControlPlan, ScheduleEntry } from '../contract/control-plan';
import { AppError } from '../contract/result';
import { scoreRisk } from '../contract/risk-scale';
import { newId, nowUtc } from '../core/ids';
import { occurrences, reevaluationDue } from '../core/reevaluation';
import { appendAudit, fieldChanges } from '../db/audit-chain';
import type { Store } from '../db/open';
import { controlMeasures, risks } from '../db/schema';
import { requireActor, type HandlerMap } from '../kernel/context';
import { assessmentRow, patchAssessment } from './assessment';
import { requireCase } from './plan';
import { liveRiskRows, residualScore } from './risks';
import { getSettings } from './settings';

/*
 * The control plan (step 9): per residual risk, how customs monitors it (measure, frequency, account manager,
 * triggers, response), and the re-evaluation date from the authorization date plus the configured maximum
 * monitoring period. The schedule is derived, never stored.
 */

type MeasureRow = typeof controlMeasures.$inferSelect;

const toMeasure = ({ removedAt: _removed, ...row }: MeasureRow): ControlMeasure => row;

export function liveMeasureRows(store: Store, caseId: string): MeasureRow[] {
  return store.db
    .select()
    .from(controlMeasures)
    .where(and(eq(controlMeasures.caseId, caseId), isNull(controlMeasures.removedAt)))
    .orderBy(asc(controlMeasures.createdAt), asc(controlMeasures.id))
    .all();
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
  const row = store.db
    .select({ id: risks.id })
    .from(risks)
    .where(and(eq(risks.id, riskId), eq(risks.caseId, caseId), isNull(risks.removedAt)))
    .get();
  if (!row) {
    throw new AppError('invalid_input', 'Invalid input at: riskId', [
      { path: 'riskId', message: 'a control-plan measure must monitor a risk of this case', code: 'risk_not_in_case' },
    ]);
  }
}

function liveMeasure(store: Store, caseId: string, id: string): MeasureRow {
  const row = store.db.select().from(controlMeasures).where(eq(controlMeasures.id, id)).get();
  if (!row || row.caseId !== caseId || row.removedAt !== null) {
    throw new AppError('not_found', 'No such control-plan measure in this case (it may have been removed).', [
      { path: 'id', message: 'not a measure of this case' },
    ]);
  }
  return row;
}

export const controlPlanHandlers: HandlerMap<'controlPlan'> = {
  'controlPlan:get': (ctx, input) => getControlPlan(ctx.store, input.caseId),

  'controlPlan:saveMeasure': (ctx, { caseId, id, ...fields }) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, caseId);
      const before = id === undefined ? undefined : liveMeasure(ctx.store, caseId, id);
      requireRiskOfCase(ctx.store, caseId, fields.riskId);
      const now = nowUtc();
      if (!before) {
        const row: MeasureRow = { id: newId(), caseId, ...fields, createdAt: now, updatedAt: now, removedAt: null };
        ctx.store.db.insert(controlMeasures).values(row).run();
        appendAudit(ctx.store.sqlite, actor, [{ entity: 'control_measure', entityId: row.id, action: 'create', after: toMeasure(row) }]);
        return toMeasure(row);
      }
      const changes = fieldChanges('control_measure', before.id, before, fields);
      if (changes.length === 0) return toMeasure(before);
      ctx.store.db
        .update(controlMeasures)
        .set({ ...fields, updatedAt: now })
        .where(eq(controlMeasures.id, before.id))
        .run();
      appendAudit(ctx.store.sqlite, actor, changes);
      return toMeasure({ ...before, ...fields, updatedAt: now });
    });
  },

  'controlPlan:removeMeasure': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      const row = liveMeasure(ctx.store, input.caseId, input.id);
      const now = nowUtc();
      ctx.store.db.update(controlMeasures).set({ removedAt: now, updatedAt: now }).where(eq(controlMeasures.id, row.id)).run();
      appendAudit(ctx.store.sqlite, actor, [
        { entity: 'control_measure', entityId: row.id, action: 'delete', field: 'removedAt', before: null, after: now },
      ]);
      return getControlPlan(ctx.store, input.caseId);
    });
  },

  'controlPlan:updateMeta': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      const patch: { authorizationDate?: string | null; partialReevaluationAreas?: string[] } = {};
      if (input.authorizationDate !== undefined) patch.authorizationDate = input.authorizationDate;
      if (input.partialReevaluationAreas !== undefined) patch.partialReevaluationAreas = input.partialReevaluationAreas;
      appendAudit(ctx.store.sqlite, actor, patchAssessment(ctx.store, input.caseId, patch));
      return getControlPlan(ctx.store, input.caseId);
    });
  },
};
