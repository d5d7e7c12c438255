import { ActionIcon, AppShell, Badge, Group, NavLink, Text, Tooltip } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ContrastSwitch } from '../components/ContrastSwitch';
import { IconBook, IconDocument, IconFolder, IconShield, IconSidebar, IconSync } from '../components/icons';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SyncBadge } from '../components/sync/SyncBadge';
import { hrefFor, pageKey, useRouteStore, type Route } from '../stores/route';
import { useSessionStore } from '../stores/session';
import { useHeadingFocus } from './heading-focus';

const SIDEBAR_KEY = 'aeo.sidebarCollapsed';
const WIDE = 216;
const RAIL = 60;

/** The sidebar as the user left it; without a choice yet, a rail of icons on a screen narrower than 1280 px. */
function storedCollapsed(): boolean {
  try {
    const value = window.localStorage.getItem(SIDEBAR_KEY);
    if (value === 'true' || value === 'false') return value === 'true';
  } catch {
    // No storage: fall through to the default.
  }
  return window.innerWidth < 1280;
}

function rememberCollapsed(collapsed: boolean): void {
  try {
    window.localStorage.setItem(SIDEBAR_KEY, String(collapsed));
  } catch {
    // Not remembered across launches; the toggle still applies now.
  }
}

export function AppFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const route = useRouteStore((s) => s.route);
  const user = useSessionStore((s) => s.currentUser);
  const [collapsed, setCollapsed] = useState(storedCollapsed);
  useHeadingFocus(pageKey(route));
  const toggle = () => {
    setCollapsed(!collapsed);
    rememberCollapsed(!collapsed);
  };

  const links: { route: Route; label: string; icon: ReactNode; active: boolean; testId: string }[] = [
    {
      route: { name: 'cases' },
      label: t('nav.cases'),
      icon: <IconFolder size={20} />,
      active: route.name === 'cases' || route.name === 'caseNew' || route.name === 'case' || route.name === 'run' || route.name === 'merge',
      testId: 'nav-cases',
    },
    { route: { name: 'library' }, label: t('nav.library'), icon: <IconBook size={20} />, active: route.name === 'library', testId: 'nav-library' },
    { route: { name: 'sync' }, label: t('nav.sync'), icon: <IconSync size={20} />, active: route.name === 'sync', testId: 'nav-sync' },
    {
      route: { name: 'authority' },
      label: t('authority.nav'),
      icon: <IconShield size={20} />,
      active: route.name === 'authority',
      testId: 'nav-authority',
    },
    // HQ's inbox: for team leads (an HQ officer's key may open #/inbox too; HQ decides who may read it).
    ...(user?.role === 'team_lead'
      ? [{ route: { name: 'inbox' } as Route, label: t('hq.inbox.nav'), icon: <IconDocument size={20} />, active: route.name === 'inbox', testId: 'nav-inbox' }]
      : []),
  ];

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: collapsed ? RAIL : WIDE, breakpoint: 0 }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={toggle}
              aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
              aria-expanded={!collapsed}
              aria-controls="app-navbar"
              data-testid="nav-toggle"
            >
              <IconSidebar size={20} />
            </ActionIcon>
            {/* Below 48em the product name gives way to the sync badge and the switches (each page has its heading). */}
            <Text fw={700} size="md" c="blue.8" truncate visibleFrom="sm">
              {t('app.name')}
            </Text>
            <Text size="xs" c="dimmed" visibleFrom="lg" truncate>
              {t('app.subtitle')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <SyncBadge />
            {user && (
              <Group gap={6} wrap="nowrap" aria-label={t('header.currentUser')} role="group">
                <Text size="sm" fw={500} data-testid="current-user" truncate maw={220}>
                  {user.name}
                </Text>
                <Badge size="sm" variant="outline" color="gray" visibleFrom="sm">
                  {t(`userRoles.${user.role}`)}
                </Badge>
              </Group>
            )}
            <ContrastSwitch />
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')} id="app-navbar" data-collapsed={collapsed || undefined}>
        {links.map((link) => {
          const item = (
            <NavLink
              key={link.testId}
              href={hrefFor(link.route)}
              label={collapsed ? undefined : link.label}
              aria-label={collapsed ? link.label : undefined}
              leftSection={link.icon}
              active={link.active}
              aria-current={link.active ? 'page' : undefined}
              data-testid={link.testId}
            />
          );
          return collapsed ? (
            <Tooltip key={link.testId} label={link.label} position="right" withArrow>
              {item}
            </Tooltip>
          ) : (
            item
          );
        })}
      </AppShell.Navbar>

      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
