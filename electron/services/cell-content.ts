/**
 * A cell's content as a person reads it, whatever program last saved the file. The same text can
 * come back as a plain string, as rich text (LibreOffice splits mixed Chinese and Latin text into
 * runs, one per script), as an inline string or a hyperlink; the same number can come back with
 * fewer digits (openpyxl keeps 16 significant digits, Excel shows 15). `verify` and the reading
 * of the 校验信息 sheet both go through here, so no value shape is ever read as "[object Object]".
 */
import type ExcelJS from 'exceljs';
import type { VerifyCellKind } from '../../shared/contract/verify';

export type CellKind = VerifyCellKind;

export interface CellContent {
  kind: CellKind;
  /** The whole value as text: numbers in full (shortest exact form), text with line endings as \n. */
  text: string;
  /** Only for numbers. */
  number?: number;
}

const EMPTY: CellContent = { kind: 'empty', text: '' };

// XML turns a carriage return into a line feed when the file is read, and producers differ in
// which they write: a line break is a line break.
function normalisedText(text: string): CellContent {
  const shown = text.replace(/\r\n?/g, '\n');
  // An empty string cell and an absent cell look the same; LibreOffice drops the former on saving.
  return shown === '' ? EMPTY : { kind: 'text', text: shown };
}

function textOfRuns(runs: readonly { text?: unknown }[]): string {
  return runs.map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
}

export function cellContent(value: ExcelJS.CellValue | undefined): CellContent {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return normalisedText(value);
  if (typeof value === 'number') return { kind: 'number', text: String(value), number: value };
  if (typeof value === 'boolean') return { kind: 'boolean', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'date', text: Number.isNaN(value.getTime()) ? String(value) : value.toISOString() };
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return normalisedText(textOfRuns(value.richText));
    // A formula is a change of kind even where its result shows the old value: the cell now depends on others.
    if ('formula' in value && value.formula !== undefined) return { kind: 'formula', text: `=${String(value.formula)}` };
    if ('sharedFormula' in value && value.sharedFormula !== undefined) return { kind: 'formula', text: `=${String(value.sharedFormula)}` };
    if ('error' in value) return { kind: 'error', text: String(value.error) };
    // A hyperlink shows its text; its text may itself be rich text.
    if ('text' in value) {
      const text: unknown = value.text;
      if (typeof text === 'string') return normalisedText(text);
      if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) return normalisedText(textOfRuns(text.richText));
    }
  }
  return normalisedText(String(value as unknown));
}

/**
 * Two numbers are the same if a person cannot tell them apart in Excel: equal to 15 significant
 * digits. A program that keeps 16 digits can carry a value across a 15-digit rounding boundary by
 * less than one unit in the 16th digit, so that much is also the same; a person typing a changed
 * value changes at least a unit in the 15th digit, ten times more.
 */
export function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (a.toPrecision(15) === b.toPrecision(15)) return true;
  const larger = Math.max(Math.abs(a), Math.abs(b));
  const unitOf16thDigit = 10 ** (Math.floor(Math.log10(larger)) - 15);
  return Math.abs(a - b) < unitOf16thDigit;
}

export function sameContent(a: CellContent, b: CellContent): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'number' && a.number !== undefined && b.number !== undefined) return sameNumber(a.number, b.number);
  return a.text === b.text;
}
