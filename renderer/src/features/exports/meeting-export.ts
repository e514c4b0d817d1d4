/** The payload of an Excel export, built from what the app stores. */
import type { MeetingExport } from '../../../../shared/contract/meeting-export';
import type { BallotRecord } from '../../../../shared/domain/ballot';
import type { WorkbookExport } from '../../../../shared/contract/workbook-export';
import type { MeetingBallots } from '../../../../shared/domain/meeting-state';
import { tallyInputOf } from '../../../../shared/domain/meeting-state';
import type { MeetingRecord, WorkbookRecord } from '../../db/records';
import { personBasics } from '../../../../shared/contract/records';

/** ballots: the counted ballots, write-in spellings already merged (tallyInputOf). */
export function meetingExportOf(workbook: WorkbookRecord, meeting: MeetingRecord, ballots: readonly BallotRecord[], state: MeetingBallots): MeetingExport {
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
    ballots: ballots.map(({ number, invalidReason, marks, writeIns, group }) => ({ number, invalidReason, marks, writeIns, group: group ?? null })),
    groups: meeting.groups,
    doubleEntry: meeting.doubleEntry
      ? { differences: state.differences.length, reconciled: state.second.length > 0 && state.unresolved.length === 0, waived: meeting.finalized?.doubleEntryWaived ?? null }
      : null,
    finalizedAt: meeting.finalized ? new Date(meeting.finalized.at).toLocaleString('zh-CN') : null,
  };
}

/** The whole workbook for export: every meeting as it counts now (double entry settled, spellings merged). */
export function workbookExportOf(workbook: WorkbookRecord, contexts: readonly { meeting: MeetingRecord; state: MeetingBallots }[], exportDate: string): WorkbookExport {
  return {
    township: workbook.township,
    unit: workbook.unit,
    teamName: workbook.teamName,
    exportDate,
    people: workbook.candidates.map(personBasics),
    meetings: contexts.map(({ meeting, state }) => meetingExportOf(workbook, meeting, tallyInputOf(meeting, state.counted).ballots, state)),
  };
}
