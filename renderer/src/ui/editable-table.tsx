/**
 * The one editable list of the management screens (a plan's rate rules, interview categories,
 * departments and negative list…): a row of fields per item, 删除 at the end of each row, and one
 * button under the table that adds a row. Each cell gets the row and a function that changes it.
 */
import type { ReactNode } from 'react';
import { Button } from 'antd';
import { zh } from '../../../shared/messages/zh-CN';
import type { DataColumn } from './data-table';
import { DataTable } from './data-table';

export interface EditableColumn<T> {
  key: string;
  title: ReactNode;
  render: (row: T, change: (next: Partial<T>) => void, index: number) => ReactNode;
  width?: number | string;
}

export function EditableTable<T extends object>({
  rows,
  columns,
  onChange,
  newRow,
  addLabel,
  testId,
  rowKey = (_row, index) => String(index),
  removeTitle = '',
  canRemove,
  canAdd = true,
}: {
  rows: readonly T[];
  columns: readonly EditableColumn<T>[];
  onChange: (rows: T[]) => void;
  newRow: () => T;
  addLabel: string;
  testId?: string;
  rowKey?: (row: T, index: number) => string;
  /** The heading over 删除, for a screen that heads every column. */
  removeTitle?: ReactNode;
  /** False for a row the list cannot lose (a question keeps two options): its 删除 is disabled. */
  canRemove?: (row: T, index: number) => boolean;
  /** False when the list is full (nine options, one per digit key). */
  canAdd?: boolean;
}) {
  const change = (index: number) => (next: Partial<T>) => onChange(rows.map((row, j) => (j === index ? { ...row, ...next } : row)));
  const tableColumns: DataColumn<T>[] = [
    ...columns.map((column) => ({ key: column.key, title: column.title, width: column.width, render: (row: T, index: number) => column.render(row, change(index), index) })),
    {
      key: 'remove',
      title: removeTitle,
      width: '5em',
      render: (row: T, index: number) => (
        <Button size="small" disabled={canRemove ? !canRemove(row, index) : false} onClick={() => onChange(rows.filter((_, j) => j !== index))}>
          {zh.ui.removeRow}
        </Button>
      ),
    },
  ];
  return (
    <div className="editable-table">
      <DataTable testId={testId} rows={rows} columns={tableColumns} rowKey={rowKey} />
      <Button className="add-row" disabled={!canAdd} onClick={() => onChange([...rows, newRow()])}>
        {addLabel}
      </Button>
    </div>
  );
}
