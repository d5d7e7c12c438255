import { ChecklistTemplate } from '../contract/checklist-template';
import { issuesFromZod, type InputIssue } from '../contract/result';

/*
 * Whether a template document is acceptable, before anything is stored: pure (no database, no files), so the
 * template store (shipped sync and import) and any future validator share one rule set. Kept apart from
 * templates-store.ts, which is about rows, versions and the parse cache.
 */

export type TemplateCheck = { ok: true; template: ChecklistTemplate } | { ok: false; issues: InputIssue[] };

/**
 * The schema, plus the uniqueness rules the schema leaves out but runs rely on: section ids key the per-section
 * progress, metadata ids key a run's metadata, and choice values are the stored answers.
 */
export function checkTemplate(raw: unknown): TemplateCheck {
  const parsed = ChecklistTemplate.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const template = parsed.data;
  const issues: InputIssue[] = [];
  const duplicates = (ids: string[], at: (index: number) => string, what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) issues.push({ path: at(index), message: `duplicate ${what} "${id}"` });
      seen.add(id);
    });
  };
  duplicates(
    template.sections.map((s) => s.id),
    (s) => `sections.${s}.id`,
    'section id',
  );
  duplicates(
    template.runMetadata.map((m) => m.id),
    (m) => `runMetadata.${m}.id`,
    'run metadata id',
  );
  const choiceFields = new Map(template.runMetadata.map((f) => [f.id, f.choices?.map((c) => c.value)]));
  template.runMetadata.forEach((field, m) => {
    if (field.choices) {
      duplicates(
        field.choices.map((c) => c.value),
        (c) => `runMetadata.${m}.choices.${c}.value`,
        'choice value',
      );
    }
  });
  template.sections.forEach((section, s) =>
    section.items.forEach((item, i) => {
      if (item.requiredWhen) {
        // The condition must be one a run can actually meet: a choice run field and values it offers.
        const values = choiceFields.get(item.requiredWhen.field);
        if (!values) {
          issues.push({
            path: `sections.${s}.items.${i}.requiredWhen.field`,
            message: `"${item.requiredWhen.field}" is not a choice run field of this template`,
          });
        } else {
          item.requiredWhen.equals.forEach((value, v) => {
            if (!values.includes(value)) {
              issues.push({
                path: `sections.${s}.items.${i}.requiredWhen.equals.${v}`,
                message: `"${value}" is not one of the field's choices (${values.join(', ')})`,
              });
            }
          });
        }
      }
      if (item.choices) {
        duplicates(
          item.choices.map((c) => c.value),
          (c) => `sections.${s}.items.${i}.choices.${c}.value`,
          'choice value',
        );
      }
    }),
  );
  return issues.length > 0 ? { ok: false, issues } : { ok: true, template };
}
