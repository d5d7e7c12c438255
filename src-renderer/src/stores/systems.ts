import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Result } from '../../../src-main/contract/result';
import type { InterviewMinutes, SystemReview } from '../../../src-main/contract/systems';
import { api, type ApiError } from '../api/client';
import { createCaseResource, type Load } from './case-resource';

type SystemsState = {
  caseId: string | null;
  systems: SystemReview[];
  minutes: InterviewMinutes[];
  status: Load;
  error: ApiError | null;
  /** A failed removal, which has no form to show it in. */
  actionError: ApiError | null;
  load(caseId: string): Promise<void>;
  saveSystem(draft: InputOf<'systems:save'>): Promise<Result<unknown>>;
  removeSystem(id: string): Promise<void>;
  saveMinutes(draft: InputOf<'interviews:saveMinutes'>): Promise<Result<unknown>>;
};

/** Step 3's system notes and step 4's interview minutes of the open case, read together. */
export const useSystemsStore = create<SystemsState>()((set, get) => {
  const { load, afterChange } = createCaseResource(set, get, {
    fetch: async (caseId): Promise<Result<{ systems: SystemReview[]; minutes: InterviewMinutes[] }>> => {
      const [systems, minutes] = await Promise.all([api.systems.list({ caseId }), api.interviews.minutes({ caseId })]);
      if (!systems.ok) return systems;
      if (!minutes.ok) return minutes;
      return { ok: true, value: { systems: systems.value, minutes: minutes.value } };
    },
    apply: (value) => value,
    empty: { systems: [], minutes: [] },
    reset: { actionError: null },
  });
  return {
    caseId: null,
    systems: [],
    minutes: [],
    status: 'idle',
    error: null,
    actionError: null,
    load,
    saveSystem: async (draft) => afterChange(await api.systems.save(draft)),
    saveMinutes: async (draft) => afterChange(await api.interviews.saveMinutes(draft)),
    async removeSystem(id) {
      const caseId = get().caseId;
      if (!caseId) return;
      set({ actionError: null });
      const result = await afterChange(await api.systems.remove({ caseId, id }));
      if (!result.ok) set({ actionError: result.error });
    },
  };
});
