import { Alert, Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { KeyTrustStatus as KeyTrustStatusSchema } from '../../../../src-main/contract/keys';
import type { Rejection } from '../../../../src-main/contract/trust';
import type { WarningCode } from '../../../../src-main/contract/bundle-codes';
import type { ApiError } from '../../api/client';
import { errorDetail } from '../../lib/error-text';

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

/**
 * A service error in the user's language: its kind as the heading, and the reason the service named by an issue
 * code (which says what to do) beneath. The service's English message can name a channel or an environment variable
 * and is never shown.
 */
export function SyncError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const detail = errorDetail(error);
  return (
    <Alert color="red" variant="light" role="alert" title={t(`sync.errors.${error.code}`)} data-testid="sync-error">
      {detail && <Text size="sm">{t(detail.key, detail.values)}</Text>}
    </Alert>
  );
}

/**
 * Why a bundle or a trust list was refused, in the user's words for its code. The code stays on the element (for
 * support and tests); the one-line English reason is kept as its tooltip for HQ, not as the text.
 */
export function RejectionAlert({ title, rejection }: { title: string; rejection: Rejection }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid="rejection" data-code={rejection.code}>
      <Text size="sm" data-testid="rejection-reason" title={rejection.reason}>
        {t(`sync.codes.${rejection.code}`)}
      </Text>
    </Alert>
  );
}

/** An accepted bundle's warning, in the user's words for its code. */
export function WarningText({ code }: { code: WarningCode }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" data-code={code}>
      {t(`sync.codes.${code}`)}
    </Text>
  );
}
