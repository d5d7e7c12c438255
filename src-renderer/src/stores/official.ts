import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { OfficialRecord } from '../../../src-main/contract/official';
import type { Result } from '../../../src-main/contract/result';
import { api } from '../api/client';
import { caseRecord, noCaseOpen, type CaseResourceState } from './case-resource';

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
  const { load, change } = caseRecord(set, get, 'record', (caseId) => api.official.get({ caseId }));
  return {
    ...noCaseOpen,
    record: null,
    load,
    update: (patch) => change((caseId) => api.official.update({ caseId, ...patch })),
    assignNumber: () => change((caseId) => api.official.assignNumber({ caseId })),
    recordVisit: (input) => change((caseId) => api.official.recordVisit({ caseId, ...input })),
  };
});
