/**
 * The code printed on every page of a blank ballot (as a QR code), for a scanner or phone photo to be
 * read back: which meeting, which form with which candidates in which order, and which page of how
 * many. Every copy of a ballot carries the same code, so nothing on a copy tells it from another
 * (ballot secrecy): no serial, no copy number.
 *
 *   TD1 <meeting key> <form key> <page>/<pages>      e.g.  TD1 3f9a0c2e71b4 a01b2c3d4e5f 1/2
 *
 * The meeting key is the first 12 hex digits of SHA-256 over the meeting's unit, title and date; the
 * form key the first 12 of the ballots fingerprint of the form and candidate list with no ballots
 * (docs/fingerprint.md), so a page printed for another form, or before a candidate was added or
 * moved, is refused by name instead of being read against the wrong boxes.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ballotFingerprint } from '../domain/fingerprint';
import type { BallotForm } from '../domain/forms';

export const PAGE_CODE_VERSION = 'TD1';
/** A ballot of more pages than this is not one a voter fills in; the layout never makes one. */
export const MAX_BALLOT_PAGES = 99;
const KEY_DIGITS = 12;

export interface BallotPageCode {
  meetingKey: string;
  formKey: string;
  /** 1-based. */
  page: number;
  pages: number;
}

export interface MeetingIdentity {
  township: string;
  unit: string;
  meetingTitle: string;
  meetingDate: string;
}

export function meetingKeyOf(meeting: MeetingIdentity): string {
  const canonical = JSON.stringify([PAGE_CODE_VERSION, meeting.township, meeting.unit, meeting.meetingTitle, meeting.meetingDate]);
  return bytesToHex(sha256(utf8ToBytes(canonical))).slice(0, KEY_DIGITS);
}

export function formKeyOf(form: BallotForm, candidates: readonly string[]): string {
  return ballotFingerprint(form, candidates, []).replace(/^sha256:/, '').slice(0, KEY_DIGITS);
}

export function encodePageCode(code: BallotPageCode): string {
  if (!(Number.isInteger(code.pages) && code.pages >= 1 && code.pages <= MAX_BALLOT_PAGES && Number.isInteger(code.page) && code.page >= 1 && code.page <= code.pages)) {
    throw new RangeError(`page ${code.page} of ${code.pages}`);
  }
  if (!/^[0-9a-f]{12}$/.test(code.meetingKey) || !/^[0-9a-f]{12}$/.test(code.formKey)) throw new RangeError('key');
  return `${PAGE_CODE_VERSION} ${code.meetingKey} ${code.formKey} ${code.page}/${code.pages}`;
}

const PATTERN = /^TD1 ([0-9a-f]{12}) ([0-9a-f]{12}) ([1-9][0-9]?)\/([1-9][0-9]?)$/;

/**
 * The code read from a page, or null for anything that is not exactly one of ours: a QR code of
 * something else on the desk, a damaged read, a page number beyond its count.
 */
export function decodePageCode(text: string): BallotPageCode | null {
  if (text.length > 64) return null;
  const match = PATTERN.exec(text);
  if (!match) return null;
  const page = Number(match[3]);
  const pages = Number(match[4]);
  if (page > pages) return null;
  return { meetingKey: match[1]!, formKey: match[2]!, page, pages };
}
