import { Button, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordTable, type Column } from '../kit/RecordTable';
import { EditRemoveActions } from '../kit/RowActions';
import { Section } from '../kit/Section';

/** The plan's lists; each names its texts (`plan.sites.title`, `.add`, `.empty`, `.edit`) and its rows' test id. */
const rowTestIds = { sites: 'site-row', visits: 'visit-row', interviews: 'interview-row', procedures: 'procedure-row' } as const;
export type PlanListName = keyof typeof rowTestIds;

/**
 * One list of the plan (sites, visits, interviews, procedures): a titled section with Add, an intro line, and its
 * rows as a table whose last column edits or removes a row (removal asks first, in the plan editor).
 */
export function PlanList<T extends { id: string }>({
  name,
  onAdd,
  addBlockedBy,
  intro,
  rows,
  columns,
  onEdit,
  onRemove,
  actionsWidth = 70,
  moreActions,
}: {
  /** `visits` gives the section id `plan-visits`, the table `visits-table` and the texts under `plan.visits`. */
  name: PlanListName;
  onAdd: () => void;
  /** Why Add is off (no site to visit yet), shown on hover; Add is on without it. */
  addBlockedBy?: string | null;
  intro?: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
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
      title={t(`plan.${name}.title`)}
      count={rows.length}
      actions={
        <Tooltip label={addBlockedBy} disabled={!addBlockedBy}>
          <Button size="xs" variant="light" disabled={Boolean(addBlockedBy)} onClick={onAdd}>
            {t(`plan.${name}.add`)}
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
        rowTestId={rowTestIds[name]}
        rows={rows}
        empty={t(`plan.${name}.empty`)}
        columns={columns}
        actionsWidth={actionsWidth}
        actions={(row) => (
          <EditRemoveActions
            justify="flex-end"
            iconSize={15}
            editLabel={t(`plan.${name}.edit`)}
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
