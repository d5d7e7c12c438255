import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Assessment } from '../../../src-main/contract/assessment';
import type { Result } from '../../../src-main/contract/result';
import { api, type ApiError } from '../api/client';
import { createCaseResource, noCase } from './case-resource';

type AssessmentState = {
  caseId: string | null;
  assessment: Assessment | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  load(caseId: string): Promise<void>;
  setConclusion(input: Omit<InputOf<'assessment:setConclusion'>, 'caseId'>): Promise<Result<Assessment>>;
  /** Replaces what one criterion's conclusion cites (issue 13). */
  setCitations(input: Omit<InputOf<'assessment:setCitations'>, 'caseId'>): Promise<Result<Assessment>>;
  update(patch: InputOf<'assessment:update'>['patch']): Promise<Result<Assessment>>;
};

/** The validators' judgement on the open case (step 8): conclusions per WCO criterion and the recommendation. */
export const useAssessmentStore = create<AssessmentState>()((set, get) => {
  const keep = (result: Result<Assessment>) => {
    if (result.ok && result.value.caseId === get().caseId) set({ assessment: result.value });
    return result;
  };
  return {
    caseId: null,
    assessment: null,
    status: 'idle',
    error: null,
    load: createCaseResource(set, get, {
      fetch: (caseId) => api.assessment.get({ caseId }),
      apply: (assessment) => ({ assessment }),
      empty: { assessment: null },
    }).load,
    async setConclusion(input) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      return keep(await api.assessment.setConclusion({ caseId, ...input }));
    },
    async setCitations(input) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      return keep(await api.assessment.setCitations({ caseId, ...input }));
    },
    async update(patch) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      return keep(await api.assessment.update({ caseId, patch }));
    },
  };
});
