import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BallotRecord } from './ballot';
import { BLANK, VOID } from './ballot';
import { ballotsAgree, passDifferences } from './double-entry';

const b = (number: number, marks: number[], invalidReason: string | null = null): BallotRecord => ({ number, invalidReason, marks, writeIns: [] });

describe('double entry', () => {
  it('lists exactly the ballot numbers whose records differ, with both versions', () => {
    const first = [b(1, [0, 1]), b(2, [1, 1]), b(3, [0, BLANK]), b(4, [0, 0], '无法辨认'), b(5, [2, 2])];
    const second = [b(1, [0, 1]), b(2, [1, 2]), b(3, [0, VOID]), b(4, [3, 3], '无法辨认'), b(6, [0, 0])];
    const differences = passDifferences(first, second);
    expect(differences.map((d) => d.number)).toEqual([2, 3, 5, 6]);
    expect(differences[0]).toEqual({ number: 2, first: first[1], second: second[1] });
    expect(differences[2]!.second).toBeNull();
    expect(differences[3]!.first).toBeNull();
  });

  it('treats a valid and an invalid version, or two reasons, as different; an invalid ballot\'s marks as irrelevant', () => {
    expect(ballotsAgree(b(1, [0]), b(1, [0], '无法辨认'))).toBe(false);
    expect(ballotsAgree(b(1, [0], '无法辨认'), b(1, [0], '有其他标记'))).toBe(false);
    expect(ballotsAgree(b(1, [0], '无法辨认'), b(1, [3], '无法辨认'))).toBe(true);
  });

  it('finds every changed ballot among generated stacks (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -2, max: 3 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        fc.uniqueArray(fc.nat(), { maxLength: 5 }),
        (stack, picks) => {
          const first = stack.map((marks, i) => b(i + 1, marks));
          const changed = new Set(picks.map((p) => p % stack.length));
          const second = first.map((ballot, i) => (changed.has(i) ? { ...ballot, marks: ballot.marks.map((m, j) => (j === 0 ? (m === 3 ? 0 : m + 1) : m)) } : ballot));
          expect(passDifferences(first, second).map((d) => d.number)).toEqual([...changed].sort((x, y) => x - y).map((i) => i + 1));
        },
      ),
      { numRuns: 200 },
    );
  });
});
