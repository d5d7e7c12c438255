import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconEdit, IconTrash } from '../icons';

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

/** The two actions most rows have: edit, and remove (which asks first, see useCrudDialogs). */
export function EditRemoveActions({
  editLabel,
  removeLabel,
  onEdit,
  onRemove,
  iconSize = 14,
  justify = 'flex-start',
  children,
}: {
  editLabel: string;
  removeLabel: string;
  onEdit: () => void;
  onRemove: () => void;
  iconSize?: number;
  justify?: 'flex-end' | 'flex-start';
  /** Actions placed before the two. */
  children?: ReactNode;
}) {
  return (
    <RowActions justify={justify}>
      {children}
      <RowAction label={editLabel} onClick={onEdit}>
        <IconEdit size={iconSize} />
      </RowAction>
      <RowAction label={removeLabel} color="red" onClick={onRemove}>
        <IconTrash size={iconSize} />
      </RowAction>
    </RowActions>
  );
}

/** A row's short reference (R1, F2, M3) in the first column. */
export function RefText({ children }: { children: string | undefined }) {
  return (
    <Text size="sm" c="dimmed" ff="monospace">
      {children}
    </Text>
  );
}
