import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { InputIssue } from '../../../src-main/contract/result';
import type { ApiError } from '../api/client';
import { fieldErrorsFromServer, fieldErrorsFromZod, type FieldErrors } from './field-errors';

/**
 * Field-level messages for a small dialog form: client-side checks with the contract's own schema, then the
 * service's `issues[]` mapped onto the same fields; issues that name no field on the form stay as a list.
 */
export function useFormErrors(fields: readonly string[]) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [unplaced, setUnplaced] = useState<InputIssue[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const known = new Set(fields);
  const message = (path: string) => {
    const error = errors[path];
    return error ? t(`validation.${error.key}`, error.values) : undefined;
  };
  const clear = (path: string) =>
    setErrors((current) => {
      if (!(path in current)) return current;
      const next = { ...current };
      delete next[path];
      return next;
    });
  /** True when the draft passes the schema; otherwise shows the messages. */
  const check = (schema: z.ZodType, draft: unknown, extra: FieldErrors = {}): boolean => {
    const parsed = schema.safeParse(draft);
    const found: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
    for (const [path, error] of Object.entries(extra)) found[path] ??= error;
    setErrors(found);
    setUnplaced([]);
    setFailure(null);
    return Object.keys(found).length === 0;
  };
  const fromServer = (error: ApiError) => {
    const { fields: placed, unplaced: rest } = fieldErrorsFromServer(error.issues ?? [], (f) => (known.has(f) ? f : null));
    setErrors(placed);
    setUnplaced(rest);
    setFailure(Object.keys(placed).length === 0 && rest.length === 0 ? error : null);
  };
  /** Shows messages found without a schema (a choice not made yet). */
  const show = (found: FieldErrors) => {
    setErrors(found);
    setUnplaced([]);
    setFailure(null);
  };
  const reset = () => {
    setErrors({});
    setUnplaced([]);
    setFailure(null);
  };
  return { errors, message, clear, check, show, fromServer, reset, unplaced, failure };
}
