/**
 * The one layout of a report sheet on A4: column widths, line wrapping, row heights and the page
 * each row falls on, computed here and nowhere else, then drawn by the Excel writer (rows, merges,
 * manual page breaks) and by the PDF template (one table a page). Because both draw the same grid,
 * a sheet prints alike from the app, WPS, Excel and LibreOffice.
 *
 * Rules it keeps: text at 11 pt, 10.5 pt where a wide table needs it and never smaller; a table too
 * wide even then is printed in parts with its key columns repeated, never shrunk; the header rows
 * of a table repeated above its rows on every page it continues on, and on no other page; rows of
 * one person kept together; the declaration and signature lines kept with the last result rows.
 */
import { isWide } from '../format/width';
import type { ColumnKind, ReportBlock, ReportCell, ReportColumn, ReportRow, ReportSheet, ReportTable, ReportValue, Tone } from './model';
import { cellOf } from './model';

// ---------------------------------------------------------------------------------------------
// The page

/** A4 in points, and the margins every sheet prints with (the footer sits in the bottom margin). */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGINS = { left: 34, right: 34, top: 43.2, bottom: 50.4, header: 21.6, footer: 21.6 } as const;

export type Orientation = 'portrait' | 'landscape';

/** Room for the sheet's own rows, with a margin for the ways WPS, Excel and LibreOffice round. */
export function printableArea(orientation: Orientation): { width: number; height: number } {
  const paperWidth = orientation === 'portrait' ? A4.width : A4.height;
  const paperHeight = orientation === 'portrait' ? A4.height : A4.width;
  return {
    width: Math.floor((paperWidth - MARGINS.left - MARGINS.right) * 0.97),
    // Excel draws each row height in whole pixels (a 20 pt row may take 20.25 pt); LibreOffice fits more.
    height: Math.floor((paperHeight - MARGINS.top - MARGINS.bottom) * 0.975),
  };
}

/** Body text at 11 pt; a wide table may take 10.5 pt (五号); nothing is printed smaller than that. */
export const BODY_PT = 11;
const FONT_STEPS = [11, 10.5] as const;
export const TITLE_PT = 18;
/** Footnotes (the fingerprint and seal): never the body size of a page, so smaller than it, never under 9. */
export const SMALL_PT = 9.5;
export const DATA_PT = 10.5;

// ---------------------------------------------------------------------------------------------
// Measuring text

/**
 * Width in em. A Chinese character is 1 em everywhere; Latin letters and digits are taken at the
 * widest the renderers here use (DejaVu Sans digits are 0.64 em where SimSun's are 0.5), so that a
 * column measured here is wide enough in every one of them.
 */
/**
 * The largest of f over the items (`empty` when there are none). A loop, not Math.max(...items):
 * a column of 200,000 ballots spread as arguments overflows the stack (from about 125,000).
 */
function largest<T>(items: readonly T[], f: (item: T, index: number) => number, empty = 0): number {
  let most = empty;
  for (let i = 0; i < items.length; i++) {
    const value = f(items[i]!, i);
    if (value > most || Number.isNaN(value)) most = value;
  }
  return most;
}

export function textEm(text: string): number {
  let em = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (isWide(code)) em += 1;
    else if (character === ' ' || character === '.' || character === ',' || character === ':' || character === ';' || character === '|' || character === 'i' || character === 'l') em += 0.36;
    else em += 0.64;
  }
  return em;
}

/** Line height of wrapped text: the CJK fonts here need about 1.45 em a line. */
export function lineHeight(fontPt: number): number {
  return fontPt * 1.45;
}

/** Left and right cell padding and the border, in points. */
export const CELL_PAD = 7;

/** Break a paragraph into tokens: a Chinese character alone, a run of Latin characters together. */
function tokens(paragraph: string): string[] {
  const out: string[] = [];
  let run = '';
  for (const character of paragraph) {
    const code = character.codePointAt(0) ?? 0;
    if (isWide(code) || character === ' ') {
      if (run) out.push(run);
      run = '';
      out.push(character);
    } else {
      run += character;
    }
  }
  if (run) out.push(run);
  return out;
}

/**
 * How many lines a text takes in a cell of this inner width: greedy, Chinese breaking anywhere,
 * Latin runs kept whole unless longer than a line, explicit line breaks kept. CELL_PAD leaves a few
 * points more than the spreadsheets' own cell margins, for the punctuation rules (no 、 or ， at a
 * line's start) that move a character down.
 */
export function lineCount(text: string, innerWidthPt: number, fontPt: number): number {
  const widthEm = Math.max(1, innerWidthPt / fontPt);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let used = 0;
    for (const token of tokens(paragraph)) {
      const em = textEm(token);
      if (used + em <= widthEm) {
        used += em;
        continue;
      }
      if (token === ' ') continue;
      if (used > 0) {
        lines++;
        used = 0;
      }
      if (em <= widthEm) {
        used = em;
        continue;
      }
      // A run longer than a line (a fingerprint, a long number) breaks by character.
      for (const character of token) {
        const w = textEm(character);
        if (used + w > widthEm && used > 0) {
          lines++;
          used = 0;
        }
        used += w;
      }
    }
  }
  return Math.max(1, lines);
}

/** The widest line of a text, in em. */
function widestLineEm(text: string): number {
  return largest(text.split('\n'), textEm);
}

// ---------------------------------------------------------------------------------------------
// What the writers draw

export type CellFormat = 'text' | 'count' | 'rate' | 'score';

