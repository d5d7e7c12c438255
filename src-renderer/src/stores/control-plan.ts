import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { ControlMeasure, ControlPlan } from '../../../src-main/contract/control-plan';
import type { Result } from '../../../src-main/contract/result';
import { api } from '../api/client';
import { caseChange, createCaseResource, noCase, noPlanOpen, planResource, withActionError, type ActionErrorState, type CaseResourceState } from './case-resource';

type ControlPlanState = CaseResourceState &
  ActionErrorState & {
  plan: ControlPlan | null;
  load(caseId: string): Promise<void>;
  saveMeasure(draft: InputOf<'controlPlan:saveMeasure'>): Promise<Result<ControlMeasure>>;
  removeMeasure(id: string): Promise<void>;
  updateMeta(meta: Omit<InputOf<'controlPlan:updateMeta'>, 'caseId'>): Promise<Result<ControlPlan>>;
  /** The administration-wide maximum monitoring period (settings), then the plan again for its new due date. */
  setMaxMonitoringMonths(months: number): Promise<Result<unknown>>;
};

/** The control plan of the open case (step 9): measures per residual risk, the re-evaluation date, the schedule. */
export const useControlPlanStore = create<ControlPlanState>()((set, get) => {
  const { load, read } = createCaseResource(set, get, planResource((caseId) => api.controlPlan.get({ caseId })));
  const onCase = caseChange(get, set, (plan: ControlPlan) => ({ plan }));
  return {
    ...noPlanOpen,
    load,
    async saveMeasure(draft) {
      const result = await api.controlPlan.saveMeasure(draft);
      if (result.ok && get().caseId === draft.caseId) await read(draft.caseId);
      return result;
    },
    async removeMeasure(id) {
      const caseId = get().caseId;
      if (caseId) await withActionError(set, () => api.controlPlan.removeMeasure({ caseId, id }), (plan) => set({ plan }));
    },
    updateMeta: (meta) => onCase((caseId) => api.controlPlan.updateMeta({ caseId, ...meta })),
    async setMaxMonitoringMonths(months) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      const result = await api.settings.update({ maxMonitoringMonths: months });
      if (result.ok) await read(caseId);
      return result;
    },
  };
});
