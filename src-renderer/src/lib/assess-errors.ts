import type { ApiError } from '../api/client';
import { useFormErrors } from './form-errors';

/**
 * A patch's issues come back at `patch.<field>` and link lists at `links.<list>`: the forms show both under the
 * field of the same name.
 */
export function formField(path: string): string {
  return path.replace(/^patch\./, '').replace(/^links\./, '');
}

/**
 * `useFormErrors` for the assessment forms, with patch and link paths read as the form's own fields. The services'
 * refusals (a risk of another case, a removed site) arrive as issue codes and are mapped like any other.
 */
export function useAssessErrors(fields: readonly string[]) {
  const base = useFormErrors(fields);
  const fromServer = (error: ApiError) =>
    base.fromServer({ ...error, issues: (error.issues ?? []).map((issue) => ({ ...issue, path: formField(issue.path) })) });
  return { ...base, fromServer };
}

export type AssessErrors = ReturnType<typeof useAssessErrors>;
