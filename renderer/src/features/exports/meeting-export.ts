/** The payload of an Excel export, built from what the app stores. */
import type { MeetingExport } from '../../../../shared/contract/meeting-export';
import type { BallotRow, MeetingRecord, WorkbookRecord } from '../../db/records';

export function meetingExportOf(workbook: WorkbookRecord, meeting: MeetingRecord, ballots: readonly BallotRow[]): MeetingExport {
  return {
    township: workbook.township,
    unit: workbook.unit,
    teamName: workbook.teamName,
    meetingTitle: meeting.title,
    meetingDate: meeting.date,
    form: meeting.form,
    candidates: meeting.candidates.map(({ name, currentPost, proposedPost }) => ({ name, currentPost, proposedPost })),
    counts: meeting.counts,
    quorum: meeting.quorum,
    // Only what a ballot says travels: no ids, devices or times (ballot data carries no link to a person).
    ballots: ballots.map(({ number, invalidReason, marks, writeIns }) => ({ number, invalidReason, marks, writeIns })),
  };
}
