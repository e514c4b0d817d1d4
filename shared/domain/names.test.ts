/**
 * Names held to what paper can be: every class of character no one can have written is refused
 * where it entered (file, row, column), spellings that look the same on paper are one person, and
 * grids that hold no meeting, or far more candidates than a ballot, are refused with a message.
 * Generators build the inputs (fast-check), so every class is tried at many places in many names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLANK } from './ballot';
import type { CellGrid } from './ballot-grid';
import { columnLetter, formatImportProblems, parseBallotGrid } from './ballot-grid';
import { parseCandidateList } from './candidate-list';
import { presetForm } from './forms';
import { DEFAULT_QUORUM, MAX_CANDIDATES } from './meeting';
import { nameRefusal, typedNamesProblem, writeInRefusal } from './names';
import { tally } from './tally';
import { MAX_NAME_LENGTH, nameKey, nameProblem, normalizeName, trimSpaces } from '../format/text';
import { zh } from '../messages/zh-CN';

const grid = (rows: string[][], source = '选票.csv'): CellGrid => ({ source, sheet: null, rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) });
const evaluation = presetForm('evaluation-4');
const recommend = presetForm('recommend', { maxSelections: 2 });

const hex = (codePoint: number) => codePoint.toString(16).toUpperCase().padStart(4, '0');

/** Each class of character paper cannot show, as the issue lists them. */
const BAD_CLASSES: Record<string, readonly number[]> = {
  // Tab, line breaks and the like become a space or are trimmed (normalizeName); these cannot.
  'C0 control': [0x00, 0x01, 0x07, 0x08, 0x0e, 0x1b, 0x1f, 0x7f],
  'C1 control': [0x80, 0x85, 0x8d, 0x9b, 0x9f],
  'zero-width': [0x200b, 0x200c, 0x200d, 0x2060],
  'bidi mark': [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069],
  'soft hyphen': [0x00ad],
  'byte order mark': [0xfeff],
  'Hangul filler': [0x115f, 0x1160, 0x3164, 0xffa0],
  'variation selector': [0xfe00, 0xfe0f, 0xe0100],
};

const hanCharacter = fc.constantFrom(...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田明芳建国丽华强军伟敏静磊洋艳勇杰娟涛超𠀾䶮');
const hanName = fc.array(hanCharacter, { minLength: 2, maxLength: 4 }).map((cs) => cs.join(''));

/** A name with a character of the class put inside it (at the edges a BOM would just be trimmed). */
const nameWithBad = (codePoints: readonly number[]) =>
  fc.record({ name: hanName, codePoint: fc.constantFrom(...codePoints), at: fc.nat() }).map(({ name, codePoint, at }) => {
    const chars = [...name];
    const k = 1 + (at % (chars.length - 1));
    return { bad: [...chars.slice(0, k), String.fromCodePoint(codePoint), ...chars.slice(k)].join(''), codePoint };
  });

/** The ways a bad name reaches the domain, each with where the refusal must point. */
function refusalsFor(bad: string): { where: string; problems: ReturnType<typeof parseBallotGrid> | ReturnType<typeof parseCandidateList>; row: number; column: string }[] {
  return [
    { where: 'a candidate header', problems: parseBallotGrid(grid([['票号', '甲乙', bad], ['1', '优秀', '称职']]), evaluation), row: 1, column: 'C' },
    { where: 'a written-in name', problems: parseBallotGrid(grid([['甲乙', '丙丁', '另推他人'], ['√', '', ''], ['', '√', bad]]), recommend), row: 3, column: 'C' },
    { where: 'a candidate list', problems: parseCandidateList(grid([['序号', '姓名'], ['1', '王明'], ['2', bad]], '名单.xlsx')), row: 3, column: 'B' },
  ];
}

function expectRefusedAt(bad: string, expectedWords: RegExp) {
  const why = nameRefusal(normalizeName(bad));
  expect(why).toMatch(expectedWords);
  for (const { where, problems, row, column } of refusalsFor(bad)) {
    expect(problems.ok, where).toBe(false);
    if (problems.ok) continue;
    expect(problems.errors, where).toContainEqual(expect.objectContaining({ row, column, message: why }));
    // The user's words: file, row, column; the invisible character written so it can be found.
    const text = formatImportProblems(problems.errors);
    expect(text).toMatch(new RegExp(`文件“(选票\\.csv|名单\\.xlsx)”.*第 ${row} 行 ${column} 列`));
    expect(text).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u00ad\ufeff\u3164\uffa0]/);
  }
}

