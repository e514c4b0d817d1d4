/**
 * The district roll-up: every team's workbooks, merged, seen as one table. Each workbook's people
 * and meetings are made ready exactly as its team's own export makes them (workbookExportOf,
 * meetingExportOf: double entry settled, spellings merged, judged by the team's plan) and each
 * meeting counted by the one MeetingOutcome; each person gets one row. Columns are shared by
 * meetings of the same form, so 82 teams using 民主测评（满意度） fill one set of columns, not 82;
 * where a person stood in several meetings of a form, one is chosen by a stated rule
 * (chooseMeeting), named beside its figures, and only its flags join the person's 标注.
 */
import type {
  RollupColumn,
  RollupExport,
  RollupMeeting,
  RollupPerson,
  RollupReviewCounts,
  RollupRiskCounts,
  RollupSource,
  RollupUnit,
} from '../contract/rollup';
import type { MeetingExport } from '../contract/meeting-export';
import type { WorkbookPerson } from '../contract/workbook-export';
import type { TransferContent } from '../contract/workbook-file';
import type { BallotForm } from '../domain/forms';
import type { MeetingStatus } from '../domain/meeting';
import { meetingBallots, tallyInputOf } from '../domain/meeting-state';
import type { CandidateOutcome, MeetingOutcome } from '../domain/outcome';
import type { MeetingRecord, RiskItem, WorkbookRecord } from '../domain/records';
import { isOverdue, liveRisks } from '../domain/risks';
import { zh } from '../messages/zh-CN';
import { meetingExportOf, workbookExportOf } from './export-payload';
import { outcomeOfExport } from './meeting-report';
import type { CountedMeeting, MeetingMarks } from './overview-report';
import { countedMeetings, meetingRatesText, personMarks } from './overview-report';

export interface RollupProgress {
  done: number;
  total: number;
}

type FilledColumn = RollupColumn & { key: string; pick: (candidate: CandidateOutcome) => number | null };

/** The columns a form fills, keyed so that meetings of the same form share them. */
function formColumns(form: BallotForm): FilledColumn[] {
  const group = form.name;
  if (form.kind === 'recommend') {
    return form.questions.flatMap((question, q) => {
      const post = form.questions.length > 1 ? question.label : '';
      const rule = form.rates.find((r) => r.questionId === question.id);
      return [
        {
          key: `${group}\u0000${post}\u0000votes`,
          group,
          header: `${post}${zh.export.votes}`,
          kind: 'count' as const,
          pick: (c: CandidateOutcome) => c.result.questions[q]?.counts[question.options[0]!.label] ?? null,
        },
        {
          key: `${group}\u0000${post}\u0000share`,
          group,
          header: `${post}${zh.export.voteShare}`,
          kind: 'rate' as const,
          pick: (c: CandidateOutcome) => (rule ? (c.rate(rule.id)?.value ?? null) : null),
        },
      ];
    });
  }
  const columns: FilledColumn[] = form.rates.map((rule) => ({
    key: `${group}\u0000${rule.name}`,
    group,
    header: rule.name,
    kind: 'rate' as const,
    pick: (c: CandidateOutcome) => c.rate(rule.id)?.value ?? null,
  }));
  if (form.scoring) {
    columns.push({ key: `${group}\u0000score`, group, header: zh.rollup.score, kind: 'score', pick: (c) => c.result.score?.value ?? null });
  }
  return columns;
}

const byText = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** What the rule looks at in a meeting: its status, whether it was confirmed, its date and when it was set up. */
export interface MeetingStanding {
  status: MeetingStatus;
  finalized: boolean;
  /** YYYY-MM-DD */
  date: string;
  /** Its place in the team's list (the order the meetings were set up). */
  order: number;
}

/**
 * Which of a person's meetings of one form gives their figures (zh.rollup.rule says it on the
 * sheet): a valid meeting whose results were confirmed, else a valid one, else any; among equals
 * the latest by date, then the one set up last. An unfinished or void meeting is chosen only when
 * none is valid, and then only to say why there are no figures: it never gives a rate.
 */
export function chooseMeeting<T extends MeetingStanding>(meetings: readonly T[]): T | null {
  const tier = (m: MeetingStanding) => (m.status === 'valid' ? (m.finalized ? 0 : 1) : 2);
  let best: T | null = null;
  for (const m of meetings) {
    if (best === null) {
      best = m;
      continue;
    }
    const better = tier(m) - tier(best) || byText(best.date, m.date) || best.order - m.order;
    if (better < 0) best = m;
  }
  return best;
}

const noReviews = (): RollupReviewCounts => ({ pass: 0, issue: 0, needsDecision: 0, disqualified: 0, incomplete: 0 });

