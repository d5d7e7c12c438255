import { inArray } from 'drizzle-orm';
import type { AnswerRef } from '../contract/reports';
import type { AnswerLink } from '../contract/risks';
import type { Store } from '../db/open';
import { answers, checklistRuns } from '../db/schema';
import type { RunTally } from './compliance';
import { loadTemplateRow, type LoadedTemplate } from './templates-store';

/**
 * Resolves answer links to what the report shows of them, reading every linked answer's value in one query and
 * any run the tally does not hold (in practice none: links are checked to be the case's own) once per run, not
 * once per link.
 */
export function answerRefs(store: Store, runsById: ReadonlyMap<string, RunTally>, links: readonly AnswerLink[]): (link: AnswerLink) => AnswerRef {
  const answerIds = [...new Set(links.map((link) => link.answerId))];
  const values = new Map(
    answerIds.length === 0
      ? []
      : store.db
          .select({ id: answers.id, value: answers.value })
          .from(answers)
          .where(inArray(answers.id, answerIds))
          .all()
          .map((row) => [row.id, row.value]),
  );
  const otherRunIds = [...new Set(links.map((link) => link.runId).filter((id) => !runsById.has(id)))];
  const templates = new Map<string, LoadedTemplate>(
    otherRunIds.length === 0
      ? []
      : store.db
          .select({ id: checklistRuns.id, templateRowId: checklistRuns.templateRowId })
          .from(checklistRuns)
          .where(inArray(checklistRuns.id, otherRunIds))
          .all()
          .map((run) => [run.id, loadTemplateRow(store, run.templateRowId)]),
  );
  for (const [id, run] of runsById) templates.set(id, run.template);

  return (link) => {
    const template = templates.get(link.runId);
    const item = template?.items.get(link.itemId)?.item;
    const stored = values.get(link.answerId);
    const value = stored ? (JSON.parse(stored) as unknown) : null;
    return {
      runId: link.runId,
      itemId: link.itemId,
      runTitle: template?.template.title ?? { en: link.runId, ru: link.runId },
      prompt: item?.prompt ?? null,
      value: value === null ? null : typeof value === 'string' ? value : JSON.stringify(value),
    };
  };
}
