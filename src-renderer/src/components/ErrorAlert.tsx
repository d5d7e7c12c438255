import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';

/** Shows an API error in the user's language; the raw message is for logs, not for the officer. */
export function ErrorAlert({ error, children }: { error: ApiError; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert" title={t(`errors.${error.code}`)}>
      {children}
    </Alert>
  );
}
