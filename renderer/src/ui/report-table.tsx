/**
 * A table of the report model (shared/report/model.ts) on screen, on the component library's Table:
 * the same columns, groups, values and words as the Excel sheet it also makes, so that the screen and
 * the file cannot say different things. Numbers read as the sheet prints them (rates 0.00%); a cell
 * that holds words instead of a number (未录完, 未参加) shows them; red where the sheet prints red.
 * Every result table of the app is this one: the 计票结果 screen's, its per-group ones, the roll-up's.
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ColumnKind, ReportCell, ReportColumn, ReportTable, Tone } from '../../../shared/report/model';
import { cellOf } from '../../../shared/report/model';
import { formatRate } from '../../../shared/format/percent';

const NUMERIC: ReadonlySet<ColumnKind> = new Set(['index', 'count', 'rate', 'score']);

function shown(cell: ReportCell, kind: ColumnKind): string {
  if (cell.display !== undefined) return cell.display;
  if (cell.value === null) return cell.instead ?? '';
  if (typeof cell.value === 'number') return kind === 'rate' ? formatRate(cell.value) : kind === 'score' ? cell.value.toFixed(2) : String(cell.value);
  return cell.value;
}

function toneClass(tone: Tone | undefined): string | undefined {
  if (tone === 'warning' || tone === 'serious') return 'error-text';
  if (tone === 'muted') return 'muted';
  if (tone === 'strong') return 'strong';
  return undefined;
}

/** Line breaks in a cell (乡镇 / 村 / 考察组, one meeting a line) as the sheet wraps them. */
function lines(text: string): ReactNode {
  const parts = text.split('\n');
  return parts.length === 1 ? text : parts.map((part, i) => <span key={i} className="cell-line">{part}</span>);
}

type DataAttributes = Record<`data-${string}`, string | number | boolean | undefined>;

/** A row as the library's Table keeps it: its place in the report's rows. */
interface RowKey {
  row: number;
}

export function ReportTableView({
  table,
  testId,
  rowClass,
  rowData,
  cellData,
  nameExtra,
}: {
  table: ReportTable;
  testId?: string;
  rowClass?: (row: number) => string | undefined;
  /** Attributes of a row (data-candidate …), for what the row is. */
  rowData?: (row: number) => DataAttributes;
  /** Attributes of every cell of a column (data-count="称职" …), for what the column holds. */
  cellData?: (column: ReportColumn, index: number) => DataAttributes | undefined;
  /** Shown after the name in a row's name column (a badge). */
  nameExtra?: (row: number) => ReactNode;
}) {
  const leaf = (column: ReportColumn, c: number) => {
    const numeric = NUMERIC.has(column.kind);
    return {
      key: String(c),
      title: lines(column.header),
      align: numeric ? ('right' as const) : undefined,
      // 标注 wrap; names and figures keep to one line, as on the sheet.
      className: numeric ? 'num' : column.kind === 'flags' ? 'flags' : column.kind === 'name' ? 'name' : undefined,
      onCell: ({ row }: RowKey) => {
        const cell = cellOf(table.rows[row]?.cells[c] ?? null);
        const className = [numeric && typeof cell.value === 'number' ? 'num' : undefined, toneClass(cell.tone)].filter(Boolean).join(' ');
        return { ...(className ? { className } : {}), ...cellData?.(column, c) } as HTMLAttributes<HTMLElement>;
      },
      render: (_: unknown, { row }: RowKey) => {
        const cell = cellOf(table.rows[row]?.cells[c] ?? null);
        const extra = column.kind === 'name' ? nameExtra?.(row) : null;
        return extra ? (
          <>
            {lines(shown(cell, column.kind))}
            {extra}
          </>
        ) : (
          lines(shown(cell, column.kind))
        );
      },
    };
  };
  // Adjacent columns under one group heading become one heading over them, as on the sheet.
  const columns: TableColumnsType<RowKey> = [];
  for (let i = 0; i < table.columns.length; ) {
    const column = table.columns[i]!;
    if (column.group === undefined) {
      columns.push(leaf(column, i));
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < table.columns.length && table.columns[end + 1]!.group === column.group) end++;
    const children = [];
    for (let k = i; k <= end; k++) children.push(leaf(table.columns[k]!, k));
    columns.push({ key: `group-${i}`, title: column.group, children });
    i = end + 1;
  }
  const rows: RowKey[] = table.rows.map((_, row) => ({ row }));
  return (
    <div className="report-table" data-testid={testId}>
      {table.caption ? <h3 className="report-caption">{table.caption}</h3> : null}
      <Table<RowKey>
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        columns={columns}
        rowKey={({ row }) => String(row)}
        aria-label={table.caption}
        locale={{ emptyText: table.emptyText ?? '' }}
        rowClassName={({ row }) => [rowClass?.(row), toneClass(table.rows[row]?.tone)].filter(Boolean).join(' ')}
        onRow={({ row }) => ({ ...rowData?.(row) }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
