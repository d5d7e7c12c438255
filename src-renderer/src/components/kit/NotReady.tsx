import { Anchor, Center, Loader, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import type { Load } from '../../stores/case-resource';
import { ErrorAlert } from '../ErrorAlert';

/**
 * What a panel or page shows while its resource is not yet the open case's: the read's error with what failed
 * (`failed`), or a centred spinner. An error only counts once the read has failed; until then the old one is stale.
 */
export function NotReady({
  status,
  error,
  failed,
  py = 'md',
}: {
  status: Load;
  error: ApiError | null;
  failed?: ReactNode;
  py?: MantineSpacing;
}) {
  const { t } = useTranslation();
  if (status === 'error' && error) return <ErrorAlert error={error}>{failed}</ErrorAlert>;
  return (
    <Center py={py}>
      <Loader size="sm" aria-label={t('app.loading')} />
    </Center>
  );
}

/** The way back from a case or a run to the list of cases. */
export function BackToCases() {
  const { t } = useTranslation();
  return (
    <Anchor href="#/cases" size="sm">
      {t('case.back')}
    </Anchor>
  );
}
