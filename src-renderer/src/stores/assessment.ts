import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Assessment } from '../../../src-main/contract/assessment';
import type { Result } from '../../../src-main/contract/result';
import { api } from '../api/client';
import { caseRecord, noCaseOpen, type CaseResourceState } from './case-resource';

type AssessmentState = CaseResourceState & {
  assessment: Assessment | null;
  load(caseId: string): Promise<void>;
  setConclusion(input: Omit<InputOf<'assessment:setConclusion'>, 'caseId'>): Promise<Result<Assessment>>;
  /** Replaces what one criterion's conclusion cites (issue 13). */
  setCitations(input: Omit<InputOf<'assessment:setCitations'>, 'caseId'>): Promise<Result<Assessment>>;
  update(patch: InputOf<'assessment:update'>['patch']): Promise<Result<Assessment>>;
};

/** The validators' judgement on the open case (step 8): conclusions per WCO criterion and the recommendation. */
export const useAssessmentStore = create<AssessmentState>()((set, get) => {
  const { load, change } = caseRecord(set, get, 'assessment', (caseId) => api.assessment.get({ caseId }));
  return {
    ...noCaseOpen,
    assessment: null,
    load,
    setConclusion: (input) => change((caseId) => api.assessment.setConclusion({ caseId, ...input })),
    setCitations: (input) => change((caseId) => api.assessment.setCitations({ caseId, ...input })),
    update: (patch) => change((caseId) => api.assessment.update({ caseId, patch })),
  };
});
