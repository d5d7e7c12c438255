import { create } from 'zustand';
import type { ChecklistTemplate } from '../../../src-main/contract/checklist-template';
import type { Result } from '../../../src-main/contract/result';
import type { StoredTemplate, TemplateSummary } from '../../../src-main/contract/templates';
import { api, type ApiError } from '../api/client';

type Load = 'idle' | 'loading' | 'ready' | 'error';

type TemplatesState = {
  /** The latest version of each template (or every version, with `allVersions`). */
  items: TemplateSummary[];
  allVersions: boolean;
  status: Load;
  error: ApiError | null;
  load(allVersions?: boolean): Promise<void>;
  /** Loads the list once; later calls reuse it. */
  ensure(): Promise<void>;
  importTemplate(content: string, fileName: string): Promise<Result<TemplateSummary>>;
};

let listRequest = 0;

export const useTemplatesStore = create<TemplatesState>()((set, get) => ({
  items: [],
  allVersions: false,
  status: 'idle',
  error: null,
  async load(allVersions = get().allVersions) {
    const request = ++listRequest;
    set({ status: 'loading', error: null, allVersions });
    const result = await api.templates.list({ includeOldVersions: allVersions });
    if (request !== listRequest) return;
    if (result.ok) set({ items: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },
  async ensure() {
    if (get().status === 'idle' || get().status === 'error') await get().load();
  },
  async importTemplate(content, fileName) {
    const result = await api.templates.import({ content, fileName });
    if (result.ok) await get().load();
    return result;
  },
}));

/** Full templates by id and version: a stored version never changes, so each is fetched once per session. */
const templateCache = new Map<string, Promise<Result<StoredTemplate>>>();

export function fetchTemplate(templateId: string, version?: number): Promise<Result<StoredTemplate>> {
  const key = `${templateId}@${version ?? 'latest'}`;
  let cached = templateCache.get(key);
  if (!cached) {
    cached = api.templates.get(version === undefined ? { templateId } : { templateId, version });
    // A failure is not remembered: the next call asks again.
    void cached.then((result) => {
      if (!result.ok) templateCache.delete(key);
    });
    // "latest" can change with an import; only pinned versions are kept for the session.
    if (version !== undefined) templateCache.set(key, cached);
  }
  return cached;
}

export type { ChecklistTemplate };
