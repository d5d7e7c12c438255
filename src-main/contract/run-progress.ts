import type { ChecklistTemplate, TemplateItem } from './checklist-template';
import type { AnswerValue, Progress } from './runs';

/**
 * The run's progress, one pure function for both sides: the server counts it for summaries (domains/runs.ts) and
 * the page recomputes it so an optimistic answer moves the bars at once. total = required items (an optional item is required
 * when a run detail says so: the reefer's fan housing) + optional items with an answer;
 * answered = counted items with a value; nonCompliant = "non_compliant" or "partially_compliant";
 * evidenceMissing = counted items that require evidence, have none and are not answered "not applicable".
 */
export type RunProgress = { overall: Progress; sections: Record<string, Progress> };

const empty = (): Progress => ({ answered: 0, total: 0, nonCompliant: 0, evidenceMissing: 0 });

/** A run's details (run metadata) by field id: what a conditional item's requirement is read from. */
export type RunDetails = Readonly<Record<string, string>>;

/** Whether the item must be answered in this run: not optional, or optional but made required by a run detail. */
export function isRequired(item: TemplateItem, details: RunDetails = {}): boolean {
  if (!item.optional) return true;
  const when = item.requiredWhen;
  return when !== undefined && when.equals.includes(details[when.field] ?? '');
}

export function isCounted(item: TemplateItem, value: AnswerValue | null | undefined, details: RunDetails = {}): boolean {
  return isRequired(item, details) || (value !== null && value !== undefined);
}

export function isNonCompliant(item: TemplateItem, value: AnswerValue | null | undefined): boolean {
  return item.answerType === 'compliance' && (value === 'non_compliant' || value === 'partially_compliant');
}

export function isEvidenceMissing(
  item: TemplateItem,
  value: AnswerValue | null | undefined,
  evidence: number,
  details: RunDetails = {},
): boolean {
  return isCounted(item, value, details) && item.evidenceRequired && value !== 'not_applicable' && evidence === 0;
}

export function computeRunProgress(
  template: ChecklistTemplate,
  valueOf: (itemId: string) => AnswerValue | null | undefined,
  evidenceOf: (itemId: string) => number,
  details: RunDetails = {},
): RunProgress {
  const overall = empty();
  const sections: Record<string, Progress> = {};
  for (const section of template.sections) {
    const progress = empty();
    for (const item of section.items) {
      const value = valueOf(item.id) ?? null;
      if (!isCounted(item, value, details)) continue;
      progress.total += 1;
      if (value !== null) progress.answered += 1;
      if (isNonCompliant(item, value)) progress.nonCompliant += 1;
      if (isEvidenceMissing(item, value, evidenceOf(item.id), details)) progress.evidenceMissing += 1;
    }
    sections[section.id] = progress;
    overall.total += progress.total;
    overall.answered += progress.answered;
    overall.nonCompliant += progress.nonCompliant;
    overall.evidenceMissing += progress.evidenceMissing;
  }
  return { overall, sections };
}

/** Whole percent, never 100 before every counted item is answered (99.6 % is not done). */
export function percent(progress: Progress): number {
  if (progress.total === 0) return 0;
  if (progress.answered >= progress.total) return 100;
  return Math.min(99, Math.round((progress.answered / progress.total) * 100));
}
