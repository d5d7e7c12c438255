import { Button, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordTable, type Column } from '../kit/RecordTable';
import { EditRemoveActions } from '../kit/RowActions';
import { Section } from '../kit/Section';

/**
 * One list of the plan (sites, visits, interviews, procedures): a titled section with Add, an intro line, and its
 * rows as a table whose last column edits or removes a row (removal asks first, in the plan editor).
 */
export function PlanList<T extends { id: string }>({
  name,
  title,
  addLabel,
  onAdd,
  addBlockedBy,
  intro,
  rows,
  rowTestId,
  empty,
  columns,
  editLabel,
  onEdit,
  onRemove,
  actionsWidth = 70,
  moreActions,
}: {
  /** `visits` gives the section id `plan-visits` and the table `visits-table`. */
  name: string;
  title: string;
  addLabel: string;
  onAdd: () => void;
  /** Why Add is off (no site to visit yet), shown on hover; Add is on without it. */
  addBlockedBy?: string | null;
  intro?: string;
  rows: readonly T[];
  rowTestId: string;
  empty: string;
  columns: readonly Column<T>[];
  editLabel: string;
  onEdit: (row: T) => void;
  onRemove: (row: T) => void;
  actionsWidth?: number;
  /** Row actions placed before Edit and Remove. */
  moreActions?: (row: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Section
      id={`plan-${name}`}
      title={title}
      count={rows.length}
      actions={
        <Tooltip label={addBlockedBy} disabled={!addBlockedBy}>
          <Button size="xs" variant="light" disabled={Boolean(addBlockedBy)} onClick={onAdd}>
            {addLabel}
          </Button>
        </Tooltip>
      }
    >
      {intro && (
        <Text size="xs" c="dimmed">
          {intro}
        </Text>
      )}
      <RecordTable<T>
        testId={`${name}-table`}
        rowTestId={rowTestId}
        rows={rows}
        rowKey={(row) => row.id}
        empty={empty}
        columns={columns}
        actionsWidth={actionsWidth}
        actions={(row) => (
          <EditRemoveActions
            justify="flex-end"
            iconSize={15}
            editLabel={editLabel}
            removeLabel={t('plan.remove.confirm')}
            onEdit={() => onEdit(row)}
            onRemove={() => onRemove(row)}
          >
            {moreActions?.(row)}
          </EditRemoveActions>
        )}
      />
    </Section>
  );
}
