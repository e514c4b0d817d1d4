/**
 * One meeting's line in the workbook's meeting list: confirmed, or how far entry has come and
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
}

export function meetingListStatus(meeting: Pick<MeetingRecord, 'finalized'>, outcome: Pick<MeetingOutcome, 'wording' | 'statusReasons' | 'result'>): MeetingListStatus {
  const t = zh.statusViews.meetingList;
  const { entered, returned } = outcome.result.meeting;
  if (meeting.finalized) return { text: t.confirmed, tone: 'confirmed', reasons: [] };
  switch (outcome.wording) {
    case 'over-entered':
      return { text: t.overEntered(entered, returned), tone: 'error', reasons: outcome.statusReasons };
    case 'void':
      return { text: t.void, tone: 'error', reasons: outcome.statusReasons };
    case 'valid':
      return { text: t.readyToConfirm(entered, returned), tone: 'ready', reasons: [] };
    case 'incomplete':
      return { text: entered === 0 ? t.notStarted(entered, returned) : t.entering(entered, returned), tone: 'progress', reasons: [] };
  }
}
