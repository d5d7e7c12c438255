import { Alert, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rejection } from '../../../../src-main/contract/trust';
import type { ApiError } from '../../api/client';
import { formatTimestamp, shortId } from '../../lib/format';
import { formatBytes } from '../../lib/keys';
import { useSyncStore } from '../../stores/sync';
import { BundleDropZone, type ImportEnd } from './BundleDropZone';
import { RejectionAlert, SyncError } from './TrustStatus';
import { VerificationReportPanel } from './VerificationReportPanel';
import { usePick } from '../../stores/pick';
import { priorityProps } from '../kit/RecordTable';

export function BundlesSection() {
  const { t, i18n } = useTranslation();
  const { bundles, loadBundles, openId, open, show } = usePick(
    useSyncStore,
    'bundles', 'loadBundles', 'openId', 'open', 'show',
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [rejection, setRejection] = useState<Rejection | null>(null);
  const [notice, setNotice] = useState<{ color: string; text: string } | null>(null);
  const rows = bundles.value ?? [];
  const members = useSyncStore((s) => s.trust.value?.installed?.members);
  const roleOf = (keyId: string) => members?.find((m) => m.keyId === keyId)?.role ?? null;

  const onStart = () => {
    setError(null);
    setRejection(null);
    setNotice(null);
  };
  const onEnd = async (end: ImportEnd) => {
    if (end.kind === 'failed') return setError(end.error);
    if (end.kind === 'rejected') return setRejection(end.rejection);
    const value = end.result;
    setNotice(
      value.outcome === 'imported'
        ? { color: 'green', text: t('sync.bundles.imported', { id: shortId(value.bundle.summary.bundleId) }) }
        : { color: 'blue', text: t('sync.bundles.alreadyImported') },
    );
    show(value.bundle);
    await loadBundles();
  };

  return (
    <Paper p="md" component="section" aria-labelledby="sync-bundles-title" data-testid="sync-bundles">
      <Stack gap="sm">
        <Title order={2} id="sync-bundles-title">
          {t('sync.bundles.title')}
        </Title>
        <BundleDropZone onStart={onStart} onEnd={(end) => void onEnd(end)} hint={t('sync.bundles.dropHint')} label={t('sync.bundles.import')} />
        {bundles.error && <SyncError error={bundles.error} />}
        {error && <SyncError error={error} />}
        {rejection && <RejectionAlert title={t('sync.bundles.rejected')} rejection={rejection} />}
        {notice && (
          <Alert color={notice.color} variant="light" data-testid="bundle-imported">
            {notice.text}
          </Alert>
        )}
        {bundles.status === 'ready' && rows.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="bundles-empty">
            {t('sync.bundles.empty')}
          </Text>
        ) : (
          <div className="aeo-rt">
            <Table highlightOnHover verticalSpacing={6} data-testid="bundles-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sync.bundles.bundle')}</Table.Th>
                  <Table.Th>{t('sync.bundles.case')}</Table.Th>
                  <Table.Th>{t('sync.bundles.direction')}</Table.Th>
                  <Table.Th {...priorityProps(2)}>{t('sync.bundles.signer')}</Table.Th>
                  <Table.Th {...priorityProps(3)}>{t('sync.bundles.role')}</Table.Th>
                  <Table.Th>{t('sync.bundles.time')}</Table.Th>
                  <Table.Th {...priorityProps(3)}>{t('sync.bundles.files')}</Table.Th>
                  <Table.Th {...priorityProps(2)}>{t('sync.bundles.size')}</Table.Th>
                  <Table.Th>{t('sync.bundles.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((b) => (
                  <Table.Tr
                    key={b.bundleId}
                    data-testid="bundle-row"
                    data-bundle-id={b.bundleId}
                    onClick={() => void open(b.bundleId)}
                    style={{ cursor: 'pointer' }}
                    bg={openId === b.bundleId ? 'var(--mantine-color-blue-light)' : undefined}
                  >
                    <Table.Td>
                      <Text
                        component="button"
                        type="button"
                        size="sm"
                        ff="monospace"
                        c="blue.8"
                        aria-label={t('sync.bundles.open', { id: shortId(b.bundleId) })}
                        style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
                        onClick={(event) => {
                          event.stopPropagation();
                          void open(b.bundleId);
                        }}
                      >
                        {shortId(b.bundleId)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                        {b.caseNumber}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        size="sm"
                        variant="light"
                        color={b.direction === 'sealed' ? 'indigo' : 'teal'}
                        styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}
                      >
                        {t(`sync.bundles.directions.${b.direction}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td {...priorityProps(2)}>
                      <Text size="sm">{b.signerName}</Text>
                    </Table.Td>
                    <Table.Td {...priorityProps(3)}>
                      <Text size="sm">{(() => {
                        const role = roleOf(b.signerKeyId);
                        return role ? t(`sync.roles.${role}`) : '—';
                      })()}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatTimestamp(b.direction === 'sealed' ? b.createdAt : b.recordedAt, i18n.language)}</Text>
                    </Table.Td>
                    <Table.Td {...priorityProps(3)}>
                      <Text size="sm">{b.fileCount}</Text>
                    </Table.Td>
                    <Table.Td {...priorityProps(2)}>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatBytes(b.size, i18n.language)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge
                        size="sm"
                        variant="light"
                        color={b.flags.length > 0 ? 'yellow' : 'green'}
                        title={b.flags.join(', ') || undefined}
                        styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}
                      >
                        {t(b.flags.length > 0 ? 'sync.bundles.flagged' : 'sync.bundles.ok')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        {openId && <VerificationReportPanel />}
      </Stack>
    </Paper>
  );
}
