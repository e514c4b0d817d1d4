/**
 * The 考察对象情况一览表: one row per person, in about ten columns a clerk can read on A4 (basic
 * data, posts, what each meeting gave, the joint review, the interviews, the team's judgement and
 * every 标注), with a signature and seal line; and beside it the 测评推荐比率 sheet, the same rates as
 * numbers for sorting and checking. The person columns are defined here once and serve the team's
 * 一览表 and the district roll-up alike.
 */
import type { MeetingExport } from '../contract/meeting-export';
import type { WorkbookExport, WorkbookPerson } from '../contract/workbook-export';
import type { MeetingOutcome, OutcomeFlag } from '../domain/outcome';
import { formatDay } from '../format/date';
import { formatPercent } from '../format/percent';
import { zh } from '../messages/zh-CN';
import type { ReportBlock, ReportCell, ReportColumn, ReportRow, ReportSheet, ReportValue } from './model';
import { rateCell } from './meeting-report';

/** A meeting as the people tables see it: its number in the workbook, its title, and its outcome. */
export interface CountedMeeting {
  /** 1.民主测评大会 */
  label: string;
  input: MeetingExport;
  outcome: MeetingOutcome;
}

const o = () => zh.overview;

export function countedMeetings(meetings: readonly MeetingExport[], outcomes: readonly MeetingOutcome[]): CountedMeeting[] {
  return meetings.map((input, m) => ({ label: `${m + 1}.${input.meetingTitle}`, input, outcome: outcomes[m]! }));
}

/** 男，1980.05 / 中共党员，大专 / 工作单位: what the team filled in, on as many lines. */
export function basicsText(person: WorkbookPerson): string {
  const first = [person.gender, person.birthDate].filter(Boolean).join('，');
  const second = [person.politicalStatus, person.education].filter(Boolean).join('，');
  return [first, second, person.workUnit].filter(Boolean).join('\n');
}

/** Why a meeting's rates are not results, from its status and reasons: 无效：收回 12 张，多于发出的 11 张. */
export function notStandingText(status: MeetingOutcome['wording'], reasons: readonly string[]): string {
  return zh.report.notStanding(zh.export.statusShort[status], reasons.join('；'));
}

/** Why a meeting's rates are not results: 无效（收回 12 张，多于发出的 11 张）. */
export function notStanding(outcome: MeetingOutcome): string {
  return notStandingText(outcome.wording, outcome.statusReasons);
}

/**
 * The rates (or votes and 得票率) one standing meeting gave the candidate at `index`, in words:
 * 优秀率 40.00%，称职以上率 86.67%. The team's 一览表 and the district's say them alike.
 */
export function meetingRatesText(meeting: Pick<CountedMeeting, 'input' | 'outcome'>, index: number): string {
  const { outcome, input } = meeting;
  const candidate = outcome.candidates[index]!;
  const form = input.form;
  if (form.kind === 'recommend') {
    const parts = form.questions.map((question, q) => {
      const rule = form.rates.find((r) => r.questionId === question.id);
      const rate = rule ? candidate.rate(rule.id) : undefined;
      const votes = candidate.result.questions[q]?.counts[question.options[0]!.label] ?? 0;
      return o().votesText(form.questions.length > 1 ? question.label : '', votes, rate ? formatPercent(rate.numerator, rate.denominator) : zh.report.withheld);
    });
    return parts.join('；');
  }
  return candidate.result.rates.map((r) => `${r.name} ${formatPercent(r.numerator, r.denominator)}`).join('，');
}

/** What one meeting gave a person, in words: its rates, or why it has none. */
function meetingLine(meeting: CountedMeeting, name: string): string | null {
  const index = meeting.input.candidates.findIndex((c) => c.name === name);
  if (index < 0) return null;
  // The meeting by its number: the notes under the table name each one.
  const number = meeting.label.slice(0, meeting.label.indexOf('.') + 1);
  if (!meeting.outcome.resultsStand) return `${number}${notStanding(meeting.outcome)}，${o().noRates}`;
  return `${number}${meetingRatesText(meeting, index)}`;
}

