/**
 * Ballot numbers → a positive integer (the row a number was first seen in, or 1 for "seen"), for
 * the checks that refuse a number used twice. Numbers are 1, 2, … in nearly every meeting, so the
 * common ones are kept in a growing array (a lookup 100,000 times over, several times quicker than a
 * Set); any other number in a map.
 */
export class BallotNumberMap {
  private static readonly DENSE_LIMIT = 1 << 20;
  /** By number: its value, 0 where there is none. */
  private dense = new Int32Array(1024);
  private readonly sparse = new Map<number, number>();

  private static isDense(number: number): boolean {
    return number >>> 0 === number && number < BallotNumberMap.DENSE_LIMIT;
  }

  get(number: number): number | undefined {
    if (BallotNumberMap.isDense(number)) {
      const value = number < this.dense.length ? this.dense[number]! : 0;
      return value === 0 ? undefined : value;
    }
    return this.sparse.get(number);
  }

  /** `value` must be a positive integer (0 is how the array says "none"). */
  set(number: number, value: number): void {
    if (!BallotNumberMap.isDense(number)) {
      this.sparse.set(number, value);
      return;
    }
    if (number >= this.dense.length) {
      let length = this.dense.length;
      while (length <= number) length *= 2;
      const grown = new Int32Array(length);
      grown.set(this.dense);
      this.dense = grown;
    }
    this.dense[number] = value;
  }
}
