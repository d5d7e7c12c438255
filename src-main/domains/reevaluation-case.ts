import { and, eq, isNull } from 'drizzle-orm';
import { validationSteps } from '../contract/cases';
import type { z } from 'zod';
import type { ReevaluationDraft, ReevaluationLink } from '../contract/post-certification';
import { AppError } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, type AuditChange, type UserActor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { caseSteps, cases, interviews, plans, procedures, reevaluations, risks, sites } from '../db/schema';
import { nowOf, type HandlerContext } from '../kernel/context';
import { getControlPlan } from './control-plan';

/*
 * Re-evaluation (seed 000: after the monitoring period, or partial, of the areas that changed): a new case of the
 * same operator, linked to the earlier one, whose starting point is the earlier plan (sites, interviews to hold
 * again, procedures) and risk register. What was found and answered stays with the earlier case: checklist runs,
 * answers, evidence and findings are not copied, and interviews start unheld and undated. The new case is due on
 * the earlier control plan's re-evaluation date.
 */

type Input = z.output<typeof ReevaluationDraft>;

export function openReevaluation(ctx: HandlerContext, actor: UserActor, input: Input): { caseId: string; caseNumber: string } {
  const { store } = ctx;
  if (input.scope === 'partial' && input.areas.length === 0) {
    throw new AppError('invalid_input', 'Invalid input at: areas', [
      { path: 'areas', message: 'a partial re-evaluation names the areas it covers', code: 'areas_required' },
    ]);
  }
  const previous = store.db.select().from(cases).where(eq(cases.id, input.caseId)).get();
  if (!previous) throw new AppError('not_found', 'No validation case with this id.');
  const due = getControlPlan(store, previous.id).reevaluationDue;
  const now = nowUtc();
  const today = nowOf(ctx).slice(0, 10);
  const changes: AuditChange[] = [];
  const caseRow = {
    id: newId(),
    caseNumber: input.caseNumber,
    operatorId: previous.operatorId,
    aeoType: previous.aeoType,
    currentStep: validationSteps[0],
    leadValidator: previous.leadValidator,
    team: previous.team,
    openedOn: today,
    dueOn: due !== null && due >= today ? due : null,
    notes: '',
    // The re-evaluation is written for the same authority as the case it re-evaluates.
    reportLanguage: previous.reportLanguage,
    createdAt: now,
    updatedAt: now,
  };
  store.db.insert(cases).values(caseRow).run();
  store.db
    .insert(caseSteps)
    .values(validationSteps.map((step, position) => ({ id: newId(), caseId: caseRow.id, step, position, status: 'not_started' as const, updatedAt: now })))
    .run();
  changes.push({ entity: 'case', entityId: caseRow.id, action: 'create', after: caseRow });

  const link = { id: newId(), caseId: caseRow.id, previousCaseId: previous.id, scope: input.scope, areas: input.areas, dueOn: due, createdAt: now };
  store.db.insert(reevaluations).values(link).run();
  changes.push({ entity: 'reevaluation', entityId: link.id, action: 'create', after: link });

  const plan = store.db.select().from(plans).where(eq(plans.caseId, previous.id)).get();
  if (plan) {
    const row = { id: newId(), caseId: caseRow.id, resources: plan.resources, startsOn: null, endsOn: null, notes: plan.notes, updatedAt: now };
    store.db.insert(plans).values(row).run();
    changes.push({ entity: 'plan', entityId: row.id, action: 'create', after: row });
  }

  const siteIds = new Map<string, string>();
  for (const site of store.db.select().from(sites).where(and(eq(sites.caseId, previous.id), isNull(sites.removedAt))).all()) {
    const row = { ...site, id: newId(), caseId: caseRow.id, createdAt: now, updatedAt: now };
    siteIds.set(site.id, row.id);
    store.db.insert(sites).values(row).run();
    changes.push({ entity: 'site', entityId: row.id, action: 'create', after: row });
  }
  const mapSite = (id: string | null) => (id === null ? null : (siteIds.get(id) ?? null));

  for (const interview of store.db.select().from(interviews).where(and(eq(interviews.caseId, previous.id), isNull(interviews.removedAt))).all()) {
    const row = { ...interview, id: newId(), caseId: caseRow.id, date: null, held: false, notes: '', createdAt: now, updatedAt: now };
    store.db.insert(interviews).values(row).run();
    changes.push({ entity: 'interview', entityId: row.id, action: 'create', after: row });
  }

  for (const procedure of store.db.select().from(procedures).where(and(eq(procedures.caseId, previous.id), isNull(procedures.removedAt))).all()) {
    const row = { ...procedure, id: newId(), caseId: caseRow.id, siteId: mapSite(procedure.siteId), createdAt: now, updatedAt: now };
    store.db.insert(procedures).values(row).run();
    changes.push({ entity: 'procedure', entityId: row.id, action: 'create', after: row });
  }

  for (const risk of store.db.select().from(risks).where(and(eq(risks.caseId, previous.id), isNull(risks.removedAt))).all()) {
    const row = { ...risk, id: newId(), caseId: caseRow.id, siteId: mapSite(risk.siteId), createdBy: actor.id, createdAt: now, updatedAt: now };
    store.db.insert(risks).values(row).run();
    changes.push({ entity: 'risk', entityId: row.id, action: 'create', after: row });
  }

  appendAudit(store.sqlite, actor, changes);
  return { caseId: caseRow.id, caseNumber: caseRow.caseNumber };
}

export function linkOf(store: Store, row: typeof reevaluations.$inferSelect, caseId: string): ReevaluationLink {
  const other = store.db.select({ caseNumber: cases.caseNumber, openedOn: cases.openedOn }).from(cases).where(eq(cases.id, caseId)).get();
  return { caseId, caseNumber: other?.caseNumber ?? '', scope: row.scope, areas: row.areas, dueOn: row.dueOn, openedOn: other?.openedOn ?? row.createdAt.slice(0, 10) };
}

/** The earlier case a re-evaluation case re-evaluates, or null. */
export function reevaluationOf(store: Store, caseId: string): ReevaluationLink | null {
  const row = store.db.select().from(reevaluations).where(eq(reevaluations.caseId, caseId)).get();
  return row ? linkOf(store, row, row.previousCaseId) : null;
}
