import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleDetail } from '../../../../src-main/contract/bundles';
import { api, type ApiError } from '../../api/client';
import { bundleDownloadUrl, isDesktop, startDownload } from '../../api/download';
import { formatBytes } from '../../lib/keys';
import { SyncError } from './TrustStatus';

/**
 * Exports a sealed bundle without the page naming a path: the desktop app shows the system's save dialog (which
 * asks before replacing a file; the service writes under a temp name, flushes, renames), the browser preview
 * downloads it from the preview server.
 */
export function ExportBundle({ detail, label, variant = 'default' }: { detail: BundleDetail; label: string; variant?: 'default' | 'filled' }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ name: string; size: number } | null>(null);

  if (detail.summary.direction !== 'sealed') {
    return (
      <Text size="xs" c="dimmed">
        {t('sync.report.exportOnlySealed')}
      </Text>
    );
  }
  const submit = async () => {
    setError(null);
    setDone(null);
    if (!isDesktop()) {
      startDownload(bundleDownloadUrl(detail.summary.bundleId));
      return;
    }
    setBusy(true);
    const result = await api.bundles.export({ bundleId: detail.summary.bundleId });
    setBusy(false);
    if (!result.ok) setError(result.error);
    // Not saved: the user cancelled the dialog, which needs no message.
    else if (result.value.saved) setDone({ name: result.value.fileName ?? '', size: result.value.size });
  };
  return (
    <Stack gap="xs">
      <Group>
        <Button variant={variant} onClick={() => void submit()} loading={busy} data-testid="export-bundle">
          {label}
        </Button>
      </Group>
      {error && <SyncError error={error} />}
      {done && (
        <Alert color="green" variant="light" data-testid="bundle-exported">
          {t('sync.report.exported', { name: done.name, size: formatBytes(done.size, i18n.language) })}
        </Alert>
      )}
    </Stack>
  );
}
