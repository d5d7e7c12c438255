import { create } from 'zustand';
import type { AuditEntry, AuditVerification } from '../../../src-main/contract/audit';
import type { CaseDetail, CaseSummary, ReportLanguage, StepStatus, ValidationStep } from '../../../src-main/contract/cases';
import { api, type ApiError } from '../api/client';
import { useRouteStore } from './route';

type Load = 'idle' | 'loading' | 'ready' | 'error';

type CasesState = {
  query: string;
  items: CaseSummary[];
  listStatus: Load;
  listError: ApiError | null;
  setQuery(query: string): void;
  loadList(query?: string): Promise<void>;

  detail: CaseDetail | null;
  detailStatus: Load;
  detailError: ApiError | null;
  /** The step whose panel is open; defaults to the case's current step. */
  selectedStep: ValidationStep | null;
  stepBusy: boolean;
  stepError: ApiError | null;
  loadCase(id: string): Promise<void>;
  selectStep(step: ValidationStep): void;
  /** Answers the service's error (null when the step changed); a `reason_required` refusal is left to the caller. */
  setStep(step: ValidationStep, status: StepStatus, reason?: string): Promise<ApiError | null>;
  showCreated(detail: CaseDetail): void;
  /** Changes the open case's report language (refused once a version is sealed); answers the error, or null. */
  setReportLanguage(lang: ReportLanguage): Promise<ApiError | null>;

  audit: AuditEntry[];
  auditError: ApiError | null;
  verification: AuditVerification | null;
  verifyBusy: boolean;
  loadAudit(caseId: string): Promise<void>;
  verifyAudit(): Promise<void>;
};

let listRequest = 0;
let caseRequest = 0;

export const useCasesStore = create<CasesState>()((set, get) => ({
  query: '',
  items: [],
  listStatus: 'idle',
  listError: null,
  setQuery(query) {
    set({ query });
  },
  async loadList(query = get().query) {
    const request = ++listRequest;
    set({ listStatus: 'loading', listError: null });
    const trimmed = query.trim();
    const result = await api.cases.list(trimmed ? { query: trimmed } : {});
    // A slower answer to an older query must not overwrite a newer one.
    if (request !== listRequest) return;
    if (result.ok) set({ items: result.value, listStatus: 'ready' });
    else set({ listStatus: 'error', listError: result.error });
  },

  detail: null,
  detailStatus: 'idle',
  detailError: null,
  selectedStep: null,
  stepBusy: false,
  stepError: null,
  async loadCase(id) {
    const request = ++caseRequest;
    const keep = get().detail?.id === id;
    set({
      detailStatus: 'loading',
      detailError: null,
      stepError: null,
      ...(keep ? {} : { detail: null, selectedStep: null, audit: [], auditError: null, verification: null }),
    });
    const result = await api.cases.get({ id });
    if (request !== caseRequest) return;
    if (result.ok) {
      set((state) => ({
        detail: result.value,
        detailStatus: 'ready',
        selectedStep: keep && state.selectedStep ? state.selectedStep : result.value.currentStep,
      }));
      void get().loadAudit(id);
    } else {
      set({ detailStatus: 'error', detailError: result.error });
    }
  },
  selectStep(step) {
    set({ selectedStep: step, stepError: null });
    // The address holds the step (a reload or back returns to it), whoever chose it: a tab, a link, a gate.
    const id = get().detail?.id;
    const route = useRouteStore.getState().route;
    if (id && route.name === 'case' && route.id === id && route.step !== step) useRouteStore.getState().navigate({ name: 'case', id, step });
  },
  async setStep(step, status, reason) {
    const detail = get().detail;
    if (!detail) return null;
    set({ stepBusy: true, stepError: null });
    const result = await api.cases.setStep({ id: detail.id, step, status, ...(reason ? { reason } : {}) });
    if (result.ok) {
      set({ detail: result.value, stepBusy: false, verification: null });
      void get().loadAudit(detail.id);
      return null;
    }
    const needsReason = result.error.issues?.some((i) => i.code === 'reason_required') ?? false;
    set({ stepBusy: false, stepError: needsReason ? null : result.error });
    return result.error;
  },
  async setReportLanguage(reportLanguage) {
    const detail = get().detail;
    if (!detail) return null;
    const result = await api.cases.update({ id: detail.id, expectedUpdatedAt: detail.updatedAt, patch: { reportLanguage } });
    if (!result.ok) return result.error;
    if (get().detail?.id === detail.id) set({ detail: result.value });
    void get().loadAudit(detail.id);
    return null;
  },
  showCreated(detail) {
    caseRequest++;
    set({
      detail,
      detailStatus: 'ready',
      detailError: null,
      selectedStep: detail.currentStep,
      audit: [],
      verification: null,
    });
  },

  audit: [],
  auditError: null,
  verification: null,
  verifyBusy: false,
  async loadAudit(caseId) {
    const result = await api.audit.list({ entityId: caseId, limit: 200 });
    if (get().detail?.id !== caseId) return;
    if (result.ok) set({ audit: result.value, auditError: null });
    else set({ auditError: result.error });
  },
  async verifyAudit() {
    set({ verifyBusy: true });
    const result = await api.audit.verify({});
    if (result.ok) set({ verification: result.value, verifyBusy: false, auditError: null });
    else set({ verifyBusy: false, auditError: result.error });
  },
}));
