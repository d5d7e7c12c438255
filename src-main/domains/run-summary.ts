import { computeRunProgress, type RunDetails, type RunProgress } from '../contract/run-progress';
import type { Answer, AnswerValue, Progress, RunSummary } from '../contract/runs';
import type { Store } from '../db/open';
import { statements, type AnswerRow, type RunRow } from './run-store';
import { loadTemplateRow, type LoadedTemplate } from './templates-store';

/* How a stored run and its answers read on the page: the run's summary with its progress, and an answer. */

/** `values` holds stored JSON value texts; the counting rules are the contract's, shared with the page. */
export function runProgress(
  template: LoadedTemplate,
  values: ReadonlyMap<string, string | null>,
  evidence: ReadonlyMap<string, number>,
  details: RunDetails = {},
): RunProgress {
  return computeRunProgress(
    template.template,
    (itemId) => {
      const text = values.get(itemId);
      return text === null || text === undefined ? null : (JSON.parse(text) as AnswerValue);
    },
    (itemId) => evidence.get(itemId) ?? 0,
    details,
  );
}

export const detailsOf = (row: RunRow): RunDetails => JSON.parse(row.metadata) as RunDetails;

export function runSummary(row: RunRow, template: LoadedTemplate, progress: Progress): RunSummary {
  return {
    id: row.id,
    caseId: row.case_id,
    siteId: row.site_id,
    templateId: template.templateId,
    templateVersion: template.version,
    title: { en: template.template.title.en, ru: template.template.title.ru },
    label: row.label,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    progress,
    finished:
      row.finished_at === null
        ? null
        : { at: row.finished_at, byId: row.finished_by ?? '', byName: row.finished_by_name ?? '', signatureSha256: row.signature_sha256 },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function summaryOf(store: Store, row: RunRow): RunSummary {
  const template = loadTemplateRow(store, row.template_row_id);
  const values = new Map(statements(store).answersOfRun.all(row.id).map((a) => [a.item_id, a.value]));
  const evidence = new Map(statements(store).evidenceOfRun.all(row.id).map((e) => [e.item_id, e.n]));
  return runSummary(row, template, runProgress(template, values, evidence, detailsOf(row)).overall);
}

export const toAnswer = (row: AnswerRow): Answer => ({
  id: row.id,
  runId: row.run_id,
  itemId: row.item_id,
  value: row.value === null ? null : (JSON.parse(row.value) as AnswerValue),
  note: row.note,
  answeredBy: row.answered_by,
  answeredByName: row.answered_by_name,
  answeredAt: row.answered_at,
  revision: row.revision,
});
