/** The payload of an Excel export, built from what the app stores (or from a workbook file, on the command line). */
import type { MeetingExport } from '../contract/meeting-export';
import type { WorkbookExport } from '../contract/workbook-export';
import type { InterviewRecord, MeetingRecord, PersonConclusion, ReviewEntry, WorkbookRecord } from '../domain/records';
import { personBasics } from '../domain/records';
import type { TransferContent } from '../contract/workbook-file';
import type { BallotRecord } from '../domain/ballot';
import type { MeetingBallots } from '../domain/meeting-state';
import type { AssessmentPlan } from '../domain/plan';
import { formUnderPlan, planStatement } from '../domain/plan';
import { interviewCoverage, liveInterviews, opinionTallies } from '../domain/interviews';
import type { InterviewExport } from '../contract/workbook-export';
import { zh } from '../messages/zh-CN';
import { formatMoment } from '../format/date';
import { personReview } from '../domain/review';
import { meetingBallots, tallyInputOf } from '../domain/meeting-state';

/**
 * ballots: the counted ballots, write-in spellings already merged (tallyInputOf). With a plan, its
 * thresholds set the flags and its statement joins the 口径说明.
 */
export function meetingExportOf(workbook: WorkbookRecord, meeting: MeetingRecord, ballots: readonly BallotRecord[], state: MeetingBallots, plan: AssessmentPlan | null = null): MeetingExport {
  return {
    township: workbook.township,
    unit: workbook.unit,
    teamName: workbook.teamName,
    meetingTitle: meeting.title,
    meetingDate: meeting.date,
    form: formUnderPlan(meeting.form, plan),
    candidates: meeting.candidates.map(({ name, currentPost, proposedPost }) => ({ name, currentPost, proposedPost })),
    counts: meeting.counts,
    quorum: meeting.quorum,
    // Only what a ballot says travels: no ids, devices or times (ballot data carries no link to a person).
    ballots: ballots.map(({ number, invalidReason, marks, writeIns, group }) => ({ number, invalidReason, marks, writeIns, group: group ?? null })),
    groups: meeting.groups,
    doubleEntry: meeting.doubleEntry
      ? { differences: state.differences.length, reconciled: state.second.length > 0 && state.unresolved.length === 0, waived: meeting.finalized?.doubleEntryWaived ?? null }
      : null,
    // Worded here, on the team's laptop and in its time zone: the export shows this text as it is.
    finalizedAt: meeting.finalized ? formatMoment(meeting.finalized.at) : null,
    // In the schema's order: the export's seal is over this object's JSON as the schema reads it back.
    ...(plan ? { planStatement: planStatement(plan) } : {}),
  };
}

/** How far the must-interview categories are covered: the total, and what each lacking one still needs. */
function coverageOf(plan: AssessmentPlan, interviews: readonly InterviewRecord[]): NonNullable<WorkbookExport['interviewCoverage']> {
  const coverage = interviewCoverage(plan, interviews);
  return { total: coverage.total, lacking: coverage.lacking.map((c) => ({ name: c.name, missing: c.missing })) };
}

/** What the 一览表 adds beyond the meetings: the plan, interviews, the joint review and the team's judgements. */
export interface AssessmentForExport {
  plan: AssessmentPlan | null;
  interviews: readonly InterviewRecord[];
  reviews: readonly ReviewEntry[];
  conclusions: readonly PersonConclusion[];
  /** Interview notes are confidential: they go into the file only when the user asks. */
  includeInterviewNotes: boolean;
}

const NO_ASSESSMENT: AssessmentForExport = { plan: null, interviews: [], reviews: [], conclusions: [], includeInterviewNotes: false };

/** The whole workbook for export: every meeting as it counts now (double entry settled, spellings merged). */
export function workbookExportOf(
  workbook: WorkbookRecord,
  contexts: readonly { meeting: MeetingRecord; state: MeetingBallots }[],
  exportDate: string,
  assessment: AssessmentForExport = NO_ASSESSMENT,
): WorkbookExport {
  const { plan, interviews, reviews, conclusions } = assessment;
  const tallies = plan ? new Map(opinionTallies(plan, workbook.candidates, interviews).map((t) => [t.personId, t])) : null;
  const held = liveInterviews(interviews).length;
  const names = new Map(workbook.candidates.map((p) => [p.id, p.name]));
  return {
    township: workbook.township,
    unit: workbook.unit,
    teamName: workbook.teamName,
    exportDate,
    people: workbook.candidates.map((person) => {
      const tally = tallies?.get(person.id);
      const review = plan ? personReview(plan, person.id, reviews) : null;
      const conclusion = conclusions.find((c) => c.personId === person.id);
      return {
        ...personBasics(person),
        ...(review ? { review: { status: review.status, summary: review.summary } } : {}),
        ...(tally
          ? {
              interviews: {
                held,
                agree: tally.agree,
                disagree: tally.disagree,
                other: tally.other,
                approval: tally.approval ? { numerator: tally.approval.numerator, denominator: tally.approval.denominator } : null,
                flags: tally.flags.map((f) => f.message),
              },
            }
          : {}),
        ...(conclusion ? { conclusion: { de: conclusion.de, neng: conclusion.neng, qin: conclusion.qin, ji: conclusion.ji, lian: conclusion.lian, overall: conclusion.overall } } : {}),
      };
    }),
    meetings: contexts.map(({ meeting, state }) => meetingExportOf(workbook, meeting, tallyInputOf(meeting, state.counted).ballots, state, plan)),
    ...(plan ? { interviewCoverage: coverageOf(plan, interviews) } : {}),
    ...(plan ? { planStatement: planStatement(plan) } : {}),
    ...(assessment.includeInterviewNotes
      ? {
          interviewRecords: liveInterviews(interviews).map((i) => interviewForExport(i, names)),
        }
      : {}),
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
  return workbookExportOf(workbook, contexts, exportDate, {
    plan: content.plans.find((p) => p.workbookId === workbookId) ?? null,
    interviews: content.interviews.filter((i) => i.workbookId === workbookId),
    reviews: content.reviews.filter((r) => r.workbookId === workbookId),
    conclusions: content.conclusions.filter((c) => c.workbookId === workbookId),
    includeInterviewNotes: false,
  });
}

/** An interview as exports and print-outs show it: people by name, opinions in words; remarks about people no longer listed are left out. */
export function interviewForExport(interview: InterviewRecord, names: ReadonlyMap<string, string>): InterviewExport {
  return {
    interviewee: interview.interviewee,
    category: interview.category,
    date: interview.date,
    place: interview.place,
    interviewers: interview.interviewers,
    recorder: interview.recorder,
    remarks: interview.remarks
      .filter((r) => names.has(r.personId))
      .map((r) => ({
        name: names.get(r.personId)!,
        opinion: r.opinion ? zh.interviews.opinion[r.opinion] : zh.interviews.noOpinion,
        strengths: r.strengths,
        weaknesses: r.weaknesses,
        problems: r.problems,
      })),
  };
}
