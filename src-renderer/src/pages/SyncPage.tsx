import { Button, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/kit/PageHeader';
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
      <PageHeader
        title={t('sync.title')}
        intro={t('sync.intro')}
        action={
          <Button variant="subtle" onClick={() => void loadAll()}>
            {t('sync.refresh')}
          </Button>
        }
      />
      <HqSection />
      <OutboxSection />
      <KeysSection />
      <TrustSection />
      <BundlesSection />
    </Stack>
  );
}
