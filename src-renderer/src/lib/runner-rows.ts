import type { ChecklistTemplate, TemplateItem } from '../../../src-main/contract/checklist-template';
import type { Answer } from '../../../src-main/contract/runs';
import type { RunFilter } from '../stores/runner';
import { isCounted, isEvidenceMissing, isNonCompliant } from '../../../src-main/contract/run-progress';

type Section = ChecklistTemplate['sections'][number];

export type RunnerRow =
  | { kind: 'section'; key: string; section: Section; sectionIndex: number }
  | { kind: 'item'; key: string; item: TemplateItem; section: Section; number: string };

/** Which items a filter shows: the same tests as the progress counters. */
export function matchesFilter(
  filter: RunFilter,
  item: TemplateItem,
  answer: Answer | undefined,
  evidence: number,
): boolean {
  const value = answer?.value ?? null;
  switch (filter) {
    case 'all':
      return true;
    case 'unanswered':
      return value === null && isCounted(item, value);
    case 'non_compliant':
      return isNonCompliant(item, value);
    case 'evidence_missing':
      return isEvidenceMissing(item, value, evidence);
  }
}

/**
 * The runner's list as flat rows (section headers and items) for the virtualizer. Sections with no item left
 * after filtering are left out; `sticky` items stay whatever the filter says.
 */
export function buildRows(
  template: ChecklistTemplate,
  filter: RunFilter,
  answers: Readonly<Record<string, Answer>>,
  evidenceCounts: Readonly<Record<string, number>>,
  sticky: Readonly<Record<string, true>>,
): RunnerRow[] {
  const rows: RunnerRow[] = [];
  template.sections.forEach((section, sectionIndex) => {
    const items: RunnerRow[] = [];
    section.items.forEach((item, itemIndex) => {
      if (sticky[item.id] || matchesFilter(filter, item, answers[item.id], evidenceCounts[item.id] ?? 0)) {
        items.push({ kind: 'item', key: item.id, item, section, number: `${sectionIndex + 1}.${itemIndex + 1}` });
      }
    });
    if (items.length > 0) rows.push({ kind: 'section', key: `section:${section.id}`, section, sectionIndex }, ...items);
  });
  return rows;
}

/** Counts per filter, for the filter buttons. */
export function filterCounts(
  template: ChecklistTemplate,
  answers: Readonly<Record<string, Answer>>,
  evidenceCounts: Readonly<Record<string, number>>,
): Record<RunFilter, number> {
  const counts: Record<RunFilter, number> = { all: 0, unanswered: 0, non_compliant: 0, evidence_missing: 0 };
  for (const section of template.sections) {
    for (const item of section.items) {
      const answer = answers[item.id];
      const evidence = evidenceCounts[item.id] ?? 0;
      counts.all += 1;
      if (matchesFilter('unanswered', item, answer, evidence)) counts.unanswered += 1;
      if (matchesFilter('non_compliant', item, answer, evidence)) counts.non_compliant += 1;
      if (matchesFilter('evidence_missing', item, answer, evidence)) counts.evidence_missing += 1;
    }
  }
  return counts;
}