function riskCounts(items: readonly RiskItem[], today: string): RollupRiskCounts {
  const live = liveRisks(items);
  return {
    total: live.length,
    closed: live.filter((i) => i.status === 'closed').length,
    inProgress: live.filter((i) => i.status === 'in-progress').length,
    open: live.filter((i) => i.status === 'open').length,
    overdue: live.filter((i) => isOverdue(i, today)).length,
  };
}

/** A meeting of a workbook, counted, with what the rule and the people rows need of it. */
interface Held {
  record: MeetingRecord;
  counted: CountedMeeting;
  /** Its place in the roll-up's `meetings`. */
  index: number;
  standing: MeetingStanding;
}

/**
 * Steps through the meetings (one yield each, for a progress bar), then returns the roll-up.
 * `buildRollup` runs it to the end in one go.
 */
export function* rollupSteps(content: TransferContent, options: { title: string; exportDate: string }): Generator<RollupProgress, RollupExport> {
  const ballotsByMeeting = groupBy(content.ballots, (b) => b.meetingId);
  const of = <T extends { workbookId: string }>(items: readonly T[]) => groupBy(items, (i) => i.workbookId);
  const [interviewsOf, reviewsOf, risksOf, conclusionsOf] = [of(content.interviews), of(content.reviews), of(content.risks), of(content.conclusions)] as const;
  const workbooks = [...content.workbooks].sort((a, b) => byText(a.township, b.township) || byText(a.unit, b.unit) || byText(a.teamName, b.teamName) || byText(a.id, b.id));
  // In the order each team set its meetings up: the numbering of the team's own 一览表 (1.民主测评大会 …).
  const meetingsOf = groupBy(
    [...content.meetings].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    (m) => m.workbookId,
  );

  // Columns in the order first met, so the usual forms come first. Names do not depend on a plan.
  const columns: FilledColumn[] = [];
  const columnIndex = new Map<string, number>();
  for (const workbook of workbooks) {
    for (const meeting of meetingsOf.get(workbook.id) ?? []) {
      for (const column of formColumns(meeting.form)) {
        if (columnIndex.has(column.key)) continue;
        columnIndex.set(column.key, columns.length);
        columns.push(column);
      }
    }
  }
  const groupOrder = new Map<string, number>();
  columns.forEach((c, i) => groupOrder.set(c.group, groupOrder.get(c.group) ?? i));

  const total = content.meetings.length;
  let done = 0;
  const people: RollupPerson[] = [];
  const units: RollupUnit[] = [];
  const meetings: RollupMeeting[] = [];
  for (const workbook of workbooks) {
    const records = meetingsOf.get(workbook.id) ?? [];
    const plan = content.plans.find((p) => p.workbookId === workbook.id) ?? null;
    // The people as the team's export gives them: the same reviews, interviews and judgements.
    const exported = workbookExportOf(workbook, [], options.exportDate, {
      plan,
      interviews: interviewsOf.get(workbook.id) ?? [],
      reviews: reviewsOf.get(workbook.id) ?? [],
      conclusions: conclusionsOf.get(workbook.id) ?? [],
      includeInterviewNotes: false,
    });
    // Each meeting as the team's export gives it, counted by the one MeetingOutcome; its ballots
    // are let go once counted, so that only one meeting's copy is held at a time.
    const inputs: MeetingExport[] = [];
    const outcomes: MeetingOutcome[] = [];
    for (const meeting of records) {
      const state = meetingBallots(meeting, ballotsByMeeting.get(meeting.id) ?? [], content.resolutions);
      const input = meetingExportOf(workbook, meeting, tallyInputOf(meeting, state.counted).ballots, state, plan);
      outcomes.push(outcomeOfExport(input));
      inputs.push({ ...input, ballots: [] });
      done++;
      yield { done, total };
    }
    const unitIndex = units.length;
    const held: Held[] = countedMeetings(inputs, outcomes).map((counted, k) => {
      const record = records[k]!;
      const standing = { status: counted.outcome.status, finalized: record.finalized !== null, date: counted.input.meetingDate, order: k };
      meetings.push({
        unit: unitIndex,
        label: counted.label,
        date: counted.input.meetingDate,
        form: counted.input.form.name,
        status: counted.outcome.wording,
        reasons: counted.outcome.statusReasons,
        finalized: standing.finalized,
        fingerprint: counted.outcome.fingerprint,
      });
      return { record, counted, index: meetings.length - 1, standing };
    });
    const rows = workbook.candidates.map((record, i) => personRow(workbook, record.id, exported.people[i]!, held, columns, columnIndex, groupOrder));
    for (const row of rows) people.push(row);
    const review = noReviews();
    for (const person of exported.people) {
      const status = person.review?.status ?? 'incomplete';
      review[status === 'needs-decision' ? 'needsDecision' : status]++;
    }
    units.push({
      township: workbook.township,
      unit: workbook.unit,
      team: workbook.teamName,
      people: workbook.candidates.length,
      meetings: held.length,
      finalized: held.filter((h) => h.standing.finalized).length,
      entered: held.reduce((sum, h) => sum + h.counted.outcome.result.meeting.entered, 0),
      returned: held.reduce((sum, h) => sum + h.record.counts.returned, 0),
      notValid: held.filter((h) => h.counted.outcome.status !== 'valid').length,
      warnedPeople: rows.filter((p) => p.marks.some((m) => m.level !== 'note')).length,
      seriousPeople: rows.filter((p) => p.marks.some((m) => m.level === 'serious')).length,
      review,
      risks: riskCounts(risksOf.get(workbook.id) ?? [], options.exportDate),
    });
  }
  return { title: options.title, exportDate: options.exportDate, columns: columns.map(({ group, header, kind }) => ({ group, header, kind })), units, meetings, people };
}