export interface GridCell {
  /** First grid column (0-based) and how many columns the cell spans. */
  column: number;
  span: number;
  /** Header cells spanning both heading rows. */
  rowSpan?: number;
  value: ReportValue;
  /** The value as printed in a PDF (the exact 66.67%); the spreadsheet formats the number itself. */
  display: string;
  format: CellFormat;
  role: 'title' | 'heading' | 'text' | 'small' | 'caption' | 'th' | 'td' | 'signature' | 'image';
  align: 'left' | 'center' | 'right';
  fontPt: number;
  bold: boolean;
  tone?: Tone;
  border: boolean;
  wrap: boolean;
}

export interface GridRow {
  height: number;
  cells: GridCell[];
  /** A heading row of a table (repeated on the following pages). */
  header?: boolean;
  image?: { png: string; widthPt: number; heightPt: number };
}

export interface LaidOutSheet {
  name: string;
  mode: ReportSheet['mode'];
  orientation: Orientation;
  /** The body size the sheet was laid out at. */
  fontPt: number;
  /** Grid column widths in points. */
  columns: number[];
  /** Rows page by page: the writers break the page after each page's last row. */
  pages: GridRow[][];
  /** Data sheets: the heading rows the spreadsheet repeats on every page (1-based sheet rows). */
  repeatRows: { from: number; to: number } | null;
  /** Data sheets wider than the page: the key columns the spreadsheet repeats on every page. */
  repeatColumns: number;
}

// ---------------------------------------------------------------------------------------------
// Column widths

function displayOf(cell: ReportCell, kind: ColumnKind): string {
  if (cell.display !== undefined) return cell.display;
  if (cell.value === null) return cell.instead ?? '';
  if (typeof cell.value === 'number') {
    if (kind === 'rate') return `${(cell.value * 100).toFixed(2)}%`;
    if (kind === 'score') return cell.value.toFixed(2);
    return String(cell.value);
  }
  return cell.value;
}

function formatOf(kind: ColumnKind, value: ReportValue): CellFormat {
  if (typeof value !== 'number') return 'text';
  if (kind === 'rate') return 'rate';
  if (kind === 'score') return 'score';
  return 'count';
}

interface ColumnMeasure {
  natural: number;
  min: number;
  /** Unwrapped width of the longest text (text columns grow toward it when there is room). */
  grow: number;
  wraps: boolean;
}

/** The narrowest a heading may be: two lines, three for a long one; a Latin run is not broken. */
function headingMinEm(header: string): number {
  const em = textEm(header);
  // 不称职 stays on one line; 称职以上率 may take two; only a long heading three.
  const lines = em > 8 ? 3 : em > 3 ? 2 : 1;
  const longestRun = largest(tokens(header), textEm);
  return Math.max(longestRun, Math.ceil(em / lines));
}

function measureColumn(column: ReportColumn, values: string[], fontPt: number): ColumnMeasure {
  const pt = (em: number) => em * fontPt + CELL_PAD;
  const valueEm = largest(values, widestLineEm);
  const headerEm = textEm(column.header);
  const headerMin = headingMinEm(column.header) * 1.05;
  switch (column.kind) {
    case 'index':
    case 'count':
    case 'rate':
    case 'score': {
      const min = pt(Math.max(valueEm, headerMin, 1.5));
      return { natural: Math.max(min, pt(Math.min(headerEm, Math.max(valueEm, headerEm / 2)))), min, grow: 0, wraps: false };
    }
    case 'name': {
      const natural = pt(Math.max(valueEm, headerEm, 2));
      const min = pt(Math.max(Math.min(valueEm, 4), headerMin, 2));
      return { natural, min: Math.min(min, natural), grow: natural, wraps: true };
    }
    case 'text':
    case 'flags': {
      const cap = column.maxChars ?? (column.kind === 'flags' ? 16 : 12);
      const natural = pt(Math.max(Math.min(valueEm, cap), Math.min(headerEm, cap), 2));
      const min = pt(Math.max(headerMin, Math.min(valueEm, column.minChars ?? (column.kind === 'flags' ? 6 : 3)), 2));
      return { natural, min: Math.min(min, natural), grow: pt(Math.max(valueEm, headerEm)), wraps: true };
    }
  }
}

function tableTexts(table: ReportTable): string[][] {
  return table.columns.map((column, c) => table.rows.map((row) => displayOf(cellOf(row.cells[c] ?? null), column.kind)));
}

/** Widths that fill `width`, or null when the columns cannot fit even wrapped. */
function fitColumns(measures: ColumnMeasure[], width: number, stretch: boolean, texts?: string[][], fontPt = BODY_PT): number[] | null {
  const natural = measures.reduce((s, m) => s + m.natural, 0);
  if (natural <= width) {
    const widths = measures.map((m) => m.natural);
    if (!stretch) return widths;
    // Room to spare goes first to wrapping text, so that fewer rows need two lines, then to all.
    let extra = width - natural;
    const wanting = measures.map((m, i) => (m.wraps ? Math.max(0, m.grow - widths[i]!) : 0));
    const wanted = wanting.reduce((s, w) => s + w, 0);
    if (wanted > 0) {
      const share = Math.min(1, extra / wanted);
      wanting.forEach((w, i) => (widths[i]! += w * share));
      extra -= Math.min(extra, wanted);
    }
    const total = widths.reduce((s, w) => s + w, 0);
    return widths.map((w) => w + (extra * w) / total);
  }
  const min = measures.reduce((s, m) => s + m.min, 0);
  if (min > width) return null;
  if (texts) return fitByHeight(measures, texts, width, fontPt);
  const room = natural - min;
  const cut = (natural - width) / room;
  return measures.map((m) => m.natural - (m.natural - m.min) * cut);
}

