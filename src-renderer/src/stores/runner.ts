import { create } from 'zustand';
import type { Result } from '../../../src-main/contract/result';
import type { Answer, AnswerValue, RunDetail, RunSummary } from '../../../src-main/contract/runs';
import { api, type ApiError } from '../api/client';
import { useSessionStore } from './session';
import type { Load } from './case-resource';

export const runFilters = ['all', 'unanswered', 'non_compliant', 'evidence_missing'] as const;
export type RunFilter = (typeof runFilters)[number];

type RunnerState = {
  runId: string | null;
  detail: RunDetail | null;
  status: Load;
  error: ApiError | null;
  /** What the page shows: confirmed answers overlaid with the ones still being saved. */
  answers: Record<string, Answer>;
  evidenceCounts: Record<string, number>;
  run: RunSummary | null;
  filter: RunFilter;
  /** Items answered while a filter is on stay in view until the filter changes, so the list does not jump. */
  sticky: Record<string, true>;
  currentId: string | null;
  saveError: { itemId: string; error: ApiError } | null;
  /** Loads run `id`, on item `item` when the run has it (the address names it), else where it was, else the first. */
  load(id: string, item?: string): Promise<void>;
  /** Reads the open run's answers again (the window came back to the front): changes made elsewhere show. */
  refresh(): Promise<void>;
  setFilter(filter: RunFilter): void;
  setCurrent(itemId: string): void;
  answer(itemId: string, value: AnswerValue | null): Promise<boolean>;
  saveNote(itemId: string, note: string): Promise<boolean>;
  updateRun(patch: { label?: string; metadata?: Record<string, string> }): Promise<Result<RunSummary>>;
  changeEvidenceCount(itemId: string, delta: number): void;
  dismissSaveError(): void;
};

/** The server's answers as last confirmed, per item: where a refused change rolls back to, and whose revision a save edits. */
let confirmed: Record<string, Answer | undefined> = {};
/** A counter per item: only the newest request's answer (or failure) may change what is shown. */
const latest = new Map<string, number>();
/**
 * Saves of one item go out one after another: each names the revision the previous one produced, so the service
 * can refuse a write from elsewhere that is older than ours (and ours are never refused for racing each other).
 */
const queues = new Map<string, Promise<unknown>>();
let loadRequest = 0;

/** True when the service refused a save because the answer changed since the revision it was based on. */
export const isStaleWrite = (error: ApiError): boolean =>
  error.code === 'conflict' && (error.issues ?? []).some((issue) => issue.code === 'stale_write');

function pendingAnswer(runId: string, itemId: string, base: Answer | undefined, change: Partial<Answer>): Answer {
  const user = useSessionStore.getState().currentUser;
  return {
    id: base?.id ?? `pending-${itemId}`,
    runId,
    itemId,
    value: base?.value ?? null,
    note: base?.note ?? '',
    revision: base?.revision ?? 0,
    ...change,
    answeredBy: user?.id ?? base?.answeredBy ?? '',
    answeredByName: user?.name ?? base?.answeredByName ?? '',
    answeredAt: new Date().toISOString(),
  };
}