function personRow(
  workbook: WorkbookRecord,
  personId: string,
  person: WorkbookPerson,
  held: readonly Held[],
  columns: readonly FilledColumn[],
  columnIndex: ReadonlyMap<string, number>,
  groupOrder: ReadonlyMap<string, number>,
): RollupPerson {
  const values: (number | null)[] = new Array<number | null>(columns.length).fill(null);
  // The meetings the person stood in, by form.
  const mine = held.flatMap((h) => {
    const c = h.record.candidates.findIndex((candidate) => candidate.personId === personId);
    return c < 0 ? [] : [{ ...h, ...h.standing, candidate: c }];
  });
  const groups = [...new Set(mine.map((m) => m.counted.input.form.name))].sort((a, b) => (groupOrder.get(a) ?? 0) - (groupOrder.get(b) ?? 0));
  const sources: RollupSource[] = [];
  const standing: (MeetingMarks & { order: number })[] = [];
  for (const group of groups) {
    const chosen = chooseMeeting(mine.filter((m) => m.counted.input.form.name === group))!;
    const { outcome, input, label } = chosen.counted;
    if (!outcome.resultsStand) {
      sources.push({ group, meeting: chosen.index, rates: '' });
      continue;
    }
    const candidate = outcome.candidates[chosen.candidate]!;
    for (const column of formColumns(input.form)) values[columnIndex.get(column.key)!] = column.pick(candidate);
    sources.push({ group, meeting: chosen.index, rates: meetingRatesText(chosen.counted, chosen.candidate) });
    standing.push({ label, warnings: candidate.warnings, notes: candidate.notes, order: chosen.order });
  }
  // Marks in the team's meeting order, as its own 一览表 lists them; only the chosen meetings' count.
  const marks = personMarks(person, standing.sort((a, b) => a.order - b.order));
  // In the schema's order: the file's seal is over this object's JSON as `verify` reads it back.
  return { ...person, township: workbook.township, unit: workbook.unit, team: workbook.teamName, values, sources, marks };
}

export function buildRollup(content: TransferContent, options: { title: string; exportDate: string }): RollupExport {
  const steps = rollupSteps(content, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The figures of a unit that add up: everything but its names. */
export type RollupFigures = Omit<RollupUnit, 'township' | 'unit' | 'team'>;

function addFigures(into: RollupFigures, unit: RollupFigures): void {
  for (const key of ['people', 'meetings', 'finalized', 'entered', 'returned', 'notValid', 'warnedPeople', 'seriousPeople'] as const) into[key] += unit[key];
  for (const key of Object.keys(into.review) as (keyof RollupReviewCounts)[]) into.review[key] += unit.review[key];
  for (const key of Object.keys(into.risks) as (keyof RollupRiskCounts)[]) into.risks[key] += unit.risks[key];
}

const noFigures = (): RollupFigures => ({
  people: 0,
  meetings: 0,
  finalized: 0,
  entered: 0,
  returned: 0,
  notValid: 0,
  warnedPeople: 0,
  seriousPeople: 0,
  review: noReviews(),
  risks: { total: 0, closed: 0, inProgress: 0, open: 0, overdue: 0 },
});

/** Per township: the units' figures added up, in the order the units are listed. */
export function townshipTotals(units: readonly RollupUnit[]): (RollupFigures & { township: string; units: number })[] {
  const totals = new Map<string, RollupFigures & { township: string; units: number }>();
  for (const unit of units) {
    const total = totals.get(unit.township) ?? { township: unit.township, units: 0, ...noFigures() };
    total.units++;
    addFigures(total, unit);
    totals.set(unit.township, total);
  }
  return [...totals.values()];
}

/** Every unit's figures added up: the 合计 row. */
export function grandTotal(units: readonly RollupUnit[]): RollupFigures & { units: number } {
  const total = { units: units.length, ...noFigures() };
  for (const unit of units) addFigures(total, unit);
  return total;
}
