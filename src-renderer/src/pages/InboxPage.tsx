import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficerRow, OfficerView } from '../../../src-main/contract/sync';
import { api, type ApiError } from '../api/client';
import { Page, RefreshButton } from '../components/kit/PageHeader';
import { RecordTable, type Column } from '../components/kit/RecordTable';
import { SyncError } from '../components/sync/TrustStatus';
import hqEn from '../i18n/hq.en.json';
import syncEn from '../i18n/sync.en.json';
import { formatTimestamp } from '../lib/format';

const wordedRole = (role: string): role is keyof typeof syncEn.sync.roles => Object.hasOwn(syncEn.sync.roles, role);
const wordedFlag = (flag: string): flag is keyof typeof hqEn.hq.inbox.flags => Object.hasOwn(hqEn.hq.inbox.flags, flag);

/**
 * HQ's inbox, for HQ officers and team leads: what HQ received, verified, with signer, role, case, version, time
 * and flags. It is read from HQ each time; when HQ cannot be reached the page says so plainly.
 */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<OfficerView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const fetchView = useCallback(
    () =>
      api.sync.inbox({}).then((result) => {
        if (result.ok) {
          setView(result.value);
          setError(null);
        } else setError(result.error);
      }),
    [],
  );
  useEffect(() => {
    void fetchView();
  }, [fetchView]);
  const load = async () => {
    setLoading(true);
    await fetchView();
    setLoading(false);
  };

  const columns: Column<OfficerRow>[] = [
    { key: 'case', header: t('hq.inbox.case'), fw: 500, cell: (r) => r.caseNumber },
    { key: 'version', header: t('hq.inbox.version'), width: 90, cell: (r) => (r.reportVersion === null ? '' : `v${r.reportVersion}`) },
    {
      key: 'signer',
      header: t('hq.inbox.signer'),
      cell: (r) => (
        <Stack gap={0}>
          <Text size="sm">{r.signerName}</Text>
          <Text size="xs" c="dimmed">
            {wordedRole(r.signerRole) ? t(`sync.roles.${r.signerRole}`) : r.signerRole}
          </Text>
        </Stack>
      ),
    },
    { key: 'received', header: t('hq.inbox.received'), cell: (r) => formatTimestamp(r.receivedAt, i18n.language) },
    {
      key: 'verified',
      header: t('hq.inbox.verification'),
      cell: (r) => (
        <Group gap={4}>
          <Badge color={r.verified ? 'green' : 'red'} variant="light" size="sm">
            {r.verified ? t('hq.inbox.verified') : t('hq.inbox.notVerified')}
          </Badge>
          {r.flags.map((flag) => (
            <Badge key={flag} color="orange" variant="light" size="sm" data-testid="inbox-flag">
              {wordedFlag(flag) ? t(`hq.inbox.flags.${flag}`) : flag}
            </Badge>
          ))}
        </Group>
      ),
    },
  ];

  return (
    <Page
      maw={1200}
      title={t('hq.inbox.title')}
      intro={t('hq.inbox.intro')}
      action={<RefreshButton onClick={() => void load()} loading={loading} testId="inbox-refresh" />}
    >
      {error && <SyncError error={error} />}
      {view && !view.reachable && (
        <Alert color="gray" variant="light" title={t('hq.inbox.unreachable')} data-testid="inbox-unreachable" data-code={view.problem.code}>
          <Text size="sm">{t(`hq.problems.${view.problem.code}`)}</Text>
          <Text size="xs" c="dimmed">
            {view.problem.message}
          </Text>
        </Alert>
      )}
      {view?.reachable && (
        <RecordTable
          rows={view.rows}
          columns={columns}
          rowKey={(r) => r.sha256}
          rowTestId="inbox-row"
          empty={t('hq.inbox.empty')}
          emptyTestId="inbox-empty"
          testId="inbox-table"
        />
      )}
    </Page>
  );
}