describe('names paper cannot show', () => {
  for (const [what, codePoints] of Object.entries(BAD_CLASSES)) {
    it(`refuses a name holding a ${what}, where it entered, saying which character`, () => {
      fc.assert(
        fc.property(nameWithBad(codePoints), ({ bad, codePoint }) => {
          expectRefusedAt(bad, new RegExp(`U\\+${hex(codePoint)}`));
        }),
        { numRuns: 40 },
      );
    });
  }

  it('refuses an xlsx _x0007_ escape that stands for a control character, and keeps one that stands for a letter', () => {
    fc.assert(
      fc.property(hanName, fc.constantFrom(0x01, 0x07, 0x1f, 0x85, 0x200b, 0xfeff), (name, codePoint) => {
        expectRefusedAt(`${name}_x${hex(codePoint)}_`, new RegExp(`_x${hex(codePoint)}_.*U\\+${hex(codePoint)}`));
      }),
      { numRuns: 30 },
    );
    // _x0041_ is "A": a name may hold it as text, as it shows on paper.
    expect(nameProblem('王_x0041_')).toBeNull();
  });

  it(`refuses a name over ${MAX_NAME_LENGTH} characters, counting characters not UTF-16 units`, () => {
    fc.assert(
      fc.property(fc.array(hanCharacter, { minLength: MAX_NAME_LENGTH + 1, maxLength: 400 }), (chars) => {
        expectRefusedAt(chars.join(''), new RegExp(`${chars.length} 个字符，超过 ${MAX_NAME_LENGTH} 个`));
      }),
      { numRuns: 20 },
    );
    expect(nameProblem('𠀾'.repeat(MAX_NAME_LENGTH))).toBeNull(); // 100 UTF-16 units, 50 characters
    expect(nameProblem('𠀾'.repeat(MAX_NAME_LENGTH + 1))).toEqual({ kind: 'too-long', length: MAX_NAME_LENGTH + 1 });
  });

  it('refuses a 10 MB "name" (garbage decoded as one header) with a short message', () => {
    const huge = '锟斤拷'.repeat(3_500_000);
    const parsed = parseBallotGrid(grid([[huge], ['1']]), evaluation);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const text = formatImportProblems(parsed.errors);
    expect(text).toContain(`共 ${huge.length} 个字符`);
    expect(text.length).toBeLessThan(1000);
  });

  it('refuses the replacement character a failed decoding leaves', () => {
    expectRefusedAt('王\ufffd明', /无法识别的字符（U\+FFFD）/);
  });

  it('refuses a written-in name typed at the keyboard the same way, and one that is a listed candidate however spelled', () => {
    expect(writeInRefusal('王\u200b明', ['张三'])).toMatch(/U\+200B/);
    expect(writeInRefusal('张三', ['张三'])).toBe(zh.ui.entry.writeInIsCandidate('张三'));
    expect(writeInRefusal('ＷＡＮＧ', ['WANG'])).toBe(zh.ui.entry.writeInSameAsCandidate('ＷＡＮＧ', 'WANG'));
    expect(writeInRefusal('李四', ['张三'])).toBeNull();
  });

  it('refuses a typed list of people with a bad name or two spellings of one, naming both rows', () => {
    expect(typedNamesProblem(['王明', '李\u00ad华'])).toMatch(/第 2 行.*U\+00AD/);
    expect(typedNamesProblem(['王明', '李华', '王　明'])).toBe(zh.ui.workbook.sameName(3, '王　明', 1, '王明'));
    expect(typedNamesProblem(['王明', '王明'])).toBe(zh.ui.workbook.duplicateName('王明'));
    expect(typedNamesProblem(['王明', '李华'])).toBeNull();
    expect(typedNamesProblem(Array.from({ length: MAX_CANDIDATES + 1 }, (_, i) => `候选人${i}`))).toMatch(new RegExp(`超过 ${MAX_CANDIDATES} 名`));
  });
});

