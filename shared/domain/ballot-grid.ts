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

export interface GridRow {
  /** The row's number in the sheet or file (1-based), as a user would find it. */
  rowNumber: number;
  /** Cell texts by column (0-based); null or '' for an empty cell. */
  cells: (string | null)[];
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

export function parseBallotGrid(grid: CellGrid, form: BallotForm, options: GridOptions = {}): Result<ParsedBallotGrid, ImportProblem> {
  const problems: ImportProblem[] = [];
  const at = (row: number | null, column: number | null, header: string | null, value: string | null, message: string) =>
    problems.push({
      source: grid.source,
      sheet: grid.sheet,
      row,
      column: column === null ? null : columnLetter(column),
      header,
      value,
      message,
    });

  const headerRow = grid.rows[0];
  if (!headerRow) {
    at(null, null, null, null, zh.import.emptyFile);
    return fail(problems);
  }
  if (headerRow.rowNumber !== 1 || headerRow.cells.every((cell) => normalizeName(cell ?? '') === '')) {
    at(1, null, null, null, zh.import.headerNotFirstRow);
    return fail(problems);
  }

  const isRecommend = form.kind === 'recommend';
  const multiQuestion = form.questions.length > 1;
  // A loop, not Math.max(...rows): a spread of 125,000 rows or more overflows the call stack.
  const width = grid.rows.reduce((widest, r) => Math.max(widest, r.cells.length), 0);
  const roles: ColumnRole[] = [];
  const candidates: string[] = [];
  // Candidates by folded name: two spellings that look the same on paper are one person (names.ts).
  const candidateIndex = new NameIndex<{ candidate: number; column: number }>();
  const itemColumn = new Map<string, number>();
  let numberColumn: number | null = null;
  let invalidColumn: number | null = null;
  let groupColumn: number | null = null;

  for (let column = 0; column < width; column++) {
    const header = normalizeName(cellText(headerRow, column));
    if (header === '') {
      const firstFilled = grid.rows.slice(1).find((r) => normalizeCellValue(cellText(r, column)) !== '');
      if (firstFilled) at(firstFilled.rowNumber, column, null, cellText(firstFilled, column), zh.import.dataWithoutHeader);
      roles.push({ kind: 'ignored' });
      continue;
    }
    if (header === BALLOT_NUMBER_HEADER || header === WHOLE_INVALID_HEADER) {
      const previous = header === BALLOT_NUMBER_HEADER ? numberColumn : invalidColumn;
      if (previous !== null) at(1, column, header, header, zh.import.duplicateSpecialColumn(header, columnLetter(previous)));
      if (header === BALLOT_NUMBER_HEADER) numberColumn = column;
      else invalidColumn = column;
      roles.push({ kind: header === BALLOT_NUMBER_HEADER ? 'number' : 'invalid' });
      continue;
    }
    if (header === GROUP_HEADER) {
      if (groupColumn !== null) at(1, column, header, header, zh.import.duplicateSpecialColumn(header, columnLetter(groupColumn)));
      if (!options.groups || options.groups.length === 0) at(1, column, header, header, zh.import.groupsNotCounted);
      groupColumn = column;
      roles.push({ kind: 'group' });
      continue;
    }
    const writeInMatch = WRITE_IN_HEADER.exec(header);
    if (writeInMatch) {
      if (!isRecommend || !form.recommend?.writeInsAllowed) at(1, column, header, header, zh.import.writeInsNotAllowed);
      const postLabel = writeInMatch[1] === undefined ? null : normalizeName(writeInMatch[1]);
      const question = postLabel === null ? (multiQuestion ? -1 : 0) : form.questions.findIndex((q) => q.label === postLabel);
      if (isRecommend && question < 0) at(1, column, header, header, zh.import.writeInPostUnknown(form.questions.map((q) => q.label)));
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
        at(1, column, header, header, zh.import.multiQuestionHeader(form.questions.map((q) => q.label)));
        roles.push({ kind: 'ignored' });
        continue;
      }
      name = normalizeName(split[1]!);
    }
    const refusal = nameRefusal(name);
    if (refusal) {
      at(1, column, header, cellText(headerRow, column), refusal);
      roles.push({ kind: 'ignored' });
      continue;
    }
    const held = candidateIndex.add(name, { candidate: candidates.length, column });
    const candidate = held.value.candidate;
    if (candidate === candidates.length) candidates.push(name);
    else if (held.name !== name) {
      // The same person spelled two ways (全角 and 半角, a radical for an ideograph): which spelling is
      // on the paper is for the team to say, so the file is refused rather than one chosen.
      at(1, column, header, cellText(headerRow, column), zh.import.sameCandidate(columnLetter(held.value.column), held.name));
      roles.push({ kind: 'ignored' });
      continue;
    }
    const key = `${candidate}:${questionIndex}`;
    const earlier = itemColumn.get(key);
    if (earlier !== undefined) {
      at(1, column, header, header, zh.import.duplicateCandidate(header, columnLetter(earlier)));
    } else {
      itemColumn.set(key, column);
    }
    roles.push({ kind: 'item', candidate, question: questionIndex });
  }

