import { ActionIcon, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

/** An icon button with its name as tooltip and accessible label. */
export function RowAction({
  label,
  onClick,
  color = 'gray',
  children,
  testId,
}: {
  label: string;
  onClick: () => void;
  color?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <ActionIcon variant="subtle" color={color} size="sm" aria-label={label} onClick={onClick} data-testid={testId}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/** A section heading with an optional hint below and actions on the right. */
export function SectionHeader({
  id,
  title,
  hint,
  actions,
}: {
  id: string;
  title: string;
  hint?: string | undefined;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
      <Stack gap={2}>
        <Title order={3} id={id}>
          {title}
        </Title>
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
