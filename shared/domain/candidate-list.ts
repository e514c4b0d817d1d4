/**
 * Candidate lists (考察对象名单) as offices keep them in WPS or Excel: one person a row, headers in
 * any of their usual spellings (姓名/名字, 出生年月/出生日期 …). Every problem is reported with its
 * row and column; nothing is taken from a list that has any.
 */
import type { CellGrid, ImportProblem } from './ballot-grid';
import { columnLetter } from './ballot-grid';
import type { Result } from './result';
import { fail, ok } from './result';
import { normalizeName, toHalfWidthDigits, trimSpaces } from '../format/text';
import { zh } from '../messages/zh-CN';
import { NameIndex, nameRefusal } from './names';
import { MAX_CANDIDATES } from './meeting';

export interface CandidateRow {
  name: string;
  gender: string;
  birthDate: string;
  politicalStatus: string;
  education: string;
  workUnit: string;
  currentPost: string;
  proposedPost: string;
}

type Field = keyof CandidateRow;

/** Header spellings seen in township files, after removing spaces and brackets. */
const HEADER_VARIANTS: Record<Field, readonly string[]> = {
  name: ['姓名', '名字', '候选人', '候选人姓名', '考察对象', '考察对象姓名', '人选姓名'],
  gender: ['性别'],
  birthDate: ['出生年月', '出生日期', '出生年月日', '生日', '出生时间'],
  politicalStatus: ['政治面貌', '党派'],
  education: ['学历', '文化程度', '最高学历'],
  workUnit: ['工作单位', '单位', '所在单位', '所在村社区', '村社区'],
  currentPost: ['现任职务', '现职务', '现任职', '职务', '现任岗位'],
  proposedPost: ['拟任职务', '拟任', '拟任岗位', '拟推荐职务', '拟推荐岗位', '推荐职务'],
};
const IGNORED_HEADERS = new Set(['序号', '编号', '备注']);

function headerKey(text: string): string {
  return normalizeName(text).replace(/[\s\u3000()（）【】[\]]/g, '');
}

/** 1980-05-12, 1980.5, 1980年5月, 198005 → 1980.05 (year and month, as the 一览表 prints them). */
export function normalizeBirthDate(text: string): string | null {
  const value = toHalfWidthDigits(trimSpaces(text));
  if (value === '') return '';
  const match = /^(\d{4})\s*[-./年]?\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?)?\s*月?$/.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1900 || year > 2100 || month < 1 || month > 12) return null;
  return `${year}.${String(month).padStart(2, '0')}`;
}

export function parseCandidateList(grid: CellGrid, existingNames: readonly string[] = []): Result<{ people: CandidateRow[]; ignoredColumns: string[] }, ImportProblem> {
  const t = zh.candidateImport;
  const problems: ImportProblem[] = [];
  const at = (row: number | null, column: number | null, header: string | null, value: string | null, message: string) =>
    problems.push({ source: grid.source, sheet: grid.sheet, row, column: column === null ? null : columnLetter(column), header, value, message });

  const header = grid.rows[0];
  if (!header || header.rowNumber !== 1) {
    at(1, null, null, null, header ? zh.import.headerNotFirstRow : zh.import.emptyFile);
    return fail(problems);
  }
  const columns = new Map<Field, number>();
  const ignoredColumns: string[] = [];
  header.cells.forEach((cell, column) => {
    const key = headerKey(cell ?? '');
    if (key === '') return;
    const field = (Object.keys(HEADER_VARIANTS) as Field[]).find((f) => HEADER_VARIANTS[f].includes(key));
    if (!field) {
      if (!IGNORED_HEADERS.has(key)) ignoredColumns.push(normalizeName(cell ?? ''));
      return;
    }
    const earlier = columns.get(field);
    if (earlier !== undefined) at(1, column, normalizeName(cell ?? ''), null, zh.import.duplicateSpecialColumn(normalizeName(cell ?? ''), columnLetter(earlier)));
    else columns.set(field, column);
  });
  const nameColumn = columns.get('name');
  if (nameColumn === undefined) {
    at(1, null, null, null, t.noNameColumn(HEADER_VARIANTS.name));
    return fail(problems);
  }

  const people: CandidateRow[] = [];
  // By folded name: 张三 and 张三 in 全角 letters, or 王　伟 and 王伟, are one name (names.ts).
  const rowOf = new NameIndex<number>();
  const inWorkbook = new NameIndex<null>();
  for (const existing of existingNames) inWorkbook.add(existing, null);
  for (const row of grid.rows.slice(1)) {
    const text = (field: Field) => {
      const column = columns.get(field);
      return column === undefined ? '' : trimSpaces(row.cells[column] ?? '');
    };
    if (row.cells.every((c) => trimSpaces(c ?? '') === '')) continue;
    const name = normalizeName(text('name'));
    if (name === '') {
      at(row.rowNumber, nameColumn, null, null, t.nameMissing);
      continue;
    }
    const refusal = nameRefusal(name);
    if (refusal) {
      at(row.rowNumber, nameColumn, null, text('name'), refusal);
      continue;
    }
    const earlier = rowOf.find(name);
    const known = inWorkbook.find(name);
    if (earlier !== undefined) at(row.rowNumber, nameColumn, null, name, earlier.name === name ? t.duplicateInFile(earlier.value) : t.sameInFile(earlier.value, earlier.name));
    else if (known !== undefined) at(row.rowNumber, nameColumn, null, name, known.name === name ? t.alreadyInWorkbook : t.sameInWorkbook(known.name));
    rowOf.add(name, row.rowNumber);
    const gender = text('gender');
    if (gender !== '' && gender !== '男' && gender !== '女') at(row.rowNumber, columns.get('gender')!, null, gender, t.badGender);
    const birth = normalizeBirthDate(text('birthDate'));
    if (birth === null) at(row.rowNumber, columns.get('birthDate')!, null, text('birthDate'), t.badBirthDate);
    people.push({
      name,
      gender,
      birthDate: birth ?? '',
      politicalStatus: text('politicalStatus'),
      education: text('education'),
      workUnit: text('workUnit'),
      currentPost: text('currentPost'),
      proposedPost: text('proposedPost'),
    });
  }
  if (people.length === 0 && problems.length === 0) at(null, null, null, null, t.nobody);
  if (people.length + existingNames.length > MAX_CANDIDATES) at(null, null, null, null, t.tooMany(people.length, existingNames.length, MAX_CANDIDATES));
  if (problems.length > 0) return fail(problems);
  return ok({ people, ignoredColumns });
}