/** Spellings that look alike on paper: each pair must fold to one key. */
const VARIANTS: [string, string][] = [
  ['Ａ', 'A'],
  ['ｚ', 'z'],
  ['１', '1'],
  ['９', '9'],
  ['（', '('],
  ['）', ')'],
  ['［', '['],
  ['⻘', '青'], // CJK radicals supplement
  ['⻑', '長'],
  ['⻢', '马'],
  ['⼭', '山'], // Kangxi radicals
  ['⼈', '人'],
  ['⽊', '木'],
  ['・', '·'],
];

describe('spellings that are one person', () => {
  it('fold to one key: width, radicals, NFC', () => {
    for (const [variant, plain] of VARIANTS) expect(nameKey(variant), `${variant} / ${plain}`).toBe(nameKey(plain));
    expect(nameKey('（大）王明')).toBe(nameKey('(大)王明'));
    expect(nameKey('王　明')).toBe(nameKey('王明'));
    expect(nameKey('e\u0301')).toBe(nameKey('\u00e9'));
    // What paper does tell apart stays apart.
    expect(nameKey('A')).not.toBe(nameKey('a'));
    expect(nameKey('王明')).not.toBe(nameKey('王朋'));
  });

  const variantName = fc
    .record({ before: hanName, after: hanName, pair: fc.constantFrom(...VARIANTS) })
    .map(({ before, after, pair: [variant, plain] }) => ({ variant: `${before}${variant}${after}`, plain: `${before}${plain}${after}` }));

  it('two candidate columns spelled two ways are refused, naming both columns', () => {
    fc.assert(
      fc.property(variantName, fc.boolean(), ({ variant, plain }, variantFirst) => {
        const [first, second] = variantFirst ? [variant, plain] : [plain, variant];
        const parsed = parseBallotGrid(grid([['票号', first, '其他', second], ['1', '优秀', '称职', '称职']]), evaluation);
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        expect(parsed.errors).toEqual([expect.objectContaining({ row: 1, column: 'D', message: zh.import.sameCandidate('B', first) })]);
      }),
      { numRuns: 60 },
    );
  });

  it('a written-in name spelled another way is the listed candidate: one tick, once per ballot', () => {
    fc.assert(
      fc.property(variantName, ({ variant, plain }) => {
        const parsed = parseBallotGrid(grid([[plain, '其他', '另推他人'], ['', '', variant], ['√', '', variant]]), recommend);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value.ballots.map((b) => [b.marks, b.writeIns])).toEqual([
          [[0, BLANK], []],
          [[0, BLANK], []],
        ]);
      }),
      { numRuns: 60 },
    );
  });

  it('written-in names spelled two ways are counted as one person', () => {
    fc.assert(
      fc.property(variantName, ({ variant, plain }) => {
        const ballots = [variant, plain, variant].map((name, i) => ({ number: i + 1, marks: [BLANK], invalidReason: null, writeIns: [{ question: 0, name }] }));
        const result = tally({ form: recommend, candidates: ['甲'], counts: { expected: 3, present: 3, issued: 3, returned: 3 }, quorum: DEFAULT_QUORUM, ballots });
        expect(result.writeIns).toEqual([{ question: 0, name: plain, votes: 3 }]);
      }),
      { numRuns: 60 },
    );
  });

  it('a candidate list with two spellings of one person, or one already in the workbook, is refused with both rows', () => {
    const parsed = parseCandidateList(grid([['姓名'], ['ＬＩ　Ｍｉｎｇ'], ['王明'], ['LI Ming']], '名单.csv'), ['⻢华']);
    expect(parsed.ok).toBe(false);
    const again = parseCandidateList(grid([['姓名'], ['马华']], '名单.csv'), ['⻢华']);
    expect(!parsed.ok && parsed.errors).toEqual([expect.objectContaining({ row: 4, column: 'A', message: zh.candidateImport.sameInFile(2, 'ＬＩ　Ｍｉｎｇ') })]);
    expect(!again.ok && again.errors).toEqual([expect.objectContaining({ row: 2, message: zh.candidateImport.sameInWorkbook('⻢华') })]);
  });
});

