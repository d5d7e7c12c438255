import { Table, Text, VisuallyHidden, type TableProps } from '@mantine/core';
import type { CSSProperties, KeyboardEvent, ReactNode } from 'react';

/** One column: its header, an optional width, and how a row shows in it. */
export type Column<T> = {
  key: string;
  header: ReactNode;
  width?: number;
  cell(row: T, index: number): ReactNode;
  /** Cell props that apply to every row of the column (a bold name, dates that never wrap). */
  fw?: number;
  maw?: number;
  c?: string;
  style?: CSSProperties;
};

/** What a row may carry besides its cells: data-* the browser tests read, and a style (a highlighted row). */
export type RowAttributes = { style?: CSSProperties; [data: `data-${string}`]: string | number | undefined };

/** A column of free text (notes, an address): two lines at most, a dash when there is none. */
export function textColumn<T>(key: string, header: ReactNode, text: (row: T) => string): Column<T> {
  return {
    key,
    header,
    cell: (row) => (
      <Text size="sm" lineClamp={2}>
        {text(row) || '—'}
      </Text>
    ),
  };
}

/** A row that opens like a link: focusable, named for screen readers, by click or by Enter or Space. */
function opener<T>(row: T, onOpen: (row: T) => void, label?: (row: T) => string) {
  return {
    className: 'aeo-row-link',
    tabIndex: 0,
    'aria-label': label?.(row),
    onClick: () => onOpen(row),
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      onOpen(row);
    },
  };
}

/**
 * A list of records as a table: columns, the test id each row carries, optional row actions in a last column with
 * a hidden header, and a line of text when there are no rows. A thin layer over Mantine's Table, so every screen's
 * tables look and read the same.
 */
export function RecordTable<T>({
  rows,
  columns,
  rowKey,
  rowTestId,
  rowProps,
  empty,
  emptyTestId,
  actions,
  actionsWidth,
  actionsLabel,
  testId,
  minWidth,
  tableProps,
  onOpen,
  openLabel,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T, index: number): string;
  rowTestId: string;
  /** Extra attributes per row (data-* the browser tests read). */
  rowProps?(row: T): RowAttributes;
  /** Shown instead of the table when there are no rows; without it an empty table shows nothing. */
  empty?: ReactNode;
  emptyTestId?: string;
  actions?(row: T): ReactNode;
  actionsWidth?: number;
  /** The hidden header of the actions column, for screen readers. */
  actionsLabel?: string;
  testId: string;
  /** Scrolls sideways below this width instead of squeezing the columns. */
  minWidth?: number;
  tableProps?: Omit<TableProps, 'children'>;
  /** Rows that open something (a case, a run, a preview): by click, or by Enter or Space on the focused row. */
  onOpen?(row: T): void;
  /** What opening the row does, for screen readers ("Open case AEO-1"). */
  openLabel?(row: T): string;
}) {
  if (rows.length === 0) {
    if (empty === undefined) return null;
    return (
      <Text size="sm" c="dimmed" data-testid={emptyTestId}>
        {empty}
      </Text>
    );
  }
  const table = (
    <Table data-testid={testId} {...tableProps}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.key} w={column.width}>
              {column.header}
            </Table.Th>
          ))}
          {actions && (
            <Table.Th w={actionsWidth}>{actionsLabel && <VisuallyHidden>{actionsLabel}</VisuallyHidden>}</Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={rowKey(row, index)} data-testid={rowTestId} {...(onOpen ? opener(row, onOpen, openLabel) : {})} {...rowProps?.(row)}>
            {columns.map((column) => (
              <Table.Td key={column.key} fw={column.fw} c={column.c} maw={column.maw} style={column.style}>
                {column.cell(row, index)}
              </Table.Td>
            ))}
            {actions && <Table.Td>{actions(row)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return minWidth ? <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer> : table;
}
