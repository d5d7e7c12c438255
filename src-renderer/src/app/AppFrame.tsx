import { AppShell, Badge, Group, NavLink, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SyncBadge } from '../components/sync/SyncBadge';
import { hrefFor, useRouteStore } from '../stores/route';
import { useSessionStore } from '../stores/session';

export function AppFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const route = useRouteStore((s) => s.route);
  const user = useSessionStore((s) => s.currentUser);
  const onCases = route.name === 'cases' || route.name === 'caseNew' || route.name === 'case' || route.name === 'run';
  const onLibrary = route.name === 'library';
  const onSync = route.name === 'sync';
  const onInbox = route.name === 'inbox';

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 216, breakpoint: 0 }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text fw={700} size="md" c="blue.8">
              {t('app.name')}
            </Text>
            <Text size="xs" c="dimmed" visibleFrom="md">
              {t('app.subtitle')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <SyncBadge />
            {user && (
              <Group gap={6} wrap="nowrap" aria-label={t('header.currentUser')} role="group">
                <Text size="sm" fw={500} data-testid="current-user">
                  {user.name}
                </Text>
                <Badge size="sm" variant="outline" color="gray">
                  {t(`userRoles.${user.role}`)}
                </Badge>
              </Group>
            )}
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        <NavLink href={hrefFor({ name: 'cases' })} label={t('nav.cases')} active={onCases} aria-current={onCases ? 'page' : undefined} />
        <NavLink
          href={hrefFor({ name: 'library' })}
          label={t('nav.library')}
          active={onLibrary}
          aria-current={onLibrary ? 'page' : undefined}
          data-testid="nav-library"
        />
        <NavLink
          href={hrefFor({ name: 'sync' })}
          label={t('nav.sync')}
          active={onSync}
          aria-current={onSync ? 'page' : undefined}
          data-testid="nav-sync"
        />
        {user?.role === 'team_lead' && (
          <NavLink
            href={hrefFor({ name: 'inbox' })}
            label={t('hq.inbox.nav')}
            active={onInbox}
            aria-current={onInbox ? 'page' : undefined}
            data-testid="nav-inbox"
          />
        )}
      </AppShell.Navbar>

      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