/** Rows enough to judge a table's wrapping by: the widths chosen for them serve the rest alike. */
const SAMPLE_ROWS = 160;

/**
 * Widths for a table that must wrap: from every column at its narrowest, the room left goes, a few
 * points at a time, to the column whose widening saves the most height over the rows (a long
 * 测评推荐情况 before a short 联审结论), so that as many rows as can share a page.
 */
function fitByHeight(measures: ColumnMeasure[], texts: string[][], width: number, fontPt: number): number[] {
  const widths = measures.map((m) => m.min);
  const rows = Math.min(SAMPLE_ROWS, texts[0]?.length ?? 0);
  const linesAt = (c: number, w: number) => Array.from({ length: rows }, (_, r) => (measures[c]!.wraps ? lineCount(texts[c]![r] ?? '', w - CELL_PAD, fontPt) : 1));
  const lines = measures.map((_, c) => linesAt(c, widths[c]!));
  const step = 6;
  let room = width - widths.reduce((s, w) => s + w, 0);
  while (room >= step) {
    // Each row's tallest cell, and the tallest but one, to see what widening one column saves.
    const first: number[] = [];
    const second: number[] = [];
    const tallest: number[] = [];
    for (let r = 0; r < rows; r++) {
      let a = 0;
      let b = 0;
      let at = -1;
      lines.forEach((l, c) => {
        const v = l[r]!;
        if (v > a) {
          b = a;
          a = v;
          at = c;
        } else if (v > b) b = v;
      });
      first.push(a);
      second.push(b);
      tallest.push(at);
    }
    let best = -1;
    let bestGain = 0;
    let bestLines: number[] = [];
    measures.forEach((m, c) => {
      if (!m.wraps || widths[c]! + step > Math.max(m.grow, m.natural)) return;
      const next = linesAt(c, widths[c]! + step);
      let gain = 0;
      for (let r = 0; r < rows; r++) {
        const others = tallest[r] === c ? second[r]! : first[r]!;
        gain += first[r]! - Math.max(others, next[r]!);
      }
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
        bestLines = next;
      }
    });
    if (best < 0) break;
    widths[best]! += step;
    lines[best] = bestLines;
    room -= step;
  }
  // What no column needs is shared out as the columns want it (toward their natural widths).
  const wanting = measures.map((m, c) => Math.max(0, m.natural - widths[c]!));
  const wanted = wanting.reduce((s, w) => s + w, 0);
  if (room > 0 && wanted > 0) wanting.forEach((w, c) => (widths[c]! += (room * w) / wanted));
  else if (room > 0) widths.forEach((w, c) => (widths[c] = w + room / widths.length));
  return widths;
}

/** A group heading must fit over its columns in two lines: widen the run if it does not. */
function widenForGroups(columns: ReportColumn[], widths: number[], fontPt: number): number[] {
  const out = [...widths];
  let i = 0;
  while (i < columns.length) {
    const group = columns[i]!.group;
    let end = i;
    while (group !== undefined && end + 1 < columns.length && columns[end + 1]!.group === group) end++;
    if (group !== undefined) {
      const need = (textEm(group) / 2) * fontPt * 1.05 + CELL_PAD;
      const have = out.slice(i, end + 1).reduce((s, w) => s + w, 0);
      if (have < need) for (let k = i; k <= end; k++) out[k]! += (need - have) / (end - i + 1);
    }
    i = end + 1;
  }
  return out;
}

/**
 * A secondary block's columns placed on the grid: the boundaries on grid edges as near as they can
 * be to where the block's own proportions put them, with every column at least as wide as it must
 * be (its numbers whole, its heading within two lines) wherever the grid allows it: a small
 * dynamic programme over the grid's edges.
 */
function snap(grid: number[], desired: number[], least: number[] = desired): { column: number; span: number }[] {
  const n = grid.length;
  const m = desired.length;
  if (m >= n) return desired.map((_, i) => ({ column: Math.min(i, n - 1), span: 1 }));
  const edges = [0];
  for (const w of grid) edges.push(edges[edges.length - 1]! + w);
  const total = edges[n]!;
  const wanted = desired.reduce((s, w) => s + w, 0) || 1;
  const targets: number[] = [];
  let cumulative = 0;
  for (const w of desired) {
    cumulative += w;
    targets.push((cumulative / wanted) * total);
  }
  // cost[i][b]: the best placement of the first i columns ending on edge b; from[i][b] its previous edge.
  const cost: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(-1));
  cost[0]![0] = 0;
  for (let i = 1; i <= m; i++) {
    for (let b = i; b <= n - (m - i); b++) {
      for (let a = i - 1; a < b; a++) {
        if (cost[i - 1]![a] === Infinity) continue;
        const width = edges[b]! - edges[a]!;
        const short = Math.max(0, least[i - 1]! - width);
        const c = cost[i - 1]![a]! + Math.abs(edges[b]! - targets[i - 1]!) + short * 1000;
        if (c < cost[i]![b]!) {
          cost[i]![b] = c;
          from[i]![b] = a;
        }
      }
    }
  }
  const spans: { column: number; span: number }[] = [];
  let b = n;
  for (let i = m; i >= 1; i--) {
    const a = from[i]![b]!;
    spans.unshift({ column: a, span: b - a });
    b = a;
  }
  return spans;
}

