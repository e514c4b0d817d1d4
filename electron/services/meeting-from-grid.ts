/**
 * A meeting built from a ballot-grid file and command-line counts: the path the CLI takes, and the
 * same tally the app uses.
 */
import type { BallotRecord } from '../../shared/domain/ballot';
import type { ImportProblem } from '../../shared/domain/ballot-grid';
import { BallotGridParser } from '../../shared/domain/ballot-grid';
import type { BallotForm } from '../../shared/domain/forms';
import type { MeetingCounts, QuorumRule } from '../../shared/domain/meeting';
import type { Result } from '../../shared/domain/result';
import { fail, ok } from '../../shared/domain/result';
import type { GridReadOptions } from './grid-file';
import { streamGridFile } from './grid-file';

export interface GridMeeting {
  form: BallotForm;
  candidates: string[];
  ballots: BallotRecord[];
  counts: MeetingCounts;
  quorum: QuorumRule;
  /** The worksheet the ballots were read from; null for CSV. */
  sheet: string | null;
}

/** Counts not given default to the number of ballots in the file; expected defaults to present. */
export function defaultCounts(given: Partial<MeetingCounts>, ballotCount: number): MeetingCounts {
  const present = given.present ?? ballotCount;
  return {
    expected: given.expected ?? present,
    present,
    issued: given.issued ?? ballotCount,
    returned: given.returned ?? ballotCount,
  };
}

export async function meetingFromGridFile(
  bytes: Uint8Array,
  fileName: string,
  form: BallotForm,
  counts: Partial<MeetingCounts>,
  quorum: QuorumRule,
  options: GridReadOptions = {},
): Promise<Result<GridMeeting, ImportProblem>> {
  // Each row becomes a ballot as it is read: 100,000 rows are never held as a grid of strings.
  const parser = new BallotGridParser(fileName, form);
  const read = await streamGridFile(bytes, fileName, parser, options);
  if (!read.ok) return read;
  const parsed = parser.finish();
  if (!parsed.ok) return fail(parsed.errors);
  const { candidates, ballots } = parsed.value;
  return ok({ form, candidates, ballots, counts: defaultCounts(counts, ballots.length), quorum, sheet: read.value.sheet });
}