export function meetingsText(meetings: readonly CountedMeeting[], name: string): string {
  return meetings.flatMap((m) => meetingLine(m, name) ?? []).join('\n');
}

/** One part of a person's 标注: serious and warning ask the reader to look (red); a note records a mark reached (过半, black). */
export interface PersonMark {
  text: string;
  level: 'serious' | 'warning' | 'note';
}

/** A meeting's flags on one person, as the 标注 lists them: 1.民主测评大会：提示：称职以上率 60.00% … */
export interface MeetingMarks {
  label: string;
  warnings: readonly OutcomeFlag[];
  notes: readonly OutcomeFlag[];
}

/**
 * The person's 标注: a disqualification first, then each meeting's warnings and notes, then the
 * interviews'. Only meetings whose results stand may be given: the others' flags are no results.
 */
export function personMarks(person: WorkbookPerson, meetings: readonly MeetingMarks[]): PersonMark[] {
  const marks: PersonMark[] = [];
  if (person.review?.status === 'disqualified') marks.push({ text: person.review.summary, level: 'serious' });
  for (const meeting of meetings) {
    for (const flag of meeting.warnings) marks.push({ text: `${meeting.label}：${flag.message}`, level: flag.severity === 'serious' ? 'serious' : 'warning' });
    for (const flag of meeting.notes) marks.push({ text: `${meeting.label}：${flag.message}`, level: 'note' });
  }
  for (const flag of person.interviews?.flags ?? []) marks.push({ text: flag, level: 'warning' });
  return marks;
}

/** The 标注 cell: red where any mark is a warning (serious or not), black where there are only notes. */
export function marksCell(marks: readonly PersonMark[]): ReportCell {
  const tone: ReportCell['tone'] = marks.some((m) => m.level === 'serious') ? 'serious' : marks.some((m) => m.level === 'warning') ? 'warning' : undefined;
  return { value: marks.map((m) => m.text).join('；'), ...(tone ? { tone } : {}) };
}

/** The person's 标注 from the team's meetings: every meeting they stood in whose results stand. */
export function personFlags(person: WorkbookPerson, meetings: readonly CountedMeeting[]): ReportCell {
  const standing = meetings.flatMap((meeting): MeetingMarks[] => {
    const index = meeting.input.candidates.findIndex((c) => c.name === person.name);
    if (index < 0 || !meeting.outcome.resultsStand) return [];
    const candidate = meeting.outcome.candidates[index]!;
    return [{ label: meeting.label, warnings: candidate.warnings, notes: candidate.notes }];
  });
  return marksCell(personMarks(person, standing));
}

/** 联审结论: red only where the review disqualifies or found a problem; what was recorded, in words. */
export function reviewCell(person: WorkbookPerson): ReportCell {
  if (!person.review) return { value: '' };
  const tone = person.review.status === 'disqualified' ? 'serious' : person.review.status === 'issue' || person.review.status === 'needs-decision' ? 'warning' : undefined;
  return { value: person.review.summary, ...(tone ? { tone } : {}) };
}

export function interviewsText(person: WorkbookPerson): string {
  const i = person.interviews;
  if (!i) return '';
  const approval = i.approval ? formatPercent(i.approval.numerator, i.approval.denominator) : zh.report.withheld;
  return o().interviewsText(i.held, i.agree, i.disagree, i.other, approval);
}

/** The team's judgement: 德、能、勤、绩、廉 and the 综合意见, or (where a page holds many people) the 综合意见 alone. */
export function judgementText(person: WorkbookPerson, overallOnly = false): string {
  const c = person.conclusion;
  if (!c) return '';
  const j = zh.judgement;
  if (overallOnly) return c.overall;
  const lines = (['de', 'neng', 'qin', 'ji', 'lian'] as const).filter((k) => c[k].trim() !== '').map((k) => `${j.dimensions[k]}：${c[k]}`);
  if (c.overall.trim() !== '') lines.push(`${j.overall}：${c.overall}`);
  return lines.join('\n');
}

