import { Badge, Box, Center, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Evidence, EvidenceIntegrity } from '../../../../src-main/contract/evidence';
import { useThumbnail } from '../../lib/thumbnails';
import { IconDocument } from '../icons';

/** Evidence as a list shows it; a file attached a moment ago has no integrity state yet (it was just hashed). */
export type ShownEvidence = Evidence & { integrity?: EvidenceIntegrity };

/**
 * A square preview: the photo's thumbnail, or a document icon with the file's extension. A stored file that no
 * longer matches its hash (or is gone) is marked on the preview itself: a thumbnail may come from the cache, made
 * while the file was still whole, and must not pass for proof.
 */
export function EvidenceThumb({
  evidence,
  size = 88,
  onOpen,
}: {
  evidence: ShownEvidence;
  size?: number;
  onOpen?: (evidence: ShownEvidence) => void;
}) {
  const { t } = useTranslation();
  const thumb = useThumbnail(evidence, 'small');
  const extension = /\.([A-Za-z0-9]{1,6})$/.exec(evidence.originalName)?.[1]?.toUpperCase();
  const name = evidence.caption || evidence.originalName;
  const broken = evidence.integrity === 'altered' || evidence.integrity === 'missing' ? evidence.integrity : null;

  const body =
    thumb.status === 'ready' ? (
      <img
        src={thumb.dataUrl}
        alt={name}
        data-testid="evidence-thumb"
        style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
      />
    ) : thumb.status === 'loading' ? (
      <Skeleton w="100%" h="100%" radius={0} />
    ) : (
      <Center h="100%" data-testid="evidence-doc" c="gray.7">
        <Stack gap={2} align="center">
          <IconDocument size={Math.round(size / 3)} />
          {extension && (
            <Text size="xs" fw={600} c="dimmed">
              {extension}
            </Text>
          )}
        </Stack>
      </Center>
    );

  return (
    <UnstyledButton
      onClick={() => onOpen?.(evidence)}
      aria-label={broken ? `${t('evidence.open', { name })}. ${t(`evidence.integrityMark.${broken}Long`)}` : t('evidence.open', { name })}
      title={broken ? `${evidence.originalName}: ${t(`evidence.integrityMark.${broken}Long`)}` : evidence.originalName}
      style={{ display: 'block' }}
      data-integrity={evidence.integrity}
    >
      <Box
        w={size}
        h={size}
        bg="gray.1"
        pos="relative"
        style={{
          borderRadius: 'var(--mantine-radius-sm)',
          overflow: 'hidden',
          border: broken ? '2px solid var(--mantine-color-red-7)' : '1px solid var(--mantine-color-gray-3)',
        }}
      >
        {body}
        {broken && (
          <Badge
            pos="absolute"
            bottom={2}
            left={2}
            right={2}
            size="xs"
            color="red.8"
            variant="filled"
            radius="xs"
            data-testid="integrity-mark"
            data-state={broken}
          >
            {t(`evidence.integrityMark.${broken}`)}
          </Badge>
        )}
      </Box>
    </UnstyledButton>
  );
}
