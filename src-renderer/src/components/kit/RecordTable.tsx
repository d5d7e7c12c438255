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
  /** Numbers (a size, an amount) line up on the right, header and cells alike. */
  align?: 'right';
  /**
   * How much the column matters when space runs short: 1 (or none) always shows; 2 gives way when the table is
   * narrower than 720 px, 3 below 960 px. A column that gives way is not lost: its header and value stack under
   * the row's first cell. So no table scrolls sideways, on a 1024×700 laptop or beside an open sidebar.
   */
  priority?: ColumnPriority;
};

export type ColumnPriority = 1 | 2 | 3;

/** What a row may carry besides its cells: data-* the browser tests read, and a style (a highlighted row). */
export type RowAttributes = { style?: CSSProperties; [data: `data-${string}`]: string | number | undefined };

/** A column of free text (notes, an address): two lines at most, a dash when there is none. */
export function textColumn<T>(key: string, header: ReactNode, text: (row: T) => string, priority?: ColumnPriority): Column<T> {
  return {
    key,
    header,
    ...(priority ? { priority } : {}),
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
 * The attributes that let a cell of a hand-made table give way like a RecordTable column (see `priority`): the
 * table sits in a `.aeo-rt` container, and app.css hides `[data-priority]` cells by the container's width.
 */
export const priorityProps = (priority: ColumnPriority | undefined) =>
  priority && priority > 1 ? { 'data-priority': priority } : {};

/** A stored record is keyed by its `id`; rows without one (a schedule entry, a side of a merge) name a `rowKey`. */
function idOf(row: unknown): string {
  if (typeof row === 'object' && row !== null && 'id' in row && typeof row.id === 'string') return row.id;
  throw new Error('RecordTable: rows without an id need a rowKey');
}

export type TableOf<T> = {
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** What keys a row: its `id` unless told. */
  rowKey?(row: T, index: number): string;
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
  tableProps?: Omit<TableProps, 'children'>;
  /** Rows that open something (a case, a run, a preview): by click, or by Enter or Space on the focused row. */
  onOpen?(row: T): void;
  /** What opening the row does, for screen readers ("Open case AEO-1"). */
  openLabel?(row: T): string;
};

/**
 * A list of records as a table: columns, the test id each row carries, optional row actions in a last column with
 * a hidden header, and a line of text when there are no rows. It never scrolls sideways: columns of lower
 * priority give way to narrow space and stack under the first cell. A thin layer over Mantine's Table, so every screen's
 * tables look and read the same.
 */
export function RecordTable<T>({
  rows,
  columns,
  rowKey = idOf,
  rowTestId,
  rowProps,
  empty,
  emptyTestId,
  actions,
  actionsWidth,
  actionsLabel,
  testId,
  tableProps,
  onOpen,
  openLabel,
}: TableOf<T>) {
  if (rows.length === 0) {
    if (empty === undefined) return null;
    return (
      <Text size="sm" c="dimmed" data-testid={emptyTestId}>
        {empty}
      </Text>
    );
  }
  const giving = columns.filter((column) => (column.priority ?? 1) > 1);
  // What gave way stacks under the first column of free width (a narrow reference column has no room for it).
  const stackAt = Math.max(0, columns.findIndex((column) => column.width === undefined && (column.priority ?? 1) === 1));
  const table = (
    <Table data-testid={testId} {...tableProps}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.key} w={column.width} ta={column.align} {...priorityProps(column.priority)}>
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
            {columns.map((column, c) => (
              <Table.Td key={column.key} fw={column.fw} c={column.c} maw={column.maw} ta={column.align} style={column.style} {...priorityProps(column.priority)}>
                {column.cell(row, index)}
                {c === stackAt && giving.length > 0 && <Stacked row={row} index={index} columns={giving} />}
              </Table.Td>
            ))}
            {actions && <Table.Td>{actions(row)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return <div className="aeo-rt">{table}</div>;
}

/** The columns that gave way, under the first cell: shown by app.css only while their own cells are hidden. */
function Stacked<T>({ row, index, columns }: { row: T; index: number; columns: readonly Column<T>[] }) {
  return (
    <>
      {columns.map((column) => (
        <div key={column.key} className="aeo-rt-stacked" data-priority={column.priority}>
          <Text span size="xs" c="dimmed" fw={600}>
            {column.header}
          </Text>{' '}
          <Text span size="xs" fw={400} c="var(--mantine-color-text)">
            {column.cell(row, index)}
          </Text>
        </div>
      ))}
    </>
  );
}
