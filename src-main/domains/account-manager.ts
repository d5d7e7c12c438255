import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AccountManager, AccountManagerActivity, AccountManagerState } from '../contract/post-certification';
import { AppError } from '../contract/result';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, fieldChanges } from '../db/audit-chain';
import type { Store } from '../db/open';
import { accountManagerActivities, accountManagers, cases } from '../db/schema';
import { requireActor, type HandlerMap } from '../kernel/context';
import { getOperator } from './operators';

/*
 * The customs account manager of an AEO (seed 000, "Managing the AEO"): one per operator, whatever case is open,
 * with what they did recorded as activities under the five functions the seed lists. Printed in the control plan.
 */

type ActivityRow = typeof accountManagerActivities.$inferSelect;

const toActivity = ({ removedAt: _removed, ...row }: ActivityRow): AccountManagerActivity => row;

export function accountManagerRow(store: Store, operatorId: string): AccountManager | null {
  return store.db.select().from(accountManagers).where(eq(accountManagers.operatorId, operatorId)).get() ?? null;
}

export function getAccountManagerState(store: Store, operatorId: string): AccountManagerState {
  getOperator(store, operatorId);
  const activities = store.db
    .select()
    .from(accountManagerActivities)
    .where(and(eq(accountManagerActivities.operatorId, operatorId), isNull(accountManagerActivities.removedAt)))
    .orderBy(desc(accountManagerActivities.date), desc(accountManagerActivities.createdAt))
    .all()
    .map(toActivity);
  return { operatorId, manager: accountManagerRow(store, operatorId), activities };
}

/** The account manager of the operator a case is about. */
export function accountManagerOfCase(store: Store, caseId: string): AccountManager | null {
  const row = store.db.select({ operatorId: cases.operatorId }).from(cases).where(eq(cases.id, caseId)).get();
  return row ? accountManagerRow(store, row.operatorId) : null;
}

/** The state of the operator a case is about, for the control plan. */
export function accountManagerStateOfCase(store: Store, caseId: string): AccountManagerState | null {
  const row = store.db.select({ operatorId: cases.operatorId }).from(cases).where(eq(cases.id, caseId)).get();
  return row ? getAccountManagerState(store, row.operatorId) : null;
}

function liveActivity(store: Store, operatorId: string, id: string): ActivityRow {
  const row = store.db.select().from(accountManagerActivities).where(eq(accountManagerActivities.id, id)).get();
  if (!row || row.operatorId !== operatorId || row.removedAt !== null) {
    throw new AppError('not_found', 'No such activity of this operator\'s account manager (it may have been removed).', [
      { path: 'id', message: 'not an activity of this operator' },
    ]);
  }
  return row;
}

export const accountManagerHandlers: HandlerMap<'accountManager'> = {
  'accountManager:get': (ctx, input) => getAccountManagerState(ctx.store, input.operatorId),

  'accountManager:assign': (ctx, { operatorId, ...fields }) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      getOperator(ctx.store, operatorId);
      const before = accountManagerRow(ctx.store, operatorId);
      const now = nowUtc();
      if (!before) {
        const row: AccountManager = { id: newId(), operatorId, ...fields, updatedAt: now };
        ctx.store.db.insert(accountManagers).values(row).run();
        appendAudit(ctx.store.sqlite, actor, [{ entity: 'account_manager', entityId: row.id, action: 'create', after: row }]);
      } else {
        const changes = fieldChanges('account_manager', before.id, before, fields);
        if (changes.length > 0) {
          ctx.store.db.update(accountManagers).set({ ...fields, updatedAt: now }).where(eq(accountManagers.id, before.id)).run();
          appendAudit(ctx.store.sqlite, actor, changes);
        }
      }
      return getAccountManagerState(ctx.store, operatorId);
    });
  },

  'accountManager:saveActivity': (ctx, { operatorId, id, ...fields }) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      getOperator(ctx.store, operatorId);
      const manager = accountManagerRow(ctx.store, operatorId);
      if (!manager) {
        throw new AppError('conflict', 'Assign the operator\'s account manager first: an activity is theirs.', [
          { path: 'operatorId', message: 'no account manager assigned', code: 'no_account_manager' },
        ]);
      }
      if (fields.date < manager.assignedOn) {
        throw new AppError('invalid_input', 'Invalid input at: date', [
          { path: 'date', message: 'before the account manager was assigned', code: 'before_assignment', params: { assignedOn: manager.assignedOn } },
        ]);
      }
      const now = nowUtc();
      if (id === undefined) {
        const row: ActivityRow = { id: newId(), operatorId, ...fields, managerName: manager.name, createdAt: now, updatedAt: now, removedAt: null };
        ctx.store.db.insert(accountManagerActivities).values(row).run();
        appendAudit(ctx.store.sqlite, actor, [{ entity: 'account_manager_activity', entityId: row.id, action: 'create', after: toActivity(row) }]);
      } else {
        const before = liveActivity(ctx.store, operatorId, id);
        const changes = fieldChanges('account_manager_activity', id, before, fields);
        if (changes.length > 0) {
          ctx.store.db.update(accountManagerActivities).set({ ...fields, updatedAt: now }).where(eq(accountManagerActivities.id, id)).run();
          appendAudit(ctx.store.sqlite, actor, changes);
        }
      }
      return getAccountManagerState(ctx.store, operatorId);
    });
  },

  'accountManager:removeActivity': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const row = liveActivity(ctx.store, input.operatorId, input.id);
      const now = nowUtc();
      ctx.store.db.update(accountManagerActivities).set({ removedAt: now, updatedAt: now }).where(eq(accountManagerActivities.id, row.id)).run();
      appendAudit(ctx.store.sqlite, actor, [
        { entity: 'account_manager_activity', entityId: row.id, action: 'delete', field: 'removedAt', before: null, after: now },
      ]);
      return getAccountManagerState(ctx.store, input.operatorId);
    });
  },
};
