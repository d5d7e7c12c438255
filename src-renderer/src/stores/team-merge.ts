import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Result } from '../../../src-main/contract/result';
import type { MergeOutcome } from '../../../src-main/contract/team';
import { api, type ApiError } from '../api/client';
import { createCaseResource, noCase, type CaseResourceState } from './case-resource';

type Decision = Omit<InputOf<'team:resolve'>, 'caseId'>;

type TeamMergeState = CaseResourceState & {
  /** The merge of the case's imported field reports as it stands, with the lead's kept decisions applied. */
  outcome: MergeOutcome | null;
  load(caseId: string): Promise<void>;
  /** Reads the merge again (after a field report was imported). */
  refresh(): Promise<void>;
  resolve(decision: Decision): Promise<Result<MergeOutcome>>;
  reopen(conflictId: string): Promise<Result<MergeOutcome>>;
};

/** The lead's merge of one case (the conflict queue): read, decide, reopen; each answer is the merge as it now stands. */
export const useTeamMergeStore = create<TeamMergeState>()((set, get) => {
  const { load, refresh } = createCaseResource(set, get, {
    fetch: (caseId) => api.team.merge({ caseId }),
    apply: (outcome: MergeOutcome) => ({ outcome }),
    empty: { outcome: null },
  });
  /** A decision answers the new merge: shown at once, no second read. */
  const landed = (caseId: string, result: Result<MergeOutcome>): Result<MergeOutcome> => {
    if (result.ok && get().caseId === caseId) set({ outcome: result.value, status: 'ready', error: null as ApiError | null });
    return result;
  };
  return {
    caseId: null,
    status: 'idle',
    error: null,
    outcome: null,
    load,
    refresh,
    async resolve(decision) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      return landed(caseId, await api.team.resolve({ caseId, ...decision }));
    },
    async reopen(conflictId) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      return landed(caseId, await api.team.reopen({ caseId, conflictId }));
    },
  };
});