const spanWidth = (grid: number[], column: number, span: number) => grid.slice(column, column + span).reduce((s, w) => s + w, 0);

// ---------------------------------------------------------------------------------------------
// Rows

interface Unit {
  rows: GridRow[];
  keepWithNext: boolean;
  /** The table a data row belongs to: its heading rows go above it on a new page. */
  table?: TableRows;
  /** The unit is a data row (or a person's rows) of a table. */
  dataRow?: boolean;
  block: number;
}

interface TableRows {
  headerRows: GridRow[];
  headerHeight: number;
}

function heightFor(lines: number, fontPt: number): number {
  return Math.ceil(lines * lineHeight(fontPt) + 4);
}

function textRow(grid: number[], text: string, role: GridCell['role'], fontPt: number, tone?: Tone, bold = false, align: GridCell['align'] = 'left'): GridRow {
  const width = spanWidth(grid, 0, grid.length);
  const lines = lineCount(text, width - CELL_PAD, fontPt * (bold ? 1.05 : 1));
  return {
    height: role === 'title' ? Math.ceil(fontPt * 1.9) : heightFor(lines, fontPt),
    cells: [{ column: 0, span: grid.length, value: text, display: text, format: 'text', role, align, fontPt, bold, ...(tone ? { tone } : {}), border: false, wrap: true }],
  };
}

function alignOf(kind: ColumnKind): GridCell['align'] {
  return kind === 'text' || kind === 'name' || kind === 'flags' ? 'left' : 'center';
}

/** The heading rows of a table over its spans: one row, or a group row over a detail row. */
function headerRows(columns: ReportColumn[], spans: { column: number; span: number }[], grid: number[], fontPt: number): GridRow[] {
  const grouped = columns.some((c) => c.group !== undefined);
  const bold = fontPt * 1.05;
  const th = (column: number, span: number, text: string, rowSpan?: number): GridCell => ({
    column,
    span,
    ...(rowSpan ? { rowSpan } : {}),
    value: text,
    display: text,
    format: 'text',
    role: 'th',
    align: 'center',
    fontPt,
    bold: true,
    border: true,
    wrap: true,
  });
  if (!grouped) {
    const cells = columns.map((c, i) => th(spans[i]!.column, spans[i]!.span, c.header));
    const lines = largest(cells, (cell) => lineCount(cell.display, spanWidth(grid, cell.column, cell.span) - CELL_PAD, bold), -Infinity);
    return [{ height: heightFor(lines, fontPt), cells, header: true }];
  }
  const top: GridCell[] = [];
  const bottom: GridCell[] = [];
  let i = 0;
  let topLines = 1;
  let bottomLines = 1;
  let tallLines = 1;
  while (i < columns.length) {
    const group = columns[i]!.group;
    if (group === undefined) {
      const cell = th(spans[i]!.column, spans[i]!.span, columns[i]!.header, 2);
      top.push(cell);
      tallLines = Math.max(tallLines, lineCount(cell.display, spanWidth(grid, cell.column, cell.span) - CELL_PAD, bold));
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < columns.length && columns[end + 1]!.group === group) end++;
    const first = spans[i]!.column;
    const span = spans[end]!.column + spans[end]!.span - first;
    top.push(th(first, span, group));
    topLines = Math.max(topLines, lineCount(group, spanWidth(grid, first, span) - CELL_PAD, bold));
    for (let k = i; k <= end; k++) {
      const cell = th(spans[k]!.column, spans[k]!.span, columns[k]!.header);
      bottom.push(cell);
      bottomLines = Math.max(bottomLines, lineCount(cell.display, spanWidth(grid, cell.column, cell.span) - CELL_PAD, bold));
    }
    i = end + 1;
  }
  const topHeight = heightFor(topLines, fontPt);
  const bottomHeight = Math.max(heightFor(bottomLines, fontPt), heightFor(tallLines, fontPt) - topHeight);
  return [
    { height: topHeight, cells: top, header: true },
    { height: bottomHeight, cells: bottom, header: true },
  ];
}

function dataRow(table: ReportTable, row: ReportRow, spans: { column: number; span: number }[], grid: number[], fontPt: number): GridRow {
  let lines = 1;
  const cells = table.columns.map((column, c): GridCell => {
    const cell = cellOf(row.cells[c] ?? null);
    const display = displayOf(cell, column.kind);
    const { column: first, span } = spans[c]!;
    const wrap = column.kind === 'text' || column.kind === 'name' || column.kind === 'flags' || typeof cell.value !== 'number';
    if (wrap) lines = Math.max(lines, lineCount(display, spanWidth(grid, first, span) - CELL_PAD, fontPt));
    const tone = cell.tone ?? row.tone;
    return {
      column: first,
      span,
      value: cell.value === null && cell.instead !== undefined ? cell.instead : cell.value,
      display,
      format: formatOf(column.kind, cell.value),
      role: 'td',
      align: alignOf(column.kind),
      fontPt,
      bold: tone === 'strong',
      ...(tone ? { tone } : {}),
      border: true,
      wrap,
    };
  });
  return { height: heightFor(lines, fontPt), cells };
}

