import { and, asc, desc, eq, isNull, like, or, sql } from 'drizzle-orm';
import { validationSteps, type CaseDetail, type StepStatus } from '../contract/cases';
import { AppError } from '../contract/result';
import { appendAudit, fieldChanges } from '../db/audit-chain';
import type { Store } from '../db/open';
import { caseSteps, cases, checklistRuns, operators, reportVersions } from '../db/schema';
import { newId, nowUtc } from '../core/ids';
import type { HandlerMap } from '../kernel/context';
import { edit, refuseStale, setRow } from './case-rows';
import { getOperator, insertOperator, likePattern } from './operators';
import { reasonNeeded } from './step-rules';
import { loadTemplateRow } from './templates-store';

/** Unfinished checklist runs of the case whose template serves `step` (templates name their step 1–9). */
export function unfinishedRunsOfStep(store: Store, caseId: string, step: (typeof validationSteps)[number]): number {
  const position = validationSteps.indexOf(step) + 1;
  return store.db
    .select({ templateRowId: checklistRuns.templateRowId })
    .from(checklistRuns)
    .where(and(eq(checklistRuns.caseId, caseId), isNull(checklistRuns.finishedAt)))
    .all()
    .filter((run) => loadTemplateRow(store, run.templateRowId).template.step === position).length;
}

function requireReason(need: NonNullable<ReturnType<typeof reasonNeeded>>, unfinishedRuns: number): never {
  const what = { skip: 'Skipping a step', unfinished_runs: `Marking this step done with ${unfinishedRuns} unfinished checklist run(s)`, reopen: 'Reopening a step' }[need];
  throw new AppError('invalid_input', `${what} needs a reason.`, [
    { path: 'reason', message: 'a reason is required', code: 'reason_required', params: { why: need, unfinishedRuns } },
  ]);
}

export function getCase(store: Store, id: string): CaseDetail {
  const row = store.db.select().from(cases).where(eq(cases.id, id)).get();
  if (!row) throw new AppError('not_found', 'No validation case with this id.');
  const steps = store.db
    .select({ step: caseSteps.step, status: caseSteps.status, reason: caseSteps.reason, updatedAt: caseSteps.updatedAt })
    .from(caseSteps)
    .where(eq(caseSteps.caseId, id))
    .orderBy(asc(caseSteps.position))
    .all();
  const { operatorId, ...rest } = row;
  return {
    ...rest,
    operator: getOperator(store, operatorId),
    steps,
    hasSealedReport: hasSealedReport(store, id),
  };
}

function hasSealedReport(store: Store, caseId: string): boolean {
  const sealed = store.db
    .select({ id: reportVersions.id })
    .from(reportVersions)
    .where(and(eq(reportVersions.caseId, caseId), eq(reportVersions.status, 'sealed')))
    .limit(1)
    .get();
  return sealed !== undefined;
}

