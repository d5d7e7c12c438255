import { Button, Center, Code, DataList, Group, Modal, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../../src-main/contract/evidence';
import { api, type ApiError } from '../../api/client';
import { formatTimestamp } from '../../lib/format';
import { formatBytes } from '../../lib/keys';
import { useThumbnail } from '../../lib/thumbnails';
import { ErrorAlert } from '../ErrorAlert';
import { IconDocument } from '../icons';

function LargePreview({ evidence }: { evidence: Evidence }) {
  const thumb = useThumbnail(evidence, 'large');
  if (thumb.status === 'ready') {
    return (
      <img
        src={thumb.dataUrl}
        alt={evidence.caption || evidence.originalName}
        data-testid="evidence-large"
        style={{ maxWidth: '100%', maxHeight: 420, display: 'block', margin: '0 auto', borderRadius: 4 }}
      />
    );
  }
  if (thumb.status === 'loading') return <Skeleton h={260} />;
  return (
    <Center h={120} c="gray.6">
      <IconDocument size={56} />
    </Center>
  );
}

/** One piece of evidence: the large preview, its record (hash, who, when), caption and date, and removal. */
export function EvidenceDetailModal({
  evidence,
  onClose,
  onChanged,
  onRemoved,
}: {
  evidence: Evidence | null;
  onClose: () => void;
  onChanged: (evidence: Evidence) => void;
  onRemoved: (evidence: Evidence) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={evidence !== null} onClose={onClose} title={t('evidence.detailTitle')} size="lg">
      {evidence && (
        <EvidenceDetail key={evidence.id} evidence={evidence} onChanged={onChanged} onRemoved={onRemoved} />
      )}
    </Modal>
  );
}

function EvidenceDetail({
  evidence,
  onChanged,
  onRemoved,
}: {
  evidence: Evidence;
  onChanged: (evidence: Evidence) => void;
  onRemoved: (evidence: Evidence) => void;
}) {
  const { t, i18n } = useTranslation();
  const [caption, setCaption] = useState(evidence.caption);
  const [date, setDate] = useState(evidence.effectiveDate ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(null);
    const result = await api.evidence.update({ id: evidence.id, caption, effectiveDate: date === '' ? null : date });
    setBusy(false);
    if (result.ok) onChanged(result.value);
    else setError(result.error);
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    const result = await api.evidence.remove({ id: evidence.id });
    setBusy(false);
    if (result.ok) onRemoved(evidence);
    else setError(result.error);
  };

  const changed = caption !== evidence.caption || date !== (evidence.effectiveDate ?? '');

  return (
    <Stack gap="sm">
      <LargePreview evidence={evidence} />
      <DataList size="sm" labelWidth={150} gap={4}>
        {[
          [t('evidence.fileName'), evidence.originalName],
          [t('evidence.kind'), t(`evidence.kinds.${evidence.kind}`)],
          [t('evidence.size'), `${formatBytes(evidence.size, i18n.language)} · ${evidence.mediaType}`],
          [t('evidence.capturedAt'), formatTimestamp(evidence.capturedAt, i18n.language)],
          [t('evidence.attached'), `${evidence.attachedByName} · ${formatTimestamp(evidence.attachedAt, i18n.language)}`],
        ].map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
        <DataList.Item>
          <DataList.ItemLabel>{t('evidence.sha256')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <Code style={{ wordBreak: 'break-all' }}>{evidence.sha256}</Code>
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Group grow align="flex-start">
        <TextInput label={t('evidence.caption')} value={caption} onChange={(e) => setCaption(e.currentTarget.value)} />
        <TextInput
          type="date"
          label={t('evidence.effectiveDate')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          maw={180}
        />
      </Group>
      {error && <ErrorAlert error={error} />}
      {confirming ? (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="red.8">
            {t('evidence.removeConfirm')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => void remove()} loading={busy}>
              {t('evidence.remove')}
            </Button>
          </Group>
        </Group>
      ) : (
        <Group justify="space-between">
          <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
            {t('evidence.remove')}
          </Button>
          <Button onClick={() => void save()} loading={busy} disabled={!changed}>
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
