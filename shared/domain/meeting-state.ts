/**
 * Which stored ballot versions count, pure and without the database: supersession (corrections and
 * deletions), the two passes of double entry and how their differences were settled, and the
 * write-in spellings the team merged. Screens, exports and the finalise rule all read this.
 */
import type { BallotRecord } from './ballot';
import type { PassDifference } from './double-entry';
import { ballotsAgree, passDifferences } from './double-entry';
import type { TallyInput, TallyResult } from './tally';
import { nameKey } from '../format/text';
import { zh } from '../messages/zh-CN';
import type { BallotRow, EntryPass, MeetingRecord, ResolutionRecord, WriteInAlias } from './records';

/** The versions that stand now: not superseded by a later one, and not deletions. */
export function currentRows(rows: readonly BallotRow[]): BallotRow[] {
  const superseded = new Set(rows.flatMap((r) => (r.supersedes === null ? [] : [r.supersedes])));
  return rows.filter((r) => !superseded.has(r.id) && !r.deleted).sort((a, b) => a.number - b.number);
}

export function passRows(rows: readonly BallotRow[], pass: EntryPass): BallotRow[] {
  return currentRows(rows).filter((r) => (r.pass ?? 1) === pass);
}

export interface MeetingBallots {
  /** The ballots the results are computed from. */
  counted: BallotRow[];
  first: BallotRow[];
  second: BallotRow[];
  /** Ballot numbers on which the passes differ (double entry only). */
  differences: PassDifference[];
  /** Differences not yet settled. */
  unresolved: number[];
  resolutions: Map<number, ResolutionRecord>;
}

export function meetingBallots(meeting: MeetingRecord, rows: readonly BallotRow[], resolutions: readonly ResolutionRecord[]): MeetingBallots {
  const first = passRows(rows, 1);
  if (!meeting.doubleEntry) return { counted: first, first, second: [], differences: [], unresolved: [], resolutions: new Map() };
  const second = passRows(rows, 2);
  const reentered = new Map(passRows(rows, 3).map((r) => [r.number, r]));
  const byNumber = (list: BallotRow[]) => new Map(list.map((r) => [r.number, r]));
  const firstByNumber = byNumber(first);
  const secondByNumber = byNumber(second);
  const resolved = new Map(resolutions.filter((r) => r.meetingId === meeting.id).map((r) => [r.number, r]));
  const differences = passDifferences(first, second);
  const unresolved: number[] = [];
  const counted: BallotRow[] = [];
  const numbers = [...new Set([...firstByNumber.keys(), ...secondByNumber.keys()])].sort((a, b) => a - b);
  for (const number of numbers) {
    const a = firstByNumber.get(number) ?? null;
    const b = secondByNumber.get(number) ?? null;
    if (a && b && ballotsAgree(a, b)) {
      counted.push(a);
      continue;
    }
    const resolution = resolved.get(number);
    const chosen = resolution
      ? resolution.choice === 'first'
        ? a
        : resolution.choice === 'second'
          ? b
          : (reentered.get(number) ?? null)
      : null;
    if (!resolution) {
      unresolved.push(number);
      // Until it is settled, the first pass stands in, so running counts stay close to the paper.
      const provisional = a ?? b;
      if (provisional) counted.push(provisional);
    } else if (chosen) {
      counted.push(chosen);
    }
  }
  return { counted, first, second, differences, unresolved, resolutions: resolved };
}

/** Write-ins as the team merged their spellings: every alias replaced by the name it stands for. */
export function withAliases<T extends BallotRecord>(ballots: readonly T[], aliases: readonly WriteInAlias[]): T[] {
  if (aliases.length === 0) return [...ballots];
  // An alias names a spelling as the results show it; the tally counts written-in names by folded
  // key (Ａ is A), so an alias takes every spelling of its name.
  const fromKeys = aliases.map((a) => nameKey(a.from));
  const resolve = (question: number, name: string): string => {
    let current = name;
    for (let hops = 0; hops < aliases.length; hops++) {
      const key = nameKey(current);
      const alias = aliases.find((a, i) => a.question === question && (a.from === current || fromKeys[i] === key));
      if (!alias) break;
      current = alias.to;
    }
    return current;
  };
  return ballots.map((ballot) => {
    if (ballot.writeIns.length === 0) return ballot;
    const seen = new Set<string>();
    const writeIns = ballot.writeIns
      .map((w) => ({ question: w.question, name: resolve(w.question, w.name) }))
      .filter((w) => {
        const key = `${w.question}\u0000${w.name}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    return { ...ballot, writeIns };
  });
}

/** What the tally of a meeting takes, from what is stored. */
export function tallyInputOf(meeting: MeetingRecord, counted: readonly BallotRow[]): TallyInput {
  return {
    form: meeting.form,
    candidates: meeting.candidates.map((c) => c.name),
    counts: meeting.counts,
    quorum: meeting.quorum,
    ballots: withAliases(counted, meeting.writeInAliases),
  };
}

/** Why the meeting cannot be finalised yet; empty when it can. */
export function finalizeBlockers(meeting: MeetingRecord, result: TallyResult, ballots: MeetingBallots, doubleEntryWaiver: string | null): string[] {
  const t = zh.ui.finalize;
  const blockers: string[] = [];
  const failed = (id: string) => result.checks.find((c) => c.id === id && !c.ok);
  const entered = failed('entered-equals-returned');
  if (entered) blockers.push(entered.message);
  const returned = failed('returned-within-issued');
  if (returned) blockers.push(returned.message);
  for (const id of ['quorum', 'min-present']) {
    const check = failed(id);
    if (check) blockers.push(check.message);
  }
  if (meeting.doubleEntry && doubleEntryWaiver === null) {
    if (ballots.second.length === 0) blockers.push(t.secondPassMissing);
    else if (ballots.unresolved.length > 0) blockers.push(t.unresolved(ballots.unresolved));
  }
  return blockers;
}
