import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { OfficialRecord } from '../../../src-main/contract/official';
import type { Result } from '../../../src-main/contract/result';
import { api } from '../api/client';
import { caseChange, createCaseResource, noCaseOpen, type CaseResourceState } from './case-resource';

type OfficialState = CaseResourceState & {
  record: OfficialRecord | null;
  load(caseId: string): Promise<void>;
  update(patch: Omit<InputOf<'official:update'>, 'caseId'>): Promise<Result<OfficialRecord>>;
  assignNumber(): Promise<Result<OfficialRecord>>;
  recordVisit(input: Omit<InputOf<'official:recordVisit'>, 'caseId'>): Promise<Result<OfficialRecord>>;
};

/**
 * The open case's official record (contract/official.ts): registration number, look-back period, the visits as
 * held, the closing meeting, conditions and approving officials. Every change answers the whole record.
 */
export const useOfficialStore = create<OfficialState>()((set, get) => {
  const onCase = caseChange(get, set, (record: OfficialRecord) => ({ record }));
  return {
    ...noCaseOpen,
    record: null,
    load: createCaseResource(set, get, {
      fetch: (caseId) => api.official.get({ caseId }),
      apply: (record) => ({ record }),
      empty: { record: null },
    }).load,
    update: (patch) => onCase((caseId) => api.official.update({ caseId, ...patch })),
    assignNumber: () => onCase((caseId) => api.official.assignNumber({ caseId })),
    recordVisit: (input) => onCase((caseId) => api.official.recordVisit({ caseId, ...input })),
  };
});
