import { desc, eq } from 'drizzle-orm';
import type { AccountManager, AccountManagerActivity, AccountManagerState } from '../contract/post-certification';
import { AppError } from '../contract/result';
import { newId } from '../core/ids';
import { appendAudit } from '../db/audit-chain';
import type { Store } from '../db/open';
import { accountManagerActivities, accountManagers, cases } from '../db/schema';
import type { HandlerMap } from '../kernel/context';
import { edit, liveRow, liveRows, oneRow, rowList, saveListRow, tombstoneRow, upsertRow } from './case-rows';
import { getOperator } from './operators';

/*
 * The customs account manager of an AEO (seed 000, "Managing the AEO"): one per operator, whatever case is open,
 * with what they did recorded as activities under the five functions the seed lists. Printed in the control plan.
 */

type ActivityRow = typeof accountManagerActivities.$inferSelect;

const toActivity = ({ removedAt: _removed, ...row }: ActivityRow): AccountManagerActivity => row;

const managerRow = oneRow(accountManagers, 'account_manager');
const activityRows = rowList(accountManagerActivities, {
  entity: 'account_manager_activity',
  owner: 'operatorId',
  missing: "No such activity of this operator's account manager (it may have been removed).",
  notOwn: 'not an activity of this operator',
});

export function accountManagerRow(store: Store, operatorId: string): AccountManager | null {
  return store.db.select().from(accountManagers).where(eq(accountManagers.operatorId, operatorId)).get() ?? null;
}

export function getAccountManagerState(store: Store, operatorId: string): AccountManagerState {
  getOperator(store, operatorId);
  const activities = liveRows(store, accountManagerActivities, eq(accountManagerActivities.operatorId, operatorId), [
    desc(accountManagerActivities.date),
    desc(accountManagerActivities.createdAt),
  ]).map(toActivity);
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

export const accountManagerHandlers: HandlerMap<'accountManager'> = {
  'accountManager:get': (ctx, input) => getAccountManagerState(ctx.store, input.operatorId),

  'accountManager:assign': (ctx, { operatorId, ...fields }) =>
    edit(ctx, (actor) => {
      getOperator(ctx.store, operatorId);
      const fresh = (now: string) => ({ id: newId(), operatorId, ...fields, updatedAt: now });
      appendAudit(ctx.store.sqlite, actor, upsertRow(ctx.store, managerRow, eq(accountManagers.operatorId, operatorId), fields, fresh).changes);
      return getAccountManagerState(ctx.store, operatorId);
    }),

  'accountManager:saveActivity': (ctx, { operatorId, id, ...fields }) =>
    edit(ctx, (actor) => {
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
      saveListRow(ctx.store, actor, activityRows, { ownerId: operatorId, id }, fields, { extra: () => ({ managerName: manager.name }) });
      return getAccountManagerState(ctx.store, operatorId);
    }),

  'accountManager:removeActivity': (ctx, input) =>
    edit(ctx, (actor) => {
      tombstoneRow(ctx.store, actor, activityRows, liveRow(ctx.store, activityRows, input.id, input.operatorId));
      return getAccountManagerState(ctx.store, input.operatorId);
    }),
};
