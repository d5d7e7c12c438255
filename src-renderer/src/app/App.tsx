import { Button, Center, Loader, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { AuthorityPage } from '../pages/AuthorityPage';
import { CaseCreatePage } from '../pages/CaseCreatePage';
import { CaseListPage } from '../pages/CaseListPage';
import { CasePage } from '../pages/CasePage';
import { LibraryPage } from '../pages/LibraryPage';
import { RunPage } from '../pages/RunPage';
import { SetupPage } from '../pages/SetupPage';
import { SyncPage } from '../pages/SyncPage';
import { InboxPage } from '../pages/InboxPage';
import { TeamMergePage } from '../pages/TeamMergePage';
import { startRouting, useRouteStore } from '../stores/route';
import { useSessionStore } from '../stores/session';
import { AppFrame } from './AppFrame';
import { usePick } from '../stores/pick';

export function App() {
  const { t, i18n } = useTranslation();
  const { status, currentUser, error, load } = usePick(useSessionStore, 'status', 'currentUser', 'error', 'load');

  useEffect(() => startRouting(), []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    document.title = t('app.name');
  }, [t, i18n.language]);

  if (status === 'loading') {
    return (
      <Center h="100vh" aria-busy="true">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (status === 'error' && error) {
    return (
      <Center h="100vh">
        <Stack w={420}>
          <ErrorAlert error={error}>{t('app.startError')}</ErrorAlert>
          <Button variant="default" onClick={() => void load()}>
            {t('app.retry')}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!currentUser) return <SetupPage />;
  return (
    <AppFrame>
      <Routed />
    </AppFrame>
  );
}

function Routed() {
  const route = useRouteStore((s) => s.route);
  switch (route.name) {
    case 'cases':
      return <CaseListPage />;
    case 'caseNew':
      return <CaseCreatePage />;
    case 'case':
      return <CasePage key={route.id} id={route.id} step={route.step} focus={route.focus} />;
    case 'run':
      return <RunPage key={route.id} id={route.id} item={route.item} />;
    case 'library':
      return <LibraryPage />;
    case 'sync':
      return <SyncPage />;
    case 'inbox':
      return <InboxPage />;
    case 'merge':
      return <TeamMergePage key={route.id} caseId={route.id} />;
    case 'authority':
      return <AuthorityPage />;
  }
}