/** The person columns of a 一览表, each with how a person fills it. */
export interface PersonColumn<P extends WorkbookPerson = WorkbookPerson> {
  column: ReportColumn;
  cell: (person: P, position: number) => ReportValue | ReportCell;
}

/**
 * What the meetings gave each person, for the two columns that depend on them: the team's from
 * its own meetings, the district's from the meeting chosen per form (shared/report/rollup.ts).
 */
export interface MeetingWords<P extends WorkbookPerson> {
  /** 测评推荐情况: one line per meeting. */
  meetings: (person: P) => string;
  /** 标注 */
  marks: (person: P) => ReportCell;
}

export function teamMeetingWords(meetings: readonly CountedMeeting[]): MeetingWords<WorkbookPerson> {
  return { meetings: (p) => meetingsText(meetings, p.name), marks: (p) => personFlags(p, meetings) };
}

/**
 * The columns of a 一览表: 序号, 姓名, then `where` (the district's 乡镇（街道）、村（社区）、考察组),
 * basic data, posts, the meetings, the joint review, the interviews, the team's judgement, 标注.
 */
export function personColumns<P extends WorkbookPerson>(
  words: MeetingWords<P>,
  shown: { review: boolean; interviews: boolean; judgement: boolean | 'overall' },
  where: readonly PersonColumn<P>[] = [],
): PersonColumn<P>[] {
  const t = o();
  const columns: PersonColumn<P>[] = [
    { column: { header: zh.export.index, kind: 'index' }, cell: (_p, i) => i + 1 },
    { column: { header: zh.export.name, kind: 'name' }, cell: (p) => p.name },
    ...where,
    { column: { header: t.basics, kind: 'text', maxChars: 8, minChars: 6.5 }, cell: basicsText },
    { column: { header: zh.export.currentPost, kind: 'text', maxChars: 6, minChars: 3 }, cell: (p) => p.currentPost },
    { column: { header: zh.export.proposedPost, kind: 'text', maxChars: 6, minChars: 3 }, cell: (p) => p.proposedPost },
    { column: { header: t.meetingsColumn, kind: 'text', maxChars: 18, minChars: 6 }, cell: (p) => words.meetings(p) },
  ];
  if (shown.review) columns.push({ column: { header: t.reviewConclusion, kind: 'text', maxChars: 10, minChars: 3 }, cell: reviewCell });
  if (shown.interviews) columns.push({ column: { header: t.interviews, kind: 'text', maxChars: 10, minChars: 4 }, cell: interviewsText });
  if (shown.judgement) {
    const overallOnly = shown.judgement === 'overall';
    columns.push({ column: { header: overallOnly ? t.judgementOverall : t.judgement, kind: 'text', maxChars: 16, minChars: 4 }, cell: (p) => judgementText(p, overallOnly) });
  }
  columns.push({ column: { header: t.flags, kind: 'flags', maxChars: 14, minChars: 4 }, cell: (p) => words.marks(p) });
  return columns;
}

