import { describe, expect, it } from 'vitest';
import { BLANK, VOID } from './ballot';
import type { CellGrid } from './ballot-grid';
import { BallotGridParser, columnLetter, formatImportProblems, parseBallotGrid } from './ballot-grid';
import { presetForm } from './forms';

const grid = (rows: string[][], source = 'test.csv'): CellGrid => ({
  source,
  sheet: null,
  rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })),
});

const evaluation = presetForm('evaluation-4');

describe('ballot grid import', () => {
  it('reads labels, half- and full-width numbers, blanks and void items', () => {
    const parsed = parseBallotGrid(grid([['票号', '甲', '乙', '丙'], ['7', '优秀', '４', ''], ['9', '2', '废', '无效']]), evaluation);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.candidates).toEqual(['甲', '乙', '丙']);
    expect(parsed.value.ballots).toEqual([
      { number: 7, invalidReason: null, marks: [0, 3, BLANK], writeIns: [] },
      { number: 9, invalidReason: null, marks: [1, VOID, VOID], writeIns: [] },
    ]);
  });

  it('takes 整票无效 text as the reason, skips empty rows, and numbers rows when 票号 is absent', () => {
    const parsed = parseBallotGrid(grid([['甲', '整票无效'], ['优秀', ''], ['', ''], ['称职', '多画了记号']]), evaluation);
    expect(parsed.ok && parsed.value.ballots.map((b) => [b.number, b.invalidReason])).toEqual([
      [1, null],
      [2, '多画了记号'],
    ]);
  });

  it('treats a row with only a ballot number as a valid all-blank ballot', () => {
    const parsed = parseBallotGrid(grid([['票号', '甲', '乙'], ['3', '', '']]), evaluation);
    expect(parsed.ok && parsed.value.ballots).toEqual([{ number: 3, invalidReason: null, marks: [BLANK, BLANK], writeIns: [] }]);
  });

  it('trims half- and full-width spaces from names and normalises them to NFC', () => {
    const decomposed = 'e\u0301'; // é as e + combining accent
    const parsed = parseBallotGrid(grid([['\u3000张三 ', decomposed], ['1', '1']]), evaluation);
    expect(parsed.ok && parsed.value.candidates).toEqual(['张三', '\u00e9']);
  });

  it('keeps names outside the Basic Multilingual Plane whole', () => {
    const parsed = parseBallotGrid(grid([['𠀾', '王䶮'], ['1', '2']]), evaluation);
    expect(parsed.ok && parsed.value.candidates).toEqual(['𠀾', '王䶮']);
  });

  const refusals: [string, string[][], RegExp][] = [
    ['an unknown value', [['票号', '甲', '乙'], ['1', '优秀', '良好']], /第 2 行 C 列（乙）：值“良好”：无法识别的值/],
    ['an option number out of range', [['甲'], ['5']], /第 2 行 A 列（甲）：值“5”：选项编号超出范围/],
    ['a duplicate candidate header', [['甲', '乙', '甲'], ['1', '1', '1']], /第 1 行 C 列（甲）.*候选人“甲”重复（A 列已有）/],
    ['no candidate column', [['票号', '整票无效'], ['1', '']], /没有候选人列/],
    ['a duplicate ballot number', [['票号', '甲'], ['1', '1'], ['1', '2']], /第 3 行 A 列.*票号重复（第 2 行已有）/],
    ['a ballot number that is not a number', [['票号', '甲'], ['一', '1']], /票号应为正整数/],
    ['data under an empty header', [['甲', ''], ['1', '优秀']], /第 2 行 B 列.*没有表头/],
    ['an empty file', [], /没有任何内容/],
    ['write-in columns on a form without write-ins', [['甲', '另推他人'], ['1', '张三']], /不接受“另推他人”列/],
  ];
  for (const [what, rows, message] of refusals) {
    it(`refuses ${what} with a located message`, () => {
      const parsed = parseBallotGrid(grid(rows, 'bad.csv'), evaluation);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      const text = formatImportProblems(parsed.errors);
      expect(text).toMatch(/^文件“bad\.csv”未导入/);
      expect(text).toMatch(message);
    });
  }

  it('lists every problem in the file, not just the first', () => {
    const parsed = parseBallotGrid(grid([['甲'], ['x'], ['y'], ['1']]), evaluation);
    expect(!parsed.ok && parsed.errors.map((e) => e.row)).toEqual([2, 3]);
  });
});

