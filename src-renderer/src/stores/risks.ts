import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Result } from '../../../src-main/contract/result';
import { DEFAULT_RISK_MATRIX, type RiskMatrix } from '../../../src-main/contract/risk-scale';
import type { Finding, HeatMap, Risk } from '../../../src-main/contract/risks';
import { api, type ApiError } from '../api/client';

type Load = 'idle' | 'loading' | 'ready' | 'error';

type RisksState = {
  caseId: string | null;
  risks: Risk[];
  heatMap: HeatMap | null;
  findings: Finding[];
  /** The configured 5×5 matrix, for the form's live level preview (the server derives the stored level). */
  matrix: RiskMatrix;
  status: Load;
  error: ApiError | null;
  /** The last failed change with no form to show it in (a removal). */
  actionError: ApiError | null;
  load(caseId: string): Promise<void>;
  /** Reads the register again, e.g. after a risk was opened from the runner. */
  refresh(): Promise<void>;
  createRisk(input: InputOf<'risks:create'>): Promise<Result<Risk>>;
  updateRisk(input: InputOf<'risks:update'>): Promise<Result<Risk>>;
  removeRisk(id: string): Promise<void>;
  createFinding(input: InputOf<'findings:create'>): Promise<Result<Finding>>;
  updateFinding(input: InputOf<'findings:update'>): Promise<Result<Finding>>;
  removeFinding(id: string): Promise<void>;
  clearActionError(): void;
};

let request = 0;

/**
 * The risk register of the open case (steps 5–7), its heat map and its findings. Risks, heat map and findings
 * are read together after every change: levels and cells are the server's to derive.
 */
export const useRisksStore = create<RisksState>()((set, get) => {
  async function read(caseId: string) {
    const mine = ++request;
    const [risks, heatMap, findings, settings] = await Promise.all([
      api.risks.list({ caseId }),
      api.risks.heatMap({ caseId }),
      api.findings.list({ caseId }),
      api.settings.get({}),
    ]);
    if (mine !== request || get().caseId !== caseId) return;
    const failed = [risks, heatMap, findings].find((r) => !r.ok);
    if (failed && !failed.ok) {
      set({ status: 'error', error: failed.error });
      return;
    }
    set({
      status: 'ready',
      error: null,
      risks: risks.ok ? risks.value : [],
      heatMap: heatMap.ok ? heatMap.value : null,
      findings: findings.ok ? findings.value : [],
      matrix: settings.ok ? settings.value.riskMatrix : DEFAULT_RISK_MATRIX,
    });
  }
  async function afterChange<T>(result: Result<T>): Promise<Result<T>> {
    const caseId = get().caseId;
    if (result.ok && caseId) await read(caseId);
    return result;
  }
  return {
    caseId: null,
    risks: [],
    heatMap: null,
    findings: [],
    matrix: DEFAULT_RISK_MATRIX,
    status: 'idle',
    error: null,
    actionError: null,
    async load(caseId) {
      const same = get().caseId === caseId;
      set({
        caseId,
        status: 'loading',
        error: null,
        actionError: null,
        ...(same ? {} : { risks: [], heatMap: null, findings: [] }),
      });
      await read(caseId);
    },
    async refresh() {
      const caseId = get().caseId;
      if (caseId) await read(caseId);
    },
    createRisk: async (input) => {
      const result = await api.risks.create(input);
      // A risk opened from the runner may belong to a case whose register is not loaded.
      return get().caseId === input.caseId ? afterChange(result) : result;
    },
    updateRisk: async (input) => afterChange(await api.risks.update(input)),
    async removeRisk(id) {
      set({ actionError: null });
      const result = await api.risks.remove({ id });
      if (result.ok) await afterChange(result);
      else set({ actionError: result.error });
    },
    createFinding: async (input) => afterChange(await api.findings.create(input)),
    updateFinding: async (input) => afterChange(await api.findings.update(input)),
    async removeFinding(id) {
      set({ actionError: null });
      const result = await api.findings.remove({ id });
      if (result.ok) await afterChange(result);
      else set({ actionError: result.error });
    },
    clearActionError() {
      set({ actionError: null });
    },
  };
});
