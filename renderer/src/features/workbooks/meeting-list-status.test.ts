import { describe, expect, it } from 'vitest';
import { presetForm } from '../../../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../../../shared/domain/meeting';
import type { MeetingCounts } from '../../../../shared/domain/meeting';
import { meetingOutcome } from '../../../../shared/domain/outcome';
import { meetingListStatus } from './meeting-list-status';

const form = presetForm('evaluation-4');
const open = { finalized: null };

function outcomeOf(counts: MeetingCounts, entered: number) {
  const ballots = Array.from({ length: entered }, (_, i) => ({ number: i + 1, marks: [0], invalidReason: null, writeIns: [] }));
  return meetingOutcome({ form, candidates: ['甲'], counts, quorum: DEFAULT_QUORUM, ballots });
}

describe('a meeting in the workbook list', () => {
  it('shows how far entry has come while ballots remain', () => {
    expect(meetingListStatus(open, outcomeOf({ expected: 60, present: 60, issued: 60, returned: 60 }, 37))).toEqual({ text: '录入中', tone: 'progress', reasons: [], progress: { entered: 37, returned: 60 } });
    expect(meetingListStatus(open, outcomeOf({ expected: 60, present: 60, issued: 60, returned: 60 }, 0)).text).toBe('未录入');
  });

  it('shows more ballots entered than returned as an error, not as unfinished', () => {
    const status = meetingListStatus(open, outcomeOf({ expected: 60, present: 60, issued: 60, returned: 60 }, 62));
    expect(status.text).toBe('录入多于收回');
    expect(status.progress).toEqual({ entered: 62, returned: 60 });
    expect(status.tone).toBe('error');
    expect(status.reasons.length).toBeGreaterThan(0);
  });

  it('shows a meeting short of its quorum as void, with the reason', () => {
    const status = meetingListStatus(open, outcomeOf({ expected: 60, present: 30, issued: 30, returned: 30 }, 30));
    expect(status.text).toBe('无效（须重新组织投票）');
    expect(status.tone).toBe('error');
    expect(status.reasons.join('')).toContain('应到');
  });

  it('shows a complete, valid meeting as waiting for confirmation, and a confirmed one as confirmed', () => {
    const outcome = outcomeOf({ expected: 60, present: 60, issued: 60, returned: 60 }, 60);
    expect(meetingListStatus(open, outcome)).toMatchObject({ text: '已录完，待确认', tone: 'ready', progress: { entered: 60, returned: 60 } });
    expect(meetingListStatus(open, outcome, ['已设为双人录入，但还没有第二遍录入'])).toMatchObject({ text: '已录完，双人录入待核对', reasons: ['已设为双人录入，但还没有第二遍录入'] });
    expect(meetingListStatus({ finalized: { at: '2026-12-01T10:00:00.000Z', doubleEntryWaived: null } }, outcome)).toMatchObject({ text: '已确认', tone: 'confirmed' });
  });
});
