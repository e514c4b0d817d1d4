/** Meeting counts (应到/实到/发出/收回) and the quorum rule; entered/valid/invalid come from the ballots. */
import type { MeetingCounts, QuorumRule } from '../schema/meeting';
import { fraction } from './fraction';

// The counts' and the rule's fields are declared once, by their schemas (shared/schema/meeting.ts).
export type { MeetingCounts, QuorumRule } from '../schema/meeting';

export const DEFAULT_QUORUM: QuorumRule = { comparison: '>=', threshold: fraction(2, 3), minPresent: null };

export interface MeetingTotals extends MeetingCounts {
  /** 录入票数 */
  entered: number;
  /** 有效票 */
  valid: number;
  /** 无效票（废票） */
  invalid: number;
}

/** valid: results stand; void: the meeting must be re-run; incomplete: not every returned ballot is entered. */
export type MeetingStatus = 'valid' | 'void' | 'incomplete';

/**
 * How a status is worded to people. `incomplete` covers two states the JSON contract does not tell
 * apart: ballots still to enter (未录完), and more ballots entered than returned, which is an error
 * (可能重复唱票或录入) and never "not finished yet".
 */
export type StatusWording = MeetingStatus | 'over-entered';

export function statusWording(status: MeetingStatus, totals: Pick<MeetingTotals, 'entered' | 'returned'>): StatusWording {
  return status === 'incomplete' && totals.entered > totals.returned ? 'over-entered' : status;
}

/**
 * The most candidates one meeting (and one workbook's list) may have. A paper ballot or 推荐表 has
 * room for a few dozen names; 200 is far beyond any, and keeps every sheet the app writes well
 * inside Excel's 16,384 columns (a 5-question form is 5 columns a candidate). A grid of 20,000
 * "candidates" is a wrong file, and is refused as one rather than failing at export.
 */
export const MAX_CANDIDATES = 200;

export const MEETING_COUNT_FIELDS = ['expected', 'present', 'issued', 'returned'] as const;
