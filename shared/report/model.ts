/**
 * The report model: what a printed sheet says, before anyone decides where it goes on the page.
 * Titled sheets of blocks (tables with column groups, lines of text, the 口径说明, the counts of a
 * meeting, signature lines), built once from a MeetingOutcome (and the workbook's records) and laid
 * out by the one layout (layout.ts) that both the Excel writer and the PDF templates draw from. A
 * column is defined here, once, for every output that shows it.
 */

/** How a column's values read: the kind decides alignment, number format and how it may wrap. */
export type ColumnKind =
  /** 序号: a small number, centred */
  | 'index'
  /** a person's name: kept on one line where the page allows */
  | 'name'
  /** free text that wraps (posts, conclusions, reasons) */
  | 'text'
  /** a whole number of ballots or people */
  | 'count'
  /** an exact quotient shown as 0.00% (the value is the quotient, never a rounded one) */
  | 'rate'
  /** a weighted score shown as 0.00 */
  | 'score'
  /** the 标注: warnings and notes, which wrap */
  | 'flags';

export interface ReportColumn {
  /** The heading; under a group, the lower of two heading rows. */
  header: string;
  /** A heading over a run of adjacent columns: an option over 票数/占比, a post over its figures. */
  group?: string;
  kind: ColumnKind;
  /** Text and flags: the widest a line grows, in full-width characters, before it wraps. */
  maxChars?: number;
  /** Text and flags: the narrowest it may be squeezed, in full-width characters (a date kept whole). */
  minChars?: number;
}

/**
 * warning and serious: a 标注 that asks the team to look (red on paper); note: a mark reached,
 * such as 过半 (black); muted: what only explains (grey); strong: a line to notice (bold).
 */
export type Tone = 'warning' | 'serious' | 'note' | 'muted' | 'strong';

export type ReportValue = string | number | null;

export interface ReportCell {
  value: ReportValue;
  /** The value as printed (a rate's exact 66.67%); a spreadsheet shows the number in its format instead. */
  display?: string;
  tone?: Tone;
  /** Where a number cannot stand (a void meeting's rate): the words printed instead. */
  instead?: string;
}

export interface ReportRow {
  cells: (ReportValue | ReportCell)[];
  /** Rows of one person that must share a page (a person's block of several rows). */
  keepWithNext?: boolean;
  tone?: Tone;
}

export interface ReportTable {
  kind: 'table';
  columns: ReportColumn[];
  rows: ReportRow[];
  /** A line above the table, kept with its first rows (德, 另推他人得票情况 …). */
  caption?: string;
  /** Printed in place of rows when there are none. */
  emptyText?: string;
  /**
   * With no rows, the header row all the same instead of emptyText: a data sheet in the import layout
   * (选票数据) is read back by its header, and a meeting with no ballots yet is still that layout.
   */
  headerWhenEmpty?: boolean;
  /**
   * Leading columns that identify a row (序号, 姓名): repeated on each part when the table is too
   * wide for the page and must be printed in parts.
   */
  keyColumns?: number;
}

export interface ReportText {
  kind: 'text';
  text: string;
  style?: 'heading' | 'body' | 'small';
  tone?: Tone;
}

/** A numbered list under a title: the 口径说明. */
export interface ReportNotes {
  kind: 'notes';
  title: string;
  lines: string[];
}

/** Labels over their values, bordered: 应到人数 … 结果状态. */
export interface ReportFields {
  kind: 'fields';
  fields: { label: string; value: string | number; tone?: Tone }[];
}

/** Signature lines: each role with its rule, two to a line, then the date. */
export interface ReportSignatures {
  kind: 'signatures';
  roles: string[];
  /** The last item: 日期：____年__月__日 (true) or a seal line (印章). */
  date: boolean;
  seal?: boolean;
}

/** A picture (the rate bars), PNG in base64, placed at its height. */
export interface ReportImage {
  kind: 'image';
  title: string;
  png: string;
  widthPx: number;
  heightPx: number;
}

export type ReportBlock = ReportTable | ReportText | ReportNotes | ReportFields | ReportSignatures | ReportImage;

/**
 * One printed sheet (a worksheet in Excel, a document in PDF).
 * document: a page layout of its own (title, blocks, signatures kept with the last rows), header
 * rows repeated above table rows on every page. data: one long table that stays a plain table in
 * Excel (sortable, importable), its heading rows repeated by the spreadsheet on every page.
 */
export interface ReportSheet {
  /** The worksheet's name (at most 31 characters). */
  name: string;
  mode: 'document' | 'data';
  /** 民主测评结果汇总表; empty for a data sheet that must start with its header row (选票数据). */
  title: string;
  /** Lines under the title: unit, meeting, date, team. */
  heading: string[];
  blocks: ReportBlock[];
  /**
   * From this block on, everything stays on the page of the last rows before it: the declaration
   * and the signature lines never stand alone.
   */
  keepWithLastRowsFrom?: number;
  /** Set where only one orientation is right; otherwise the layout chooses (portrait when it fits). */
  orientation?: 'portrait' | 'landscape';
}

export function cellOf(value: ReportValue | ReportCell): ReportCell {
  return value !== null && typeof value === 'object' ? value : { value };
}
