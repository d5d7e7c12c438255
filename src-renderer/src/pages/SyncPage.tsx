import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BundlesSection } from '../components/sync/BundlesSection';
import { HqSection } from '../components/sync/HqSection';
import { OutboxSection } from '../components/sync/OutboxSection';
import { KeysSection } from '../components/sync/KeysSection';
import { TrustSection } from '../components/sync/TrustSection';
import { useSyncStore } from '../stores/sync';

/** Keys, the trust list from HQ, and the sealed bundles: what moves reports between this laptop and HQ. */
export function SyncPage() {
  const { t } = useTranslation();
  const loadAll = useSyncStore((s) => s.loadAll);
  useEffect(() => {
    void loadAll();
  }, [loadAll]);

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={4}>
          <Title order={1}>{t('sync.title')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('sync.intro')}
          </Text>
        </Stack>
        <Button variant="subtle" onClick={() => void loadAll()}>
          {t('sync.refresh')}
        </Button>
      </Group>
      <HqSection />
      <OutboxSection />
      <KeysSection />
      <TrustSection />
      <BundlesSection />
    </Stack>
  );
}
