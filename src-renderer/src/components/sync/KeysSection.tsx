import { Alert, Button, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import { enrollmentDownloadUrl, isDesktop, startDownload } from '../../api/download';
import { formatTimestamp } from '../../lib/format';
import { useSyncStore } from '../../stores/sync';
import { KeyStatusBadge, SyncError } from './TrustStatus';
import { usePick } from '../../stores/pick';
import { Panel } from '../kit/Section';
import { Fact, Field } from './Fact';

/** The fingerprint as sixteen groups of four hex digits, in two lines of eight, as people read it aloud. */
function Fingerprint({ value }: { value: string }) {
  const groups = value.split(/\s+/).filter(Boolean);
  const lines = [groups.slice(0, 8).join(' '), groups.slice(8).join(' ')].filter(Boolean);
  return (
    <Code block data-testid="key-fingerprint" style={{ fontSize: 'var(--mantine-font-size-md)', letterSpacing: '0.04em' }}>
      {lines.join('\n')}
    </Code>
  );
}

export function KeysSection() {
  const { t, i18n } = useTranslation();
  const { keys, createKeys } = usePick(useSyncStore, 'keys', 'createKeys');
  const [busy, setBusy] = useState<'create' | 'export' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const status = keys.value;
  const key = status?.key ?? null;

  const create = async () => {
    setBusy('create');
    setError(null);
    const result = await createKeys();
    if (!result.ok) setError(result.error);
    setBusy(null);
  };
  const exportEnrollment = async () => {
    setBusy('export');
    setError(null);
    setExported(null);
    if (isDesktop()) {
      // The main process asks where to save with the system's dialog; the page never names a path.
      const result = await api.keys.exportEnrollment({ save: true });
      if (!result.ok) setError(result.error);
      else if (result.value.saved) setExported(result.value.fileName);
    } else {
      // Asked first so a refusal (no key, locked) shows as text, then downloaded from the preview server.
      const result = await api.keys.exportEnrollment({});
      if (result.ok) {
        startDownload(enrollmentDownloadUrl());
        setExported(result.value.fileName);
      } else {
        setError(result.error);
      }
    }
    setBusy(null);
  };

  return (
    <Panel
      id="sync-keys"
      title={t('sync.keys.title')}
      actions={
        key && (
          <Button variant="default" onClick={() => void exportEnrollment()} loading={busy === 'export'} data-testid="export-enrollment">
            {t('sync.keys.export')}
          </Button>
        )
      }
    >
      {keys.error && <SyncError error={keys.error} />}
      {error && <SyncError error={error} />}
      {status && !status.protection.available && (
        <Alert color="yellow" variant="light" title={t('sync.keys.protectionUnavailable')}>
          <Text size="sm" data-testid="protection-reason">
            {t(`sync.keys.protectionReason.${status.protection.method}`)}
          </Text>
        </Alert>
      )}
      {status && !key && (
        <Group justify="space-between" wrap="nowrap" align="center">
          <Text size="sm" c="dimmed">
            {t('sync.keys.none')}
          </Text>
          <Button onClick={() => void create()} loading={busy === 'create'} disabled={!status.protection.available} data-testid="create-keys">
            {t('sync.keys.create')}
          </Button>
        </Group>
      )}
      {key && status && (
        <Stack gap="sm">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('sync.keys.fingerprint')}
            </Text>
            <Fingerprint value={key.fingerprint} />
            <Text size="xs" c="dimmed">
              {t('sync.keys.copyHint')}
            </Text>
          </Stack>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="xs">
            <Fact label={t('sync.keys.keyId')} ff="monospace" testId="key-id" title={key.keyId}>{key.keyId.slice(0, 16)}…</Fact>
            <Fact label={t('sync.keys.createdAt')}>{formatTimestamp(key.createdAt, i18n.language)}</Fact>
            <Fact label={t('sync.keys.protection')}>{t(`sync.keys.protectionMethods.${key.wrapMethod}`)}</Fact>
            <Field label={t('sync.keys.trustStatus')}>
              <Group gap={6}>
                <KeyStatusBadge status={status.trust.status} />
                {status.trust.role && <Text size="sm">{t(`sync.roles.${status.trust.role}`)}</Text>}
              </Group>
            </Field>
          </SimpleGrid>
        </Stack>
      )}
      {exported && (
        <Alert color="green" variant="light" data-testid="enrollment-exported">
          {t('sync.keys.exported', { name: exported })}
        </Alert>
      )}
    </Panel>
  );
}
