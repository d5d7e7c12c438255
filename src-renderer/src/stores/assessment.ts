import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Assessment } from '../../../src-main/contract/assessment';
import type { Result } from '../../../src-main/contract/result';
import { api, type ApiError } from '../api/client';

type AssessmentState = {
  caseId: string | null;
  assessment: Assessment | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  load(caseId: string): Promise<void>;
  setConclusion(input: Omit<InputOf<'assessment:setConclusion'>, 'caseId'>): Promise<Result<Assessment>>;
  update(patch: InputOf<'assessment:update'>['patch']): Promise<Result<Assessment>>;
};

let request = 0;

/** The validators' judgement on the open case (step 8): conclusions per WCO criterion and the recommendation. */
export const useAssessmentStore = create<AssessmentState>()((set, get) => {
  const keep = (result: Result<Assessment>) => {
    if (result.ok && result.value.caseId === get().caseId) set({ assessment: result.value });
    return result;
  };
  const noCase: Result<Assessment> = { ok: false, error: { code: 'not_found', message: 'no case' } };
  return {
    caseId: null,
    assessment: null,
    status: 'idle',
    error: null,
    async load(caseId) {
      const mine = ++request;
      set({ caseId, status: 'loading', error: null, ...(get().caseId === caseId ? {} : { assessment: null }) });
      const result = await api.assessment.get({ caseId });
      if (mine !== request) return;
      if (result.ok) set({ assessment: result.value, status: 'ready' });
      else set({ status: 'error', error: result.error });
    },
    async setConclusion(input) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      return keep(await api.assessment.setConclusion({ caseId, ...input }));
    },
    async update(patch) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      return keep(await api.assessment.update({ caseId, patch }));
    },
  };
});
