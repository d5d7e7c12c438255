import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { errorDetail } from '../lib/error-text';

/**
 * Shows an API error in the user's language: the error code as the heading, and the reason the core named by an
 * issue code (what to do about it) beneath. The raw message is for logs, not for the officer.
 */
export function ErrorAlert({ error, children }: { error: ApiError; children?: ReactNode }) {
  const { t } = useTranslation();
  const detail = errorDetail(error);
  return (
    <Alert color="red" variant="light" role="alert" title={t(`errors.${error.code}`)}>
      {detail && (
        <Text size="sm" data-testid="error-detail">
          {t(detail.key, detail.values)}
        </Text>
      )}
      {children}
    </Alert>
  );
}