function tableUnits(table: ReportTable, grid: number[], spans: { column: number; span: number }[], fontPt: number, block: number): Unit[] {
  const units: Unit[] = [];
  if (table.caption) units.push({ rows: [textRow(grid, table.caption, 'caption', fontPt, undefined, true)], keepWithNext: true, block });
  const header = headerRows(table.columns, spans, grid, fontPt);
  const tableRows: TableRows = { headerRows: header, headerHeight: header.reduce((s, r) => s + r.height, 0) };
  if (table.rows.length === 0 && table.headerWhenEmpty !== true) {
    // No rows: the caption and the words for none, without an empty heading.
    units.push({ rows: [textRow(grid, table.emptyText ?? '', 'text', fontPt)], keepWithNext: false, block });
    return units;
  }
  units.push({ rows: header, keepWithNext: true, block });
  table.rows.forEach((row) => {
    units.push({ rows: [dataRow(table, row, spans, grid, fontPt)], keepWithNext: row.keepWithNext === true, table: tableRows, dataRow: true, block });
  });
  return units;
}

function fieldsUnits(fields: { label: string; value: string | number; tone?: Tone }[], grid: number[], fontPt: number, block: number): Unit[] {
  // As many fields to a pair of rows as fit with every label on one line (8 on one pair, or 4 and 4).
  const desired = fields.map((f) => Math.max(textEm(f.label) * 1.05, textEm(String(f.value))) * fontPt + CELL_PAD);
  const chunked = (size: number) => {
    const count = Math.ceil(fields.length / size);
    const per = Math.ceil(fields.length / count);
    return Array.from({ length: count }, (_, c) => Array.from({ length: Math.min(per, fields.length - c * per) }, (_, k) => c * per + k));
  };
  const fits = (chunk: number[]) => {
    if (chunk.length > grid.length) return false;
    const spans = snap(grid, chunk.map((i) => desired[i]!));
    return spans.every((sp, k) => spanWidth(grid, sp.column, sp.span) >= desired[chunk[k]!]! - 0.5);
  };
  // Fewest rows first: one pair with a label on two lines beats two pairs on one line each.
  const labelLines = (chunk: number[]) => {
    const spans = snap(grid, chunk.map((i) => desired[i]!));
    return largest(chunk, (i, k) => lineCount(fields[i]!.label, spanWidth(grid, spans[k]!.column, spans[k]!.span) - CELL_PAD, fontPt * 1.05), -Infinity);
  };
  let chunks = chunked(1);
  let bestHeight = Infinity;
  for (let size = fields.length; size >= 1; size--) {
    const candidate = chunked(size);
    if (candidate.some((chunk) => chunk.length > grid.length)) continue;
    const height = candidate.reduce((sum, chunk) => sum + heightFor(fits(chunk) ? 1 : labelLines(chunk), fontPt) + heightFor(1, fontPt), 0);
    if (height < bestHeight) {
      bestHeight = height;
      chunks = candidate;
    }
  }
  const units: Unit[] = [];
  chunks.forEach((chunk) => {
    const spans = snap(grid, chunk.map((i) => desired[i]!));
    const labelCells: GridCell[] = [];
    const valueCells: GridCell[] = [];
    let labelLines = 1;
    chunk.forEach((i, k) => {
      const f = fields[i]!;
      const { column, span } = spans[k]!;
      const inner = spanWidth(grid, column, span) - CELL_PAD;
      labelLines = Math.max(labelLines, lineCount(f.label, inner, fontPt * 1.05));
      labelCells.push({ column, span, value: f.label, display: f.label, format: 'text', role: 'th', align: 'center', fontPt, bold: true, border: true, wrap: true });
      valueCells.push({
        column,
        span,
        value: f.value,
        display: String(f.value),
        format: typeof f.value === 'number' ? 'count' : 'text',
        role: 'td',
        align: 'center',
        fontPt,
        bold: f.tone !== undefined,
        ...(f.tone ? { tone: f.tone } : {}),
        border: true,
        wrap: true,
      });
    });
    units.push({
      rows: [
        { height: heightFor(labelLines, fontPt), cells: labelCells },
        { height: heightFor(1, fontPt), cells: valueCells },
      ],
      keepWithNext: false,
      block,
    });
  });
  return units;
}

/**
 * Signature lines, three to a line where the page is wide enough (two or one otherwise). A line is
 * one cell across the page holding each label with its rule drawn in underscores, sized to fit, so
 * that a label and its rule can never part and the line never runs past the last column.
 */
function signatureUnits(roles: string[], date: boolean, seal: boolean, grid: number[], fontPt: number, block: number, sign: (role: string) => string, dateText: string, sealText: string): Unit {
  const items = [...roles.map((role) => ({ text: sign(role), rule: true })), ...(date ? [{ text: dateText, rule: false }] : []), ...(seal ? [{ text: sealText, rule: false }] : [])];
  const inner = spanWidth(grid, 0, grid.length) - CELL_PAD;
  const underscoreEm = 0.64;
  const gapEm = 2;
  // A handwritten name needs about 48 pt of rule.
  const minimumRule = Math.ceil(48 / (underscoreEm * fontPt));
  const lineEm = (chunk: typeof items, rule: number) => chunk.reduce((s, item) => s + textEm(item.text) + (item.rule ? rule * underscoreEm : 0), 0) + gapEm * (chunk.length - 1);
  let perLine = 1;
  for (let k = Math.min(3, items.length); k >= 1; k--) {
    const chunks = Array.from({ length: Math.ceil(items.length / k) }, (_, c) => items.slice(c * k, c * k + k));
    if (chunks.every((chunk) => lineEm(chunk, minimumRule) * fontPt <= inner)) {
      perLine = k;
      break;
    }
  }
  const rows: GridRow[] = [];
  for (let i = 0; i < items.length; i += perLine) {
    const chunk = items.slice(i, i + perLine);
    const rules = chunk.filter((item) => item.rule).length;
    // The rules share the room the labels leave, equally, as long as the widest line of the block.
    const room = inner / fontPt - lineEm(chunk, 0);
    const rule = rules === 0 ? 0 : Math.max(minimumRule > room / underscoreEm / rules ? 4 : minimumRule, Math.floor(room / underscoreEm / rules));
    const text = chunk.map((item) => (item.rule ? `${item.text}${'_'.repeat(rule)}` : item.text)).join('\u3000\u3000');
    rows.push({
      height: Math.ceil(fontPt * 2.4),
      cells: [{ column: 0, span: grid.length, value: text, display: text, format: 'text', role: 'signature', align: 'left', fontPt, bold: false, border: false, wrap: true }],
    });
  }
  return { rows, keepWithNext: false, block };
}

