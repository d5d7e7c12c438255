import type { ModelAccountManager, ModelApplication } from '../contract/report-cycle';
import type { Store } from '../db/open';
import { accountManagerStateOfCase } from './account-manager';
import { getApplication } from './application';
import { reevaluationOf } from './reevaluation-case';

/*
 * The certification cycle's parts of the report model (issue 13), composed apart from report-model.ts so that
 * file only places them. Each is undefined when nothing was recorded: such a case composes as it did before.
 */

export function composeApplication(store: Store, caseId: string): ModelApplication | undefined {
  const application = getApplication(store, caseId);
  const link = reevaluationOf(store, caseId);
  if (application.updatedAt === null && application.documents.length === 0 && !link) return undefined;
  return {
    receivedOn: application.receivedOn,
    reference: application.reference,
    profile: application.profile,
    documents: application.documents.map((d) => ({ kind: d.kind, title: d.title, receivedOn: d.receivedOn })),
    ...(link ? { reevaluationOf: { caseNumber: link.caseNumber, scope: link.scope, areas: link.areas } } : {}),
  };
}

export function composeAccountManager(store: Store, caseId: string): ModelAccountManager | undefined {
  const state = accountManagerStateOfCase(store, caseId);
  if (!state?.manager) return undefined;
  const { name, position, phone, email, assignedOn } = state.manager;
  // Oldest first in print: the control plan reads as a record over time.
  const activities = [...state.activities].reverse().map((a) => ({ function: a.function, date: a.date, note: a.note, managerName: a.managerName }));
  return { name, position, phone, email, assignedOn, activities };
}
