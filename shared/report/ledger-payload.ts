/**
 * The 联审台账, the 风险台账 and the interview record sheets of one workbook, built from its stored
 * records. The review, risks and interviews screens and the command line (`ledger`, `print
 * interviews`, from a workbook file) all call these, so a clerk gets the same file either way.
 */
import type { InterviewPrint, ReviewLedger, RiskLedger } from '../contract/assessment-export';
import type { TransferContent } from '../contract/workbook-file';
import type { InterviewRecord, ReviewEntry, RiskItem, WorkbookRecord } from '../domain/records';
import type { AssessmentPlan } from '../domain/plan';
import { liveInterviews } from '../domain/interviews';
import { hitCounts, peopleReviews } from '../domain/review';
import { foundOnOf, isOverdue, liveRisks } from '../domain/risks';
import { zh } from '../messages/zh-CN';
import { interviewForExport } from './export-payload';

/** The assessment records of one workbook, as the screens load them. */
export interface WorkbookRecords {
  workbook: WorkbookRecord;
  plan: AssessmentPlan | null;
  interviews: InterviewRecord[];
  reviews: ReviewEntry[];
  risks: RiskItem[];
}

/** One workbook's records out of a workbook file's content, or null when it holds no such workbook. */
export function workbookRecordsOf(content: TransferContent, workbookId: string): WorkbookRecords | null {
  const workbook = content.workbooks.find((w) => w.id === workbookId);
  if (!workbook) return null;
  return {
    workbook,
    plan: content.plans.find((p) => p.workbookId === workbookId) ?? null,
    interviews: content.interviews.filter((i) => i.workbookId === workbookId),
    reviews: content.reviews.filter((r) => r.workbookId === workbookId),
    risks: content.risks.filter((r) => r.workbookId === workbookId),
  };
}

/** The 联审台账: every person of the workbook against the plan's departments, with each conclusion's items. */
export function reviewLedgerOf(workbook: WorkbookRecord, plan: AssessmentPlan, reviews: readonly ReviewEntry[], exportDate: string): ReviewLedger {
  const statuses = peopleReviews(plan, workbook.candidates, reviews);
  return {
    kind: 'review',
    township: workbook.township,
    unit: workbook.unit,
    teamName: workbook.teamName,
    exportDate,
    planStatement: [
      zh.plan.statementName(plan.name),
      zh.plan.statementReview(plan.departments.length, plan.negativeList.filter((n) => n.kind === 'cannot').length, plan.negativeList.filter((n) => n.kind === 'unsuitable').length),
    ],
    departments: plan.departments,
    people: workbook.candidates.map((person) => {
      const review = statuses.get(person.id)!;
      return {
        name: person.name,
        proposedPost: person.proposedPost,
        status: review.status,
        summary: review.summary,
        entries: reviews
          .filter((e) => e.personId === person.id)
          .map((e) => ({
            department: e.department,
            conclusion: e.conclusion,
            date: e.date,
            responsible: e.responsible,
            note: e.note,
            decision: e.decision,
            hits: e.hits.map((h) => ({ kind: h.kind, text: h.text, eventMonth: h.eventMonth, counts: hitCounts(h, plan, e.date) })),
          })),
      };
    }),
  };
}

/**
 * The 风险台账: the items not removed, in the order they were recorded; an open item past its
 * deadline on the export day is overdue.
 */
export function riskLedgerOf(workbook: WorkbookRecord, plan: AssessmentPlan | null, risks: readonly RiskItem[], exportDate: string): RiskLedger {
  return {
    kind: 'risks',
    township: workbook.township,
    unit: workbook.unit,
    teamName: workbook.teamName,
    exportDate,
    planStatement: plan ? [zh.plan.statementName(plan.name)] : [],
    items: liveRisks(risks)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((i) => ({
        type: i.type,
        description: i.description,
        leader: i.leader,
        owner: i.owner ?? '',
        foundOn: foundOnOf(i),
        measures: i.measures,
        deadline: i.deadline,
        status: i.status,
        closedOn: i.closedOn,
        closeNote: i.closeNote,
        overdue: isOverdue(i, exportDate),
      })),
  };
}

/** The interviews not removed, by date and then as they were recorded: the order of the screen and of the printed sheets. */
export function interviewsInOrder(interviews: readonly InterviewRecord[]): InterviewRecord[] {
  return liveInterviews(interviews).sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
}

/**
 * The interview record sheets: blankCopies 0 prints every interview filled in; more prints that
 * many blank sheets for writing by hand, naming the workbook's people.
 */
export function interviewPrintOf(workbook: WorkbookRecord, interviews: readonly InterviewRecord[], blankCopies: number): InterviewPrint {
  const names = new Map(workbook.candidates.map((p) => [p.id, p.name]));
  return {
    township: workbook.township,
    unit: workbook.unit,
    people: workbook.candidates.map((p) => p.name),
    interviews: blankCopies > 0 ? [] : interviewsInOrder(interviews).map((i) => interviewForExport(i, names)),
    blankCopies,
  };
}