export const useRunnerStore = create<RunnerState>()((set, get) => {
  /** After a refused stale write: what the service holds now replaces what is shown (and what later saves edit). */
  async function refetch(runId: string, itemId: string): Promise<void> {
    const result = await api.runs.get({ id: runId });
    if (!result.ok || get().runId !== runId) return;
    const current = result.value.answers.find((a) => a.itemId === itemId);
    confirmed = { ...confirmed, [itemId]: current };
    set((state) => {
      const answers = { ...state.answers };
      if (current) answers[itemId] = current;
      else delete answers[itemId];
      return { answers };
    });
  }

  /** Saves one change optimistically; rolls back and reports when the service refuses it. */
  async function save(itemId: string, change: { value?: AnswerValue | null; note?: string }): Promise<boolean> {
    const runId = get().runId;
    // A signed-off run is read-only (the service refuses too): keys and late blurs change nothing.
    if (!runId || get().run?.finished) return false;
    const version = (latest.get(itemId) ?? 0) + 1;
    latest.set(itemId, version);
    const shown = get().answers[itemId];
    const next = pendingAnswer(runId, itemId, shown, change);
    set((state) => ({
      answers: { ...state.answers, [itemId]: next },
      sticky: state.filter === 'all' ? state.sticky : { ...state.sticky, [itemId]: true },
      saveError: state.saveError?.itemId === itemId ? null : state.saveError,
    }));
    const send = async () => {
      const baseRevision = confirmed[itemId]?.revision ?? 0;
      return api.runs.answer({ runId, itemId, ...change, baseRevision });
    };
    const request = (queues.get(itemId) ?? Promise.resolve()).then(send, send);
    queues.set(itemId, request);
    const result = await request;
    if (queues.get(itemId) === request) queues.delete(itemId);
    if (get().runId !== runId) return result.ok;
    if (result.ok) confirmed = { ...confirmed, [itemId]: result.value };
    if (!result.ok && isStaleWrite(result.error)) {
      await refetch(runId, itemId);
      set({ saveError: { itemId, error: result.error } });
      return false;
    }
    if (latest.get(itemId) !== version) return result.ok;
    if (result.ok) {
      // The optimistic answer already shows what was saved; replace it only where the service differs.
      const shownNow = get().answers[itemId];
      const same =
        shownNow !== undefined &&
        shownNow.value === result.value.value &&
        shownNow.note === result.value.note &&
        shownNow.answeredByName === result.value.answeredByName;
      set((state) => ({ answers: { ...state.answers, [itemId]: same && shownNow ? { ...shownNow, revision: result.value.revision } : result.value } }));
      return true;
    }
    const back = confirmed[itemId];
    set((state) => {
      const answers = { ...state.answers };
      if (back) answers[itemId] = back;
      else delete answers[itemId];
      return { answers, saveError: { itemId, error: result.error } };
    });
    return false;
  }

  return {
    runId: null,
    detail: null,
    status: 'idle',
    error: null,
    answers: {},
    evidenceCounts: {},
    run: null,
    filter: 'all',
    sticky: {},
    currentId: null,
    saveError: null,

    async load(id, item) {
      const request = ++loadRequest;
      const same = get().runId === id;
      set({
        runId: id,
        status: 'loading',
        error: null,
        ...(same ? {} : { detail: null, answers: {}, run: null, filter: 'all', sticky: {}, currentId: null, saveError: null }),
      });
      const result = await api.runs.get({ id });
      if (request !== loadRequest) return;
      if (!result.ok) {
        set({ status: 'error', error: result.error });
        return;
      }
      const detail = result.value;
      const answers = Object.fromEntries(detail.answers.map((a) => [a.itemId, a]));
      confirmed = { ...answers };
      latest.clear();
      queues.clear();
      const items = detail.template.sections.flatMap((section) => section.items.map((i) => i.id));
      const first = items[0] ?? null;
      const named = item !== undefined && items.includes(item) ? item : null;
      set((state) => ({
        detail,
        status: 'ready',
        answers,
        run: detail.run,
        evidenceCounts: { ...detail.evidenceCounts },
        currentId: named ?? (same && state.currentId ? state.currentId : first),
      }));
    },
    async refresh() {
      const runId = get().runId;
      if (!runId || get().status !== 'ready') return;
      // An item saved after this read began keeps what the page shows: the read may be older than that save.
      const before = new Map(latest);
      const result = await api.runs.get({ id: runId });
      if (!result.ok || get().runId !== runId || get().status !== 'ready') return;
      const fresh = new Map(result.value.answers.map((a) => [a.itemId, a]));
      const answers = { ...get().answers };
      const itemIds = new Set([...Object.keys(answers), ...fresh.keys()]);
      for (const itemId of itemIds) {
        if (queues.has(itemId) || latest.get(itemId) !== before.get(itemId)) continue;
        const answer = fresh.get(itemId);
        confirmed = { ...confirmed, [itemId]: answer };
        if (answer) answers[itemId] = answer;
        else delete answers[itemId];
      }
      set({ answers, run: result.value.run, evidenceCounts: { ...result.value.evidenceCounts } });
    },
    setFilter(filter) {
      set({ filter, sticky: {} });
    },
    setCurrent(itemId) {
      if (get().currentId !== itemId) set({ currentId: itemId });
    },
    answer: (itemId, value) => save(itemId, { value }),
    saveNote: (itemId, note) => {
      if ((get().answers[itemId]?.note ?? '') === note) return Promise.resolve(true);
      return save(itemId, { note });
    },
    async updateRun(patch) {
      const id = get().runId;
      if (!id) return { ok: false, error: { code: 'not_found', message: 'no run' } };
      const result = await api.runs.update({ id, ...patch });
      if (result.ok && get().runId === id) set({ run: result.value });
      return result;
    },
    changeEvidenceCount(itemId, delta) {
      set((state) => ({
        evidenceCounts: { ...state.evidenceCounts, [itemId]: Math.max(0, (state.evidenceCounts[itemId] ?? 0) + delta) },
      }));
    },
    dismissSaveError() {
      set({ saveError: null });
    },
  };
});
