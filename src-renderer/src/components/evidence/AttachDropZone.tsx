import { Box, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { useRef, useState, type DragEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../../src-main/contract/evidence';
import type { ApiError } from '../../api/client';
import { attachFile, type AttachTarget, type UploadProgress } from '../../api/upload';
import { formatBytes } from '../../lib/keys';
import { IconUpload } from '../icons';

type Job = {
  key: number;
  name: string;
  size: number;
  progress: UploadProgress;
  error: ApiError | null;
  /** Named as a picture, but its bytes are something else: kept as a document of this media type. */
  notPhoto?: string;
};

/**
 * Attach files: a file input (the native file dialog in Electron) and, in the browser, drag and drop. Each file
 * shows its own bar: upload first, then the service's hashing and copying; large files stream, never load whole.
 */
export function AttachDropZone({
  target,
  onAttached,
  inputRef,
  compact = false,
  testId,
}: {
  target: AttachTarget;
  onAttached: (evidence: Evidence) => void;
  inputRef?: Ref<HTMLInputElement>;
  compact?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const [jobs, setJobs] = useState<Job[]>([]);
  const [dragging, setDragging] = useState(false);
  const localInput = useRef<HTMLInputElement | null>(null);
  const counter = useRef(0);

  const update = (key: number, patch: Partial<Job>) =>
    setJobs((list) => list.map((job) => (job.key === key ? { ...job, ...patch } : job)));

  const attach = async (files: File[]) => {
    for (const file of files) {
      const key = ++counter.current;
      setJobs((list) => [
        ...list,
        { key, name: file.name, size: file.size, progress: { phase: 'upload', done: 0, total: file.size }, error: null },
      ]);
      const result = await attachFile(file, target, (progress) => update(key, { progress }));
      if (result.ok) {
        const keptAsDocument = file.type.startsWith('image/') && result.value.kind !== 'photo';
        if (keptAsDocument) update(key, { notPhoto: result.value.mediaType });
        else setJobs((list) => list.filter((job) => job.key !== key));
        onAttached(result.value);
      } else {
        update(key, { error: result.error });
      }
    }
  };

  const onFiles = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length > 0) void attach(files);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    onFiles(event.dataTransfer.files);
  };

  const setRefs = useMergedRef(localInput, inputRef);

  return (
    <Stack gap={6}>
      <Box
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid={testId ? `${testId}-drop` : undefined}
        p={compact ? 6 : 'sm'}
        style={{
          border: `1px dashed var(--mantine-color-${dragging ? 'blue-6' : 'gray-4'})`,
          borderRadius: 'var(--mantine-radius-sm)',
          background: dragging ? 'var(--mantine-color-blue-0)' : 'transparent',
        }}
      >
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Text size="xs" c="dimmed">
            {t('evidence.dropHint')}
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconUpload size={14} />}
            onClick={() => localInput.current?.click()}
            style={{ flexShrink: 0 }}
          >
            {t('evidence.choose')}
          </Button>
        </Group>
        <input
          ref={setRefs}
          type="file"
          multiple
          hidden
          aria-label={t('evidence.choose')}
          data-testid={testId ? `${testId}-input` : 'attach-input'}
          onChange={(event) => {
            onFiles(event.currentTarget.files);
            event.currentTarget.value = '';
          }}
        />
      </Box>
      {jobs.map((job) => {
        if (job.notPhoto) {
          return (
            <Group key={job.key} justify="space-between" gap="xs" wrap="nowrap" data-testid="attach-not-photo">
              <Text size="xs" c="orange.9">
                {t('evidence.notPhoto', { name: job.name, type: job.notPhoto })}
              </Text>
              <Button size="compact-xs" variant="subtle" onClick={() => setJobs((l) => l.filter((j) => j.key !== job.key))}>
                {t('evidence.dismiss')}
              </Button>
            </Group>
          );
        }
        const uploading = job.progress.phase === 'upload';
        const value = job.progress.total > 0 ? (job.progress.done / job.progress.total) * 100 : 0;
        return (
          <Stack key={job.key} gap={2} data-testid="attach-job">
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs" truncate>
                {job.name}
              </Text>
              <Text size="xs" c={job.error ? 'red.7' : 'dimmed'} style={{ flexShrink: 0 }}>
                {job.error
                  ? t(`errors.${job.error.code}`)
                  : uploading
                    ? t('evidence.uploading', {
                        done: formatBytes(job.progress.done, i18n.language),
                        total: formatBytes(job.size, i18n.language),
                      })
                    : t('evidence.processing')}
              </Text>
            </Group>
            <Progress
              size="sm"
              value={job.error ? 100 : uploading ? value : job.progress.total > 0 ? value : 100}
              color={job.error ? 'red' : uploading ? 'blue' : 'teal'}
              animated={!job.error && !uploading && job.progress.total === 0}
              striped={!job.error && !uploading}
              aria-label={t('evidence.progressOf', { name: job.name })}
            />
            {job.error && (
              <Group justify="flex-end">
                <Button size="compact-xs" variant="subtle" onClick={() => setJobs((l) => l.filter((j) => j.key !== job.key))}>
                  {t('evidence.dismiss')}
                </Button>
              </Group>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
