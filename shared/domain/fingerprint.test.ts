/**
 * docs/fingerprint.md's worked example is true: the grid it shows, imported by the app's grid
 * reader, gives exactly the canonical lines and the sha256 value it states, and the reason it
 * quotes for the over-ticked ballot is the one the app writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BallotRecord } from './ballot';
import { parseBallotGrid } from './ballot-grid';
import { ballotFingerprint, canonicalBallotLines } from './fingerprint';
import { presetForm } from './forms';
import { zh } from '../messages/zh-CN';

const doc = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/fingerprint.md'), 'utf8');
const example = doc.slice(doc.indexOf('## Worked example'));
const blocks = [...example.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1]!, text: m[2]!.trim() }));

describe('the worked example of docs/fingerprint.md', () => {
  it('gives the lines and the fingerprint the document states', () => {
    const [grid, lines, value] = blocks;
    expect(grid?.kind).toBe('csv');
    const rows = grid!.text.split('\n').map((line, r) => ({ rowNumber: r + 1, cells: line.split(',') }));
    const form = presetForm('recommend', { maxSelections: 2 });
    const parsed = parseBallotGrid({ source: 'example.csv', sheet: null, rows }, form);
    if (!parsed.ok) throw new Error('the example grid must import');
    const { candidates, ballots } = parsed.value;
    expect([...canonicalBallotLines(form, candidates, ballots)].join('\n')).toBe(lines!.text);
    expect(ballotFingerprint(form, candidates, ballots)).toBe(value!.text);
    // The reason the document quotes is the app's own wording for an over-ticked ballot.
    expect(ballots[2]!.invalidReason).toBe(zh.ballot.overSelected(3, 2));
    expect(example).toContain(`\`${zh.ballot.overSelected(3, 2)}\``);
  });
});

describe('the canonical lines', () => {
  it('are JSON.stringify of each ballot, whatever the marks, numbers, write-ins and groups', () => {
    const form = presetForm('recommend', { maxSelections: 2 });
    const mark = fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constantFrom(-0, 1.5, Number.NaN, 2 ** 60));
    const ballot = fc.record({
      number: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(2 ** 53 + 2, 0.5)),
      invalidReason: fc.option(fc.string(), { nil: null }),
      marks: fc.array(mark, { maxLength: 6 }),
      writeIns: fc.array(fc.record({ question: fc.integer({ min: 0, max: 2 }), name: fc.string() }), { maxLength: 2 }),
      group: fc.option(fc.constantFrom('party', 'public'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 8 }), (ballots) => {
        const records: BallotRecord[] = ballots.map(({ group, ...rest }) => (group === undefined ? rest : { ...rest, group }));
        const lines = [...canonicalBallotLines(form, ['甲', '乙'], records)].slice(1);
        const expected = [...records]
          .sort((a, b) => a.number - b.number)
          .map((b) => {
            const g = b.group ? [b.group] : [];
            if (b.invalidReason !== null) return JSON.stringify([b.number, b.invalidReason, [], [], ...g]);
            const w = b.writeIns.map((x) => [x.question, x.name] as const).sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
            return JSON.stringify([b.number, null, b.marks, w, ...g]);
          });
        expect(lines).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
