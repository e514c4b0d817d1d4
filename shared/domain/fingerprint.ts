/**
 * A SHA-256 fingerprint of a meeting's ballots over a canonical form (docs/fingerprint.md), so that
 * the same ballots give the same fingerprint on every machine and any changed mark gives another.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { BallotRecord } from './ballot';
import type { BallotForm } from './forms';

export const FINGERPRINT_VERSION = 'tally-desk/ballots/1';

/** An incremental SHA-256 over UTF-8 text. */
export interface Sha256Text {
  update(text: string): void;
  hex(): string;
}

function nobleSha256(): Sha256Text {
  const hash = sha256.create();
  return {
    update: (text) => hash.update(utf8ToBytes(text)),
    hex: () => bytesToHex(hash.digest()),
  };
}

let makeSha256: () => Sha256Text = nobleSha256;

/**
 * A host with a native SHA-256 (Node's crypto, in the command line and the desktop host) hands it
 * over here once at start: the same digest, several times quicker over 100,000 ballots. The page
 * keeps the JavaScript one. Either gives the same fingerprint (electron/services/native-sha256.test.ts).
 */
export function useSha256(factory: () => Sha256Text): void {
  makeSha256 = factory;
}

/** The JavaScript SHA-256, for comparing a native one against it. */
export const javascriptSha256 = nobleSha256;

/**
 * JSON.stringify of an array of integers is the numbers joined by commas: written so here because
 * it is a fraction of the time, 100,000 times over. Null when a value is not a safe integer (then
 * JSON.stringify itself is used, whatever it writes).
 */
function integerList(marks: readonly number[]): string | null {
  for (let i = 0; i < marks.length; i++) if (!Number.isSafeInteger(marks[i])) return null;
  return marks.join(',');
}

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
  // Ballots read from a grid are usually in order already: then no sorted copy is needed.
  let sorted = true;
  for (let i = 1; i < ballots.length && sorted; i++) sorted = ballots[i - 1]!.number < ballots[i]!.number;
  const ordered = sorted ? ballots : [...ballots].sort((a, b) => a.number - b.number);
  for (const ballot of ordered) {
    // A wholly invalid ballot counts for nothing but its reason: its marks are not part of the record,
    // so a ballot typed as "/" and the same ballot imported with its marks give one fingerprint.
    // The respondent group, where there is one, is a fifth element: group results depend on it.
    const group = ballot.group ? [ballot.group] : [];
    if (ballot.invalidReason !== null) {
      yield JSON.stringify([ballot.number, ballot.invalidReason, [], [], ...group]);
      continue;
    }
    const marks = ballot.writeIns.length === 0 && group.length === 0 && Number.isSafeInteger(ballot.number) ? integerList(ballot.marks) : null;
    if (marks !== null) {
      // The common ballot: the same text JSON.stringify gives (shared/domain/fingerprint.test.ts checks both agree).
      yield `[${ballot.number},null,[${marks}],[]]`;
      continue;
    }
    const writeIns = ballot.writeIns.map((w) => [w.question, w.name] as const).sort((a, b) => a[0] - b[0] || compareCodePoints(a[1], b[1]));
    yield JSON.stringify([ballot.number, null, ballot.marks, writeIns, ...group]);
  }
}

/** "sha256:" + hex of SHA-256 over the canonical lines, each followed by "\n", in UTF-8. */
export function ballotFingerprint(form: BallotForm, candidates: readonly string[], ballots: readonly BallotRecord[]): string {
  const hash = makeSha256();
  // The lines are hashed in pieces of about 64 KB: the same bytes as line by line, without the cost
  // of encoding and hashing 100,000 tiny strings one at a time.
  // (Joined from a list rather than appended to: one flat string, not a chain the hash must flatten.)
  let lines: string[] = [];
  let length = 0;
  for (const line of canonicalBallotLines(form, candidates, ballots)) {
    lines.push(line);
    length += line.length + 1;
    if (length >= 65_536) {
      hash.update(`${lines.join('\n')}\n`);
      lines = [];
      length = 0;
    }
  }
  if (lines.length > 0) hash.update(`${lines.join('\n')}\n`);
  return `sha256:${hash.hex()}`;
}
