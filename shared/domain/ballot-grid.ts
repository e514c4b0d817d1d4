/**
 * Ballot-grid import (docs/architecture.md, "Ballot grid import"): a grid of cell texts → ballots, or every
 * problem with its sheet, row, column and value. The file is accepted whole or refused whole.
 */
import type { BallotRecord, ItemMark, WriteIn } from './ballot';
import { BLANK, VOID, itemIndex, overSelectionReason } from './ballot';
import type { BallotForm, BallotQuestion } from './forms';
import type { Result } from './result';
import { fail, ok } from './result';
import { nameKey, normalizeCellValue, normalizeName } from '../format/text';
import { zh } from '../messages/zh-CN';
import { NameIndex, nameRefusal } from './names';
import { MAX_CANDIDATES } from './meeting';
import { BallotNumberMap } from './ballot-numbers';

export interface GridRow {
  /** The row's number in the sheet or file (1-based), as a user would find it. */
  rowNumber: number;
  /** Cell texts by column (0-based); null or '' for an empty cell. */
  cells: (string | null)[];
  /**
   * From a reader that numbers the texts it has seen (the CSV splitter): by column, the id of the
   * cell's text, the same id for the same text over the whole file; negative for a text without
   * one. Only lets the parser read each text's mark once; never changes what a cell says.
   */
  textIds?: ArrayLike<number>;
}

export interface CellGrid {
  /** File name, for messages. */
  source: string;
  /** Sheet name for a workbook; null for CSV. */
  sheet: string | null;
  rows: GridRow[];
}

export interface ImportProblem {
  source: string;
  sheet: string | null;
  row: number | null;
  /** Column letter (A, B, … AA). */
  column: string | null;
  header: string | null;
  value: string | null;
  message: string;
  /** When the reader could not tell which sheet holds the grid: the sheets to choose from. */
  sheets?: readonly string[];
}

export interface ParsedBallotGrid {
  candidates: string[];
  ballots: BallotRecord[];
  /** Whether the file had a 票号 column (otherwise ballots are numbered in row order). */
  numbered: boolean;
}

/**
 * The largest grid file read, checked before anything is read or decoded (docs/architecture.md §6.2).
 * (Here, not beside the request schema, so that the command line reads grids without loading zod.)
 */
export const MAX_GRID_FILE_BYTES = 50 * 1024 * 1024;

export const BALLOT_NUMBER_HEADER = '票号';
export const WHOLE_INVALID_HEADER = '整票无效';
/** Optional column naming the respondent group (党员, 群众 …) of each ballot, for meetings counted by group. */
export const GROUP_HEADER = '参评类别';
/** 另推他人, 另推他人1 …; on a form with several posts 另推他人/主任, 另推他人1/委员 … */
const WRITE_IN_HEADER = /^另推他人\d*(?:[/／](.+))?$/;
const VOID_CELL_VALUES = new Set(['废', '无效']);
const TICK_VALUES = new Set(['√', '✓', '✔', '○', '1', '是', 'Y', 'y']);
const NO_TICK_VALUES = new Set(['', '0']);
/** Separates name and question in the headers of multi-question forms: 张三/德. */
const QUESTION_SEPARATOR = /^(.*)[/／]([^/／]+)$/;
const MAX_LISTED_PROBLEMS = 30;