/** The language a case's documents print in when the caller names none (issue 13). */
export function caseReportLanguage(store: Store, caseId: string): CaseDetail['reportLanguage'] {
  const row = store.db.select({ lang: cases.reportLanguage }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new AppError('not_found', 'No validation case with this id.');
  return row.lang;
}

const stepsDone = sql<number>`(SELECT count(*) FROM ${caseSteps} WHERE ${caseSteps.caseId} = ${cases.id} AND ${caseSteps.status} IN ('done', 'skipped'))`;
const currentStepStatus = sql<StepStatus>`(SELECT ${caseSteps.status} FROM ${caseSteps} WHERE ${caseSteps.caseId} = ${cases.id} AND ${caseSteps.step} = ${cases.currentStep})`;

export const casesHandlers: HandlerMap<'cases'> = {
  'cases:create': (ctx, input) =>
    edit(ctx, (actor) => {
      const operatorId = input.newOperator
        ? insertOperator(ctx.store, actor, input.newOperator).id
        : getOperator(ctx.store, input.operatorId as string).id;
      const now = nowUtc();
      const row = {
        id: newId(),
        caseNumber: input.caseNumber,
        operatorId,
        aeoType: input.aeoType,
        currentStep: validationSteps[0],
        leadValidator: input.leadValidator,
        team: input.team,
        openedOn: input.openedOn,
        dueOn: input.dueOn,
        notes: input.notes,
        reportLanguage: input.reportLanguage,
        createdAt: now,
        updatedAt: now,
      };
      ctx.store.db.insert(cases).values(row).run();
      ctx.store.db
        .insert(caseSteps)
        .values(
          validationSteps.map((step, position) => ({
            id: newId(),
            caseId: row.id,
            step,
            position,
            status: 'not_started' as const,
            updatedAt: now,
          })),
        )
        .run();
      appendAudit(ctx.store.sqlite, actor, [{ entity: 'case', entityId: row.id, action: 'create', after: row }]);
      return getCase(ctx.store, row.id);
    }),

  'cases:list': (ctx, input) => {
    const query = input.query?.trim();
    const pattern = query ? likePattern(query) : undefined;
    return ctx.store.db
      .select({
        id: cases.id,
        caseNumber: cases.caseNumber,
        operatorId: cases.operatorId,
        operatorName: operators.legalName,
        aeoType: cases.aeoType,
        currentStep: cases.currentStep,
        currentStepStatus,
        stepsDone,
        leadValidator: cases.leadValidator,
        openedOn: cases.openedOn,
        dueOn: cases.dueOn,
        updatedAt: cases.updatedAt,
      })
      .from(cases)
      .innerJoin(operators, eq(operators.id, cases.operatorId))
      .where(
        pattern
          ? or(
              like(cases.caseNumber, pattern),
              like(operators.legalName, pattern),
              like(operators.identificationNumber, pattern),
              like(cases.leadValidator, pattern),
            )
          : undefined,
      )
      .orderBy(desc(cases.updatedAt))
      .all();
  },

  'cases:get': (ctx, input) => getCase(ctx.store, input.id),

  'cases:update': (ctx, input) =>
    edit(ctx, (actor) => {
      const before = getCase(ctx.store, input.id);
      refuseStale('This case', before, input.expectedUpdatedAt);
      if (input.patch.reportLanguage !== undefined && input.patch.reportLanguage !== before.reportLanguage && before.hasSealedReport) {
        // A sealed version was printed and signed in the language it names; a later version must say the same.
        throw new AppError('immutable', 'The report language cannot change once a report version of the case is sealed.', [
          { path: 'patch.reportLanguage', message: 'a report version is sealed', code: 'report_language_sealed' },
        ]);
      }
      const merged = { ...before, ...input.patch };
      if (merged.dueOn && merged.dueOn < merged.openedOn) {
        throw new AppError('invalid_input', 'Invalid input at: patch.dueOn', [
          { path: 'patch.dueOn', message: 'due date is before the opening date', code: 'due_before_opened' },
        ]);
      }
      const changes = fieldChanges('case', before.id, before, input.patch);
      if (changes.length === 0) return before;
      setRow(ctx.store, cases, before.id, { ...input.patch, updatedAt: nowUtc() });
      appendAudit(ctx.store.sqlite, actor, changes);
      return getCase(ctx.store, before.id);
    }),

  'cases:setStep': (ctx, input) =>
    edit(ctx, (actor) => {
      const before = getCase(ctx.store, input.id);
      const previous = before.steps.find((s) => s.step === input.step);
      const makeCurrent = input.makeCurrent ?? input.status === 'in_progress';
      const now = nowUtc();
      const changes = [];
      if (previous && previous.status !== input.status) {
        const unfinished = input.status === 'done' ? unfinishedRunsOfStep(ctx.store, before.id, input.step) : 0;
        const need = reasonNeeded(previous.status, input.status, unfinished);
        if (need && !input.reason) requireReason(need, unfinished);
        const reason = input.reason ?? '';
        ctx.store.db
          .update(caseSteps)
          .set({ status: input.status, reason, updatedAt: now })
          .where(and(eq(caseSteps.caseId, before.id), eq(caseSteps.step, input.step)))
          .run();
        changes.push({
          entity: 'case',
          entityId: before.id,
          action: 'update' as const,
          field: `steps.${input.step}`,
          before: previous.status,
          after: input.status,
        });
        if (reason !== previous.reason) {
          changes.push({
            entity: 'case',
            entityId: before.id,
            action: 'update' as const,
            field: `steps.${input.step}.reason`,
            before: previous.reason,
            after: reason,
          });
        }
      }
      if (makeCurrent && before.currentStep !== input.step) {
        ctx.store.db.update(cases).set({ currentStep: input.step }).where(eq(cases.id, before.id)).run();
        changes.push(...fieldChanges('case', before.id, before, { currentStep: input.step }));
      }
      if (changes.length === 0) return before;
      ctx.store.db.update(cases).set({ updatedAt: now }).where(eq(cases.id, before.id)).run();
      appendAudit(ctx.store.sqlite, actor, changes);
      return getCase(ctx.store, before.id);
    }),
};
