/**
 * A table of the report model (shared/report/model.ts) on screen: the same columns, groups, values
 * and words as the Excel sheet it also makes, so that the screen and the file cannot say different
 * things. Numbers read as the sheet prints them (rates 0.00%); a cell that holds words instead of
 * a number (未录完, 未参加) shows them; red where the sheet prints red.
 */
import type { ReactNode } from 'react';
import type { ColumnKind, ReportCell, ReportTable, Tone } from '../../../shared/report/model';
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
  return undefined;
}

/** Line breaks in a cell (乡镇 / 村 / 考察组, one meeting a line) as the sheet wraps them. */
function lines(text: string): ReactNode {
  const parts = text.split('\n');
  return parts.length === 1 ? text : parts.map((part, i) => <span key={i} className="cell-line">{part}</span>);
}

export function ReportTableView({ table, testId, rowClass }: { table: ReportTable; testId?: string; rowClass?: (row: number) => string | undefined }) {
  const grouped = table.columns.some((c) => c.group !== undefined);
  const top: ReactNode[] = [];
  const bottom: ReactNode[] = [];
  for (let i = 0; i < table.columns.length; ) {
    const column = table.columns[i]!;
    if (!grouped || column.group === undefined) {
      top.push(
        <th key={i} rowSpan={grouped ? 2 : 1} className={NUMERIC.has(column.kind) ? 'num' : undefined}>
          {lines(column.header)}
        </th>,
      );
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < table.columns.length && table.columns[end + 1]!.group === column.group) end++;
    top.push(
      <th key={i} colSpan={end - i + 1}>
        {column.group}
      </th>,
    );
    for (let k = i; k <= end; k++) bottom.push(<th key={k}>{lines(table.columns[k]!.header)}</th>);
    i = end + 1;
  }
  return (
    <table className="list-table report-table" data-testid={testId}>
      <thead>
        <tr>{top}</tr>
        {grouped ? <tr>{bottom}</tr> : null}
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r} className={[rowClass?.(r), row.tone === 'strong' ? 'strong' : toneClass(row.tone)].filter(Boolean).join(' ') || undefined}>
            {table.columns.map((column, c) => {
              const cell = cellOf(row.cells[c] ?? null);
              const classes = [NUMERIC.has(column.kind) && typeof cell.value === 'number' ? 'num' : undefined, toneClass(cell.tone)].filter(Boolean).join(' ');
              return (
                <td key={c} className={classes || undefined}>
                  {lines(shown(cell, column.kind))}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
