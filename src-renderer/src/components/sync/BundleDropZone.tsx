import { Box, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../src-main/contract/bundles';
import type { Rejection } from '../../../../src-main/contract/trust';
import { api, type ApiError } from '../../api/client';
import { withProgress } from '../../api/progress';
import { fileSourceFor } from '../../api/upload';
import { formatBytes } from '../../lib/keys';
import { IconUpload } from '../icons';

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

/** How an import ended: verified and stored (or already there), refused with a code, or failed. */
export type ImportEnd = { kind: 'done'; result: Extract<ImportResult, { bundle: unknown }> } | { kind: 'rejected'; rejection: Rejection } | { kind: 'failed'; error: ApiError };

/**
 * A bundle file in, by drop or by the file picker: streamed up as a token (the page never sees a path), verified
 * and stored with progress. One place for the sync page's bundle list and the lead's field-report import.
 */
export function BundleDropZone({
  onStart,
  onEnd,
  hint,
  label,
  ids = { zone: 'bundle-drop', button: 'import-bundle', input: 'bundle-file-input' },
}: {
  onStart?: () => void;
  onEnd: (end: ImportEnd) => void;
  hint: string;
  label: string;
  /** Test ids of the zone, its button and its file input. */
  ids?: { zone: string; button: string; input: string };
}) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const [dragging, setDragging] = useState(false);

  const importFile = async (file: File) => {
    onStart?.();
    setRunning({ phase: 'upload', done: 0, total: file.size });
    const found = await fileSourceFor(file, (done, total) => setRunning({ phase: 'upload', done, total }));
    if (!found.ok) {
      setRunning(null);
      onEnd({ kind: 'failed', error: found.error });
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
    if (!result.ok) onEnd({ kind: 'failed', error: result.error });
    else if (result.value.outcome === 'rejected') onEnd({ kind: 'rejected', rejection: result.value.rejection });
    else onEnd({ kind: 'done', result: result.value });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !running) void importFile(file);
  };

  return (
    <Box
      p="sm"
      data-testid={ids.zone}
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
            {hint}
          </Text>
        </Group>
        <Button onClick={() => input.current?.click()} loading={running !== null} style={{ flexShrink: 0 }} data-testid={ids.button}>
          {label}
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          accept=".aeob,application/octet-stream"
          data-testid={ids.input}
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
  );
}
