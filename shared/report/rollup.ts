/**
 * The district roll-up: every team's workbooks, merged, seen as one table. Each meeting is counted
 * exactly as its own results screen counts it (double entry settled, spellings merged); each person
 * gets one row with the figures of every meeting they stood in. Columns are shared by meetings of
 * the same form, so 82 teams using 民主测评（满意度） fill one set of columns, not 82.
 */
import type { RollupColumn, RollupExport, RollupPerson, RollupUnit } from '../contract/rollup';
import { underPlan } from '../domain/plan';
import type { PersonReview } from '../domain/review';
import { peopleReviews } from '../domain/review';
import type { TransferContent } from '../contract/workbook-file';
import type { MeetingRecord, WorkbookRecord } from '../domain/records';
import { personBasics } from '../domain/records';
import { zh } from '../messages/zh-CN';
import { ballotFingerprint } from '../domain/fingerprint';
import { meetingBallots, tallyInputOf } from '../domain/meeting-state';
import type { TallyResult } from '../domain/tally';
import { tally } from '../domain/tally';

export interface RollupProgress {
  done: number;
  total: number;
}

interface CountedMeeting {
  meeting: MeetingRecord;
  result: TallyResult;
  fingerprint: string;
}

type FilledColumn = RollupColumn & { key: string; pick: (result: TallyResult, candidate: number) => number | null };

/** The columns one meeting fills, keyed so that meetings of the same form share them. */
function meetingColumns(meeting: MeetingRecord): FilledColumn[] {
  const form = meeting.form;
  const group = form.name;
  const t = zh.rollup;
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
          pick: (result: TallyResult, c: number) => result.candidates[c]?.questions[q]?.counts[question.options[0]!.label] ?? null,
        },
        {
          key: `${group}\u0000${post}\u0000share`,
          group,
          header: `${post}${zh.export.voteShare}`,
          kind: 'rate' as const,
          pick: (result: TallyResult, c: number) => result.candidates[c]?.rates.find((r) => r.ruleId === rule?.id)?.value ?? null,
        },
      ];
    });
  }
  const columns: FilledColumn[] = form.rates.map((rule) => ({
    key: `${group}\u0000${rule.name}`,
    group,
    header: rule.name,
    kind: 'rate' as const,
    pick: (result: TallyResult, c: number) => result.candidates[c]?.rates.find((r) => r.ruleId === rule.id)?.value ?? null,
  }));
  if (form.scoring) {
    columns.push({
      key: `${group}\u0000score`,
      group,
      header: t.score,
      kind: 'score',
      pick: (result: TallyResult, c: number) => result.candidates[c]?.score?.value ?? null,
    });
  }
  return columns;
}

const byText = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

/**
 * Steps through the meetings (one yield each, for a progress bar), then returns the roll-up.
 * `buildRollup` runs it to the end in one go.
 */
