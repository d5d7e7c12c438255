import { Alert, Badge, CloseButton, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BundleDetail } from '../../../../src-main/contract/bundles';
import { formatTimestamp, shortId } from '../../lib/format';
import { formatBytes } from '../../lib/keys';
import { useSyncStore } from '../../stores/sync';
import { ExportBundle } from './ExportBundle';
import { Fact, Field } from './Fact';
import { KeyStatusBadge, SyncError, WarningText } from './TrustStatus';
import { usePick } from '../../stores/pick';
import { RecordTable } from '../kit/RecordTable';

type BundleFile = BundleDetail['report']['files'][number];

/** What an import (or a seal) verified: signer and role, key status, case, the trust list, every file. */
export function VerificationReportPanel() {
  const { t } = useTranslation();
  const { detail, open } = usePick(useSyncStore, 'detail', 'open');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="verification-title" data-testid="verification-report">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm">
            <Title order={3} id="verification-title">
              {t('sync.report.title')}
            </Title>
            {detail.value && (
              <Badge color="green" variant="filled" data-testid="verified-badge">
                ✓ {t('sync.report.verified')}
              </Badge>
            )}
          </Group>
          <CloseButton aria-label={t('sync.report.close')} onClick={() => void open(null)} />
        </Group>
        {detail.status === 'loading' && <Loader size="sm" aria-label={t('app.loading')} />}
        {detail.error && <SyncError error={detail.error} />}
        {detail.value && <ReportBody detail={detail.value} />}
      </Stack>
    </Paper>
  );
}

function ReportBody({ detail }: { detail: BundleDetail }) {
  const { t, i18n } = useTranslation();
  const { report, summary } = detail;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm">
        <Fact label={t('sync.report.signer')} fw={600} testId="report-signer">{report.signer.name}</Fact>
        <Fact label={t('sync.report.role')} testId="report-role">{t(`sync.roles.${report.signer.role}`)}</Fact>
        <Field label={t('sync.report.keyStatus')}>
          <Group gap={6}>
            <KeyStatusBadge status={report.signer.keyStatus} />
            <Text size="xs" ff="monospace" c="dimmed" title={report.signer.keyId}>
              {shortId(report.signer.keyId, 16)}
            </Text>
          </Group>
        </Field>
        <Fact label={t('sync.report.kind')} testId="report-kind">{t(`sync.report.kinds.${report.kind}`)}</Fact>
        {report.inputs.length > 0 && (
          <Fact label={t('sync.report.inputs')} testId="report-inputs">
            {report.inputs.map((i) => `${i.signer.name} (${t(`sync.roles.${i.signer.role}`)})`).join(', ')}
          </Fact>
        )}
        {report.assignees.length > 0 && (
          <Fact label={t('sync.report.assignees')} testId="report-assignees">
            {report.assignees.map((a) => a.name).join(', ')}
          </Fact>
        )}
        <Fact label={t('sync.report.case')} fw={600} testId="report-case">{report.caseNumber}</Fact>
        {report.reportVersion && (
          <Fact label={t('sync.report.reportVersion')}>{t('sync.report.versionN', { n: report.reportVersion.version })}</Fact>
        )}
        <Fact label={t('sync.report.trustListVersion')} testId="report-trust-version">
          {t('sync.report.checkedWith', { signed: report.trustListVersion, checked: report.checkedWithTrustListVersion })}
        </Fact>
        <Fact label={t('sync.report.createdAt')}>{formatTimestamp(report.createdAt, i18n.language)}</Fact>
        <Fact label={t('sync.report.sequence')} testId="report-sequence">{report.sequence}</Fact>
        {report.auditHead && (
          <Field label={t('sync.report.auditHead')}>
            <Text size="sm">
              <Text span ff="monospace" size="xs">
                {report.auditHead.hash.slice(0, 12)}
              </Text>{' '}
              · {t('sync.report.auditRows', { count: report.auditHead.rows })}
            </Text>
          </Field>
        )}
        <Fact label={t('sync.report.bundleSize')}>{formatBytes(report.bundleBytes, i18n.language)}</Fact>
        <Fact label={t('sync.report.audience')}>
          {report.audience.map((a) => `${a.name ?? shortId(a.fingerprint)}${a.role ? ` (${t(`sync.roles.${a.role}`)})` : ''}`).join(', ')}
        </Fact>
        <Fact label={t('sync.report.device')} size="xs" ff="monospace" title={report.deviceId}>
          {shortId(report.deviceId, 12)}
        </Fact>
      </SimpleGrid>

      {report.warnings.length > 0 && (
        <Alert color="yellow" variant="light" title={t('sync.report.warnings')} data-testid="report-warnings">
          <Stack gap={2}>
            {report.warnings.map((w) => (
              <WarningText key={w.code} code={w.code} />
            ))}
          </Stack>
        </Alert>
      )}

      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {t('sync.report.filesChecked', { count: report.files.length })}
        </Text>
        <RecordTable<BundleFile>
          testId="report-files"
          rowTestId="report-file"
          rows={report.files}
          rowKey={(f) => `${f.role}-${f.sha256}-${f.displayName}`}
          tableProps={{ striped: true, verticalSpacing: 4 }}
          columns={[
            {
              key: 'role',
              header: t('sync.report.fileRole'),
              cell: (f) => (
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {t(`sync.report.fileRoles.${f.role}`)}
                </Text>
              ),
            },
            { key: 'name', header: t('sync.report.fileName'), style: { wordBreak: 'break-all' }, cell: (f) => f.displayName },
            {
              key: 'mediaType',
              priority: 3,
              header: t('sync.report.mediaType'),
              cell: (f) => (
                <Text size="xs" c="dimmed">
                  {f.mediaType}
                </Text>
              ),
            },
            {
              key: 'size',
              header: t('sync.report.size'),
              align: 'right',
              style: { whiteSpace: 'nowrap' },
              cell: (f) => formatBytes(f.size, i18n.language),
            },
            {
              key: 'sha256',
              priority: 2,
              header: t('sync.report.sha256'),
              cell: (f) => (
                <Text size="xs" ff="monospace" title={f.sha256}>
                  {f.sha256.slice(0, 12)}…
                </Text>
              ),
            },
            {
              key: 'verified',
              header: t('sync.report.verified'),
              cell: () => (
                <Text c="green.8" fw={700} aria-label={t('sync.report.verified')}>
                  ✓
                </Text>
              ),
            },
          ]}
        />
      </Stack>
      <ExportBundle detail={detail} label={t('sync.report.export')} key={summary.bundleId} />
    </Stack>
  );
}
