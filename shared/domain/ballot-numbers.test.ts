/** BallotNumberMap answers as a Map would, for any number: dense or not, past its array, fractional or huge. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BallotNumberMap } from './ballot-numbers';

describe('BallotNumberMap', () => {
  it('gives what a Map gives after any sets, whatever the numbers', () => {
    const number = fc.oneof(
      fc.integer({ min: 0, max: 5000 }),
      fc.constantFrom(0, 1, 1023, 1024, 2 ** 20 - 1, 2 ** 20, 2 ** 20 + 1, 2 ** 32, 2 ** 53 - 1, -1, 1.5, -0, Number.NaN),
      fc.integer({ min: 2 ** 19, max: 2 ** 21 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(number, fc.integer({ min: 1, max: 1_000_000 })), { maxLength: 40 }), fc.array(number, { maxLength: 20 }), (sets, asks) => {
        const map = new BallotNumberMap();
        const reference = new Map<number, number>();
        for (const [n, value] of sets) {
          map.set(n, value);
          reference.set(n, value);
        }
        for (const n of [...asks, ...sets.map(([k]) => k)]) expect(map.get(n)).toBe(reference.get(n));
      }),
      { numRuns: 400 },
    );
  });
});
