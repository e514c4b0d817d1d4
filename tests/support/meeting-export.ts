/** A small meeting as the app exports it (two candidates, three ballots), for tests that need any valid one. */
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';

export function smallMeetingExport(changes: Partial<MeetingExport> = {}): MeetingExport {
  return {
    township: '大同镇',
    unit: '红星村',
    teamName: '第三考察组',
    meetingTitle: '民主测评大会',
    meetingDate: '2026-11-28',
    form: presetForm('evaluation-4'),
    candidates: ['张明', '王芳'].map((name) => ({ name, currentPost: '', proposedPost: '' })),
    counts: { expected: 3, present: 3, issued: 3, returned: 3 },
    quorum: DEFAULT_QUORUM,
    ballots: [
      { number: 1, invalidReason: null, marks: [0, 1], writeIns: [] },
      { number: 2, invalidReason: null, marks: [0, 0], writeIns: [] },
      { number: 3, invalidReason: null, marks: [1, 2], writeIns: [] },
    ],
    ...changes,
  };
}
