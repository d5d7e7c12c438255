import { inArray } from 'drizzle-orm';
import type { LocalizedText } from '../contract/checklist-template';
import type { ModelChecklist } from '../contract/reports';
import type { Store } from '../db/open';
import { answers, checklistRuns } from '../db/schema';
import type { RunTally } from './compliance';

/*
 * The filled checklists for the report's annexes (issue 13): every run of the case with its details and every
 * item of its pinned template version, answered or not, with the note and the evidence attached to it. The CTPAT
 * inspection records are printed from the same runs (their details and the seal number item).
 */

type EvidenceRow = { id: string; runId: string | null; itemId: string | null };

const same = (text: string): LocalizedText => ({ en: text, ru: text });

/** A stored answer value (JSON) as text: strings as they are, anything else as JSON (`true`, `12`). */
function valueText(stored: string | null): string | null {
  if (stored === null) return null;
  const value = JSON.parse(stored) as unknown;
  if (value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function composeChecklists(
  store: Store,
  runs: readonly RunTally[],
  siteNames: ReadonlyMap<string, string>,
  evidence: readonly EvidenceRow[],
  evidenceRef: ReadonlyMap<string, string>,
): ModelChecklist[] {
  if (runs.length === 0) return [];
  const runIds = runs.map((r) => r.id);
  const answerRows = store.db
    .select({ runId: answers.runId, itemId: answers.itemId, value: answers.value, note: answers.note })
    .from(answers)
    .where(inArray(answers.runId, runIds))
    .all();
  const answerOf = new Map(answerRows.map((a) => [`${a.runId}/${a.itemId}`, a]));
  const metadataOf = new Map(
    store.db
      .select({ id: checklistRuns.id, metadata: checklistRuns.metadata })
      .from(checklistRuns)
      .where(inArray(checklistRuns.id, runIds))
      .all()
      .map((r) => [r.id, r.metadata]),
  );
  const refsOf = new Map<string, string[]>();
  for (const row of evidence) {
    if (!row.runId || !row.itemId) continue;
    const key = `${row.runId}/${row.itemId}`;
    refsOf.set(key, [...(refsOf.get(key) ?? []), ...(evidenceRef.get(row.id) ? [evidenceRef.get(row.id)!] : [])]);
  }

  return runs.map((run) => {
    const template = run.template.template;
    const stored = metadataOf.get(run.id) ?? {};
    return {
      runId: run.id,
      templateId: run.template.templateId,
      title: template.title,
      label: run.label,
      siteName: run.siteId ? (siteNames.get(run.siteId) ?? null) : null,
      metadata: template.runMetadata
        .filter((field) => (stored[field.id] ?? '').trim() !== '')
        .map((field) => {
          const raw = stored[field.id]!;
          const choice = field.choices?.find((c) => c.value === raw);
          return { id: field.id, label: field.label, value: choice ? choice.label : same(raw) };
        }),
      sections: template.sections.map((section, s) => ({
        title: section.title,
        items: section.items.map((item, i) => {
          const answer = answerOf.get(`${run.id}/${item.id}`);
          return {
            number: `${s + 1}.${i + 1}`,
            itemId: item.id,
            prompt: item.prompt,
            value: valueText(answer?.value ?? null),
            note: answer?.note ?? '',
            evidenceRefs: refsOf.get(`${run.id}/${item.id}`) ?? [],
          };
        }),
      })),
    };
  });
}
