/**
 * Double entry (双人录入): two people enter the same stack independently; every ballot number on
 * which the two passes differ must be resolved before the meeting can be finalised.
 */
import type { BallotRecord } from './ballot';

function writeInKey(ballot: BallotRecord): string {
  return JSON.stringify(ballot.writeIns.map((w) => [w.question, w.name]).sort());
}

/** Do two passes record the same paper ballot? Validity, reason, every mark and every written-in name. */
export function ballotsAgree(first: BallotRecord, second: BallotRecord): boolean {
  if (first.invalidReason !== second.invalidReason) return false;
  if (first.invalidReason !== null) return true; // an invalid ballot's marks do not count
  if (first.marks.length !== second.marks.length) return false;
  for (let i = 0; i < first.marks.length; i++) if (first.marks[i] !== second.marks[i]) return false;
  return writeInKey(first) === writeInKey(second);
}

export interface PassDifference {
  number: number;
  /** The first pass's ballot, or null when only the second pass has this number. */
  first: BallotRecord | null;
  second: BallotRecord | null;
}

/** Every ballot number on which the passes differ, in number order. */
export function passDifferences(first: readonly BallotRecord[], second: readonly BallotRecord[]): PassDifference[] {
  const byNumber = new Map<number, PassDifference>();
  for (const ballot of first) byNumber.set(ballot.number, { number: ballot.number, first: ballot, second: null });
  for (const ballot of second) {
    const entry = byNumber.get(ballot.number) ?? { number: ballot.number, first: null, second: null };
    entry.second = ballot;
    byNumber.set(ballot.number, entry);
  }
  return [...byNumber.values()]
    .filter((d) => d.first === null || d.second === null || !ballotsAgree(d.first, d.second))
    .sort((a, b) => a.number - b.number);
}
