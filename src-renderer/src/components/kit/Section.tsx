import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A section heading with an optional count badge, a hint below, and actions on the right. A panel's heading is
 * level 2 with its hint in the body size; a section inside a panel is level 3 with a smaller hint.
 */
export function SectionHeader({
  id,
  order = 3,
  title,
  count,
  hint,
  actions,
}: {
  id: string;
  order?: 2 | 3;
  title: string;
  count?: number;
  hint?: string | undefined;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
      <Stack gap={2}>
        <Group gap={6}>
          <Title order={order} id={id}>
            {title}
          </Title>
          {count !== undefined && count > 0 && (
            <Badge size="sm" color="gray" variant="light">
              {count}
            </Badge>
          )}
        </Group>
        {hint && (
          <Text size={order === 2 ? 'sm' : 'xs'} c="dimmed">
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

/** A section's Add action, in its heading: opens the dialog of a new record. */
export function AddButton({
  label,
  onClick,
  testId,
  disabled,
  variant = 'filled',
}: {
  label: string;
  onClick: () => void;
  testId: string;
  disabled?: boolean;
  variant?: 'filled' | 'light';
}) {
  return (
    <Button size="xs" variant={variant} disabled={disabled} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
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
  gap?: number | 'sm' | 'md';
  children: ReactNode;
}) {
  return (
    <Stack gap={gap} component="section" aria-labelledby={titleId} data-testid={id}>
      <SectionHeader id={titleId} title={title} count={count} hint={hint} actions={actions} />
      {children}
    </Stack>
  );
}

/** A card of a page (the keys, the trust list, the certification cycle): a section under a level-2 heading. */
export function Panel({
  id,
  titleId = `${id}-title`,
  title,
  hint,
  actions,
  children,
}: {
  id: string;
  titleId?: string;
  title: string;
  hint?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper p="md" component="section" aria-labelledby={titleId} data-testid={id}>
      <Stack gap="sm">
        <SectionHeader id={titleId} order={2} title={title} hint={hint} actions={actions} />
        {children}
      </Stack>
    </Paper>
  );
}
