import { Alert, Badge, Code, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { KeyTrustStatus as KeyTrustStatusSchema } from '../../../../src-main/contract/keys';
import type { Rejection } from '../../../../src-main/contract/trust';
import type { ApiError } from '../../api/client';

/*
 * How the sync screens show trust: a key's status against the trust list, why a bundle or a list was refused, and
 * a service error in the user's language.
 */

type KeyTrustStatus = z.infer<typeof KeyTrustStatusSchema>;

const statusColor: Record<KeyTrustStatus, string> = {
  valid: 'green',
  unknown: 'gray',
  revoked: 'red',
  expired: 'orange',
  not_yet_valid: 'yellow',
  no_trust_list: 'gray',
};

export function KeyStatusBadge({ status, size = 'sm' }: { status: KeyTrustStatus; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} color={statusColor[status]} variant="light" data-testid="key-status" data-status={status}>
      {t(`sync.keyStatus.${status}`)}
    </Badge>
  );
}

/** A service error in the user's language, with the service's one-line explanation beneath (it names the fix). */
export function SyncError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert" title={t(`sync.errors.${error.code}`)} data-testid="sync-error">
      <Text size="sm">{error.message}</Text>
    </Alert>
  );
}

/** Why a bundle or a trust list was refused: its stable code and the one-line reason. */
export function RejectionAlert({ title, rejection }: { title: string; rejection: Rejection }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid="rejection" data-code={rejection.code}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
          {t('sync.codes.title')}
        </Text>
        <Code data-testid="rejection-code">{rejection.code}</Code>
        <Text size="sm" data-testid="rejection-reason">
          {rejection.reason}
        </Text>
      </Group>
    </Alert>
  );
}
