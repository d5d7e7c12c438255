import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Result } from '../../../src-main/contract/result';
import type { RunSummary } from '../../../src-main/contract/runs';
import { api, type ApiError } from '../api/client';
import { createCaseResource, noCaseOpen } from './case-resource';

type CaseRunsState = {
  caseId: string | null;
  runs: RunSummary[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  load(caseId: string): Promise<void>;
  create(input: InputOf<'runs:create'>): Promise<Result<RunSummary>>;
};

/** The checklist runs of the open case, with their progress (step 2 and step 6 panels, the evidence gallery). */
export const useCaseRunsStore = create<CaseRunsState>()((set, get) => ({
  ...noCaseOpen,
  runs: [],
  load: createCaseResource(set, get, {
    fetch: (caseId) => api.runs.list({ caseId }),
    apply: (runs) => ({ runs }),
    empty: { runs: [] },
  }).load,
  async create(input) {
    const result = await api.runs.create(input);
    if (result.ok) set((state) => ({ runs: state.caseId === input.caseId ? [...state.runs, result.value] : state.runs }));
    return result;
  },
}));
