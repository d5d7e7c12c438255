import { complianceScale, type TemplateItem } from '../contract/checklist-template';
import { IsoDate } from '../contract/common';
import { AppError, type InputIssue } from '../contract/result';
import type { AnswerValue } from '../contract/runs';
import { formatProblem, type ValueFormat } from '../contract/value-format';
import type { LoadedTemplate } from './templates-store';

/*
 * The rules a checklist answer and a run's details must meet, as pure functions of the template: kept apart from
 * runs.ts, whose job is the rows and the hot autosave path, so the rules read (and are tested) on their own.
 */

const shown = (value: unknown) => (typeof value === 'string' ? `the text ${JSON.stringify(value.slice(0, 40))}` : typeof value);

/** Null when `value` fits the item's answer type, else what was expected, for the user. */
export function answerTypeProblem(item: TemplateItem, value: AnswerValue): string | null {
  switch (item.answerType) {
    case 'compliance':
      return typeof value === 'string' && (complianceScale as readonly string[]).includes(value)
        ? null
        : `a compliance answer is expected (one of ${complianceScale.join(', ')}), not ${shown(value)}`;
    case 'yes_no':
      return typeof value === 'boolean' ? null : `a yes/no answer (true or false) is expected, not ${shown(value)}`;
    case 'text':
      return typeof value === 'string' ? null : `a text answer is expected, not ${shown(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `a number is expected, not ${shown(value)}`;
    case 'date':
      return typeof value === 'string' && IsoDate.safeParse(value).success
        ? null
        : `a date as YYYY-MM-DD is expected, not ${shown(value)}`;
    case 'choice': {
      const values = (item.choices ?? []).map((c) => c.value);
      return typeof value === 'string' && values.includes(value)
        ? null
        : `one of this item's choices is expected (${values.join(', ')}), not ${shown(value)}`;
    }
  }
}

/** The issue for a text that does not fit the format its template declares (code and parameters), or null. */
export function formatIssue(path: string, format: ValueFormat | undefined, value: unknown): InputIssue | null {
  if (!format || typeof value !== 'string') return null;
  const problem = formatProblem(format, value);
  return problem ? { path, message: problem.message, code: problem.code, params: problem.params } : null;
}

/* ---- run metadata ---- */

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Checks metadata keys against the template's run metadata fields (and dates and times against their format);
 * blank values mean "not filled in" and are dropped. Required fields may be filled in later.
 */
export function checkMetadata(template: LoadedTemplate, metadata: Record<string, string>): Record<string, string> {
  const fields = new Map(template.template.runMetadata.map((f) => [f.id, f]));
  const issues: InputIssue[] = [];
  const clean: Record<string, string> = {};
  for (const [key, raw] of Object.entries(metadata)) {
    const field = fields.get(key);
    const value = raw.trim();
    if (!field) {
      const known = [...fields.keys()];
      issues.push({
        path: `metadata.${key}`,
        message: known.length
          ? `not a field of this checklist (its fields: ${known.join(', ')})`
          : 'this checklist has no run fields',
      });
    } else if (value !== '' && field.type === 'date' && !IsoDate.safeParse(value).success) {
      issues.push({ path: `metadata.${key}`, message: 'a date as YYYY-MM-DD is expected', code: 'invalid_date' });
    } else if (value !== '' && field.type === 'time' && !TIME.test(value)) {
      issues.push({ path: `metadata.${key}`, message: 'a time as HH:MM is expected', code: 'invalid_time' });
    } else if (value !== '' && field.choices && !field.choices.some((c) => c.value === value)) {
      issues.push({
        path: `metadata.${key}`,
        message: `one of ${field.choices.map((c) => c.value).join(', ')} is expected`,
        code: 'invalid_choice',
        params: { choices: field.choices.map((c) => c.value).join(', ') },
      });
    } else if (value !== '') {
      const problem = formatIssue(`metadata.${key}`, field.format, value);
      if (problem) issues.push(problem);
      else clean[key] = value;
    }
  }
  if (issues.length > 0) {
    throw new AppError('invalid_input', `Invalid input at: ${issues.map((i) => i.path).join(', ')}`, issues);
  }
  return clean;
}

/**
 * Refuses a save based on an older revision than the stored one: saves of one item can arrive out of order (two
 * windows, a slow request), and the last to arrive must not silently undo a newer answer. The issue carries the
 * stored answer so the UI can show what is there now.
 */
export function refuseStaleWrite(
  existing: { revision: number; value: string | null; note: string; answered_by_name: string } | undefined,
  baseRevision: number,
): void {
  const current = existing?.revision ?? 0;
  if (baseRevision === current) return;
  throw new AppError('conflict', 'This answer was changed since you edited it. The current answer is shown; apply your edit again.', [
    {
      path: 'baseRevision',
      code: 'stale_write',
      message: `the answer is at revision ${current}, not ${baseRevision}`,
      params: {
        revision: current,
        value: existing?.value == null ? null : (JSON.parse(existing.value) as AnswerValue),
        note: existing?.note ?? '',
        answeredByName: existing?.answered_by_name ?? '',
      },
    },
  ]);
}
