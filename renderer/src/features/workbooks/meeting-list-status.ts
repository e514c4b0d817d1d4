/**
 * One meeting's line in the workbook's meeting list: confirmed, or where entry stands and
 * whether what is entered can stand, worded as the results screen words it (statusWording), so
 * an over-entered meeting reads as the error it is, never as "not finished yet".
 */
import type { MeetingOutcome } from '../../../../shared/domain/outcome';
import { zh } from '../../../../shared/messages/zh-CN';
import type { MeetingRecord } from '../../db/records';

export type MeetingListTone = 'confirmed' | 'ready' | 'progress' | 'error';

export interface MeetingListStatus {
  text: string;
  tone: MeetingListTone;
  /** Why it is void or in error: each failed check once. */
  reasons: string[];
  /** The ballots that count (corrections replace, deletions drop) against those returned. */
  progress: { entered: number; returned: number };
}

/** `blockers`: what finalizeBlockers (meeting-state) still lists; for a valid meeting only double entry's can remain. */
export function meetingListStatus(
  meeting: Pick<MeetingRecord, 'finalized'>,
  outcome: Pick<MeetingOutcome, 'wording' | 'statusReasons' | 'result'>,
  blockers: readonly string[] = [],
): MeetingListStatus {
  const t = zh.statusViews.meetingList;
  const { entered, returned } = outcome.result.meeting;
  const progress = { entered, returned };
  if (meeting.finalized) return { text: t.confirmed, tone: 'confirmed', reasons: [], progress };
  switch (outcome.wording) {
    case 'over-entered':
      return { text: t.overEntered, tone: 'error', reasons: outcome.statusReasons, progress };
    case 'void':
      return { text: t.void, tone: 'error', reasons: outcome.statusReasons, progress };
    case 'valid':
      return blockers.length > 0 ? { text: t.awaitingCheck, tone: 'ready', reasons: [...blockers], progress } : { text: t.readyToConfirm, tone: 'ready', reasons: [], progress };
    case 'incomplete':
      return { text: entered === 0 ? t.notStarted : t.entering, tone: 'progress', reasons: [], progress };
  }
}