  if (candidates.length === 0 && problems.length === 0) at(1, null, null, null, zh.import.noCandidateColumn);
  if (candidates.length > MAX_CANDIDATES) {
    // One problem, not one per column: the whole header is the wrong file.
    problems.length = 0;
    at(1, null, null, null, zh.import.tooManyCandidates(candidates.length, MAX_CANDIDATES));
    return fail(problems);
  }
  if (multiQuestion) {
    candidates.forEach((name, candidate) => {
      form.questions.forEach((question, q) => {
        if (!itemColumn.has(`${candidate}:${q}`)) {
          at(1, null, name, null, zh.import.missingQuestionColumn(name, question.label));
        }
      });
    });
  }
  if (problems.length > 0) return fail(problems);

  const questionCount = form.questions.length;
  const ballots: BallotRecord[] = [];
  const numberRow = new Map<number, number>();

  // A ballot grid repeats a handful of texts (the options, 票号 digits) millions of times: each
  // distinct short text is normalised and read as a mark once. Bounded, so a file of distinct texts
  // costs no more memory than the cells themselves.
  const normalizedText = new Map<string, string>();
  const normalized = (raw: string): string => {
    if (raw === '') return raw;
    let value = normalizedText.get(raw);
    if (value === undefined) {
      value = normalizeCellValue(raw);
      if (raw.length <= MEMO_TEXT_LENGTH && normalizedText.size < MEMO_ENTRIES) normalizedText.set(raw, value);
    }
    return value;
  };
  const optionLabels = form.questions.map((question) => question.options.map((o) => o.label.normalize('NFC')));
  const markMemo = form.questions.map(() => new Map<string, ItemMark | 'unknown' | 'out-of-range'>());
  const markOf = (questionIndex: number, value: string): ItemMark | 'unknown' | 'out-of-range' => {
    const memo = markMemo[questionIndex]!;
    let mark = memo.get(value);
    if (mark === undefined) {
      mark = isRecommend ? parseTickCell(value) : parseGradeCell(form.questions[questionIndex]!, optionLabels[questionIndex]!, value);
      if (value.length <= MEMO_TEXT_LENGTH && memo.size < MEMO_ENTRIES) memo.set(value, mark);
    }
    return mark;
  };
  const headers = Array.from({ length: width }, (_, column) => normalizeName(cellText(headerRow, column)));

