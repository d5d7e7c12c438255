import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../src-main/contract/result';
import type { ApiError } from '../../api/client';
import { draftKey, useAutosaveText } from '../../lib/autosave-text';
import { ownIssueError } from '../../lib/field-errors';
import { ErrorAlert } from '../ErrorAlert';
import { DraftTextarea } from '../kit/DraftTextarea';

/**
 * A free-text field of the official record that saves itself a moment after typing stops (and keeps a draft
 * until the service holds it). A refusal the contract names by code shows under the field; another, as an alert.
 */
export function AutosaveTextarea({
  caseId,
  field,
  label,
  description,
  saved,
  save,
  readOnly,
  testId,
}: {
  caseId: string;
  field: string;
  label: string;
  description?: string;
  saved: string;
  save(text: string): Promise<Result<unknown>>;
  readOnly: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const text = useAutosaveText({
    storageKey: draftKey(caseId, 'official', field),
    saved,
    save: (typed) =>
      void save(typed).then((result) => setFailure(result.ok ? null : result.error)),
  });
  const own = failure ? ownIssueError(failure.issues) : null;
  return (
    <>
      <DraftTextarea
        draft={text}
        label={label}
        description={description}
        maxRows={10}
        readOnly={readOnly}
        error={own ? t(`validation.${own.key}`, own.values) : undefined}
        testId={testId}
      />
      {failure && !own && <ErrorAlert error={failure} />}
    </>
  );
}
