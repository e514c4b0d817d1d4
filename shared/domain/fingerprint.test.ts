/**
 * docs/fingerprint.md's worked example is true: the grid it shows, imported by the app's grid
 * reader, gives exactly the canonical lines and the sha256 value it states, and the reason it
 * quotes for the over-ticked ballot is the one the app writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
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

const mark = fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constantFrom(-0, 1.5, Number.NaN, 2 ** 60, 2 ** 53 - 1, -(2 ** 53 - 1), 10, 999_999_999));
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('\ud800', 'a\udfff', '𠀾', '王䶮', '"\\\n'));
const ballot = fc.record({
  number: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(2 ** 53 + 2, 0.5, 2 ** 53 - 1, -3, 1e15, 1e16 - 1)),
  invalidReason: fc.option(text, { nil: null, freq: 4 }),
  marks: fc.array(mark, { maxLength: 6 }),
  writeIns: fc.array(fc.record({ question: fc.integer({ min: 0, max: 2 }), name: text }), { maxLength: 2 }),
  group: fc.option(fc.constantFrom('party', 'public'), { nil: undefined }),
});
const records = (ballots: ReadonlyArray<(typeof ballot) extends fc.Arbitrary<infer T> ? T : never>): BallotRecord[] => ballots.map(({ group, ...rest }) => (group === undefined ? rest : { ...rest, group }));
const FORM = presetForm('recommend', { maxSelections: 2 });

describe('the canonical lines', () => {
  it('are JSON.stringify of each ballot, whatever the marks, numbers, write-ins and groups', () => {
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 8 }), (ballots) => {
        const stored = records(ballots);
        const lines = [...canonicalBallotLines(FORM, ['甲', '乙'], stored)].slice(1);
        const expected = [...stored]
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

/** SHA-256 of the canonical lines' text, each followed by "\n": the definition in docs/fingerprint.md. */
function fingerprintOfLines(candidates: readonly string[], ballots: readonly BallotRecord[]): string {
  const text = [...canonicalBallotLines(FORM, candidates, ballots)].map((line) => `${line}\n`).join('');
  return `sha256:${bytesToHex(sha256(utf8ToBytes(text)))}`;
}

describe('the fingerprint', () => {
  it('is SHA-256 of the canonical lines, each followed by a line feed, in UTF-8', () => {
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 12 }), fc.constantFrom(['甲', '乙'], ['张明', '𠀾', '\udc00']), (ballots, candidates) => {
        const stored = records(ballots);
        expect(ballotFingerprint(FORM, candidates, stored)).toBe(fingerprintOfLines(candidates, stored));
      }),
      { numRuns: 400 },
    );
  });

  it('is the same over many pieces of bytes: thousands of ballots, and lines longer than a piece', () => {
    // Enough ballots for several 64 KB pieces, with a line of every kind among them, and a reason
    // too long for a piece (it goes to the hash as text).
    fc.assert(
      fc.property(fc.array(ballot, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1000, max: 6000 }), (odd, plain) => {
        const stored = records(odd);
        for (let i = 0; i < plain; i++) stored.push({ number: 20_000_000 + i, invalidReason: null, marks: [i % 4, -1, (i * 7) % 4 - 2, 3, 0, 1], writeIns: [] });
        stored.push({ number: 30_000_000, invalidReason: '长'.repeat(30_000), marks: [], writeIns: [] });
        stored.push({ number: 30_000_001, invalidReason: null, marks: Array.from({ length: 5000 }, (_, i) => (i % 5) - 2), writeIns: [] });
        expect(ballotFingerprint(FORM, ['甲', '乙'], stored)).toBe(fingerprintOfLines(['甲', '乙'], stored));
      }),
      { numRuns: 25 },
    );
  });
});
