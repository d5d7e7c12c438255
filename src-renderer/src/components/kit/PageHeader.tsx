import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type HeaderProps = { title: string; intro?: string; action?: ReactNode };

/** A page's heading: its title, a line on what the page is for, and the page's own action on the right. */
export function PageHeader({ title, intro, action }: HeaderProps) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        {intro && (
          <Text size="sm" c="dimmed" maw={760}>
            {intro}
          </Text>
        )}
      </Stack>
      {action}
    </Group>
  );
}

/** A top-level page: its header, then its sections, in one column no wider than `maw`. */
export function Page({ maw, children, ...header }: HeaderProps & { maw: number; children: ReactNode }) {
  return (
    <Stack gap="md" maw={maw}>
      <PageHeader {...header} />
      {children}
    </Stack>
  );
}

/** A page's "Refresh": reads again what the page shows from this laptop's store or from HQ. */
export function RefreshButton({ onClick, loading, testId }: { onClick: () => void; loading?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Button variant="subtle" onClick={onClick} loading={loading} data-testid={testId}>
      {t('sync.refresh')}
    </Button>
  );
}
