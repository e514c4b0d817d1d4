/**
 * The quote-free CSV splitter keeps the texts it has seen in a trie with bounds (texts, bytes, nodes,
 * texts per column): past every bound it still gives papaparse's fields, and the ids it gives are
 * true (one id, one text; one text, one id), so that the grid parser may read a mark once per id.
 * And the ballots read through the ids are the ballots read from the same texts without them.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { GridRow } from '../../../shared/domain/ballot-grid';
import { parseBallotGrid } from '../../../shared/domain/ballot-grid';
import { ballotFingerprint } from '../../../shared/domain/fingerprint';
import { presetForm } from '../../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../../shared/domain/meeting';
import { meetingFromGridFile } from '../meeting-from-grid';
import { splitPlainCsv } from './csv-split';

interface Split {
  records: string[][];
  ids: number[][];
}

function split(text: string, delimiter = ',', linebreak = '\n'): Split {
  const records: string[][] = [];
  const ids: number[][] = [];
  const read = splitPlainCsv(Buffer.from(text, 'utf8'), delimiter, linebreak, (fields, facts) => {
    records.push([...fields]);
    ids.push(Array.from(facts.textIds.subarray(0, fields.length)));
    return true;
  });
  expect(read).toBe(true);
  return { records, ids };
}

function papaparse(text: string, delimiter = ',', linebreak = '\n'): string[][] {
  return Papa.parse<string[]>(text, { delimiter, newline: linebreak as '\n' }).data;
}

/** Every id names one text and every text kept has one id. */
function expectTrueIds({ records, ids }: Split): void {
  const textOfId = new Map<number, string>();
  const idOfText = new Map<string, number>();
  records.forEach((fields, r) =>
    fields.forEach((text, f) => {
      const id = ids[r]![f]!;
      if (id < 0) return;
      expect(textOfId.get(id) ?? text).toBe(text);
      expect(idOfText.get(text) ?? id).toBe(id);
      textOfId.set(id, text);
      idOfText.set(text, id);
    }),
  );
}

// Texts without a quote, a delimiter or a control character; some share their first bytes.
const fieldText = fc.oneof(
  fc.constantFrom('', '优秀', '称职', '基本称职', '不称职', '优', '优秀秀', '1', '12', '123', '√', '废', '𠀾', '王䶮', ' ', '　', 'a\tb', 'x\ry'),
  fc.string({ unit: fc.constantFrom('a', 'b', '张', '明', '1', ' ', '𠀾'), maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 5 }).filter((s) => !/[",;\u0000-\u001f\u007f]/.test(s)),
);

describe('the quote-free splitter', () => {
  it('gives papaparse’s fields and true ids for any mixture of texts, short and long, repeated or not', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fieldText, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 60 }), (records) => {
        const text = records.map((r) => r.join(',')).join('\n');
        const got = split(text);
        expect(got.records).toEqual(papaparse(text));
        expectTrueIds(got);
      }),
      { numRuns: 300 },
    );
  });

  it('reads an empty file as no record at all, as papaparse does (fast-check found the difference)', () => {
    expect(split('').records).toEqual([]);
    expect(papaparse('')).toEqual([]);
    expect(split('\n').records).toEqual(papaparse('\n'));
  });

  it('past every bound: more texts than it keeps, per column and in all, long texts, a trie that must grow', () => {
    // 300 columns × 70 rows of distinct texts of up to 70 bytes: past the texts a column may add
    // (64), the texts kept (4,096), the bytes of a kept text (64) and the trie's nodes (8,192).
    const rows = Array.from({ length: 70 }, (_, r) =>
      Array.from({ length: 300 }, (_, c) => (c % 7 === 0 ? '优秀' : `${'候'.repeat((r + c) % 24)}${c}-${r}`)),
    );
    // Then every text again: those kept are found by id, the others decoded again.
    const text = [...rows, ...rows].map((r) => r.join(';')).join('\r\n');
    const got = split(text, ';', '\r\n');
    expect(got.records).toEqual(papaparse(text, ';', '\r\n'));
    expectTrueIds(got);
    const kept = new Set(got.ids.flat().filter((id) => id >= 0));
    expect(kept.size).toBeGreaterThan(1000);
    expect(got.ids.flat().some((id) => id < 0)).toBe(true);
  });

  it('keeps a text that holds a tab or another line break as text, without an id', () => {
    const text = '甲\t乙,丙\n甲\t乙,丙\n';
    const got = split(text);
    expect(got.records).toEqual(papaparse(text));
    expect(got.ids[0]![0]).toBe(-1);
    expect(got.ids[1]![0]).toBe(-1);
    expect(got.ids[1]![1]).toBe(got.ids[0]![1]);
  });
});

const FORM = presetForm('evaluation-4');
const RECOMMEND = presetForm('recommend', { maxSelections: 2 });
// What a cell under a candidate may hold: options, their numbers, void marks, ticks, blanks and mistakes.
const CELLS = ['优秀', '称职', '基本称职', '不称职', '1', '2', '４', '5', '0', '', ' ', '　优秀', '废', '无效', '√', 'Y', '是', '良', '优 秀', '称职 '];

describe('ballots read through the splitter’s ids', () => {
  it('are the ballots, problems, tally and fingerprint of the same texts read without ids', async () => {
    const grid = fc.record({
      recommend: fc.boolean(),
      numbered: fc.boolean(),
      names: fc.uniqueArray(fc.constantFrom('张明', '王芳', '李华', '赵䶮', '𠀾', '陈'), { minLength: 1, maxLength: 5 }),
      rows: fc.array(fc.array(fc.constantFrom(...CELLS), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 40 }),
      numbers: fc.array(fc.constantFrom('1', '2', '3', '007', 'x', '', '99'), { maxLength: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(grid, async ({ recommend, numbered, names, rows, numbers }) => {
        const form = recommend ? RECOMMEND : FORM;
        const lines = rows.map((cells, r) => [...(numbered ? [numbers[r] ?? String(r + 1)] : []), ...cells.slice(0, names.length)].join(','));
        const text = `${[...(numbered ? ['票号'] : []), ...names].join(',')}\n${lines.join('\n')}\n`;
        const streamed = await meetingFromGridFile(Buffer.from(text, 'utf8'), '选票.csv', form, {}, DEFAULT_QUORUM);
        const gridRows: GridRow[] = papaparse(text).map((cells, i) => ({ rowNumber: i + 1, cells }));
        const whole = parseBallotGrid({ source: '选票.csv', sheet: null, rows: gridRows }, form);
        if (!whole.ok) {
          expect(streamed.ok ? null : streamed.errors).toEqual(whole.errors);
          return;
        }
        expect(streamed.ok ? { candidates: streamed.value.candidates, ballots: streamed.value.ballots } : streamed.errors).toEqual({
          candidates: whole.value.candidates,
          ballots: whole.value.ballots,
        });
        if (streamed.ok) expect(ballotFingerprint(form, streamed.value.candidates, streamed.value.ballots)).toBe(ballotFingerprint(form, whole.value.candidates, whole.value.ballots));
      }),
      { numRuns: 300 },
    );
  });
});
