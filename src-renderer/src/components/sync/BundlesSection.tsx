import { Alert, Badge, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleSummary } from '../../../../src-main/contract/bundles';
import type { Rejection } from '../../../../src-main/contract/trust';
import type { ApiError } from '../../api/client';
import { formatTimestamp, shortId } from '../../lib/format';
import { formatBytes } from '../../lib/keys';
import { useSyncStore } from '../../stores/sync';
import { BundleDropZone, type ImportEnd } from './BundleDropZone';
import { RejectionAlert, SyncError } from './TrustStatus';
import { VerificationReportPanel } from './VerificationReportPanel';
import { usePick } from '../../stores/pick';
import { RecordTable } from '../kit/RecordTable';
import { Panel } from '../kit/Section';

const nowrap = { whiteSpace: 'nowrap' } as const;
/** A status badge shows its whole word: the table never truncates one. */
const wholeBadge = { root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } } as const;

/** The bundles sealed here or imported: drop one to import it; a row opens its verification report. */
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
    <Panel id="sync-bundles" title={t('sync.bundles.title')}>
      <BundleDropZone onStart={onStart} onEnd={(end) => void onEnd(end)} hint={t('sync.bundles.dropHint')} label={t('sync.bundles.import')} />
      {bundles.error && <SyncError error={bundles.error} />}
      {error && <SyncError error={error} />}
      {rejection && <RejectionAlert title={t('sync.bundles.rejected')} rejection={rejection} />}
      {notice && (
        <Alert color={notice.color} variant="light" data-testid="bundle-imported">
          {notice.text}
        </Alert>
      )}
      <RecordTable<BundleSummary>
        testId="bundles-table"
        rowTestId="bundle-row"
        rows={rows}
        rowKey={(b) => b.bundleId}
        rowProps={(b) => ({
          'data-bundle-id': b.bundleId,
          style: openId === b.bundleId ? { background: 'var(--mantine-color-blue-light)' } : {},
        })}
        empty={bundles.status === 'ready' ? t('sync.bundles.empty') : undefined}
        emptyTestId="bundles-empty"
        tableProps={{ highlightOnHover: true, verticalSpacing: 6 }}
        onOpen={(b) => void open(b.bundleId)}
        openLabel={(b) => t('sync.bundles.open', { id: shortId(b.bundleId) })}
        columns={[
          {
            key: 'bundle',
            header: t('sync.bundles.bundle'),
            cell: (b) => (
              <Text size="sm" ff="monospace" c="blue.8">
                {shortId(b.bundleId)}
              </Text>
            ),
          },
          { key: 'case', header: t('sync.bundles.case'), fw: 500, style: nowrap, cell: (b) => b.caseNumber },
          {
            key: 'direction',
            header: t('sync.bundles.direction'),
            cell: (b) => (
              <Badge size="sm" variant="light" color={b.direction === 'sealed' ? 'indigo' : 'teal'} styles={wholeBadge}>
                {t(`sync.bundles.directions.${b.direction}`)}
              </Badge>
            ),
          },
          { key: 'signer', priority: 2, header: t('sync.bundles.signer'), cell: (b) => b.signerName },
          {
            key: 'role',
            priority: 3,
            header: t('sync.bundles.role'),
            cell: (b) => {
              const role = roleOf(b.signerKeyId);
              return role ? t(`sync.roles.${role}`) : '—';
            },
          },
          {
            key: 'time',
            header: t('sync.bundles.time'),
            cell: (b) => formatTimestamp(b.direction === 'sealed' ? b.createdAt : b.recordedAt, i18n.language),
          },
          { key: 'files', priority: 3, header: t('sync.bundles.files'), cell: (b) => b.fileCount },
          { key: 'size', priority: 2, header: t('sync.bundles.size'), style: nowrap, cell: (b) => formatBytes(b.size, i18n.language) },
          {
            key: 'status',
            header: t('sync.bundles.status'),
            style: nowrap,
            cell: (b) => (
              <Badge
                size="sm"
                variant="light"
                color={b.flags.length > 0 ? 'yellow' : 'green'}
                title={b.flags.join(', ') || undefined}
                styles={wholeBadge}
              >
                {t(b.flags.length > 0 ? 'sync.bundles.flagged' : 'sync.bundles.ok')}
              </Badge>
            ),
          },
        ]}
      />
      {openId && <VerificationReportPanel />}
    </Panel>
  );
}