function gap(grid: number[], height = 4): GridRow {
  return { height, cells: [{ column: 0, span: grid.length, value: null, display: '', format: 'text', role: 'text', align: 'left', fontPt: BODY_PT, bold: false, border: false, wrap: false }] };
}

// ---------------------------------------------------------------------------------------------
// The sheet

export interface LayoutWords {
  /** 唱票人 → 唱票人（签名）： */
  sign: (role: string) => string;
  date: string;
  seal: string;
  /** The caption of a table's second and later parts when it is printed in parts. */
  continued: (caption: string, part: number, parts: number) => string;
}

interface Plan {
  orientation: Orientation;
  fontPt: number;
  width: number;
  /** The blocks as they will be drawn (a too-wide table split into parts), each with its index in the sheet. */
  blocks: { block: ReportBlock; source: number }[];
  grid: number[];
  gridTable: ReportTable | null;
}

/** Splits a too-wide table into parts that fit, its key columns repeated and no group cut apart. */
function splitTable(table: ReportTable, width: number, fontPt: number, words: LayoutWords): ReportTable[] {
  const keys = Math.min(table.keyColumns ?? 2, table.columns.length - 1);
  const texts = tableTexts(table);
  const measures = table.columns.map((c, i) => measureColumn(c, texts[i]!, fontPt));
  const keyWidth = measures.slice(0, keys).reduce((s, m) => s + m.min, 0);
  const parts: number[][] = [];
  let current: number[] = [];
  let used = keyWidth;
  let c = keys;
  while (c < table.columns.length) {
    let end = c;
    const group = table.columns[c]!.group;
    while (group !== undefined && end + 1 < table.columns.length && table.columns[end + 1]!.group === group) end++;
    const run = Array.from({ length: end - c + 1 }, (_, k) => c + k);
    const runWidth = run.reduce((s, k) => s + measures[k]!.min, 0);
    if (current.length > 0 && used + runWidth > width) {
      parts.push(current);
      current = [];
      used = keyWidth;
    }
    for (const column of run) current.push(column);
    used += runWidth;
    c = end + 1;
  }
  if (current.length) parts.push(current);
  return parts.map((part, p) => {
    const indexes = [...Array.from({ length: keys }, (_, k) => k), ...part];
    const caption = p === 0 ? table.caption : words.continued(table.caption ?? '', p + 1, parts.length);
    return {
      ...table,
      ...(caption ? { caption } : {}),
      columns: indexes.map((i) => table.columns[i]!),
      rows: table.rows.map((row) => ({ ...row, cells: indexes.map((i) => row.cells[i] ?? null) })),
    };
  });
}

/** The ways a sheet can be laid out: each font size and orientation at which its tables fit. */
function planSheet(sheet: ReportSheet, words: LayoutWords): Plan[] {
  const tables = sheet.blocks.filter((b): b is ReportTable => b.kind === 'table');
  const orientations: Orientation[] = sheet.orientation ? [sheet.orientation] : ['portrait', 'landscape'];
  const widest = (list: ReportTable[]) => list.reduce<ReportTable | null>((best, t) => (best === null || t.columns.length > best.columns.length ? t : best), null);
  const asIs = sheet.blocks.map((block, source) => ({ block, source }));
  if (sheet.mode === 'data') {
    // A data sheet stays one plain table: natural widths; wider than a landscape page, it prints in
    // column bands with its key columns repeated (the spreadsheet does that from the print titles).
    const table = widest(tables);
    const fontPt = DATA_PT;
    const measures = table ? table.columns.map((c, i) => measureColumn(c, tableTexts(table)[i]!, fontPt)) : [];
    const natural = measures.reduce((s, m) => s + m.natural, 0);
    const orientation = sheet.orientation ?? (natural <= printableArea('portrait').width ? 'portrait' : 'landscape');
    const width = printableArea(orientation).width;
    // Marks and names are never wrapped to squeeze a data table onto the page: it prints in bands instead.
    const fitted = table ? measures.map((m) => m.natural) : [width];
    return [{ orientation, fontPt, width, blocks: asIs, grid: table ? widenForGroups(table.columns, fitted, fontPt) : fitted, gridTable: table }];
  }
  const plans: Plan[] = [];
  for (const fontPt of FONT_STEPS) {
    for (const orientation of orientations) {
      const width = printableArea(orientation).width;
      const fits = tables.every((t) => fitColumns(t.columns.map((c, i) => measureColumn(c, tableTexts(t)[i]!, fontPt)), width, true) !== null);
      if (!fits) continue;
      const gridTable = widest(tables);
      const gridTexts = gridTable ? tableTexts(gridTable) : [];
      const grid = gridTable ? fitColumns(gridTable.columns.map((c, i) => measureColumn(c, gridTexts[i]!, fontPt)), width, true, gridTexts, fontPt)! : [width];
      plans.push({ orientation, fontPt, width, blocks: asIs, grid: gridTable ? widenForGroups(gridTable.columns, grid, fontPt) : grid, gridTable });
    }
  }
  if (plans.length > 0) return plans;
  // Too wide at 10.5 pt even wrapped: print the wide tables in parts rather than shrink the text.
  const orientation = orientations[orientations.length - 1]!;
  const fontPt = FONT_STEPS[FONT_STEPS.length - 1]!;
  const width = printableArea(orientation).width;
  const blocks = sheet.blocks.flatMap((b, source): { block: ReportBlock; source: number }[] => {
    if (b.kind !== 'table') return [{ block: b, source }];
    const fits = fitColumns(b.columns.map((c, i) => measureColumn(c, tableTexts(b)[i]!, fontPt)), width, true) !== null;
    return (fits ? [b] : splitTable(b, width, fontPt, words)).map((block) => ({ block, source }));
  });
  const gridTable = widest(blocks.flatMap(({ block }) => (block.kind === 'table' ? [block] : [])));
  const measures = gridTable ? gridTable.columns.map((c, i) => measureColumn(c, tableTexts(gridTable)[i]!, fontPt)) : [];
  const grid = gridTable ? (fitColumns(measures, width, true) ?? measures.map((m) => m.min)) : [width];
  return [{ orientation, fontPt, width, blocks, grid, gridTable }];
}

