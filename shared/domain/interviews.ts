/**
 * Individual interviews (个别谈话): which must-interview categories are covered, and what the
 * interviewees said about each person, counted on the plan's stated basis (谈话同意率).
 */
import type { InterviewOpinion, InterviewRecord, PersonRecord } from './records';
import type { AssessmentPlan } from './plan';
import type { CandidateFlag } from './tally';
import { compareRatio } from './fraction';
import { zh } from '../messages/zh-CN';

export const INTERVIEW_OPINIONS: readonly InterviewOpinion[] = ['agree', 'disagree', 'other'];

/** The interviews that count: those not removed. */
export function liveInterviews(interviews: readonly InterviewRecord[]): InterviewRecord[] {
  return interviews.filter((i) => !i.deleted);
}

export interface CategoryCoverage {
  name: string;
  minimum: number;
  held: number;
  missing: number;
}

export interface InterviewCoverage {
  categories: CategoryCoverage[];
  /** Categories with fewer interviews than their minimum. */
  lacking: CategoryCoverage[];
  /** Interviews whose category the plan no longer lists: counted in the total, shown apart. */
  outsidePlan: number;
  total: number;
}

export function interviewCoverage(plan: AssessmentPlan, interviews: readonly InterviewRecord[]): InterviewCoverage {
  const live = liveInterviews(interviews);
  const held = new Map<string, number>();
  for (const interview of live) held.set(interview.category, (held.get(interview.category) ?? 0) + 1);
  const categories = plan.interviewCategories.map(({ name, minimum }) => {
    const n = held.get(name) ?? 0;
    return { name, minimum, held: n, missing: Math.max(0, minimum - n) };
  });
  const listed = new Set(plan.interviewCategories.map((c) => c.name));
  return {
    categories,
    lacking: categories.filter((c) => c.missing > 0),
    outsidePlan: live.filter((i) => !listed.has(i.category)).length,
    total: live.length,
  };
}

export interface OpinionTally {
  personId: string;
  agree: number;
  disagree: number;
  other: number;
  /** Interviews that said nothing about this person. */
  silent: number;
  /** 谈话同意率 on the plan's base; null when the base is 0. */
  approval: { numerator: number; denominator: number; value: number } | null;
  flags: CandidateFlag[];
}

export function opinionTallies(plan: AssessmentPlan, people: readonly PersonRecord[], interviews: readonly InterviewRecord[]): OpinionTally[] {
  const live = liveInterviews(interviews);
  const rule = plan.interviewApproval;
  return people.map((person) => {
    const counts = { agree: 0, disagree: 0, other: 0, silent: 0 };
    for (const interview of live) {
      const opinion = interview.remarks.find((r) => r.personId === person.id)?.opinion ?? null;
      if (opinion === null) counts.silent++;
      else counts[opinion]++;
    }
    const denominator = rule.base === 'expressed' ? counts.agree + counts.disagree + counts.other : live.length;
    const approval = denominator > 0 ? { numerator: counts.agree, denominator, value: counts.agree / denominator } : null;
    const flags: CandidateFlag[] = [];
    if (approval && rule.flag && compareRatio(approval.numerator, approval.denominator, rule.flag.comparison, rule.flag.threshold)) {
      flags.push({
        rate: zh.interviews.approvalRate,
        severity: rule.flag.severity,
        message: zh.flag(rule.flag.severity, zh.interviews.approvalRate, approval.numerator, approval.denominator, rule.flag.comparison, rule.flag.threshold),
        comparison: rule.flag.comparison,
        threshold: rule.flag.threshold,
      });
    }
    return { personId: person.id, ...counts, approval, flags };
  });
}

/** Why an interview cannot be saved, or null. */
export function interviewProblem(interview: InterviewRecord): string | null {
  const t = zh.interviews.problems;
  if (interview.interviewee.trim() === '') return t.noInterviewee;
  if (interview.category.trim() === '') return t.noCategory;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(interview.date)) return t.badDate;
  const interviewers = interview.interviewers.map((n) => n.trim()).filter(Boolean);
  if (interviewers.length < 2) return t.interviewers;
  if (interview.recorder.trim() === '') return t.noRecorder;
  return null;
}