  const values = new Array<string>(width);
  for (let r = 1; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    let filled = false;
    for (let column = 0; column < width; column++) {
      const value = normalized(cellText(row, column));
      values[column] = value;
      if (value !== '') filled = true;
    }
    if (!filled) continue; // completely empty rows are skipped

    let ballotNumber = ballots.length + 1;
    if (numberColumn !== null) {
      const raw = values[numberColumn]!;
      if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
        at(row.rowNumber, numberColumn, BALLOT_NUMBER_HEADER, cellText(row, numberColumn), raw === '' ? zh.import.missingBallotNumber : zh.import.badBallotNumber);
        continue;
      }
      ballotNumber = Number(raw);
      const firstRow = numberRow.get(ballotNumber);
      if (firstRow !== undefined) {
        at(row.rowNumber, numberColumn, BALLOT_NUMBER_HEADER, raw, zh.import.duplicateBallotNumber(firstRow));
        continue;
      }
      numberRow.set(ballotNumber, row.rowNumber);
    }

    const marks: ItemMark[] = new Array<ItemMark>(candidates.length * questionCount).fill(BLANK);
    const writeIns: WriteIn[] = [];
    let invalidReason: string | null = null;
    let group: string | null = null;

    roles.forEach((role, column) => {
      const value = values[column]!;
      switch (role.kind) {
        case 'group': {
          const label = normalizeName(cellText(row, column));
          const found = options.groups?.find((g) => g.label === label);
          if (found) group = found.id;
          else at(row.rowNumber, column, GROUP_HEADER, cellText(row, column), zh.import.unknownGroup((options.groups ?? []).map((g) => g.label)));
          return;
        }
        case 'invalid':
          if (value !== '') invalidReason = trimReason(cellText(row, column));
          return;
        case 'write-in': {
          const name = normalizeName(cellText(row, column));
          if (name === '') return;
          const refusal = nameRefusal(name);
          if (refusal) {
            at(row.rowNumber, column, headers[column]!, cellText(row, column), refusal);
            return;
          }
          // One person once per post and ballot, however the name was spelled in each column.
          const key = nameKey(name);
          if (!writeIns.some((w) => w.question === role.question && (w.name === name || nameKey(w.name) === key))) writeIns.push({ question: role.question, name });
          return;
        }
        case 'item': {
          const question = form.questions[role.question]!;
          const header = headers[column]!;
          const mark = markOf(role.question, value);
          if (mark === 'unknown') {
            at(row.rowNumber, column, header, cellText(row, column), isRecommend ? zh.import.unknownTick : zh.import.unknownOption(question));
          } else if (mark === 'out-of-range') {
            at(row.rowNumber, column, header, cellText(row, column), zh.import.optionNumberOutOfRange(question));
          } else {
            marks[itemIndex(role.candidate, role.question, questionCount)] = mark;
          }
          return;
        }
        default:
          return;
      }
    });

    let ballotWriteIns = writeIns;
    if (isRecommend) {
      // A written-in name that is on the list (compared folded: Ａ is A, ⻘ is 青) counts as a tick for
      // that candidate and post, once per ballot.
      ballotWriteIns = [];
      for (const writeIn of writeIns) {
        const listed = candidateIndex.find(writeIn.name)?.value.candidate ?? -1;
        if (listed >= 0) {
          const item = itemIndex(listed, writeIn.question, questionCount);
          if (marks[item] !== VOID) marks[item] = 0;
        } else {
          ballotWriteIns.push(writeIn);
        }
      }
      invalidReason ??= overSelectionReason(form, { marks, writeIns: ballotWriteIns });
    }
    ballots.push({ number: ballotNumber, invalidReason, marks, writeIns: ballotWriteIns, ...(groupColumn !== null ? { group } : {}) });
  }

  // A header alone (or with blank rows under it, or garbage read as one long header) is no meeting:
  // a file of 0 ballots would export and verify as a valid count of nobody.
  if (ballots.length === 0 && problems.length === 0 && options.allowNoBallots !== true) at(null, null, null, null, zh.import.noBallots);
  if (problems.length > 0) return fail(problems);
  return ok({ candidates, ballots, numbered: numberColumn !== null });
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
