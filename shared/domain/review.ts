/**
 * The joint qualification review (资格联审): each department's conclusion on each person, and what
 * follows for the person. A 不能 item found within its window disqualifies the person everywhere;
 * a 不宜 item needs a recorded decision; a person is cleared only when every department has passed.
 */
import type { ReviewEntry, ReviewHit, PersonRecord } from './records';
import type { AssessmentPlan } from './plan';
import { zh } from '../messages/zh-CN';

export type PersonReviewStatus = 'disqualified' | 'needs-decision' | 'issue' | 'incomplete' | 'pass';

export interface PersonReview {
  personId: string;
  status: PersonReviewStatus;
  /** Departments of the plan with no conclusion yet, or 待复核. */
  open: string[];
  /** 不能 items that count. */
  cannot: ReviewHit[];
  /** 不宜 items that count, with the decision recorded on their entry ('' = none yet). */
  unsuitable: { hit: ReviewHit; department: string; decision: string }[];
  /** Items found outside their window: listed, not counted. */
  expired: ReviewHit[];
  /** One line for the 一览表 and the screens. */
  summary: string;
}

/** The review date's month minus the window: an event before it is outside the window. */
function windowStart(reviewDate: string, windowYears: number): string {
  const [year, month] = reviewDate.split('-');
  return `${String(Number(year) - windowYears).padStart(4, '0')}-${month}`;
}

/** Does this hit count on this review date? Unknown dates count (the safe side). */
export function hitCounts(hit: ReviewHit, plan: AssessmentPlan, reviewDate: string): boolean {
  const windowYears = plan.negativeList.find((n) => n.id === hit.itemId)?.windowYears ?? null;
  if (windowYears === null || hit.eventMonth === '' || !/^\d{4}-\d{2}/.test(reviewDate)) return true;
  return hit.eventMonth >= windowStart(reviewDate, windowYears);
}

export function personReview(plan: AssessmentPlan, personId: string, entries: readonly ReviewEntry[]): PersonReview {
  const t = zh.review;
  const mine = entries.filter((e) => e.personId === personId);
  const byDepartment = new Map(mine.map((e) => [e.department, e]));
  const open = plan.departments.filter((d) => {
    const entry = byDepartment.get(d);
    return !entry || entry.conclusion === 'recheck';
  });
  const cannot: ReviewHit[] = [];
  const unsuitable: PersonReview['unsuitable'] = [];
  const expired: ReviewHit[] = [];
  for (const entry of mine) {
    for (const hit of entry.hits) {
      if (!hitCounts(hit, plan, entry.date)) expired.push(hit);
      else if (hit.kind === 'cannot') cannot.push(hit);
      else unsuitable.push({ hit, department: entry.department, decision: entry.decision.trim() });
    }
  }
  // Departments that found a problem no negative-list item explains (or only one outside its window).
  const issueDepartments = plan.departments.filter((d) => {
    const entry = byDepartment.get(d);
    return entry?.conclusion === 'issue' && !entry.hits.some((h) => hitCounts(h, plan, entry.date));
  });
  const issue = mine.some((e) => e.conclusion === 'issue');
  const status: PersonReviewStatus =
    cannot.length > 0
      ? 'disqualified'
      : unsuitable.some((u) => u.decision === '')
        ? 'needs-decision'
        : open.length > 0
          ? 'incomplete'
          : issue || unsuitable.length > 0
            ? 'issue'
            : 'pass';
  // Each part says exactly what was recorded: a decision only where one exists, and departments
  // still open always, even beside a pending 不宜 item.
  const parts = [t.statusName[status]];
  if (cannot.length > 0) parts.push(t.cannotItems(cannot.map((h) => h.text)));
  if (unsuitable.length > 0) parts.push(t.unsuitableItems(unsuitable.map((u) => (u.decision ? t.withDecision(u.hit.text, u.decision) : t.withoutDecision(u.hit.text)))));
  if (issueDepartments.length > 0) parts.push(t.issueDepartments(issueDepartments));
  if (expired.length > 0) parts.push(t.expiredItems(expired.map((h) => h.text)));
  if (open.length > 0) parts.push(t.openDepartments(open.length, plan.departments.length));
  return { personId, status, open, cannot, unsuitable, expired, summary: parts.join('；') };
}

export function peopleReviews(plan: AssessmentPlan, people: readonly PersonRecord[], entries: readonly ReviewEntry[]): Map<string, PersonReview> {
  return new Map(people.map((p) => [p.id, personReview(plan, p.id, entries)]));
}

export const reviewEntryId = (workbookId: string, personId: string, department: string) => `${workbookId}:${personId}:${department}`;

/** Why an entry cannot be saved, or null. */
export function reviewEntryProblem(entry: ReviewEntry): string | null {
  const t = zh.review.problems;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date)) return t.badDate;
  if (entry.responsible.trim() === '') return t.noResponsible;
  if (entry.hits.some((h) => h.eventMonth !== '' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(h.eventMonth))) return t.badMonth;
  if (entry.conclusion === 'pass' && entry.hits.length > 0) return t.passWithHits;
  return null;
}
