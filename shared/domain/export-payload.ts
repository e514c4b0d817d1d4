/** The payload of an Excel export, built from what the app stores (or from a workbook file, on the command line). */
import type { MeetingExport } from '../contract/meeting-export';
import type { WorkbookExport } from '../contract/workbook-export';
import type { MeetingRecord, WorkbookRecord } from '../contract/records';
import { personBasics } from '../contract/records';
import type { TransferContent } from '../contract/workbook-file';
import type { BallotRecord } from './ballot';
import type { MeetingBallots } from './meeting-state';
import { meetingBallots, tallyInputOf } from './meeting-state';

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

/** One workbook of a workbook file, ready for export: meetings in the order they were set up, as the workbook page lists them. */
export function workbookExportFromContent(content: TransferContent, workbookId: string, exportDate: string): WorkbookExport | null {
  const workbook = content.workbooks.find((w) => w.id === workbookId);
  if (!workbook) return null;
  const meetings = content.meetings
    .filter((m) => m.workbookId === workbookId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const contexts = meetings.map((meeting) => ({
    meeting,
    state: meetingBallots(
      meeting,
      content.ballots.filter((b) => b.meetingId === meeting.id),
      content.resolutions,
    ),
  }));
  return workbookExportOf(workbook, contexts, exportDate);
}
