import { z } from 'zod';
import type { ChecklistTemplate } from './checklist-template';
import { text } from './common';
import { isCounted, isEvidenceMissing, isNonCompliant } from './run-progress';
import type { AnswerValue } from './runs';

/*
 * What keeps a checklist run from being finished, as one pure function of the template and what was recorded:
 * the server refuses "Finish" with this list, and the page shows the same list (with links to each item) before
 * asking. Like SafetyCulture's required questions and ODK Collect's required fields, a run is not signed off with
 * a required answer, a required run detail (the CTPAT 5.5 record: container, date, time, inspector …) or the
 * note or photo a deviation needs still missing.
 */

export const missingCodes = [
  /** A required item (or an optional one that was started) has no answer. */
  'item_unanswered',
  /** A required run detail (run metadata field) is empty. */
  'detail_missing',
  /** The item requires evidence (always, or for this deviation) and has none. */
  'evidence_missing',
  /** The item's deviation needs a note saying what was seen, and the note is empty. */
  'note_missing',
] as const;
export type MissingCode = (typeof missingCodes)[number];

export const MissingItem = z.strictObject({
  code: z.enum(missingCodes),
  /** The item (for item codes) or the run detail field (for `detail_missing`). */
  itemId: text().nullable(),
  sectionId: text().nullable(),
  fieldId: text().nullable(),
});
export type MissingItem = z.infer<typeof MissingItem>;

export type RunRecord = {
  valueOf(itemId: string): AnswerValue | null | undefined;
  noteOf(itemId: string): string;
  evidenceOf(itemId: string): number;
  metadata: Readonly<Record<string, string>>;
};

/** Everything that must be filled in before the run can be finished, in template order (details first). */
export function missingForFinish(template: ChecklistTemplate, record: RunRecord): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const field of template.runMetadata) {
    if (field.required && (record.metadata[field.id] ?? '').trim() === '') {
      missing.push({ code: 'detail_missing', itemId: null, sectionId: null, fieldId: field.id });
    }
  }
  for (const section of template.sections) {
    for (const item of section.items) {
      const value = record.valueOf(item.id) ?? null;
      if (!isCounted(item, value, record.metadata)) continue;
      const at = { itemId: item.id, sectionId: section.id, fieldId: null };
      if (value === null) {
        missing.push({ code: 'item_unanswered', ...at });
        continue;
      }
      const deviation = isNonCompliant(item, value) ? item.onDeviation : undefined;
      if (deviation?.note && record.noteOf(item.id).trim() === '') missing.push({ code: 'note_missing', ...at });
      const evidence = record.evidenceOf(item.id);
      if (isEvidenceMissing(item, value, evidence, record.metadata) || (deviation?.evidence && evidence === 0)) {
        missing.push({ code: 'evidence_missing', ...at });
      }
    }
  }
  return missing;
}
