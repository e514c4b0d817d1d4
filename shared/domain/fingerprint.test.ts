/**
 * docs/fingerprint.md's worked example is true: the grid it shows, imported by the app's grid
 * reader, gives exactly the canonical lines and the sha256 value it states, and the reason it
 * quotes for the over-ticked ballot is the one the app writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
