import { asc, eq } from 'drizzle-orm';
import type { ComplianceSummary, WcoLetter } from '../contract/assessment';
import { wcoCriteria, type LocalizedText } from '../contract/checklist-template';
import type { Store } from '../db/open';
import { answers, checklistRuns } from '../db/schema';
import { isRequired, type RunDetails } from '../contract/run-progress';
import { liveRiskRows } from './risks';
import { loadTemplateRow, type LoadedTemplate } from './templates-store';

/*
 * The compliance summary behind each WCO criterion conclusion: every compliance-type item of the case's checklist
 * runs that maps to the criterion, counted by its answer. Optional items (the refrigerated container's eighth
 * point) count only when answered, or when a run detail makes them required (a reefer).
 */

export type Deviation = {
  runId: string;
  itemId: string;
  runTitle: LocalizedText;
  prompt: LocalizedText;
  value: 'non_compliant' | 'partially_compliant';
  note: string;
  criteria: WcoLetter[];
};

export type RunTally = {
  id: string;
  template: LoadedTemplate;
  siteId: string | null;
  label: string;
  createdAt: string;
  /** The sign-off, when the run is finished. */
  finish: { at: string; byName: string; signatureSha256: string | null } | null;
  items: number;
  answered: number;
  nonCompliant: number;
  partiallyCompliant: number;
};

export type ComplianceTally = {
  byCriterion: Map<WcoLetter, ComplianceSummary>;
  deviations: Deviation[];
  runs: RunTally[];
};

const emptySummary = (): ComplianceSummary => ({
  items: 0,
  compliant: 0,
  partiallyCompliant: 0,
  nonCompliant: 0,
  notApplicable: 0,
  notVerified: 0,
  unanswered: 0,
  risks: 0,
});

const FIELD_OF: Record<string, keyof ComplianceSummary> = {
  compliant: 'compliant',
  partially_compliant: 'partiallyCompliant',
  non_compliant: 'nonCompliant',
  not_applicable: 'notApplicable',
  not_verified: 'notVerified',
};

export function complianceTally(store: Store, caseId: string): ComplianceTally {
  const byCriterion = new Map<WcoLetter, ComplianceSummary>(wcoCriteria.map((c) => [c, emptySummary()]));
  const deviations: Deviation[] = [];
  const runs: RunTally[] = [];
  const runRows = store.db
    .select()
    .from(checklistRuns)
    .where(eq(checklistRuns.caseId, caseId))
    .orderBy(asc(checklistRuns.createdAt), asc(checklistRuns.id))
    .all();
  for (const run of runRows) {
    const template = loadTemplateRow(store, run.templateRowId);
    const details: RunDetails = run.metadata;
    const values = new Map<string, { value: unknown; note: string }>();
    for (const row of store.db.select().from(answers).where(eq(answers.runId, run.id)).all()) {
      values.set(row.itemId, { value: row.value === null ? null : (JSON.parse(row.value) as unknown), note: row.note });
    }
    const tally: RunTally = {
      id: run.id,
      template,
      siteId: run.siteId,
      label: run.label,
      createdAt: run.createdAt,
      finish: run.finishedAt ? { at: run.finishedAt, byName: run.finishedByName ?? '', signatureSha256: run.signatureSha256 } : null,
      items: 0,
      answered: 0,
      nonCompliant: 0,
      partiallyCompliant: 0,
    };
    for (const { item } of template.items.values()) {
      const answer = values.get(item.id);
      const answered = answer !== undefined && answer.value !== null;
      if (!answered && !isRequired(item, details)) continue;
      tally.items += 1;
      if (answered) tally.answered += 1;
      if (answer?.value === 'non_compliant') tally.nonCompliant += 1;
      if (answer?.value === 'partially_compliant') tally.partiallyCompliant += 1;
      if (item.answerType !== 'compliance') continue;
      const field = answered ? FIELD_OF[String(answer.value)] : 'unanswered';
      for (const letter of new Set(item.criteria.wco)) {
        const summary = byCriterion.get(letter)!;
        summary.items += 1;
        if (field) summary[field] += 1;
      }
      if (answer && (answer.value === 'non_compliant' || answer.value === 'partially_compliant')) {
        deviations.push({
          runId: run.id,
          itemId: item.id,
          runTitle: template.template.title,
          prompt: item.prompt,
          value: answer.value,
          note: answer.note,
          criteria: [...item.criteria.wco],
        });
      }
    }
    runs.push(tally);
  }
  for (const risk of liveRiskRows(store, caseId)) {
    if (risk.criterion) byCriterion.get(risk.criterion)!.risks += 1;
  }
  return { byCriterion, deviations, runs };
}
