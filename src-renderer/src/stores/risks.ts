import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Result } from '../../../src-main/contract/result';
import { DEFAULT_RISK_MATRIX, type RiskMatrix } from '../../../src-main/contract/risk-scale';
import type { Finding, HeatMap, Risk } from '../../../src-main/contract/risks';
import { api, type ApiError } from '../api/client';
import { createCaseResource, type Load, noCaseOpen, withActionError } from './case-resource';

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

type Register = Pick<RisksState, 'risks' | 'heatMap' | 'findings' | 'matrix'>;

/** Risks, heat map and findings as one result: the first failure fails the read; the matrix falls back. */
async function readRegister(caseId: string): Promise<Result<Register>> {
  const [risks, heatMap, findings, settings] = await Promise.all([
    api.risks.list({ caseId }),
    api.risks.heatMap({ caseId }),
    api.findings.list({ caseId }),
    api.settings.get({}),
  ]);
  if (!risks.ok) return risks;
  if (!heatMap.ok) return heatMap;
  if (!findings.ok) return findings;
  const matrix = settings.ok ? settings.value.riskMatrix : DEFAULT_RISK_MATRIX;
  return { ok: true, value: { risks: risks.value, heatMap: heatMap.value, findings: findings.value, matrix } };
}

/**
 * The risk register of the open case (steps 5–7), its heat map and its findings. Risks, heat map and findings
 * are read together after every change: levels and cells are the server's to derive.
 */
export const useRisksStore = create<RisksState>()((set, get) => {
  const { load, refresh, afterChange } = createCaseResource(set, get, {
    fetch: readRegister,
    apply: (register) => register,
    empty: { risks: [], heatMap: null, findings: [] },
    reset: { actionError: null },
  });
  return {
    ...noCaseOpen,
    risks: [],
    heatMap: null,
    findings: [],
    matrix: DEFAULT_RISK_MATRIX,
    actionError: null,
    load,
    refresh,
    createRisk: async (input) => {
      const result = await api.risks.create(input);
      // A risk opened from the runner may belong to a case whose register is not loaded.
      return get().caseId === input.caseId ? afterChange(result) : result;
    },
    updateRisk: async (input) => afterChange(await api.risks.update(input)),
    removeRisk: (id) => withActionError(set, () => api.risks.remove({ id }), (_, result) => afterChange(result)),
    createFinding: async (input) => afterChange(await api.findings.create(input)),
    updateFinding: async (input) => afterChange(await api.findings.update(input)),
    removeFinding: (id) => withActionError(set, () => api.findings.remove({ id }), (_, result) => afterChange(result)),
    clearActionError() {
      set({ actionError: null });
    },
  };
});
