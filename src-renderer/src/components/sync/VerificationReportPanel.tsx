import { Alert, Badge, CloseButton, Code, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BundleDetail } from '../../../../src-main/contract/bundles';
import { formatTimestamp, shortId } from '../../lib/format';
import { formatBytes } from '../../lib/keys';
import { useSyncStore } from '../../stores/sync';
import { ExportBundle } from './ExportBundle';
import { Field } from './KeysSection';
import { KeyStatusBadge, SyncError } from './TrustStatus';
import { usePick } from '../../stores/pick';
import { priorityProps } from '../kit/RecordTable';

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
        <Field label={t('sync.report.signer')}>
          <Text size="sm" fw={600} data-testid="report-signer">
            {report.signer.name}
          </Text>
        </Field>
        <Field label={t('sync.report.role')}>
          <Text size="sm" data-testid="report-role">
            {t(`sync.roles.${report.signer.role}`)}
          </Text>
        </Field>
        <Field label={t('sync.report.keyStatus')}>
          <Group gap={6}>
            <KeyStatusBadge status={report.signer.keyStatus} />
            <Text size="xs" ff="monospace" c="dimmed" title={report.signer.keyId}>
              {shortId(report.signer.keyId, 16)}
            </Text>
          </Group>
        </Field>
        <Field label={t('sync.report.kind')}>
          <Text size="sm" data-testid="report-kind">
            {t(`sync.report.kinds.${report.kind}`)}
          </Text>
        </Field>
        {report.inputs.length > 0 && (
          <Field label={t('sync.report.inputs')}>
            <Text size="sm" data-testid="report-inputs">
              {report.inputs.map((i) => `${i.signer.name} (${t(`sync.roles.${i.signer.role}`)})`).join(', ')}
            </Text>
          </Field>
        )}
        {report.assignees.length > 0 && (
          <Field label={t('sync.report.assignees')}>
            <Text size="sm" data-testid="report-assignees">
              {report.assignees.map((a) => a.name).join(', ')}
            </Text>
          </Field>
        )}
        <Field label={t('sync.report.case')}>
          <Text size="sm" fw={600} data-testid="report-case">
            {report.caseNumber}
          </Text>
        </Field>
        {report.reportVersion && (
          <Field label={t('sync.report.reportVersion')}>
            <Text size="sm">{t('sync.report.versionN', { n: report.reportVersion.version })}</Text>
          </Field>
        )}
        <Field label={t('sync.report.trustListVersion')}>
          <Text size="sm" data-testid="report-trust-version">
            {t('sync.report.checkedWith', { signed: report.trustListVersion, checked: report.checkedWithTrustListVersion })}
          </Text>
        </Field>
        <Field label={t('sync.report.createdAt')}>
          <Text size="sm">{formatTimestamp(report.createdAt, i18n.language)}</Text>
        </Field>
        <Field label={t('sync.report.sequence')}>
          <Text size="sm" data-testid="report-sequence">
            {report.sequence}
          </Text>
        </Field>
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
        <Field label={t('sync.report.bundleSize')}>
          <Text size="sm">{formatBytes(report.bundleBytes, i18n.language)}</Text>
        </Field>
        <Field label={t('sync.report.audience')}>
          <Text size="sm">
            {report.audience.map((a) => `${a.name ?? shortId(a.fingerprint)}${a.role ? ` (${t(`sync.roles.${a.role}`)})` : ''}`).join(', ')}
          </Text>
        </Field>
        <Field label={t('sync.report.device')}>
          <Text size="xs" ff="monospace" title={report.deviceId}>
            {shortId(report.deviceId, 12)}
          </Text>
        </Field>
      </SimpleGrid>

      {report.warnings.length > 0 && (
        <Alert color="yellow" variant="light" title={t('sync.report.warnings')} data-testid="report-warnings">
          <Stack gap={2}>
            {report.warnings.map((w) => (
              <Text key={w.code} size="sm">
                <Code>{w.code}</Code> {w.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}

      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {t('sync.report.filesChecked', { count: report.files.length })}
        </Text>
        <div className="aeo-rt">
          <Table striped verticalSpacing={4} data-testid="report-files">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sync.report.fileRole')}</Table.Th>
                <Table.Th>{t('sync.report.fileName')}</Table.Th>
                <Table.Th {...priorityProps(3)}>{t('sync.report.mediaType')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('sync.report.size')}</Table.Th>
                <Table.Th {...priorityProps(2)}>{t('sync.report.sha256')}</Table.Th>
                <Table.Th>{t('sync.report.verified')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.files.map((f) => (
                <Table.Tr key={`${f.role}-${f.sha256}-${f.displayName}`} data-testid="report-file">
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {t(`sync.report.fileRoles.${f.role}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: 'break-all' }}>
                      {f.displayName}
                    </Text>
                  </Table.Td>
                  <Table.Td {...priorityProps(3)}>
                    <Text size="xs" c="dimmed">
                      {f.mediaType}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    <Text size="sm">{formatBytes(f.size, i18n.language)}</Text>
                  </Table.Td>
                  <Table.Td {...priorityProps(2)}>
                    <Text size="xs" ff="monospace" title={f.sha256}>
                      {f.sha256.slice(0, 12)}…
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text c="green.8" fw={700} aria-label={t('sync.report.verified')}>
                      ✓
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
      <ExportBundle detail={detail} label={t('sync.report.export')} key={summary.bundleId} />
    </Stack>
  );
}
