import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Plan } from '../../../src-main/contract/plan';
import type { Result } from '../../../src-main/contract/result';
import { api } from '../api/client';
import { createCaseResource, noCase, noPlanOpen, planResource, withActionError, type ActionErrorState, type CaseResourceState } from './case-resource';

type Removable = 'Site' | 'Visit' | 'Interview' | 'Procedure';

/** `actionError`: the last failed change (remove, reorder, a checkbox) that has no form to show it in. */
type PlanState = CaseResourceState &
  ActionErrorState & {
  plan: Plan | null;
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

export const usePlanStore = create<PlanState>()((set, get) => {
  // After a save that answers with one row, the plan is read again: lists are ordered by the server.
  const { load, afterChange: afterSave } = createCaseResource(set, get, planResource((caseId) => api.plan.get({ caseId })));
  return {
    ...noPlanOpen,
    load,
    saveSite: async (draft) => afterSave(await api.plan.saveSite(draft)),
    saveVisit: async (draft) => afterSave(await api.plan.saveVisit(draft)),
    saveInterview: async (draft) => afterSave(await api.plan.saveInterview(draft)),
    saveProcedure: async (draft) => afterSave(await api.plan.saveProcedure(draft)),
    async updateMeta(meta) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      const result = await api.plan.updateMeta({ caseId, meta });
      if (result.ok) set({ plan: result.value });
      return result;
    },
    async remove(kind, id) {
      const caseId = get().caseId;
      if (caseId) await withActionError(set, () => api.plan[`remove${kind}`]({ caseId, id }), (plan) => set({ plan }));
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
