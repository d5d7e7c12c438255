import { create } from 'zustand';
import type { PdfResult, ReportDocument, ReportLanguage, ReportVersionSummary } from '../../../src-main/contract/reports';
import type { Result } from '../../../src-main/contract/result';
import { api, type ApiError } from '../api/client';
import { createCaseResource, noCase, noCaseOpen } from './case-resource';

export type PdfKey = `${ReportDocument}.${ReportLanguage}`;

type ReportsState = {
  caseId: string | null;
  versions: ReportVersionSummary[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  /** The PDFs printed in this session, by document and language (newest wins). */
  results: Partial<Record<PdfKey, PdfResult>>;
  load(caseId: string): Promise<void>;
  createVersion(): Promise<Result<ReportVersionSummary>>;
  refreshDraft(id: string): Promise<Result<ReportVersionSummary>>;
  remember(result: PdfResult): void;
};

/** Report versions of the open case and the PDFs printed from them (steps 8 and 9). */
export const useReportsStore = create<ReportsState>()((set, get) => {
  const { load, read } = createCaseResource(set, get, {
    fetch: (caseId) => api.reports.listVersions({ caseId }),
    apply: (versions) => ({ versions }),
    empty: { versions: [], results: {} },
  });
  return {
    ...noCaseOpen,
    versions: [],
    results: {},
    load,
    async createVersion() {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      const result = await api.reports.createVersion({ caseId });
      if (result.ok) await read(caseId);
      return result;
    },
    async refreshDraft(id) {
      const caseId = get().caseId;
      if (!caseId) return noCase;
      const result = await api.reports.refreshDraft({ id });
      if (result.ok) await read(caseId);
      return result;
    },
    remember(result) {
      const caseId = get().caseId;
      set((state) => ({ results: { ...state.results, [`${result.document}.${result.lang}`]: result } }));
      // Printing from the case may have frozen a new draft version.
      if (caseId) void read(caseId);
    },
  };
});