export function* rollupSteps(content: TransferContent, options: { title: string; exportDate: string }): Generator<RollupProgress, RollupExport> {
  const ballotsByMeeting = new Map<string, TransferContent['ballots']>();
  for (const ballot of content.ballots) {
    const list = ballotsByMeeting.get(ballot.meetingId);
    if (list) list.push(ballot);
    else ballotsByMeeting.set(ballot.meetingId, [ballot]);
  }
  const workbooks = [...content.workbooks].sort((a, b) => byText(a.township, b.township) || byText(a.unit, b.unit) || byText(a.teamName, b.teamName) || byText(a.id, b.id));
  const meetingsOf = new Map<string, MeetingRecord[]>();
  for (const meeting of [...content.meetings].sort((a, b) => byText(a.date, b.date) || byText(a.createdAt, b.createdAt) || byText(a.id, b.id))) {
    const list = meetingsOf.get(meeting.workbookId);
    if (list) list.push(meeting);
    else meetingsOf.set(meeting.workbookId, [meeting]);
  }

  const total = content.meetings.length;
  let done = 0;
  const counted = new Map<string, CountedMeeting[]>();
  for (const workbook of workbooks) {
    const list: CountedMeeting[] = [];
    const plan = content.plans.find((p) => p.workbookId === workbook.id) ?? null;
    for (const stored of meetingsOf.get(workbook.id) ?? []) {
      // Judged by the team's own plan, as the team's screens and exports judge it.
      const meeting = underPlan(stored, plan);
      const rows = ballotsByMeeting.get(meeting.id) ?? [];
      const state = meetingBallots(meeting, rows, content.resolutions);
      const input = tallyInputOf(meeting, state.counted);
      list.push({ meeting, result: tally(input), fingerprint: ballotFingerprint(meeting.form, input.candidates, input.ballots) });
      done++;
      yield { done, total };
    }
    counted.set(workbook.id, list);
  }

  // Columns in the order first met, so the usual forms come first.
  const columns: (RollupColumn & { key: string })[] = [];
  const columnIndex = new Map<string, number>();
  for (const workbook of workbooks) {
    for (const { meeting } of counted.get(workbook.id) ?? []) {
      for (const column of meetingColumns(meeting)) {
        if (columnIndex.has(column.key)) continue;
        columnIndex.set(column.key, columns.length);
        columns.push({ key: column.key, group: column.group, header: column.header, kind: column.kind });
      }
    }
  }

  const people: RollupPerson[] = [];
  const units: RollupUnit[] = [];
  const fingerprints: RollupExport['fingerprints'] = [];
  for (const workbook of workbooks) {
    const meetings = counted.get(workbook.id) ?? [];
    const plan = content.plans.find((p) => p.workbookId === workbook.id) ?? null;
    const reviews = plan ? peopleReviews(plan, workbook.candidates, content.reviews.filter((r) => r.workbookId === workbook.id)) : null;
    const rows = personRows(workbook, meetings, columns.length, columnIndex, reviews);
    people.push(...rows);
    units.push({
      township: workbook.township,
      unit: workbook.unit,
      team: workbook.teamName,
      people: workbook.candidates.length,
      meetings: meetings.length,
      finalized: meetings.filter((m) => m.meeting.finalized).length,
      entered: meetings.reduce((sum, m) => sum + m.result.meeting.entered, 0),
      returned: meetings.reduce((sum, m) => sum + m.meeting.counts.returned, 0),
      notValid: meetings.filter((m) => m.result.status !== 'valid').length,
      flaggedPeople: rows.filter((p) => p.flags.length > 0).length,
      seriousPeople: rows.filter((p) => p.serious).length,
    });
    for (const { meeting, fingerprint } of meetings) fingerprints.push({ unit: workbook.township + workbook.unit, meeting: meeting.title, fingerprint });
  }
  return { title: options.title, exportDate: options.exportDate, columns: columns.map(({ key: _key, ...column }) => column), units, people, fingerprints };
}

function personRows(
  workbook: WorkbookRecord,
  meetings: readonly CountedMeeting[],
  width: number,
  columnIndex: ReadonlyMap<string, number>,
  reviews: ReadonlyMap<string, PersonReview> | null,
): RollupPerson[] {
  return workbook.candidates.map((person) => {
    const values: (number | null)[] = new Array<number | null>(width).fill(null);
    const review = reviews?.get(person.id);
    // A 不能 item of the joint review disqualifies the person: first among the warnings, and serious.
    const flags: string[] = review?.status === 'disqualified' ? [review.summary] : [];
    let serious = review?.status === 'disqualified';
    for (const { meeting, result } of meetings) {
      const c = meeting.candidates.findIndex((candidate) => candidate.personId === person.id);
      if (c < 0) continue;
      for (const column of meetingColumns(meeting)) {
        const value = column.pick(result, c);
        // Two meetings of the same form for one person: the later one stands (meetings are in date order).
        if (value !== null) values[columnIndex.get(column.key)!] = value;
      }
      for (const flag of result.candidates[c]?.flags ?? []) {
        flags.push(`${meeting.title}：${flag.message}`);
        if (flag.severity === 'serious') serious = true;
      }
    }
    return {
      township: workbook.township,
      unit: workbook.unit,
      team: workbook.teamName,
      ...personBasics(person),
      ...(review ? { review: { status: review.status, summary: review.summary } } : {}),
      values,
      flags,
      serious,
    };
  });
}

export function buildRollup(content: TransferContent, options: { title: string; exportDate: string }): RollupExport {
  const steps = rollupSteps(content, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Per township: the units' figures added up, in the order the units are listed. */
export function townshipTotals(units: readonly RollupUnit[]): (Omit<RollupUnit, 'unit' | 'team'> & { units: number })[] {
  const totals = new Map<string, Omit<RollupUnit, 'unit' | 'team'> & { units: number }>();
  for (const unit of units) {
    const total = totals.get(unit.township) ?? {
      township: unit.township,
      units: 0,
      people: 0,
      meetings: 0,
      finalized: 0,
      entered: 0,
      returned: 0,
      notValid: 0,
      flaggedPeople: 0,
      seriousPeople: 0,
    };
    total.units++;
    for (const key of ['people', 'meetings', 'finalized', 'entered', 'returned', 'notValid', 'flaggedPeople', 'seriousPeople'] as const) total[key] += unit[key];
    totals.set(unit.township, total);
  }
  return [...totals.values()];
}
