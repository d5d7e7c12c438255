import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ApiError } from '../api/client';
import type { FieldErrors } from './field-errors';
import { useFormErrors } from './form-errors';
import { formatDate } from './format';

/** Messages of the risk, finding and control-plan services that say more than "check this value". */
type Special =
  | { key: 'deadlineBeforeOpened'; values: { date: string } }
  | { key: 'residualPair' }
  | { key: 'notRiskOfCase' }
  | { key: 'siteGone' };

function specialOf(message: string, language: string): Special | null {
  const text = message.toLowerCase();
  const opened = /before the case was opened \((\d{4}-\d{2}-\d{2})\)/.exec(text);
  if (opened?.[1]) return { key: 'deadlineBeforeOpened', values: { date: formatDate(opened[1], language) ?? opened[1] } };
  if (text.includes('before the case was opened')) return { key: 'deadlineBeforeOpened', values: { date: '' } };
  if (text.includes('set together')) return { key: 'residualPair' };
  if (text.includes('monitor a risk of this case')) return { key: 'notRiskOfCase' };
  if (text.includes('not a site of this case')) return { key: 'siteGone' };
  return null;
}

/**
 * A patch's issues come back at `patch.<field>` and link lists at `links.<list>`: the forms show both under the
 * field of the same name.
 */
export function formField(path: string): string {
  return path.replace(/^patch\./, '').replace(/^links\./, '');
}

/**
 * `useFormErrors` for the assessment forms: the same client-side checks and server mapping, plus the services'
 * own messages (a deadline before the case was opened, residual ratings set apart) in words of their own.
 */
export function useAssessErrors(fields: readonly string[]) {
  const { t, i18n } = useTranslation();
  const base = useFormErrors(fields);
  const [special, setSpecial] = useState<Record<string, Special>>({});

  const message = (path: string): string | undefined => {
    const found = special[path];
    if (found) return found.key === 'deadlineBeforeOpened' && !found.values.date
      ? t('assess.errors.deadlineBeforeOpenedPlain')
      : t(`assess.errors.${found.key}`, 'values' in found ? found.values : {});
    return base.message(path);
  };
  const clear = (path: string) => {
    base.clear(path);
    setSpecial((current) => {
      if (!(path in current)) return current;
      const next = { ...current };
      delete next[path];
      return next;
    });
  };
  const check = (schema: z.ZodType, draft: unknown, extra: FieldErrors = {}) => {
    setSpecial({});
    return base.check(schema, draft, extra);
  };
  /** Client-side findings in the assessment's own words (checked before anything is sent). */
  const showSpecial = (found: Record<string, Special>) => {
    base.reset();
    setSpecial(found);
  };
  const fromServer = (error: ApiError) => {
    const issues = (error.issues ?? []).map((issue) => ({ ...issue, path: formField(issue.path) }));
    const found: Record<string, Special> = {};
    for (const issue of issues) {
      const field = issue.path.split('.')[0] ?? issue.path;
      const known = specialOf(issue.message, i18n.language);
      if (known && fields.includes(field)) found[field] ??= known;
    }
    base.fromServer({ ...error, issues });
    setSpecial(found);
  };
  const reset = () => {
    base.reset();
    setSpecial({});
  };
  const hasErrors = Object.keys(base.errors).length > 0 || Object.keys(special).length > 0;
  return { ...base, message, clear, check, showSpecial, fromServer, reset, hasErrors };
}

export type AssessErrors = ReturnType<typeof useAssessErrors>;
