import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { OfficialPatch, OfficialRecord } from '../contract/official';
import { matchesPattern, nextRegistration } from '../contract/registration-number';
import { AppError } from '../contract/result';
import { newId } from '../core/ids';
import { appendAudit, type AuditChange, type UserActor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { caseOfficial, cases, visits, visitsHeld } from '../db/schema';
import { nowOf, type HandlerContext, type HandlerMap } from '../kernel/context';
import { getAuthority } from './authority';
import { editCase, findLiveRow, liveRows, oneRow, requireCase, upsertRow } from './case-rows';
import { visitRows } from './plan';

/*
 * The official form's records of a case (contract/official.ts): registration number, look-back period, closing
 * meeting, approving officials, and the days the planned visits actually took place. Every change is audited;
 * bad input changes nothing (each handler runs in one transaction and checks before it writes).
 */

type Row = typeof caseOfficial.$inferSelect;

const officialRow = oneRow(caseOfficial, 'case_official');
const visitHeldRow = oneRow(visitsHeld, 'visit_held');

const rowOf = (store: Store, caseId: string): Row | undefined =>
  store.db.select().from(caseOfficial).where(eq(caseOfficial.caseId, caseId)).get();

export function getOfficial(store: Store, caseId: string): OfficialRecord {
  requireCase(store, caseId);
  const row = rowOf(store, caseId);
  const held = new Map(
    store.db.select().from(visitsHeld).where(eq(visitsHeld.caseId, caseId)).all().map((v) => [v.visitId, v]),
  );
  const planned = liveRows(store, visits, eq(visits.caseId, caseId), [visits.date, visits.startTime, visits.id]);
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
  const fresh = (now: string): Row => ({
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
  });
  return upsertRow(ctx.store, officialRow, eq(caseOfficial.caseId, caseId), patch, fresh, nowOf(ctx)).changes;
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

function applyPatch(ctx: HandlerContext, actor: UserActor, input: OfficialPatch): OfficialRecord {
  const { caseId, closingMeetingOn, closingAttendees, ...rest } = input;
  const current = getOfficial(ctx.store, caseId);
  const from = input.lookBackFrom !== undefined ? input.lookBackFrom : current.lookBackFrom;
  const to = input.lookBackTo !== undefined ? input.lookBackTo : current.lookBackTo;
  if (from && to && to < from) throw fieldRefused('lookBackTo', 'end_before_start', 'The look-back period ends before it starts.');
  if (input.registrationNumber) checkNumber(ctx.store, caseId, input.registrationNumber);
  const patch: Partial<Row> = Object.fromEntries(Object.entries(rest).filter(([key, value]) => key !== 'caseId' && value !== undefined));
  if (closingMeetingOn !== undefined) patch.closingMeetingOn = closingMeetingOn;
  if (closingAttendees !== undefined) patch.closingAttendees = closingAttendees;
  appendAudit(ctx.store.sqlite, actor, patchRow(ctx, caseId, patch));
  return getOfficial(ctx.store, caseId);
}

export const officialHandlers: HandlerMap<'official'> = {
  'official:get': (ctx, { caseId }) => getOfficial(ctx.store, caseId),

  'official:update': (ctx, input) => editCase(ctx, input.caseId, (actor) => applyPatch(ctx, actor, input)),

  'official:assignNumber': (ctx, { caseId }) =>
    editCase(ctx, caseId, (actor) => {
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
    }),

  'official:recordVisit': (ctx, input) =>
    editCase(ctx, input.caseId, (actor) => {
      const visit = findLiveRow(ctx.store, visitRows, input.visitId, input.caseId);
      if (!visit) throw new AppError('not_found', 'No planned visit with this id in the case.', [{ path: 'visitId', message: 'not a visit of this case' }]);
      if (input.heldOn === null) {
        const existing = ctx.store.db.select().from(visitsHeld).where(eq(visitsHeld.visitId, visit.id)).get();
        if (existing) {
          ctx.store.db.delete(visitsHeld).where(eq(visitsHeld.id, existing.id)).run();
          appendAudit(ctx.store.sqlite, actor, [{ entity: 'visit_held', entityId: existing.id, action: 'delete', before: existing }]);
        }
        return getOfficial(ctx.store, input.caseId);
      }
      const fields = { heldOn: input.heldOn, startTime: input.startTime, endTime: input.endTime };
      const fresh = (now: string) => ({ id: newId(), visitId: visit.id, caseId: input.caseId, ...fields, updatedAt: now });
      appendAudit(ctx.store.sqlite, actor, upsertRow(ctx.store, visitHeldRow, eq(visitsHeld.visitId, visit.id), fields, fresh, nowOf(ctx)).changes);
      return getOfficial(ctx.store, input.caseId);
    }),
};
