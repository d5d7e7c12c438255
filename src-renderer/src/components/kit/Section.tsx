import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A section heading with an optional count badge, a hint below, and actions on the right. */
export function SectionHeader({
  id,
  title,
  count,
  hint,
  actions,
}: {
  id: string;
  title: string;
  count?: number;
  hint?: string | undefined;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
      <Stack gap={2}>
        <Group gap={6}>
          <Title order={3} id={id}>
            {title}
          </Title>
          {count !== undefined && count > 0 && (
            <Badge size="sm" color="gray" variant="light">
              {count}
            </Badge>
          )}
        </Group>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
      </Stack>
      {actions && (
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {actions}
        </Group>
      )}
    </Group>
  );
}

/** A titled section of a step's page, labelled by its heading; its id is also its test id. */
export function Section({
  id,
  titleId = id,
  title,
  count,
  hint,
  actions,
  gap = 6,
  children,
}: {
  id: string;
  titleId?: string;
  title: string;
  count?: number;
  hint?: string;
  actions?: ReactNode;
  gap?: number | 'sm';
  children: ReactNode;
}) {
  return (
    <Stack gap={gap} component="section" aria-labelledby={titleId} data-testid={id}>
      <SectionHeader id={titleId} title={title} count={count} hint={hint} actions={actions} />
      {children}
    </Stack>
  );
}
