/**
 * The one list table of the management screens (records, coverage, tallies…), on Ant Design's Table:
 * every row on one page (a village's lists are short, and a clerk reads them whole), numbers to
 * the right in tabular figures, the screen's own word when there is nothing to list. Rows can carry
 * a test id and attributes (data-missing…) for what the row says.
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { Table } from 'antd';
import type { TableColumnsType } from 'antd';

export interface DataColumn<T> {
  key: string;
  title: ReactNode;
  render: (row: T, index: number) => ReactNode;
  /** Counts and rates: right-aligned, as on the printed sheets. */
  numeric?: boolean;
  width?: number | string;
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | undefined>;

export function DataTable<T extends object>({
  rows,
  columns,
  rowKey,
  testId,
  rowTestId,
  rowAttributes,
  empty,
  label,
}: {
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowKey: (row: T, index: number) => string;
  testId?: string;
  rowTestId?: string;
  rowAttributes?: (row: T, index: number) => RowAttributes;
  /** Shown instead of an empty table. */
  empty?: ReactNode;
  /** What the table lists, for a screen reader. */
  label?: string;
}) {
  const keys = new Map(rows.map((row, i) => [row, rowKey(row, i)]));
  const tableColumns: TableColumnsType<T> = columns.map((column) => ({
    key: column.key,
    title: column.title,
    width: column.width,
    align: column.numeric ? 'right' : undefined,
    className: column.numeric ? 'num' : undefined,
    render: (_value: unknown, row: T, index: number) => column.render(row, index),
  }));
  return (
    <div className="data-table" data-testid={testId}>
      <Table<T>
        size="small"
        bordered
        pagination={false}
        dataSource={rows as T[]}
        columns={tableColumns}
        rowKey={(row) => keys.get(row) ?? ''}
        aria-label={label}
        locale={empty === undefined ? undefined : { emptyText: empty }}
        onRow={(row, index) => ({ ...(rowTestId ? { 'data-testid': rowTestId } : {}), ...rowAttributes?.(row, index ?? 0) }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
