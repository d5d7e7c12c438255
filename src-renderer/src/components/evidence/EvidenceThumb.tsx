import { Box, Center, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../../src-main/contract/evidence';
import { useThumbnail } from '../../lib/thumbnails';
import { IconDocument } from '../icons';

/** A square preview: the photo's thumbnail, or a document icon with the file's extension. */
export function EvidenceThumb({
  evidence,
  size = 88,
  onOpen,
}: {
  evidence: Evidence;
  size?: number;
  onOpen?: (evidence: Evidence) => void;
}) {
  const { t } = useTranslation();
  const thumb = useThumbnail(evidence, 'small');
  const extension = /\.([A-Za-z0-9]{1,6})$/.exec(evidence.originalName)?.[1]?.toUpperCase();
  const name = evidence.caption || evidence.originalName;

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
      aria-label={t('evidence.open', { name })}
      title={evidence.originalName}
      style={{ display: 'block' }}
    >
      <Box
        w={size}
        h={size}
        bg="gray.1"
        style={{ borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden', border: '1px solid var(--mantine-color-gray-3)' }}
      >
        {body}
      </Box>
    </UnstyledButton>
  );
}
