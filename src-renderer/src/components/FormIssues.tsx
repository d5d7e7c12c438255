import { Alert, Code, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InputIssue } from '../../../src-main/contract/result';
import type { ApiError } from '../api/client';
import { issueText } from '../lib/error-text';
import { ErrorAlert } from './ErrorAlert';

/** What a form could not place on a field: a general failure, or issues at paths the form does not show. */
export function FormIssues({ failure, unplaced }: { failure: ApiError | null; unplaced: InputIssue[] }) {
  const { t } = useTranslation();
  return (
    <>
      {failure && <ErrorAlert error={failure} />}
      {unplaced.length > 0 && (
        <Alert color="red" variant="light" role="alert" title={t('errors.invalid_input')}>
          <List size="sm">
            {unplaced.map((issue) => (
              <List.Item key={`${issue.path}:${issue.message}`}>
                <Code>{issue.path}</Code> {t(issueText(issue).key, issueText(issue).values)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}