/** The spans of a table's columns on the grid: its own columns on the grid table, snapped for the others. */
function spansFor(table: ReportTable, plan: Plan): { column: number; span: number }[] {
  if (table === plan.gridTable || table.columns.length === plan.grid.length) return table.columns.map((_, i) => ({ column: i, span: 1 }));
  const texts = tableTexts(table);
  const measures = table.columns.map((c, i) => measureColumn(c, texts[i]!, plan.fontPt));
  if (table.columns.length > plan.grid.length) return table.columns.map((_, i) => ({ column: Math.min(i, plan.grid.length - 1), span: 1 }));
  // Leading columns that the grid table has too (序号, 姓名) stay in its columns, so a reader finds
  // 姓名 in the same column in every table of the sheet; the rest share the remaining columns.
  let same = 0;
  const gridColumns = plan.gridTable?.columns ?? [];
  while (same < table.columns.length - 1 && same < gridColumns.length - 1 && table.columns[same]!.header === gridColumns[same]!.header && table.columns[same]!.group === undefined) same++;
  // Aim for the table's own proportions on the remaining width, never narrower than its least widths.
  const restGrid = plan.grid.slice(same);
  const restMeasures = measures.slice(same);
  const restWidth = restGrid.reduce((s, w) => s + w, 0);
  const targets = fitColumns(restMeasures, restWidth, true) ?? restMeasures.map((m) => m.min);
  const rest = snap(restGrid, targets, restMeasures.map((m) => m.min));
  return [...Array.from({ length: same }, (_, i) => ({ column: i, span: 1 })), ...rest.map((r) => ({ column: r.column + same, span: r.span }))];
}

/**
 * Lays the sheet out at every size and orientation its tables fit, and keeps the one with the
 * fewest pages (a 报告单 of 15 candidates on one page); among equals the larger text, then portrait.
 */
export function layoutSheet(sheet: ReportSheet, words: LayoutWords): LaidOutSheet {
  let best: LaidOutSheet | null = null;
  for (const plan of planSheet(sheet, words)) {
    const laid = layoutWith(sheet, plan, words);
    if (best === null || laid.pages.length < best.pages.length) best = laid;
  }
  return best!;
}

