import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Page, RefreshButton } from '../components/kit/PageHeader';
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
    <Page maw={1200} title={t('sync.title')} intro={t('sync.intro')} action={<RefreshButton onClick={() => void loadAll()} />}>
      <HqSection />
      <OutboxSection />
      <KeysSection />
      <TrustSection />
      <BundlesSection />
    </Page>
  );
}
