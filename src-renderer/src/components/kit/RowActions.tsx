import { ActionIcon, Group, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

/** An icon button with its name as tooltip and accessible label. */
export function RowAction({
  label,
  onClick,
  color = 'gray',
  children,
  disabled,
  testId,
}: {
  label: string;
  onClick: () => void;
  color?: string;
  children: ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <ActionIcon
        variant="subtle"
        color={color}
        size="sm"
        aria-label={label}
        onClick={onClick}
        disabled={disabled}
        className="aeo-icon-action"
        data-testid={testId}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/** A row's icon buttons, side by side at the row's end. */
export function RowActions({ children, justify = 'flex-end' }: { children: ReactNode; justify?: 'flex-end' | 'flex-start' }) {
  return (
    <Group gap={2} wrap="nowrap" justify={justify}>
      {children}
    </Group>
  );
}