function layoutWith(sheet: ReportSheet, plan: Plan, words: LayoutWords): LaidOutSheet {
  const { grid, fontPt } = plan;
  const units: Unit[] = [];
  if (sheet.title) units.push({ rows: [textRow(grid, sheet.title, 'title', TITLE_PT, undefined, false, 'center')], keepWithNext: true, block: -1 });
  for (const line of sheet.heading) units.push({ rows: [textRow(grid, line, 'heading', fontPt)], keepWithNext: true, block: -1 });
  if (sheet.title || sheet.heading.length > 0) units.push({ rows: [gap(grid)], keepWithNext: true, block: -1 });

  // The parts of a split table keep their table's index, so keepWithLastRowsFrom still points right.
  plan.blocks.forEach(({ block, source: index }, position) => {
    switch (block.kind) {
      case 'table':
        // One unit per row: a loop, since spreading a 200,000-row ballot table as arguments overflows the stack.
        for (const unit of tableUnits(block, grid, spansFor(block, plan), fontPt, index)) units.push(unit);
        break;
      case 'text': {
        const size = block.style === 'small' ? SMALL_PT : fontPt;
        // A footnote (the seal, the way to check) closes what stands before it: never a page of its own.
        if (block.style === 'small') {
          for (let k = units.length - 1; k >= 0 && k >= units.length - 2; k--) units[k]!.keepWithNext = true;
        }
        const role = block.style === 'small' ? 'small' : block.style === 'heading' ? 'caption' : 'text';
        units.push({ rows: [textRow(grid, block.text, role, size, block.tone, block.style === 'heading' || block.tone === 'serious' || block.tone === 'strong')], keepWithNext: block.style === 'heading', block: index });
        break;
      }
      case 'notes':
        units.push({ rows: [textRow(grid, block.title, 'caption', fontPt, undefined, true)], keepWithNext: true, block: index });
        block.lines.forEach((line, i) => units.push({ rows: [textRow(grid, `${i + 1}. ${line}`, 'text', fontPt)], keepWithNext: false, block: index }));
        break;
      case 'fields':
        for (const unit of fieldsUnits(block.fields, grid, fontPt, index)) units.push(unit);
        break;
      case 'signatures':
        units.push(signatureUnits(block.roles, block.date, block.seal ?? false, grid, fontPt, index, words.sign, words.date, words.seal));
        break;
      case 'image': {
        const widthPt = Math.min(plan.width, block.widthPx * 0.75);
        const heightPt = Math.min(380, (widthPt * block.heightPx) / block.widthPx);
        units.push({ rows: [textRow(grid, block.title, 'caption', fontPt, undefined, true)], keepWithNext: true, block: index });
        units.push({
          rows: [{ height: Math.ceil(heightPt), cells: [{ column: 0, span: grid.length, value: null, display: '', format: 'text', role: 'image', align: 'left', fontPt, bold: false, border: false, wrap: false }], image: { png: block.png, widthPt, heightPt } }],
          keepWithNext: false,
          block: index,
        });
        break;
      }
    }
    // A little air after a table or a list; consecutive lines of text follow each other directly.
    const next = plan.blocks[position + 1]?.block;
    if (!(block.kind === 'text' && next?.kind === 'text')) units.push({ rows: [gap(grid)], keepWithNext: false, block: index });
  });
  // The trailing gap is not needed.
  if (units.length > 0 && units[units.length - 1]!.rows[0]!.height === 4) units.pop();

  keepTailWithLastRows(units, sheet.keepWithLastRowsFrom);
  const area = printableArea(plan.orientation);
  const pages = paginate(units, area.height, sheet.mode);
  let repeatRows: LaidOutSheet['repeatRows'] = null;
  if (sheet.mode === 'data') {
    const flat = pages.flat();
    const first = flat.findIndex((r) => r.header);
    if (first >= 0) {
      let last = first;
      while (flat[last + 1]?.header) last++;
      repeatRows = { from: first + 1, to: last + 1 };
    }
  }
  const naturalWidth = grid.reduce((s, w) => s + w, 0);
  return {
    name: sheet.name,
    mode: sheet.mode,
    orientation: plan.orientation,
    fontPt,
    columns: grid,
    pages,
    repeatRows,
    repeatColumns: sheet.mode === 'data' && naturalWidth > area.width ? Math.min(plan.gridTable?.keyColumns ?? 1, grid.length) : 0,
  };
}

/**
 * From block `from` on, everything is chained to the last two data rows before it, so that the
 * declaration and the signature lines always share a page with result rows.
 */
function keepTailWithLastRows(units: Unit[], from: number | undefined): void {
  if (from === undefined) return;
  const tailStart = units.findIndex((u) => u.block >= from);
  if (tailStart < 0) return;
  let lastRow = -1;
  for (let i = tailStart - 1; i >= 0; i--) {
    if (units[i]!.dataRow) {
      lastRow = i;
      break;
    }
  }
  if (lastRow < 0) return;
  let firstKept = lastRow;
  if (lastRow - 1 >= 0 && units[lastRow - 1]!.dataRow) firstKept = lastRow - 1;
  for (let i = firstKept; i < units.length - 1; i++) units[i]!.keepWithNext = true;
}

function paginate(units: Unit[], pageHeight: number, mode: ReportSheet['mode']): GridRow[][] {
  const pages: GridRow[][] = [[]];
  let used = 0;
  /** Data sheets: the table whose heading the spreadsheet repeats on every later page. */
  let repeated: TableRows | null = null;
  const heightOf = (unit: Unit) => unit.rows.reduce((s, r) => s + r.height, 0);
  const continuing = (unit: Unit): TableRows | null => (unit.dataRow && unit.table ? unit.table : mode === 'data' ? repeated : null);
  const newPage = (table: TableRows | null) => {
    pages.push([]);
    used = 0;
    if (!table) return;
    // A document repeats the heading rows itself; a data sheet leaves room for the spreadsheet's.
    if (mode === 'document') pages[pages.length - 1]!.push(...table.headerRows);
    used += table.headerHeight;
  };
  const place = (unit: Unit) => {
    const page = pages[pages.length - 1]!;
    for (const row of unit.rows) page.push(row);
    used += heightOf(unit);
    if (mode === 'data' && unit.dataRow && unit.table) repeated = unit.table;
  };
  const pageHasRows = () => pages[pages.length - 1]!.length > 0;

  let i = 0;
  while (i < units.length) {
    // A chain: units joined by keepWithNext, kept on one page when it fits on one.
    let end = i;
    while (end < units.length - 1 && units[end]!.keepWithNext) end++;
    const chain = units.slice(i, end + 1);
    i = end + 1;
    const height = chain.reduce((s, u) => s + heightOf(u), 0);
    if (used + height <= pageHeight) {
      chain.forEach(place);
      continue;
    }
    const table = continuing(chain[0]!);
    if (pageHasRows() && height + (table?.headerHeight ?? 0) <= pageHeight) {
      newPage(table);
      chain.forEach(place);
      continue;
    }
    // Longer than a page: break inside it, wherever a unit no longer fits.
    for (const unit of chain) {
      if (used + heightOf(unit) > pageHeight && pageHasRows()) newPage(continuing(unit));
      place(unit);
    }
  }
  return pages.filter((p) => p.length > 0);
}
