import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Plan } from '../../../src-main/contract/plan';
import type { Result } from '../../../src-main/contract/result';
import { api, type ApiError } from '../api/client';

type Load = 'idle' | 'loading' | 'ready' | 'error';

type Removable = 'Site' | 'Visit' | 'Interview' | 'Procedure';

type PlanState = {
  caseId: string | null;
  plan: Plan | null;
  status: Load;
  error: ApiError | null;
  /** The last failed change (remove, reorder, a checkbox) that has no form to show it in. */
  actionError: ApiError | null;
  load(caseId: string): Promise<void>;
  saveSite(draft: InputOf<'plan:saveSite'>): Promise<Result<unknown>>;
  saveVisit(draft: InputOf<'plan:saveVisit'>): Promise<Result<unknown>>;
  saveInterview(draft: InputOf<'plan:saveInterview'>): Promise<Result<unknown>>;
  saveProcedure(draft: InputOf<'plan:saveProcedure'>): Promise<Result<unknown>>;
  updateMeta(meta: InputOf<'plan:updateMeta'>['meta']): Promise<Result<unknown>>;
  remove(kind: Removable, id: string): Promise<void>;
  move(procedureId: string, delta: -1 | 1): Promise<void>;
  clearActionError(): void;
};

let planRequest = 0;

export const usePlanStore = create<PlanState>()((set, get) => {
  /** After a save that answers with one row, the plan is read again: lists are ordered by the server. */
  async function afterSave<T>(result: Result<T>): Promise<Result<T>> {
    const caseId = get().caseId;
    if (result.ok && caseId) await refresh(caseId);
    return result;
  }
  async function refresh(caseId: string) {
    const request = ++planRequest;
    const result = await api.plan.get({ caseId });
    if (request !== planRequest || get().caseId !== caseId) return;
    if (result.ok) set({ plan: result.value, status: 'ready', error: null });
    else set({ status: 'error', error: result.error });
  }
  return {
    caseId: null,
    plan: null,
    status: 'idle',
    error: null,
    actionError: null,
    async load(caseId) {
      const same = get().caseId === caseId;
      set({ caseId, status: 'loading', error: null, actionError: null, ...(same ? {} : { plan: null }) });
      await refresh(caseId);
    },
    saveSite: async (draft) => afterSave(await api.plan.saveSite(draft)),
    saveVisit: async (draft) => afterSave(await api.plan.saveVisit(draft)),
    saveInterview: async (draft) => afterSave(await api.plan.saveInterview(draft)),
    saveProcedure: async (draft) => afterSave(await api.plan.saveProcedure(draft)),
    async updateMeta(meta) {
      const caseId = get().caseId;
      if (!caseId) return { ok: false, error: { code: 'not_found', message: 'no case' } };
      const result = await api.plan.updateMeta({ caseId, meta });
      if (result.ok) set({ plan: result.value });
      return result;
    },
    async remove(kind, id) {
      const caseId = get().caseId;
      if (!caseId) return;
      set({ actionError: null });
      const result = await api.plan[`remove${kind}`]({ caseId, id });
      if (result.ok) set({ plan: result.value });
      else set({ actionError: result.error });
    },
    async move(procedureId, delta) {
      const { plan, caseId } = get();
      if (!plan || !caseId) return;
      const order = plan.procedures.map((p) => p.id);
      const from = order.indexOf(procedureId);
      const to = from + delta;
      if (from < 0 || to < 0 || to >= order.length) return;
      [order[from], order[to]] = [order[to] as string, order[from] as string];
      // Optimistic: the row moves at once and moves back if the change is refused.
      const byId = new Map(plan.procedures.map((p) => [p.id, p]));
      const previous = plan;
      set({
        actionError: null,
        plan: { ...plan, procedures: order.map((id, position) => ({ ...(byId.get(id) as Plan['procedures'][number]), position })) },
      });
      const result = await api.plan.reorderProcedures({ caseId, order });
      if (get().caseId !== caseId) return;
      if (result.ok) set({ plan: result.value });
      else set({ plan: previous, actionError: result.error });
    },
    clearActionError() {
      set({ actionError: null });
    },
  };
});
