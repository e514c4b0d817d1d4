/**
 * A SHA-256 fingerprint of a meeting's ballots over a canonical form (docs/fingerprint.md), so that
 * the same ballots give the same fingerprint on every machine and any changed mark gives another.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { BallotRecord } from './ballot';
import type { BallotForm } from './forms';

export const FINGERPRINT_VERSION = 'tally-desk/ballots/1';

/** An incremental SHA-256 over UTF-8 text and bytes. */
export interface Sha256Text {
  update(text: string): void;
  /** Bytes as they are now: the caller may reuse the array once this returns. */
  updateBytes(bytes: Uint8Array): void;
  hex(): string;
}

function nobleSha256(): Sha256Text {
  const hash = sha256.create();
  return {
    update: (text) => hash.update(utf8ToBytes(text)),
    updateBytes: (bytes) => hash.update(bytes),
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

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function headerLine(form: BallotForm, candidates: readonly string[]): string {
  const questions = form.questions.map((q) => [q.label, q.options.map((o) => o.label)]);
  return JSON.stringify([FINGERPRINT_VERSION, form.id, questions, candidates]);
}

/** The ballots in ballot-number order: those read from a grid usually are already, and need no sorted copy. */
function inNumberOrder(ballots: readonly BallotRecord[]): readonly BallotRecord[] {
  for (let i = 1; i < ballots.length; i++) {
    if (!(ballots[i - 1]!.number < ballots[i]!.number)) return [...ballots].sort((a, b) => a.number - b.number);
  }
  return ballots;
}

/**
 * Whether a ballot's line is the common one, `[number,null,[marks],[]]` of safe integers alone: a
 * valid ballot without write-ins or group. Its JSON.stringify is then the numbers joined by commas,
 * which is written out directly (100,000 times over, a fraction of the time).
 */
function isPlainBallot(ballot: BallotRecord): boolean {
  if (ballot.invalidReason !== null || ballot.writeIns.length > 0 || ballot.group || !Number.isSafeInteger(ballot.number)) return false;
  const marks = ballot.marks;
  for (let i = 0; i < marks.length; i++) if (!Number.isSafeInteger(marks[i])) return false;
  return true;
}

/** Any other ballot's line: JSON.stringify of its record. */
function ballotLine(ballot: BallotRecord): string {
  // A wholly invalid ballot counts for nothing but its reason: its marks are not part of the record,
  // so a ballot typed as "/" and the same ballot imported with its marks give one fingerprint.
  // The respondent group, where there is one, is a fifth element: group results depend on it.
  const group = ballot.group ? [ballot.group] : [];
  if (ballot.invalidReason !== null) return JSON.stringify([ballot.number, ballot.invalidReason, [], [], ...group]);
  const writeIns = ballot.writeIns.map((w) => [w.question, w.name] as const).sort((a, b) => a[0] - b[0] || compareCodePoints(a[1], b[1]));
  return JSON.stringify([ballot.number, null, ballot.marks, writeIns, ...group]);
}

/** The canonical lines: a header line, then one JSON array per ballot in ballot-number order. */
export function* canonicalBallotLines(
  form: BallotForm,
  candidates: readonly string[],
  ballots: readonly BallotRecord[],
): Generator<string> {
  yield headerLine(form, candidates);
  for (const ballot of inNumberOrder(ballots)) {
    // The common ballot: the same text JSON.stringify gives (shared/domain/fingerprint.test.ts checks both agree).
    yield isPlainBallot(ballot) ? `[${ballot.number},null,[${ballot.marks.join(',')}],[]]` : ballotLine(ballot);
  }
}

const PIECE_BYTES = 65_536;
/** The most bytes a safe integer takes in decimal, with its sign. */
const INTEGER_BYTES = 17;
const PLAIN_HEAD = [0x2c, 0x6e, 0x75, 0x6c, 0x6c, 0x2c, 0x5b]; // ,null,[
const PLAIN_TAIL = [0x5d, 0x2c, 0x5b, 0x5d, 0x5d, 0x0a]; // ],[]]\n

/**
 * The canonical lines written as UTF-8 into one buffer of 64 KB and hashed a buffer at a time: the
 * same bytes as hashing each line's text followed by "\n", without a string per ballot.
 */
class CanonicalBytes {
  private readonly bytes = new Uint8Array(PIECE_BYTES);
  private at = 0;

  constructor(private readonly hash: Sha256Text) {}

  private room(needed: number): boolean {
    if (this.at + needed <= PIECE_BYTES) return true;
    this.flush();
    return needed <= PIECE_BYTES;
  }

  flush(): void {
    if (this.at > 0) this.hash.updateBytes(this.bytes.subarray(0, this.at));
    this.at = 0;
  }

  /** A safe integer in decimal at bytes[at…], as JSON.stringify writes it (-0 as 0); where it ends. */
  private integer(n: number, at: number): number {
    const b = this.bytes;
    if (n < 0) {
      b[at++] = 0x2d;
      n = -n;
    }
    // Powers of ten are exact doubles far past 2^53, so the count of digits is exact.
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    for (let i = at + digits - 1; i >= at; i--) {
      b[i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    return at + digits;
  }

  /** The line of a plain ballot (isPlainBallot), and its "\n". */
  plain(number: number, marks: readonly number[]): void {
    if (!this.room(INTEGER_BYTES * (marks.length + 1) + PLAIN_HEAD.length + PLAIN_TAIL.length + marks.length)) {
      this.text(`[${number},null,[${marks.join(',')}],[]]`);
      return;
    }
    const b = this.bytes;
    let at = this.at;
    b[at++] = 0x5b; // [
    at = this.integer(number, at);
    for (const byte of PLAIN_HEAD) b[at++] = byte;
    for (let i = 0; i < marks.length; i++) {
      if (i > 0) b[at++] = 0x2c;
      const mark = marks[i]!;
      // Nearly every mark is an option 0…9 or blank (-1): one or two bytes, written at once.
      if (mark >= 0 && mark <= 9) {
        b[at++] = 0x30 + mark;
      } else if (mark === -1) {
        b[at++] = 0x2d;
        b[at++] = 0x31;
      } else {
        at = this.integer(mark, at);
      }
    }
    for (const byte of PLAIN_TAIL) b[at++] = byte;
    this.at = at;
  }

  /**
   * Any other line as UTF-8, and its "\n". (JSON.stringify leaves no lone surrogate in a line; one
   * would be written as U+FFFD, as TextEncoder and Node write it.) A line too long for the buffer
   * goes to the hash as text.
   */
  text(line: string): void {
    if (!this.room(line.length * 3 + 1)) {
      this.hash.update(`${line}\n`);
      return;
    }
    const b = this.bytes;
    let at = this.at;
    for (let i = 0; i < line.length; i++) {
      let c = line.charCodeAt(i);
      if (c < 0x80) {
        b[at++] = c;
        continue;
      }
      if (c < 0x800) {
        b[at++] = 0xc0 | (c >> 6);
        b[at++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < line.length ? line.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          b[at++] = 0xf0 | (point >> 18);
          b[at++] = 0x80 | ((point >> 12) & 0x3f);
          b[at++] = 0x80 | ((point >> 6) & 0x3f);
          b[at++] = 0x80 | (point & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      b[at++] = 0xe0 | (c >> 12);
      b[at++] = 0x80 | ((c >> 6) & 0x3f);
      b[at++] = 0x80 | (c & 0x3f);
    }
    b[at++] = 0x0a;
    this.at = at;
  }
}

/** "sha256:" + hex of SHA-256 over the canonical lines, each followed by "\n", in UTF-8. */
export function ballotFingerprint(form: BallotForm, candidates: readonly string[], ballots: readonly BallotRecord[]): string {
  const hash = makeSha256();
  // The lines of canonicalBallotLines, written as bytes rather than made as strings: the same
  // bytes (shared/domain/fingerprint.test.ts hashes the lines themselves beside it).
  const out = new CanonicalBytes(hash);
  out.text(headerLine(form, candidates));
  for (const ballot of inNumberOrder(ballots)) {
    if (isPlainBallot(ballot)) out.plain(ballot.number, ballot.marks);
    else out.text(ballotLine(ballot));
  }
  out.flush();
  return `sha256:${hash.hex()}`;
}
