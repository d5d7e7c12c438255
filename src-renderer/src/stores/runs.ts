import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Result } from '../../../src-main/contract/result';
import type { RunSummary } from '../../../src-main/contract/runs';
import { api, type ApiError } from '../api/client';

type CaseRunsState = {
  caseId: string | null;
  runs: RunSummary[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  load(caseId: string): Promise<void>;
  create(input: InputOf<'runs:create'>): Promise<Result<RunSummary>>;
};

let request = 0;

/** The checklist runs of the open case, with their progress (step 2 and step 6 panels, the evidence gallery). */
export const useCaseRunsStore = create<CaseRunsState>()((set, get) => ({
  caseId: null,
  runs: [],
  status: 'idle',
  error: null,
  async load(caseId) {
    const mine = ++request;
    set({ caseId, status: 'loading', error: null, ...(get().caseId === caseId ? {} : { runs: [] }) });
    const result = await api.runs.list({ caseId });
    if (mine !== request) return;
    if (result.ok) set({ runs: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },
  async create(input) {
    const result = await api.runs.create(input);
    if (result.ok) set((state) => ({ runs: state.caseId === input.caseId ? [...state.runs, result.value] : state.runs }));
    return result;
  },
}));
