import { useForm, type FormErrors, type LooseKeys, type UseFormReturnType } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { InputIssue, Result } from '../../../src-main/contract/result';
import type { ApiError } from '../api/client';
import { fieldErrorsFromServer, fieldErrorsFromZod, type FieldError, type FieldErrors } from './field-errors';

/*
 * @mantine/form holds an error per field as a node; we hold it as an i18n key (JSON of a FieldError) and turn it
 * into text when the input renders, so a message follows a language switch like the rest of the page.
 */
const encode = (errors: FieldErrors): FormErrors =>
  Object.fromEntries(Object.entries(errors).map(([path, error]) => [path, JSON.stringify(error)]));

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields a form has: its keys, and one level into a record of values (`metadata.container_number`). */
function fieldsOf(values: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(values)) {
    out.add(key);
    if (isRecord(value)) for (const inner of Object.keys(value)) out.add(`${key}.${inner}`);
  }
  return out;
}

/**
 * A dialog form on @mantine/form whose draft is checked with the contract's own zod schema before it is sent, and
 * whose server `issues` land on the same fields (issues naming no field stay a list). `inputProps(path)` is
 * Mantine's `getInputProps` with the message in the page's language; a change clears that field's error.
 */
export function useDraftForm<V extends Record<string, unknown>, D>({
  initialValues,
  schema,
  toDraft,
  extra,
  field = (path) => path,
}: {
  initialValues: V;
  schema: z.ZodType<D>;
  /** The contract's input from the form's values (ids added, empty texts to null, …). */
  toDraft(values: V): unknown;
  /** Checks across fields that the schema does not make (an end before its start); they win over the schema's. */
  extra?(values: V): FieldErrors;
  /** The form field an issue path names, when the draft nests them (`links.answerIds` → `answerIds`). */
  field?(path: string): string;
}) {
  const { t } = useTranslation();
  const [unplaced, setUnplaced] = useState<InputIssue[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<V>({
    mode: 'controlled',
    initialValues,
    validate: (values) => {
      const parsed = schema.safeParse(toDraft(values));
      // The form's own check names the field's problem more exactly ("choose a checklist", not "required").
      const found: FieldErrors = { ...extra?.(values) };
      for (const [path, error] of Object.entries(parsed.success ? {} : fieldErrorsFromZod(parsed.error))) found[field(path)] ??= error;
      return encode(found);
    },
  });

  const message = (path: string): string | undefined => {
    const raw = form.errors[path];
    if (typeof raw !== 'string') return undefined;
    const error = JSON.parse(raw) as FieldError;
    return t(`validation.${error.key}`, error.values);
  };

  /** Checks, saves the parsed draft, and calls `done` with what was saved; otherwise shows what the service refused. */
  const submit = async <R,>(save: (draft: D) => Promise<Result<R>>, done: (saved: R) => void) => {
    setUnplaced([]);
    setFailure(null);
    if (form.validate().hasErrors) return;
    setBusy(true);
    const result = await save(schema.parse(toDraft(form.getValues())));
    setBusy(false);
    if (result.ok) {
      done(result.value);
      return;
    }
    const known = fieldsOf(form.getValues());
    const issues = fieldErrorsFromServer(result.error.issues ?? [], (path) => (known.has(field(path)) ? field(path) : null));
    form.setErrors(encode(issues.fields));
    setUnplaced(issues.unplaced);
    setFailure(Object.keys(issues.fields).length === 0 && issues.unplaced.length === 0 ? result.error : null);
  };

  return {
    form,
    /** The message on a field, in the page's language. */
    error: message,
    values: form.getValues(),
    inputProps: (path: LooseKeys<V>, options?: { type?: 'input' | 'checkbox' }) => ({
      ...form.getInputProps(path, options),
      error: message(path),
    }),
    isDirty: () => form.isDirty(),
    submit,
    busy,
    /** For FormDialog: what could not be placed on a field. */
    issues: { failure, unplaced },
  };
}

/**
 * A dialog's starting values: each field the record being edited holds, else the blank form's (a new record, or a
 * field the record leaves empty — a date not yet set starts as '').
 */
export function startValues<V extends Record<string, unknown>>(record: { readonly [K in keyof V]?: V[K] | null } | null, blank: V): V {
  const values = { ...blank };
  if (record) for (const key of Object.keys(blank) as (keyof V)[]) values[key] = record[key] ?? blank[key];
  return values;
}

/**
 * Keeps a form that edits a stored record in step with it without remounting: when the record changes (its
 * `version`, e.g. `updatedAt`) and nobody has typed into the form, the form takes the stored values. Keying the
 * panel by `updatedAt` instead would remount everything under it — a dialog opened while a save was in flight
 * vanished with what had been typed into it.
 */
export function useFollowStored<V extends Record<string, unknown>>(form: UseFormReturnType<V>, values: V, version: string | null | undefined): void {
  useEffect(() => {
    if (form.isDirty()) return;
    form.setInitialValues(values);
    form.setValues(values);
    // Only a new version of the record counts: `values` is a new object at every render, `form` is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
}