export function columnLetter(index: number): string {
  let letters = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** One paragraph naming what is wrong and where: 文件、工作表、行、列、值. */
export function formatImportProblem(problem: ImportProblem): string {
  return zh.import.located(problem);
}

/** All problems as one message, at most MAX_LISTED_PROBLEMS listed. */
export function formatImportProblems(problems: readonly ImportProblem[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map(formatImportProblem);
  const rest = problems.length - listed.length;
  return [zh.import.refusedHeading(problems[0]?.source ?? '', problems.length), ...listed, ...(rest > 0 ? [zh.import.more(rest)] : [])].join(
    '\n',
  );
}

type ColumnRole =
  | { kind: 'number' }
  | { kind: 'group' }
  | { kind: 'invalid' }
  | { kind: 'write-in'; question: number }
  | { kind: 'item'; candidate: number; question: number }
  | { kind: 'ignored' };

/** Texts up to this long, and this many of them, are remembered while a grid is read (see parseBallotGrid). */
const MEMO_TEXT_LENGTH = 64;
const MEMO_ENTRIES = 4096;
/** The first texts of each question, compared before the memo: the options and the void marks. */
const RECENT_TEXTS = 8;
/** Text ids (GridRow.textIds) below this have their item cell kept as a code in an array, per question. */
const ID_CELLS = 4096;
/**
 * An item cell as a small integer: ((mark + 2) << 1) | filled for a mark, UNREADABLE_CODE for a text
 * that is no mark (it holds something, and its problem is found in the row's second pass).
 */
const UNSEEN_CODE = -1;
const UNREADABLE_CODE = -2;

function itemCellCode(cell: ItemCell): number {
  return typeof cell.mark === 'number' ? ((cell.mark + 2) << 1) | (cell.filled ? 1 : 0) : UNREADABLE_CODE;
}

/** /^\d+$/ without the regular expression, 100,000 times over: one or more ASCII digits. */
function asciiDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether a text is ASCII digits alone (a 票号), or empty: already as normalizeCellValue would make it. */
function plainDigits(text: string): boolean {
  return text === '' || (text.length <= 16 && asciiDigits(text));
}

function cellText(row: GridRow, column: number): string {
  return row.cells[column] ?? '';
}

function parseGradeCell(question: BallotQuestion, labels: readonly string[], value: string): ItemMark | 'unknown' | 'out-of-range' {
  if (value === '') return BLANK;
  if (VOID_CELL_VALUES.has(value)) return VOID;
  const byLabel = labels.indexOf(value);
  if (byLabel >= 0) return byLabel;
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n >= 1 && n <= question.options.length ? n - 1 : 'out-of-range';
  }
  return 'unknown';
}

function parseTickCell(value: string): ItemMark | 'unknown' {
  if (NO_TICK_VALUES.has(value)) return BLANK;
  if (TICK_VALUES.has(value)) return 0;
  if (VOID_CELL_VALUES.has(value)) return VOID;
  return 'unknown';
}

export interface GridOptions {
  /** The meeting's respondent groups: a 参评类别 column must name one of them. */
  groups?: readonly { id: string; label: string }[] | null;
  /**
   * A header with no ballots under it is a grid of 0 ballots rather than refused: only for reading
   * back the 选票数据 of a file the app wrote, where a meeting not yet entered is exported as such.
   */
  allowNoBallots?: boolean;
}

/**
 * Where a reader hands the rows of a grid as it reads them, so that a file of 100,000 ballots is
 * never held as a grid of millions of strings: each row becomes a ballot (or a problem) and is gone.
 */
export interface GridRowSink {
  /** The worksheet the rows come from (null for CSV), before the first row. */
  sheet(name: string | null): void;
  /** A row, in order. Its `cells` array may be reused by the reader once this returns: a sink that keeps the row keeps a copy. */
  row(row: GridRow): void;
}

/** A grid read all at once: the rows fed in order to a BallotGridParser. */
export function parseBallotGrid(grid: CellGrid, form: BallotForm, options: GridOptions = {}): Result<ParsedBallotGrid, ImportProblem> {
  const parser = new BallotGridParser(grid.source, form, options);
  parser.sheet(grid.sheet);
  for (const row of grid.rows) parser.row(row);
  return parser.finish();
}

/** A cell under a candidate: its mark (or why it has none), and whether it holds anything at all. */
interface ItemCell {
  mark: ItemMark | 'unknown' | 'out-of-range';
  filled: boolean;
}

const EMPTY_ITEM_CELL: ItemCell = { mark: BLANK, filled: false };

/** A header problem and the column it belongs to (null: the header as a whole), kept in column order. */
interface HeaderProblem {
  column: number | null;
  problem: ImportProblem;
}

/**
 * Ballot-grid import one row at a time: the first row is the header, every later row a ballot, and
 * `finish` gives the ballots or every problem. The answer is the same as for the whole grid read at
 * once: a header problem (including data under a column with no header, found in whichever row it is)
 * refuses the file alone, before any problem of a ballot.
 */
export class BallotGridParser implements GridRowSink {
  private sheetName: string | null = null;
  private headerSeen = false;
  /** Problems of the header, by column; when any exist no ballot is read. */
  private readonly headerProblems: HeaderProblem[] = [];
  /** Columns without a header, and the first filled cell found under each (a header problem too). */
  private readonly unheaded = new Map<number, ImportProblem | null>();
  private readonly ballotProblems: ImportProblem[] = [];
  private headerFailed = false;
  /** A header that is no header at all (not in row 1, or far too many candidates): the one problem of the file. */
  private refusedWhole: ImportProblem | null = null;
  private readonly isRecommend: boolean;
  private readonly questionCount: number;
  private roles: ColumnRole[] = [];
  private headers: string[] = [];
  private readonly candidates: string[] = [];
  // Candidates by folded name: two spellings that look the same on paper are one person (names.ts).
  private readonly candidateIndex = new NameIndex<{ candidate: number; column: number }>();
  private numberColumn: number | null = null;
  private groupColumn: number | null = null;
  private readonly ballots: BallotRecord[] = [];
  /** The row each ballot number was first seen in. */
  private readonly numberRow = new BallotNumberMap();
  /** A ballot's marks before its cells are read: every item blank (copied, which is quicker than filling). */
  private blankMarks: ItemMark[] = [];
  // A ballot grid repeats a handful of texts (the options, 票号 digits) millions of times: each
  // distinct short text is normalised and read as a mark once. Bounded, so a file of distinct texts
  // costs no more memory than the cells themselves.
  private readonly normalizedText = new Map<string, string>();
  private readonly optionLabels: string[][];
  private readonly itemMemo: Map<string, ItemCell>[];
  private readonly recentTexts: string[][];
  private readonly recentCells: ItemCell[][];
  /** By question × ID_CELLS + text id: the item cell of that text as a code (itemCellCode), once read; made at the first id. */
  private idCodes: Int32Array | null = null;
  /** The current row's normalised texts (columns that are not items) and item cells, reused row after row. */
  private values: string[] = [];
  /** By column: the item a mark there goes to (-1: not a candidate's column), and its question. */
  private itemOf = new Int32Array(0);
  private questionOf = new Int32Array(0);
  /** Whether any column is a 参评类别, 整票无效 or 另推他人 one. */
  private hasSpecialColumns = false;

  constructor(
    private readonly source: string,
    private readonly form: BallotForm,
    private readonly options: GridOptions = {},
  ) {
    this.isRecommend = form.kind === 'recommend';
    this.questionCount = form.questions.length;
    this.optionLabels = form.questions.map((question) => question.options.map((o) => o.label.normalize('NFC')));
    this.itemMemo = form.questions.map(() => new Map());
    this.recentTexts = form.questions.map(() => []);
    this.recentCells = form.questions.map(() => []);
  }

  sheet(name: string | null): void {
    this.sheetName = name;
  }

  private problem(row: number | null, column: number | null, header: string | null, value: string | null, message: string): ImportProblem {
    return { source: this.source, sheet: this.sheetName, row, column: column === null ? null : columnLetter(column), header, value, message };
  }

  private headerAt(column: number | null, header: string | null, value: string | null, message: string): void {
    this.headerProblems.push({ column, problem: this.problem(1, column, header, value, message) });
  }

  row(row: GridRow): void {
    if (!this.headerSeen) {
      this.headerSeen = true;
      this.readHeader(row);
      return;
    }
    if (this.refusedWhole !== null) return;
    // Data under a column with no header refuses the file, wherever the first such cell is.
    const cells = row.cells;
    for (let column = this.roles.length; column < cells.length; column++) {
      if (!this.unheaded.has(column)) this.unheaded.set(column, null);
    }
    if (this.unheaded.size > 0) {
      for (const [column, found] of this.unheaded) {
        if (found === null && normalizeCellValue(cellText(row, column)) !== '') {
          this.unheaded.set(column, this.problem(row.rowNumber, column, null, cellText(row, column), zh.import.dataWithoutHeader));
        }
      }
    }
    if (!this.headerFailed) this.readBallot(row);
  }

  private readHeader(headerRow: GridRow): void {
    if (headerRow.rowNumber !== 1 || headerRow.cells.every((cell) => normalizeName(cell ?? '') === '')) {
      this.refusedWhole = this.problem(1, null, null, null, zh.import.headerNotFirstRow);
      this.headerFailed = true;
      return;
    }
    const { form } = this;
    const multiQuestion = this.questionCount > 1;
    const width = headerRow.cells.length;
    const roles: ColumnRole[] = [];
    const candidates = this.candidates;
    const itemColumn = new Map<string, number>();
    let invalidColumn: number | null = null;

    for (let column = 0; column < width; column++) {
      const header = normalizeName(cellText(headerRow, column));
      if (header === '') {
        this.unheaded.set(column, null);
        roles.push({ kind: 'ignored' });
        continue;
      }
      if (header === BALLOT_NUMBER_HEADER || header === WHOLE_INVALID_HEADER) {
        const previous = header === BALLOT_NUMBER_HEADER ? this.numberColumn : invalidColumn;
        if (previous !== null) this.headerAt(column, header, header, zh.import.duplicateSpecialColumn(header, columnLetter(previous)));
        if (header === BALLOT_NUMBER_HEADER) this.numberColumn = column;
        else invalidColumn = column;
        roles.push({ kind: header === BALLOT_NUMBER_HEADER ? 'number' : 'invalid' });
        continue;
      }
      if (header === GROUP_HEADER) {
        if (this.groupColumn !== null) this.headerAt(column, header, header, zh.import.duplicateSpecialColumn(header, columnLetter(this.groupColumn)));
        if (!this.options.groups || this.options.groups.length === 0) this.headerAt(column, header, header, zh.import.groupsNotCounted);
        this.groupColumn = column;
        roles.push({ kind: 'group' });
        continue;
      }
      const writeInMatch = WRITE_IN_HEADER.exec(header);
      if (writeInMatch) {
        if (!this.isRecommend || !form.recommend?.writeInsAllowed) this.headerAt(column, header, header, zh.import.writeInsNotAllowed);
        const postLabel = writeInMatch[1] === undefined ? null : normalizeName(writeInMatch[1]);
        const question = postLabel === null ? (multiQuestion ? -1 : 0) : form.questions.findIndex((q) => q.label === postLabel);
        if (this.isRecommend && question < 0) this.headerAt(column, header, header, zh.import.writeInPostUnknown(form.questions.map((q) => q.label)));
        roles.push({ kind: 'write-in', question: Math.max(0, question) });
        continue;
      }
      let name = header;
      let questionIndex = 0;
      if (multiQuestion) {
        const split = QUESTION_SEPARATOR.exec(header);
        const questionLabel = split ? normalizeName(split[2]!) : '';
        questionIndex = form.questions.findIndex((q) => q.label === questionLabel);
        if (!split || questionIndex < 0 || normalizeName(split[1]!) === '') {
          this.headerAt(column, header, header, zh.import.multiQuestionHeader(form.questions.map((q) => q.label)));
          roles.push({ kind: 'ignored' });
          continue;
        }
        name = normalizeName(split[1]!);
      }
      const refusal = nameRefusal(name);
      if (refusal) {
        this.headerAt(column, header, cellText(headerRow, column), refusal);
        roles.push({ kind: 'ignored' });
        continue;
      }
      const held = this.candidateIndex.add(name, { candidate: candidates.length, column });
      const candidate = held.value.candidate;
      if (candidate === candidates.length) candidates.push(name);
      else if (held.name !== name) {
        // The same person spelled two ways (全角 and 半角, a radical for an ideograph): which spelling is
        // on the paper is for the team to say, so the file is refused rather than one chosen.
        this.headerAt(column, header, cellText(headerRow, column), zh.import.sameCandidate(columnLetter(held.value.column), held.name));
        roles.push({ kind: 'ignored' });
        continue;
      }
      const key = `${candidate}:${questionIndex}`;
      const earlier = itemColumn.get(key);
      if (earlier !== undefined) {
        this.headerAt(column, header, header, zh.import.duplicateCandidate(header, columnLetter(earlier)));
      } else {
        itemColumn.set(key, column);
      }
      roles.push({ kind: 'item', candidate, question: questionIndex });
    }

    if (candidates.length > MAX_CANDIDATES) {
      // One problem, not one per column: the whole header is the wrong file.
      this.refusedWhole = this.problem(1, null, null, null, zh.import.tooManyCandidates(candidates.length, MAX_CANDIDATES));
      this.headerFailed = true;
      return;
    }
    if (multiQuestion) {
      candidates.forEach((name, candidate) => {
        form.questions.forEach((question, q) => {
          if (!itemColumn.has(`${candidate}:${q}`)) this.headerAt(null, name, null, zh.import.missingQuestionColumn(name, question.label));
        });
      });
    }
    this.roles = roles;
    this.headers = Array.from({ length: width }, (_, column) => normalizeName(cellText(headerRow, column)));
    this.values = new Array<string>(width);
    // Pushed one by one: an array of small integers that stays one (joined and copied quickly).
    this.blankMarks = [];
    for (let item = 0; item < candidates.length * this.questionCount; item++) this.blankMarks.push(BLANK);
    this.itemOf = new Int32Array(width).fill(-1);
    this.questionOf = new Int32Array(width);
    roles.forEach((role, column) => {
      if (role.kind === 'item') {
        this.itemOf[column] = itemIndex(role.candidate, role.question, this.questionCount);
        this.questionOf[column] = role.question;
      }
    });
    this.hasSpecialColumns = roles.some((role) => role.kind === 'group' || role.kind === 'invalid' || role.kind === 'write-in');
    if (this.headerProblems.length > 0) this.headerFailed = true;
  }

  private normalized(raw: string): string {
    if (raw === '' || plainDigits(raw)) return raw;
    let value = this.normalizedText.get(raw);
    if (value === undefined) {
      value = normalizeCellValue(raw);
      if (raw.length <= MEMO_TEXT_LENGTH && this.normalizedText.size < MEMO_ENTRIES) this.normalizedText.set(raw, value);
    }
    return value;
  }

  /** What a cell under a candidate says, from its text as the file has it. */
  private itemCell(questionIndex: number, raw: string): ItemCell {
    if (raw === '') return EMPTY_ITEM_CELL;
    // The few texts a question's cells hold (the options) are found by comparing the strings, which
    // readers hand out as the same string for the same text: quicker than a lookup by hash.
    const recentTexts = this.recentTexts[questionIndex]!;
    for (let i = 0; i < recentTexts.length; i++) if (recentTexts[i] === raw) return this.recentCells[questionIndex]![i]!;
    const memo = this.itemMemo[questionIndex]!;
    let cell = memo.get(raw);
    if (cell === undefined) {
      const value = this.normalized(raw);
      const mark = this.isRecommend ? parseTickCell(value) : parseGradeCell(this.form.questions[questionIndex]!, this.optionLabels[questionIndex]!, value);
      cell = { mark, filled: value !== '' };
      if (raw.length <= MEMO_TEXT_LENGTH && memo.size < MEMO_ENTRIES) memo.set(raw, cell);
    }
    if (recentTexts.length < RECENT_TEXTS && raw.length <= MEMO_TEXT_LENGTH) {
      recentTexts.push(raw);
      this.recentCells[questionIndex]!.push(cell);
    }
    return cell;
  }

  /** The code of the item cell of a text the reader gave an id (below ID_CELLS): read once per question and id. */
  private itemCodeOfId(questionIndex: number, id: number, raw: string): number {
    const codes = (this.idCodes ??= new Int32Array(this.questionCount * ID_CELLS).fill(UNSEEN_CODE));
    const slot = questionIndex * ID_CELLS + id;
    let code = codes[slot]!;
    if (code === UNSEEN_CODE) code = codes[slot] = itemCellCode(this.itemCell(questionIndex, raw));
    return code;
  }

  private readBallot(row: GridRow): void {
    const { form, roles, values, itemOf, questionOf, options, questionCount, isRecommend, headers } = this;
    const width = roles.length;
    const cells = row.cells;
    const textIds = row.textIds;
    const at = (column: number | null, header: string | null, value: string | null, message: string) =>
      this.ballotProblems.push(this.problem(row.rowNumber, column, header, value, message));
    // One pass over the row reads every mark: this runs 100,000 times for a large file.
    const marks: ItemMark[] = this.blankMarks.slice();
    let filled = false;
    let unreadable = false;
    for (let column = 0; column < width; column++) {
      const raw = cells[column] ?? '';
      const item = itemOf[column]!;
      if (item >= 0) {
        if (raw === '') continue;
        const id = textIds === undefined ? -1 : textIds[column]!;
        if (id >= 0 && id < ID_CELLS) {
          // The common cell: its mark read from an array of integers, no object looked at.
          const code = this.itemCodeOfId(questionOf[column]!, id, raw);
          if (code === UNREADABLE_CODE) {
            filled = true;
            unreadable = true;
          } else {
            if ((code & 1) === 1) filled = true;
            marks[item] = (code >> 1) - 2;
          }
          continue;
        }
        const cell = this.itemCell(questionOf[column]!, raw);
        if (cell.filled) filled = true;
        if (typeof cell.mark === 'number') marks[item] = cell.mark;
        else unreadable = true;
      } else {
        const value = this.normalized(raw);
        values[column] = value;
        if (value !== '') filled = true;
      }
    }
    if (!filled) return; // completely empty rows are skipped

    let ballotNumber = this.ballots.length + 1;
    const numberColumn = this.numberColumn;
    if (numberColumn !== null) {
      const raw = values[numberColumn]!;
      ballotNumber = Number(raw);
      if (!asciiDigits(raw) || ballotNumber < 1 || !Number.isSafeInteger(ballotNumber)) {
        at(numberColumn, BALLOT_NUMBER_HEADER, cellText(row, numberColumn), raw === '' ? zh.import.missingBallotNumber : zh.import.badBallotNumber);
        return;
      }
      const firstRow = this.numberRow.get(ballotNumber);
      if (firstRow !== undefined) {
        at(numberColumn, BALLOT_NUMBER_HEADER, raw, zh.import.duplicateBallotNumber(firstRow));
        return;
      }
      this.numberRow.set(ballotNumber, row.rowNumber);
    }

    const writeIns: WriteIn[] = [];
    let invalidReason: string | null = null;
    let group: string | null = null;
    // The columns that are more than a mark, and the marks that could not be read, in column order.
    if (this.hasSpecialColumns || unreadable) {
      for (let column = 0; column < width; column++) {
        const role = roles[column]!;
        switch (role.kind) {
          case 'group': {
            const label = normalizeName(cellText(row, column));
            const found = options.groups?.find((g) => g.label === label);
            if (found) group = found.id;
            else at(column, GROUP_HEADER, cellText(row, column), zh.import.unknownGroup((options.groups ?? []).map((g) => g.label)));
            break;
          }
          case 'invalid':
            if (values[column] !== '') invalidReason = trimReason(cellText(row, column));
            break;
          case 'write-in': {
            const name = normalizeName(cellText(row, column));
            if (name === '') break;
            const refusal = nameRefusal(name);
            if (refusal) {
              at(column, headers[column]!, cellText(row, column), refusal);
              break;
            }
            // One person once per post and ballot, however the name was spelled in each column.
            const key = nameKey(name);
            if (!writeIns.some((w) => w.question === role.question && (w.name === name || nameKey(w.name) === key))) writeIns.push({ question: role.question, name });
            break;
          }
          case 'item': {
            if (!unreadable) break;
            const raw = cellText(row, column);
            const mark = raw === '' ? BLANK : this.itemCell(role.question, raw).mark;
            if (mark === 'unknown') {
              at(column, headers[column]!, raw, isRecommend ? zh.import.unknownTick : zh.import.unknownOption(form.questions[role.question]!));
            } else if (mark === 'out-of-range') {
              at(column, headers[column]!, raw, zh.import.optionNumberOutOfRange(form.questions[role.question]!));
            }
            break;
          }
          default:
            break;
        }
      }
    }

    let ballotWriteIns = writeIns;
    if (isRecommend) {
      // A written-in name that is on the list (compared folded: Ａ is A, ⻘ is 青) counts as a tick for
      // that candidate and post, once per ballot.
      ballotWriteIns = [];
      for (const writeIn of writeIns) {
        const listed = this.candidateIndex.find(writeIn.name)?.value.candidate ?? -1;
        if (listed >= 0) {
          const item = itemIndex(listed, writeIn.question, questionCount);
          if (marks[item] !== VOID) marks[item] = 0;
        } else {
          ballotWriteIns.push(writeIn);
        }
      }
      invalidReason ??= overSelectionReason(form, { marks, writeIns: ballotWriteIns });
    }
    this.ballots.push(this.groupColumn !== null ? { number: ballotNumber, invalidReason, marks, writeIns: ballotWriteIns, group } : { number: ballotNumber, invalidReason, marks, writeIns: ballotWriteIns });
  }

  /** The ballots, or every problem: the header's (in column order) alone when it has any. */
  finish(): Result<ParsedBallotGrid, ImportProblem> {
    if (!this.headerSeen) return fail([this.problem(null, null, null, null, zh.import.emptyFile)]);
    if (this.refusedWhole !== null) return fail([this.refusedWhole]);
    const byColumn: HeaderProblem[] = [...this.headerProblems];
    for (const [column, found] of this.unheaded) if (found !== null) byColumn.push({ column, problem: found });
    // Column problems in column order, then those of the header as a whole (a stable sort keeps each column's own order).
    const ordered = byColumn
      .map((entry, i) => ({ ...entry, i }))
      .sort((a, b) => (a.column ?? Number.MAX_SAFE_INTEGER) - (b.column ?? Number.MAX_SAFE_INTEGER) || a.i - b.i)
      .map((entry) => entry.problem);
    if (ordered.length === 0 && this.candidates.length === 0) ordered.push(this.problem(1, null, null, null, zh.import.noCandidateColumn));
    if (ordered.length > 0) return fail(ordered);
    const problems = this.ballotProblems;
    // A header alone (or with blank rows under it, or garbage read as one long header) is no meeting:
    // a file of 0 ballots would export and verify as a valid count of nobody.
    if (this.ballots.length === 0 && problems.length === 0 && this.options.allowNoBallots !== true) problems.push(this.problem(null, null, null, null, zh.import.noBallots));
    if (problems.length > 0) return fail(problems);
    return ok({ candidates: this.candidates, ballots: this.ballots, numbered: this.numberColumn !== null });
  }
}

function trimReason(text: string): string {
  return normalizeName(text);
}

/**
 * Ballots back into the import grid (the inverse of parseBallotGrid): the 选票数据 sheet of every
 * export is such a grid, so it can be read again by the same importer, and `verify` does.
 */
export function ballotsToGrid(
  form: BallotForm,
  candidates: readonly string[],
  ballots: readonly BallotRecord[],
  groups: readonly { id: string; label: string }[] | null = null,
): (string | number)[][] {
  const multi = form.questions.length > 1;
  const isRecommend = form.kind === 'recommend';
  const itemHeaders = candidates.flatMap((name) => form.questions.map((q) => (multi ? `${name}/${q.label}` : name)));
  const writeInSlots = isRecommend
    ? form.questions.map((_, q) => ballots.reduce((most, b) => Math.max(most, b.writeIns.filter((w) => w.question === q).length), 0))
    : [];
  const writeInHeaders = writeInSlots.flatMap((slots, q) =>
    Array.from({ length: slots }, (_, i) => `另推他人${i === 0 ? '' : i}${multi ? `/${form.questions[q]!.label}` : ''}`),
  );
  const header = [BALLOT_NUMBER_HEADER, ...(groups && groups.length > 0 ? [GROUP_HEADER] : []), ...itemHeaders, ...writeInHeaders, WHOLE_INVALID_HEADER];
  const rows = [...ballots]
    .sort((a, b) => a.number - b.number)
    .map((ballot) => {
      // A whole-invalid ballot still shows what the paper shows (the ticks of an over-ticked one):
      // the 整票无效 column says why it counts for nothing, and a re-import reads it the same way.
      const marks = ballot.marks.map((mark, item) => {
        if (mark === BLANK) return '';
        if (mark === VOID) return '无效';
        return isRecommend ? '√' : form.questions[item % form.questions.length]!.options[mark]!.label;
      });
      const writeIns = writeInSlots.flatMap((slots, q) => {
        const names = ballot.writeIns.filter((w) => w.question === q).map((w) => w.name);
        return Array.from({ length: slots }, (_, i) => names[i] ?? '');
      });
      const group = groups && groups.length > 0 ? [groups.find((g) => g.id === ballot.group)?.label ?? ''] : [];
      return [ballot.number, ...group, ...marks, ...writeIns, ballot.invalidReason ?? ''];
    });
  return [header, ...rows];
}
