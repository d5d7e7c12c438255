import { Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../../src-main/contract/evidence';
import { api, type ApiError } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { AttachDropZone } from './AttachDropZone';
import { EvidenceDetailModal } from './EvidenceDetailModal';
import { EvidenceThumb, type ShownEvidence } from './EvidenceThumb';

/** The evidence of one checklist item: thumbnails, attach (file input, drop), and the detail dialog. */
export function ItemGallery({
  caseId,
  runId,
  itemId,
  inputRef,
  knownEmpty = false,
  onCountChange,
}: {
  caseId: string;
  runId: string;
  itemId: string;
  inputRef?: Ref<HTMLInputElement>;
  /** The run already knows this item has no evidence: nothing to ask the service for. */
  knownEmpty?: boolean;
  onCountChange: (delta: number) => void;
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ShownEvidence[] | null>(() => (knownEmpty ? [] : null));
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState<Evidence | null>(null);

  const skip = useRef(knownEmpty);
  useEffect(() => {
    if (skip.current) return;
    let live = true;
    void api.evidence.list({ caseId, runId, itemId }).then((result) => {
      if (!live) return;
      if (result.ok) setItems(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [caseId, runId, itemId]);

  return (
    <Stack gap="xs" data-testid="item-gallery">
      {error && <ErrorAlert error={error} />}
      {items === null && !error ? (
        <Loader size="xs" aria-label={t('app.loading')} />
      ) : items && items.length > 0 ? (
        <Group gap="xs">
          {items.map((evidence) => (
            <EvidenceThumb key={evidence.id} evidence={evidence} size={76} onOpen={setOpen} />
          ))}
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          {t('evidence.noneForItem')}
        </Text>
      )}
      <AttachDropZone
        target={{ caseId, runId, itemId }}
        inputRef={inputRef}
        compact
        onAttached={(evidence) => {
          setItems((list) => [...(list ?? []), evidence]);
          onCountChange(1);
        }}
      />
      <EvidenceDetailModal
        evidence={open}
        onClose={() => setOpen(null)}
        onChanged={(changed) => {
          setItems((list) => (list ?? []).map((e) => (e.id === changed.id ? changed : e)));
          setOpen(changed);
        }}
        onRemoved={(removed) => {
          setItems((list) => (list ?? []).filter((e) => e.id !== removed.id));
          setOpen(null);
          onCountChange(-1);
        }}
      />
    </Stack>
  );
}
