/**
 * A SHA-256 fingerprint of a meeting's ballots over a canonical form (docs/fingerprint.md), so that
 * the same ballots give the same fingerprint on every machine and any changed mark gives another.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { BallotRecord } from './ballot';
import type { BallotForm } from './forms';

export const FINGERPRINT_VERSION = 'tally-desk/ballots/1';

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The canonical lines: a header line, then one JSON array per ballot in ballot-number order. */
export function* canonicalBallotLines(
  form: BallotForm,
  candidates: readonly string[],
  ballots: readonly BallotRecord[],
): Generator<string> {
  const questions = form.questions.map((q) => [q.label, q.options.map((o) => o.label)]);
  yield JSON.stringify([FINGERPRINT_VERSION, form.id, questions, candidates]);
  const ordered = [...ballots].sort((a, b) => a.number - b.number);
  for (const ballot of ordered) {
    // A wholly invalid ballot counts for nothing but its reason: its marks are not part of the record,
    // so a ballot typed as "/" and the same ballot imported with its marks give one fingerprint.
    // The respondent group, where there is one, is a fifth element: group results depend on it.
    const group = ballot.group ? [ballot.group] : [];
    if (ballot.invalidReason !== null) {
      yield JSON.stringify([ballot.number, ballot.invalidReason, [], [], ...group]);
      continue;
    }
    const writeIns = ballot.writeIns.map((w) => [w.question, w.name] as const).sort((a, b) => a[0] - b[0] || compareCodePoints(a[1], b[1]));
    yield JSON.stringify([ballot.number, null, ballot.marks, writeIns, ...group]);
  }
}

/** "sha256:" + hex of SHA-256 over the canonical lines, each followed by "\n", in UTF-8. */
export function ballotFingerprint(form: BallotForm, candidates: readonly string[], ballots: readonly BallotRecord[]): string {
  const hash = sha256.create();
  // The lines are hashed in pieces of about 64 KB: the same bytes as line by line, without the cost
  // of encoding and hashing 100,000 tiny strings one at a time.
  let piece = '';
  for (const line of canonicalBallotLines(form, candidates, ballots)) {
    piece += `${line}\n`;
    if (piece.length >= 65_536) {
      hash.update(utf8ToBytes(piece));
      piece = '';
    }
  }
  if (piece !== '') hash.update(utf8ToBytes(piece));
  return `sha256:${bytesToHex(hash.digest())}`;
}
