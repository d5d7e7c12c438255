import { Alert, Badge, Box, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rejection } from '../../../../src-main/contract/trust';
import { api, type ApiError } from '../../api/client';
import { withProgress } from '../../api/progress';
import { fileSourceFor } from '../../api/upload';
import { formatTimestamp, shortId } from '../../lib/format';
import { formatBytes } from '../../lib/keys';
import { useSyncStore } from '../../stores/sync';
import { IconUpload } from '../icons';
import { RejectionAlert, SyncError } from './TrustStatus';
import { VerificationReportPanel } from './VerificationReportPanel';
import { usePick } from '../../stores/pick';
import { priorityProps } from '../kit/RecordTable';

type Running = { phase: 'upload' | 'verifying' | 'storing' | 'starting'; done: number; total: number };

const knownPhases = ['upload', 'verifying', 'storing'] as const;

function percentOf(running: Running): number {
  const part = running.total > 0 ? Math.min(1, running.done / running.total) : 0;
  switch (running.phase) {
    case 'upload':
      return 30 * part;
    case 'verifying':
      return 30 + 55 * part;
    case 'storing':
      return 85 + 15 * part;
    default:
      return 30;
  }
}

export function BundlesSection() {
  const { t, i18n } = useTranslation();
  const { bundles, loadBundles, openId, open, show } = usePick(
    useSyncStore,
    'bundles', 'loadBundles', 'openId', 'open', 'show',
  );
  const input = useRef<HTMLInputElement | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [rejection, setRejection] = useState<Rejection | null>(null);
  const [notice, setNotice] = useState<{ color: string; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const rows = bundles.value ?? [];
  const members = useSyncStore((s) => s.trust.value?.installed?.members);
  const roleOf = (keyId: string) => members?.find((m) => m.keyId === keyId)?.role ?? null;

  const importFile = async (file: File) => {
    setError(null);
    setRejection(null);
    setNotice(null);
    setRunning({ phase: 'upload', done: 0, total: file.size });
    const found = await fileSourceFor(file, (done, total) => setRunning({ phase: 'upload', done, total }));
    if (!found.ok) {
      setError(found.error);
      setRunning(null);
      return;
    }
    const source = found.value;
    setRunning({ phase: 'starting', done: 0, total: 0 });
    const result = await withProgress(
      (taskId) => api.bundles.import({ source, taskId }),
      (event) => {
        const phase = (knownPhases as readonly string[]).includes(event.phase) ? (event.phase as Running['phase']) : 'starting';
        setRunning({ phase, done: event.done, total: event.total });
      },
    );
    setRunning(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const value = result.value;
    if (value.outcome === 'rejected') {
      setRejection(value.rejection);
      return;
    }
    setNotice(
      value.outcome === 'imported'
        ? { color: 'green', text: t('sync.bundles.imported', { id: shortId(value.bundle.summary.bundleId) }) }
        : { color: 'blue', text: t('sync.bundles.alreadyImported') },
    );
    show(value.bundle);
    await loadBundles();
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !running) void importFile(file);
  };

  return (
    <Paper p="md" component="section" aria-labelledby="sync-bundles-title" data-testid="sync-bundles">
      <Stack gap="sm">
        <Title order={2} id="sync-bundles-title">
          {t('sync.bundles.title')}
        </Title>
        <Box
          p="sm"
          data-testid="bundle-drop"
          data-dragging={dragging || undefined}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          style={{
            border: `1px dashed var(--mantine-color-${dragging ? 'blue-6' : 'gray-4'})`,
            borderRadius: 'var(--mantine-radius-md)',
            background: dragging ? 'var(--mantine-color-blue-0)' : undefined,
          }}
        >
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Group gap="sm" wrap="nowrap">
              <IconUpload size={20} />
              <Text size="sm" c="dimmed">
                {t('sync.bundles.dropHint')}
              </Text>
            </Group>
            <Button onClick={() => input.current?.click()} loading={running !== null} style={{ flexShrink: 0 }} data-testid="import-bundle">
              {t('sync.bundles.import')}
            </Button>
            <input
              ref={input}
              type="file"
              hidden
              accept=".aeob,application/octet-stream"
              data-testid="bundle-file-input"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) void importFile(file);
              }}
            />
          </Group>
          {running && (
            <Stack gap={4} mt="sm" data-testid="import-progress">
              <Group justify="space-between">
                <Text size="xs" c="dimmed">
                  {t(`sync.bundles.phases.${running.phase}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {running.total > 0 ? `${formatBytes(running.done, i18n.language)} / ${formatBytes(running.total, i18n.language)}` : ''}
                </Text>
              </Group>
              <Progress value={percentOf(running)} animated aria-label={t(`sync.bundles.phases.${running.phase}`)} />
            </Stack>
          )}
        </Box>
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
