import { create } from 'zustand';
import type { Application, AuthorizationState } from '../../../src-main/contract/certification';
import type { AccountManagerState, MonitoringState } from '../../../src-main/contract/post-certification';
import type { Result } from '../../../src-main/contract/result';
import { api, type ApiError } from '../api/client';
import { createCaseResource, type CaseResourceState } from './case-resource';

/** The certification cycle of the open case: its application, the decision, the account manager, monitoring. */
export type Cycle = {
  application: Application;
  authorization: AuthorizationState;
  monitoring: MonitoringState;
  accountManager: AccountManagerState;
};

type CycleState = CaseResourceState & {
  cycle: Cycle | null;
  load(caseId: string): Promise<void>;
  /** Runs a change, then reads the whole cycle again (a decision opens monitoring, a manager allows activities). */
  change<T>(run: () => Promise<Result<T>>): Promise<Result<T>>;
};

/** One read of the four parts; the account manager is the operator's, found through the case. */
async function fetchCycle(caseId: string): Promise<Result<Cycle>> {
  const [application, authorization, monitoring, detail] = await Promise.all([
    api.application.get({ caseId }),
    api.authorization.get({ caseId }),
    api.monitoring.get({ caseId }),
    api.cases.get({ id: caseId }),
  ]);
  if (!application.ok) return application;
  if (!authorization.ok) return authorization;
  if (!monitoring.ok) return monitoring;
  if (!detail.ok) return detail;
  const accountManager = await api.accountManager.get({ operatorId: detail.value.operator.id });
  if (!accountManager.ok) return accountManager;
  return {
    ok: true,
    value: { application: application.value, authorization: authorization.value, monitoring: monitoring.value, accountManager: accountManager.value },
  };
}

export const useCycleStore = create<CycleState>()((set, get) => {
  const { load, afterChange } = createCaseResource<CycleState, Cycle>(set, get, {
    fetch: fetchCycle,
    apply: (cycle) => ({ cycle }),
    empty: { cycle: null },
  });
  return {
    caseId: null,
    status: 'idle',
    error: null as ApiError | null,
    cycle: null,
    load,
    change: async (run) => afterChange(await run()),
  };
});
