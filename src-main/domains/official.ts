import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import type { OfficialPatch, OfficialRecord } from '../contract/official';
import { matchesPattern, nextRegistration } from '../contract/registration-number';
import { AppError } from '../contract/result';
import { newId } from '../core/ids';
import { appendAudit, fieldChanges, type AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { caseOfficial, cases, visits, visitsHeld } from '../db/schema';
import { nowOf, requireActor, type HandlerContext, type HandlerMap } from '../kernel/context';
import { getAuthority } from './authority';
import { requireCase } from './plan';

/*
 * The official form's records of a case (contract/official.ts): registration number, look-back period, closing
 * meeting, approving officials, and the days the planned visits actually took place. Every change is audited;
 * bad input changes nothing (each handler runs in one transaction and checks before it writes).
 */

type Row = typeof caseOfficial.$inferSelect;

const rowOf = (store: Store, caseId: string): Row | undefined =>
  store.db.select().from(caseOfficial).where(eq(caseOfficial.caseId, caseId)).get();

export function getOfficial(store: Store, caseId: string): OfficialRecord {
  requireCase(store, caseId);
  const row = rowOf(store, caseId);
  const held = new Map(
    store.db.select().from(visitsHeld).where(eq(visitsHeld.caseId, caseId)).all().map((v) => [v.visitId, v]),
  );
  const planned = store.db
    .select()
    .from(visits)
    .where(and(eq(visits.caseId, caseId), isNull(visits.removedAt)))
    .orderBy(visits.date, visits.startTime, visits.id)
    .all();
  return {
    caseId,
    registrationNumber: row?.registrationNumber ?? null,
    lookBackFrom: row?.lookBackFrom ?? null,
    lookBackTo: row?.lookBackTo ?? null,
    closingMeeting: {
      date: row?.closingMeetingOn ?? null,
      attendees: row?.closingAttendees ?? '',
      operatorComments: row?.operatorComments ?? '',
    },
    conditions: row?.conditions ?? '',
    approvers: row?.approvers ?? [],
    visits: planned.map((visit) => {
      const record = held.get(visit.id);
      return {
        visitId: visit.id,
        siteId: visit.siteId,
        plannedOn: visit.date,
        heldOn: record?.heldOn ?? null,
        startTime: record?.startTime ?? null,
        endTime: record?.endTime ?? null,
      };
    }),
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Changes fields of the case's row, creating it on first use; answers the audit rows. */
function patchRow(ctx: HandlerContext, caseId: string, patch: Partial<Row>): AuditChange[] {
  const now = nowOf(ctx);
  const existing = rowOf(ctx.store, caseId);
  if (!existing) {
    const row: Row = {
      id: newId(),
      caseId,
      registrationNumber: null,
      lookBackFrom: null,
      lookBackTo: null,
      closingMeetingOn: null,
      closingAttendees: '',
      operatorComments: '',
      conditions: '',
      approvers: [],
      ...patch,
      updatedAt: now,
    };
    ctx.store.db.insert(caseOfficial).values(row).run();
    return [{ entity: 'case_official', entityId: row.id, action: 'create', after: row }];
  }
  const changes = fieldChanges('case_official', existing.id, existing, patch);
  if (changes.length > 0) {
    ctx.store.db.update(caseOfficial).set({ ...patch, updatedAt: now }).where(eq(caseOfficial.id, existing.id)).run();
  }
  return changes;
}

const fieldRefused = (path: string, code: string, message: string, params?: Record<string, string>) =>
  new AppError('invalid_input', message, [{ path, message, code, ...(params ? { params } : {}) }]);

/** A number typed by hand: the authority's pattern, and no other case's. */
function checkNumber(store: Store, caseId: string, number: string): void {
  const { registrationPattern } = getAuthority(store);
  if (!matchesPattern(registrationPattern, number)) {
    throw fieldRefused('registrationNumber', 'registration_mismatch', `The registration number does not follow the pattern ${registrationPattern}.`, {
      pattern: registrationPattern,
    });
  }
  const taken = store.db
    .select({ id: caseOfficial.id })
    .from(caseOfficial)
    .where(and(eq(caseOfficial.registrationNumber, number), ne(caseOfficial.caseId, caseId)))
    .get();
  if (taken) throw fieldRefused('registrationNumber', 'already_in_use', 'Another case has this registration number.');
}

function applyPatch(ctx: HandlerContext, input: OfficialPatch): OfficialRecord {
  const { caseId, closingMeetingOn, closingAttendees, ...rest } = input;
  requireCase(ctx.store, caseId);
  const current = getOfficial(ctx.store, caseId);
  const from = input.lookBackFrom !== undefined ? input.lookBackFrom : current.lookBackFrom;
  const to = input.lookBackTo !== undefined ? input.lookBackTo : current.lookBackTo;
  if (from && to && to < from) throw fieldRefused('lookBackTo', 'end_before_start', 'The look-back period ends before it starts.');
  if (input.registrationNumber) checkNumber(ctx.store, caseId, input.registrationNumber);
  const patch: Partial<Row> = Object.fromEntries(Object.entries(rest).filter(([key, value]) => key !== 'caseId' && value !== undefined));
  if (closingMeetingOn !== undefined) patch.closingMeetingOn = closingMeetingOn;
  if (closingAttendees !== undefined) patch.closingAttendees = closingAttendees;
  appendAudit(ctx.store.sqlite, requireActor(ctx), patchRow(ctx, caseId, patch));
  return getOfficial(ctx.store, caseId);
}

export const officialHandlers: HandlerMap<'official'> = {
  'official:get': (ctx, { caseId }) => getOfficial(ctx.store, caseId),

  'official:update': (ctx, input) => {
    requireActor(ctx);
    return ctx.store.db.transaction(() => applyPatch(ctx, input));
  },

  'official:assignNumber': (ctx, { caseId }) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, caseId);
      if (rowOf(ctx.store, caseId)?.registrationNumber) return getOfficial(ctx.store, caseId);
      const { registrationPattern } = getAuthority(ctx.store);
      const issued = ctx.store.db
        .select({ number: caseOfficial.registrationNumber })
        .from(caseOfficial)
        .where(isNotNull(caseOfficial.registrationNumber))
        .all()
        .flatMap((row) => (row.number ? [row.number] : []));
      const caseNumber = ctx.store.db.select({ n: cases.caseNumber }).from(cases).where(eq(cases.id, caseId)).get()!.n;
      const year = Number(nowOf(ctx).slice(0, 4));
      const number = nextRegistration(registrationPattern, issued, year, caseNumber);
      if (issued.includes(number)) {
        throw fieldRefused('registrationNumber', 'already_in_use', `The pattern gives ${number}, which another case has.`);
      }
      appendAudit(ctx.store.sqlite, actor, patchRow(ctx, caseId, { registrationNumber: number }));
      return getOfficial(ctx.store, caseId);
    });
  },

  'official:recordVisit': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      const visit = ctx.store.db
        .select()
        .from(visits)
        .where(and(eq(visits.id, input.visitId), eq(visits.caseId, input.caseId), isNull(visits.removedAt)))
        .get();
      if (!visit) throw new AppError('not_found', 'No planned visit with this id in the case.', [{ path: 'visitId', message: 'not a visit of this case' }]);
      const existing = ctx.store.db.select().from(visitsHeld).where(eq(visitsHeld.visitId, visit.id)).get();
      const now = nowOf(ctx);
      if (input.heldOn === null) {
        if (existing) {
          ctx.store.db.delete(visitsHeld).where(eq(visitsHeld.id, existing.id)).run();
          appendAudit(ctx.store.sqlite, actor, [{ entity: 'visit_held', entityId: existing.id, action: 'delete', before: existing }]);
        }
        return getOfficial(ctx.store, input.caseId);
      }
      const fields = { heldOn: input.heldOn, startTime: input.startTime, endTime: input.endTime };
      if (!existing) {
        const row = { id: newId(), visitId: visit.id, caseId: input.caseId, ...fields, updatedAt: now };
        ctx.store.db.insert(visitsHeld).values(row).run();
        appendAudit(ctx.store.sqlite, actor, [{ entity: 'visit_held', entityId: row.id, action: 'create', after: row }]);
      } else {
        const changes = fieldChanges('visit_held', existing.id, existing, fields);
        if (changes.length > 0) {
          ctx.store.db.update(visitsHeld).set({ ...fields, updatedAt: now }).where(eq(visitsHeld.id, existing.id)).run();
          appendAudit(ctx.store.sqlite, actor, changes);
        }
      }
      return getOfficial(ctx.store, input.caseId);
    });
  },
};
