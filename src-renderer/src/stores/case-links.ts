import { create } from 'zustand';
import type { LocalizedText } from '../../../src-main/contract/checklist-template';
import type { Evidence } from '../../../src-main/contract/evidence';
import type { AnswerValue } from '../../../src-main/contract/runs';
import { api, type ApiError } from '../api/client';

/** One answered checklist item of the case, with what it takes to name it in a link list. */
export type AnswerEntry = {
  answerId: string;
  runId: string;
  itemId: string;
  value: AnswerValue | null;
  note: string;
  prompt: LocalizedText;
  runTitle: LocalizedText;
  runLabel: string;
  siteId: string | null;
  /** Item number within its run, `2.3`, as the runner shows it. */
  number: string;
};

type Load = 'idle' | 'loading' | 'ready' | 'error';

type CaseLinksState = {
  caseId: string | null;
  answers: AnswerEntry[];
  evidence: Evidence[];
  status: Load;
  error: ApiError | null;
  /** The case whose answers and evidence have been read at least once (they stay shown while re-reading). */
  readyFor: string | null;
  /** Reads the answers of every run of the case and its evidence (link targets of risks and findings). */
  load(caseId: string): Promise<void>;
};

let request = 0;

export function isDeviation(value: AnswerValue | null): boolean {
  return value === 'non_compliant' || value === 'partially_compliant';
}

export const useCaseLinksStore = create<CaseLinksState>()((set, get) => ({
  caseId: null,
  answers: [],
  evidence: [],
  status: 'idle',
  error: null,
  readyFor: null,
  async load(caseId) {
    const mine = ++request;
    set({
      caseId,
      status: 'loading',
      error: null,
      ...(get().caseId === caseId ? {} : { answers: [], evidence: [], readyFor: null }),
    });
    const [runs, evidence] = await Promise.all([api.runs.list({ caseId }), api.evidence.list({ caseId })]);
    if (!runs.ok || !evidence.ok) {
      if (mine === request) set({ status: 'error', error: !runs.ok ? runs.error : evidence.ok ? null : evidence.error });
      return;
    }
    const details = await Promise.all(runs.value.map((run) => api.runs.get({ id: run.id })));
    if (mine !== request) return;
    const answers: AnswerEntry[] = [];
    for (const detail of details) {
      if (!detail.ok) continue;
      const { run, template } = detail.value;
      const byItem = new Map(detail.value.answers.map((a) => [a.itemId, a]));
      template.sections.forEach((section, s) =>
        section.items.forEach((item, i) => {
          const answer = byItem.get(item.id);
          if (!answer) return;
          answers.push({
            answerId: answer.id,
            runId: run.id,
            itemId: item.id,
            value: answer.value,
            note: answer.note,
            prompt: item.prompt,
            runTitle: run.title,
            runLabel: run.label,
            siteId: run.siteId,
            number: `${s + 1}.${i + 1}`,
          });
        }),
      );
    }
    set({ answers, evidence: evidence.value, status: 'ready', readyFor: caseId });
  },
}));
