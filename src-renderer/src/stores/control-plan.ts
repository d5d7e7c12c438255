import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { ControlMeasure, ControlPlan } from '../../../src-main/contract/control-plan';
import type { Result } from '../../../src-main/contract/result';
import { api, type ApiError } from '../api/client';

type ControlPlanState = {
  caseId: string | null;
  plan: ControlPlan | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  actionError: ApiError | null;
  load(caseId: string): Promise<void>;
  saveMeasure(draft: InputOf<'controlPlan:saveMeasure'>): Promise<Result<ControlMeasure>>;
  removeMeasure(id: string): Promise<void>;
  updateMeta(meta: Omit<InputOf<'controlPlan:updateMeta'>, 'caseId'>): Promise<Result<ControlPlan>>;
  /** The administration-wide maximum monitoring period (settings), then the plan again for its new due date. */
  setMaxMonitoringMonths(months: number): Promise<Result<unknown>>;
};

let request = 0;

/** The control plan of the open case (step 9): measures per residual risk, the re-evaluation date, the schedule. */
export const useControlPlanStore = create<ControlPlanState>()((set, get) => {
  async function read(caseId: string) {
    const mine = ++request;
    const result = await api.controlPlan.get({ caseId });
    if (mine !== request || get().caseId !== caseId) return;
    if (result.ok) set({ plan: result.value, status: 'ready', error: null });
    else set({ status: 'error', error: result.error });
  }
  const noCase = { ok: false as const, error: { code: 'not_found' as const, message: 'no case' } };
  return {
    caseId: null,
    plan: null,
    status: 'idle',
    error: null,
    actionError: null,
    async load(caseId) {
      set({ caseId, status: 'loading', error: null, actionError: null, ...(get().caseId === caseId ? {} : { plan: null }) });
      await read(caseId);
    },
    async saveMeasure(draft) {
      const result = await api.controlPlan.saveMeasure(draft);
      if (result.ok && get().caseId === draft.caseId) await read(draft.caseId);
      return result;
    },
    async removeMeasure(id) {
      const caseId = get().caseId;
      if (!caseId) return;
      set({ actionError: null });
      const result = await api.controlPlan.removeMeasure({ caseId, id });
      if (result.ok) set({ plan: result.value });
      else set({ actionError: result.error });
    },
    async updateMeta(meta) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      const result = await api.controlPlan.updateMeta({ caseId, ...meta });
      if (result.ok && get().caseId === caseId) set({ plan: result.value });
      return result;
    },
    async setMaxMonitoringMonths(months) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      const result = await api.settings.update({ maxMonitoringMonths: months });
      if (result.ok) await read(caseId);
      return result;
    },
  };
});
