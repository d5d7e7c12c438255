import { create } from 'zustand';
import type { LocalizedText } from '../../../src-main/contract/checklist-template';
import type { Evidence } from '../../../src-main/contract/evidence';
import type { AnswerValue } from '../../../src-main/contract/runs';
import type { Result } from '../../../src-main/contract/result';
import { api, type ApiError } from '../api/client';
import { createCaseResource, type Load, noCaseOpen } from './case-resource';

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

export function isDeviation(value: AnswerValue | null): boolean {
  return value === 'non_compliant' || value === 'partially_compliant';
}

/** Every answer of every run of the case, numbered as the runner numbers them, and the case's evidence. */
async function readLinks(caseId: string): Promise<Result<Pick<CaseLinksState, 'answers' | 'evidence'>>> {
  const [runs, evidence] = await Promise.all([api.runs.list({ caseId }), api.evidence.list({ caseId })]);
  if (!runs.ok) return runs;
  if (!evidence.ok) return evidence;
  const details = await Promise.all(runs.value.map((run) => api.runs.get({ id: run.id })));
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
  return { ok: true, value: { answers, evidence: evidence.value } };
}

export const useCaseLinksStore = create<CaseLinksState>()((set, get) => ({
  ...noCaseOpen,
  answers: [],
  evidence: [],
  readyFor: null,
  load: createCaseResource(set, get, {
    fetch: readLinks,
    apply: (links, caseId) => ({ ...links, readyFor: caseId }),
    empty: { answers: [], evidence: [], readyFor: null },
  }).load,
}));