/** The numbers behind the 测评推荐情况 column: per meeting its rates (and votes), its status in the heading. */
export function rateColumns(meetings: readonly CountedMeeting[]): { column: ReportColumn; cell: (name: string) => ReportValue | ReportCell }[] {
  return meetings.flatMap(({ label, input, outcome }) => {
    const group = `${label}（${zh.export.statusShort[outcome.wording]}）`;
    const of = (name: string) => {
      const index = input.candidates.findIndex((c) => c.name === name);
      return index < 0 ? null : outcome.candidates[index]!;
    };
    const reason = (name: string): ReportCell | null => (of(name) === null ? { value: null, instead: o().notInMeeting } : outcome.resultsStand ? null : { value: null, instead: zh.export.statusShort[outcome.wording] });
    if (input.form.kind === 'recommend') {
      return input.form.questions.flatMap((question, q) => {
        const post = input.form.questions.length > 1 ? question.label : '';
        const rule = input.form.rates.find((r) => r.questionId === question.id);
        return [
          { column: { header: `${post}${zh.export.votes}`, group, kind: 'count' as const }, cell: (name: string) => reason(name) ?? of(name)!.result.questions[q]?.counts[question.options[0]!.label] ?? 0 },
          { column: { header: `${post}${zh.export.voteShare}`, group, kind: 'rate' as const }, cell: (name: string) => reason(name) ?? rateCell(rule ? of(name)!.rate(rule.id) : undefined, true) },
        ];
      });
    }
    return input.form.rates.map((rule) => ({
      column: { header: rule.name, group, kind: 'rate' as const },
      cell: (name: string) => reason(name) ?? rateCell(of(name)!.rate(rule.id), true),
    }));
  });
}

function meetingNotes(meetings: readonly CountedMeeting[]): string[] {
  return meetings.map(({ label, input, outcome }) =>
    o().meetingLine(label, formatDay(input.meetingDate), input.form.name, outcome.resultsStand ? zh.export.statusShort.valid : notStanding(outcome)),
  );
}

export interface OverviewWords {
  heading: string[];
  seal: string;
}

/** The team's 一览表 (document) and its 测评推荐比率 sheet (data). */
export function overviewSheets(input: WorkbookExport, meetings: readonly CountedMeeting[], seal: string): ReportSheet[] {
  const t = o();
  const shown = { review: input.people.some((p) => p.review), interviews: input.people.some((p) => p.interviews), judgement: input.people.some((p) => p.conclusion) };
  const columns = personColumns(teamMeetingWords(meetings), shown);
  const rows: ReportRow[] = input.people.map((person, i) => ({ cells: columns.map((c) => c.cell(person, i)) }));
  const heading = [[zh.report.unit(input.township, input.unit), zh.report.team(input.teamName), zh.report.day(formatDay(input.exportDate))].join('　　')];
  const notes = [
    ...meetingNotes(meetings),
    t.notStandingRule,
    t.ratesPointer(t.ratesSheet),
    ...(input.interviewCoverage ? [input.interviewCoverage.lacking.length === 0 ? t.coverageComplete(input.interviewCoverage.total) : t.coverageLacking(input.interviewCoverage.total, input.interviewCoverage.lacking)] : []),
    ...(input.planStatement ?? []),
  ];
  const blocks: ReportBlock[] = [
    { kind: 'table', columns: columns.map((c) => c.column), rows, keyColumns: 2, emptyText: zh.ui.workbook.peopleSection },
    { kind: 'notes', title: t.notesTitle, lines: notes },
    { kind: 'signatures', roles: t.signatureRoles, date: true, seal: true },
    { kind: 'text', style: 'small', tone: 'muted', text: `${zh.report.sealLine(seal)}　${zh.report.verifyHint}` },
  ];
  const overview: ReportSheet = { name: t.sheet, mode: 'document', title: t.title, heading, blocks, keepWithLastRowsFrom: 2 };

  const rates = rateColumns(meetings);
  const ratesSheet: ReportSheet = {
    name: t.ratesSheet,
    mode: 'data',
    title: t.ratesTitle,
    heading,
    blocks: [
      {
        kind: 'table',
        columns: [{ header: zh.export.index, kind: 'index' }, { header: zh.export.name, kind: 'name' }, ...rates.map((r) => r.column)],
        rows: input.people.map((person, i) => ({ cells: [i + 1, person.name, ...rates.map((r) => r.cell(person.name))] })),
        keyColumns: 2,
      },
      { kind: 'text', style: 'small', tone: 'muted', text: t.ratesNote },
    ],
    keepWithLastRowsFrom: 1,
  };
  return [overview, ratesSheet];
}