describe('grids that hold no meeting', () => {
  it('refuses a header with no ballots, or with 500 blank rows under it', () => {
    const headerOnly = parseBallotGrid(grid([['票号', '甲', '乙']]), evaluation);
    const blankRows = parseBallotGrid(grid([['票号', '甲', '乙'], ...Array.from({ length: 500 }, () => ['', ' ', '\u3000'])]), evaluation);
    for (const parsed of [headerOnly, blankRows]) {
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.errors.map((e) => e.message)).toEqual([zh.import.noBallots]);
    }
  });

  it(`refuses more than ${MAX_CANDIDATES} candidates (20,000 columns) with one message, not an error at export`, () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `候选人${i + 1}`);
    const parsed = parseBallotGrid(grid([names, names.map(() => '优秀')]), evaluation);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([expect.objectContaining({ row: 1, message: zh.import.tooManyCandidates(20_000, MAX_CANDIDATES) })]);
    const atCap = parseBallotGrid(grid([names.slice(0, MAX_CANDIDATES), names.slice(0, MAX_CANDIDATES).map(() => '1')]), evaluation);
    expect(atCap.ok && atCap.value.candidates.length).toBe(MAX_CANDIDATES);
    const list = parseCandidateList(grid([['姓名'], ...names.slice(0, MAX_CANDIDATES + 1).map((n) => [n])]));
    expect(!list.ok && list.errors.map((e) => e.message)).toEqual([zh.candidateImport.tooMany(MAX_CANDIDATES + 1, 0, MAX_CANDIDATES)]);
  });
});

describe('large inputs', () => {
  it('trims "a" + 200,000 spaces + "b" to itself, and the spaces around it away (linear, not a backtracking pattern)', () => {
    const inner = `a${' '.repeat(200_000)}b`;
    expect(trimSpaces(inner)).toBe(inner);
    expect(trimSpaces(`\u3000 \t${inner}\ufeff\u00a0 `)).toBe(inner);
    expect(trimSpaces(' '.repeat(200_000))).toBe('');
    // As a header, the spaced-out text is one over-long name, refused as such.
    const parsed = parseBallotGrid(grid([[inner], ['1']]), evaluation);
    expect(!parsed.ok && parsed.errors[0]!.message).toMatch(/200002 个字符/);
  });

  it('reads and counts 200,000 ballots built in memory', () => {
    const rows = 200_000;
    const cells: string[][] = [['票号', '甲', '乙', '丙']];
    for (let n = 1; n <= rows; n++) cells.push([String(n), String((n % 4) + 1), n % 10 === 0 ? '' : '2', n % 3 === 0 ? '不称职' : '优秀']);
    const parsed = parseBallotGrid(grid(cells), evaluation);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.ballots.length).toBe(rows);
    const counts = { expected: rows, present: rows, issued: rows, returned: rows };
    const result = tally({ form: evaluation, candidates: parsed.value.candidates, counts, quorum: DEFAULT_QUORUM, ballots: parsed.value.ballots });
    expect(result.status).toBe('valid');
    expect(result.candidates[0]!.questions[0]!.counts).toMatchObject({ 优秀: 50_000, 称职: 50_000, 基本称职: 50_000, 不称职: 50_000 });
    expect(result.candidates[1]!.questions[0]!.counts).toMatchObject({ 称职: 180_000, 弃权: 20_000 });
    expect(result.candidates[2]!.questions[0]!.counts).toMatchObject({ 优秀: 133_334, 不称职: 66_666 });
    expect(columnLetter(3)).toBe('D');
  });
});