describe('recommendation grids', () => {
  const recommend = presetForm('recommend', { maxSelections: 2 });

  it('accepts every tick spelling and merges written-in names that differ only in spaces', () => {
    const parsed = parseBallotGrid(
      grid([
        ['甲', '乙', '另推他人1', '另推他人2'],
        ['√', '', '赵 一', ''],
        ['✓', '0', ' 赵 一\u3000', ''],
        ['○', '', '', ''],
        ['是', 'Y', '', ''],
        ['y', '１', '', ''],
        ['✔', '', '', ''],
      ]),
      recommend,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.ballots.map((b) => b.marks)).toEqual([[0, BLANK], [0, BLANK], [0, BLANK], [0, 0], [0, 0], [0, BLANK]]);
    expect(parsed.value.ballots[0]!.writeIns).toEqual([{ question: 0, name: '赵 一' }]);
    expect(parsed.value.ballots[1]!.writeIns).toEqual([{ question: 0, name: '赵 一' }]);
  });

  it('makes a ballot with more persons than N wholly invalid', () => {
    const parsed = parseBallotGrid(grid([['甲', '乙', '另推他人'], ['√', '√', '丙']]), recommend);
    expect(parsed.ok && parsed.value.ballots[0]!.invalidReason).toBe('所选 3 人，超过规定的 2 人');
  });

  it('counts a written-in name that is on the list as that candidate, once', () => {
    const parsed = parseBallotGrid(grid([['甲', '乙', '另推他人'], ['√', '', '甲'], ['', '', '乙']]), recommend);
    expect(parsed.ok && parsed.value.ballots.map((b) => [b.marks, b.writeIns])).toEqual([
      [[0, BLANK], []],
      [[BLANK, 0], []],
    ]);
  });

  it('refuses an unknown tick mark', () => {
    const parsed = parseBallotGrid(grid([['甲'], ['X']]), recommend);
    expect(!parsed.ok && formatImportProblems(parsed.errors)).toMatch(/第 2 行 A 列（甲）：值“X”：无法识别的标记/);
  });
});

describe('multi-question grids', () => {
  it('reads 姓名/问题 headers', () => {
    const form = presetForm('dimensions-5');
    const header = ['德', '能', '勤', '绩', '廉', '总体评价'].map((q) => `甲/${q}`);
    const parsed = parseBallotGrid(grid([header, ['好', '较好', '一般', '差', '', '优秀']]), form);
    expect(parsed.ok && parsed.value.ballots[0]!.marks).toEqual([0, 1, 2, 3, BLANK, 0]);
  });

  it('refuses a candidate missing a question column', () => {
    const parsed = parseBallotGrid(grid([['甲/德'], ['好']]), presetForm('dimensions-5'));
    expect(!parsed.ok && formatImportProblems(parsed.errors)).toMatch(/候选人“甲”缺少“能”列/);
  });
});

describe('column letters', () => {
  it('follows spreadsheet naming', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('reports header problems in column order, data under a column without a header among them, wherever its row', () => {
    const parsed = parseBallotGrid(
      grid([
        ['票号', '', '甲', '甲', '乙'],
        ['1', '', '优秀', '称职', '称职', ''],
        ['2', '', '优秀', '称职', '称职', '多写的'],
        ['3', '称职', '不知道', '称职', '称职'],
      ]),
      evaluation,
    );
    // Only the header's problems: the unreadable 不知道 of row 4 is not reached while the header is wrong.
    expect(parsed.ok ? [] : parsed.errors.map((p) => [p.column, p.row])).toEqual([
      ['B', 4],
      ['D', 1],
      ['F', 3],
    ]);
  });

  it('reads a grid row by row (as the file readers hand it over) exactly as whole', () => {
    const rows = [['票号', '甲', '乙', '整票无效'], ['2', '优秀', '', ''], ['', '', '', ''], ['1', '４', '废', '撕破'], ['5', 'x', '称职', '']];
    const whole = parseBallotGrid(grid(rows, 'a.csv'), evaluation);
    const parser = new BallotGridParser('a.csv', evaluation);
    parser.sheet(null);
    rows.forEach((cells, i) => parser.row({ rowNumber: i + 1, cells }));
    expect(parser.finish()).toEqual(whole);
    expect(whole.ok ? null : whole.errors.map((p) => [p.row, p.column, p.value])).toEqual([[5, 'B', 'x']]);
  });
});
