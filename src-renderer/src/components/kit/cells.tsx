import { Badge, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Column } from './RecordTable';
import { RefText } from './RowActions';

/** A row's title, and under it a dimmed detail when there is one: the first cell of most tables. */
export function TitleCell({
  title,
  detail,
  titleLines,
  detailLines,
}: {
  title: ReactNode;
  detail?: ReactNode;
  titleLines?: number;
  detailLines?: number;
}) {
  return (
    <>
      <Text size="sm" fw={500} lh={1.3} lineClamp={titleLines}>
        {title}
      </Text>
      {detail ? (
        <Text size="xs" c="dimmed" lineClamp={detailLines}>
          {detail}
        </Text>
      ) : null}
    </>
  );
}

/** A count worth a word (3 answers, 2 non-compliant), shown only when there is something to count. */
export function CountTag({ n, label, color }: { n: number; label: string; color?: string }) {
  if (n <= 0) return null;
  return color ? (
    <Badge size="xs" color={color}>
      {label}
    </Badge>
  ) : (
    <Text size="xs" c="dimmed">
      {label}
    </Text>
  );
}

/** The narrow first column with a row's short reference (R1, F2, M3). */
export function refColumn<T>(header: string, ref: (row: T) => string | undefined): Column<T> {
  return { key: 'ref', header, width: 36, cell: (row) => <RefText>{ref(row)}</RefText> };
}

/** The first column of most tables: a row's title, and under it a dimmed detail (see TitleCell). */
export function titleColumn<T>(
  key: string,
  header: string,
  title: (row: T) => ReactNode,
  detail?: (row: T) => ReactNode,
  options: Pick<Column<T>, 'width' | 'maw'> & { titleLines?: number; detailLines?: number } = {},
): Column<T> {
  const { titleLines, detailLines, ...column } = options;
  return {
    key,
    header,
    ...column,
    cell: (row) => <TitleCell title={title(row)} detail={detail?.(row)} titleLines={titleLines} detailLines={detailLines} />,
  };
}
