/**
 * One meeting's printed sheets, from its MeetingOutcome: the 民主测评结果汇总表 (or 民主推荐得票情况
 * 统计表), the 计票结果报告单 and the 选票数据. Every column of every one of them is defined here,
 * once; the Excel writer and the PDF template lay out what this returns.
 */
import type { MeetingExport } from '../contract/meeting-export';
import { ballotsToGrid } from '../domain/ballot-grid';
import type { BallotForm, BallotQuestion } from '../domain/forms';
import { ABSTAIN_LABEL, VOID_LABEL } from '../domain/forms';
import type { CandidateOutcome, MeetingOutcome, OutcomeFlag } from '../domain/outcome';
import { classifyCandidates, meetingOutcome } from '../domain/outcome';
import type { RateResult } from '../domain/tally';
import { formatDay } from '../format/date';
import { formatPercent } from '../format/percent';
import { zh } from '../messages/zh-CN';
import type { ReportBlock, ReportCell, ReportColumn, ReportRow, ReportSheet, ReportTable, ReportValue, Tone } from './model';

export const BALLOT_DATA_SHEET = '选票数据';

/** The outcome of the meeting an export describes: the same call every output makes. */
export function outcomeOfExport(input: MeetingExport): MeetingOutcome {
  return meetingOutcome({
    form: input.form,
    candidates: input.candidates.map((c) => c.name),
    counts: input.counts,
    quorum: input.quorum,
    ballots: input.ballots,
    groups: input.groups ?? null,
  });
}

// ---------------------------------------------------------------------------------------------
// Cells

const withheld = (): ReportCell => ({ value: null, instead: zh.report.withheld });

/** A rate as a result: the exact quotient, printed as 66.67%; withheld when the meeting's results do not stand. */
export function rateCell(rate: Pick<RateResult, 'numerator' | 'denominator' | 'value'> | undefined | null, stands: boolean): ReportCell {
  if (!stands || !rate || rate.value === null) return withheld();
  return { value: rate.value, display: formatPercent(rate.numerator, rate.denominator) };
}

/**
 * The 标注 of a candidate: warnings first (red), notes (过半) in black. Short (提示：称职以上率) where
 * the sheet is narrow and states the thresholds beside the table; otherwise each with its rate.
 */
export function flagsCell(flags: readonly OutcomeFlag[], stands: boolean, short = false): ReportCell {
  if (!stands || flags.length === 0) return { value: '' };
  const tone: Tone = flags.some((f) => f.severity === 'serious') ? 'serious' : flags.some((f) => f.class === 'warning') ? 'warning' : 'note';
  return { value: short ? zh.shortFlags(flags) : flags.map((f) => f.message).join('；'), tone };
}

const allFlags = (c: CandidateOutcome) => [...c.warnings, ...c.notes];

// ---------------------------------------------------------------------------------------------
// Columns: each a heading and how a candidate fills it

export interface CandidateColumn {
  column: ReportColumn;
  cell: (candidate: CandidateOutcome, position: number) => ReportValue | ReportCell;
}

const indexColumn: CandidateColumn = { column: { header: zh.export.index, kind: 'index' }, cell: (_c, position) => position + 1 };
const nameColumn: CandidateColumn = { column: { header: zh.export.name, kind: 'name' }, cell: (c) => c.name };

function postColumns(input: MeetingExport): CandidateColumn[] {
  const post = (field: 'currentPost' | 'proposedPost') => (c: CandidateOutcome) => input.candidates.find((p) => p.name === c.name)?.[field] ?? '';
  return [
    { column: { header: zh.export.currentPost, kind: 'text', maxChars: 8 }, cell: post('currentPost') },
    { column: { header: zh.export.proposedPost, kind: 'text', maxChars: 8 }, cell: post('proposedPost') },
  ];
}

/** The count keys of a question: its options, then 弃权 (unless an option is so named), then 无效. */
function countKeysOf(outcome: MeetingOutcome, q: number): string[] {
  return Object.keys(outcome.result.candidates[0]?.questions[q]?.counts ?? {});
}

/** Option counts of one question: with shares, each option a group over 票数 and 占比. */
function countColumns(outcome: MeetingOutcome, q: number, shares: boolean): CandidateColumn[] {
  const valid = outcome.result.meeting.valid;
  const stands = outcome.resultsStand;
  return countKeysOf(outcome, q).flatMap((key): CandidateColumn[] => {
    const count = (c: CandidateOutcome) => c.result.questions[q]?.counts[key] ?? 0;
    const isOption = key !== ABSTAIN_LABEL && key !== VOID_LABEL;
    if (!shares || !isOption) return [{ column: { header: key, kind: 'count' }, cell: count }];
    return [
      { column: { header: zh.report.count, group: key, kind: 'count' }, cell: count },
      { column: { header: zh.report.share, group: key, kind: 'rate' }, cell: (c) => rateCell({ numerator: count(c), denominator: valid, value: valid > 0 ? count(c) / valid : null }, stands) },
    ];
  });
}

function rateColumns(form: BallotForm, outcome: MeetingOutcome, question: BallotQuestion | null): CandidateColumn[] {
  return form.rates
    .filter((rule) => question === null || rule.questionId === question.id)
    .map((rule) => ({ column: { header: rule.name, kind: 'rate' as const }, cell: (c: CandidateOutcome) => rateCell(c.rate(rule.id), outcome.resultsStand) }));
}

function flagsColumn(outcome: MeetingOutcome, rateNames: ReadonlySet<string> | null, short: boolean): CandidateColumn {
  return {
    column: { header: zh.export.flags, kind: 'flags' },
    cell: (c) => flagsCell(allFlags(c).filter((f) => rateNames === null || rateNames.has(f.rate)), outcome.resultsStand, short),
  };
}

function scoreColumn(outcome: MeetingOutcome): CandidateColumn {
  return {
    column: { header: zh.export.score, kind: 'score' },
    cell: (c) => {
      const score = c.result.score?.value;
      return outcome.resultsStand && score !== null && score !== undefined ? score : withheld();
    },
  };
}

/** 得票数, 得票率, 名次 of one post, grouped under the post's name where there are several. */
function postFigureColumns(form: BallotForm, outcome: MeetingOutcome, q: number): CandidateColumn[] {
  const question = form.questions[q]!;
  const group = form.questions.length > 1 ? question.label : undefined;
  const rule = form.rates.find((r) => r.questionId === question.id);
  const tick = question.options[0]!.label;
  const g = group === undefined ? {} : { group };
  return [
    { column: { header: zh.export.votes, kind: 'count', ...g }, cell: (c) => c.result.questions[q]?.counts[tick] ?? 0 },
    { column: { header: zh.export.voteShare, kind: 'rate', ...g }, cell: (c) => rateCell(rule ? c.rate(rule.id) : undefined, outcome.resultsStand) },
    { column: { header: zh.export.rank, kind: 'count', ...g }, cell: (c) => (outcome.resultsStand ? (c.result.ranks?.[q] ?? null) : withheld()) },
  ];
}

function tableOf(columns: CandidateColumn[], candidates: readonly CandidateOutcome[], extra: Partial<ReportTable> = {}): ReportTable {
  return {
    kind: 'table',
    columns: columns.map((c) => c.column),
    rows: candidates.map((candidate, position): ReportRow => ({ cells: columns.map((c) => c.cell(candidate, position)) })),
    keyColumns: 2,
    ...extra,
  };
}

/** The candidate tables of a meeting: one, or one per question on a form that asks several. */
function candidateTables(
  input: MeetingExport,
  outcome: MeetingOutcome,
  options: { shares: boolean; posts: boolean; shortFlags: boolean; order?: readonly number[] },
): ReportTable[] {
  const form = input.form;
  const isRecommend = form.kind === 'recommend';
  const posts = options.posts ? postColumns(input) : [];
  // In an order asked for (by votes on screen), 序号 stays each candidate's number on the list, so a row is found on the ballot.
  const asked = options.order;
  const index: CandidateColumn = asked ? { column: indexColumn.column, cell: (_c, position) => (asked[position] ?? position) + 1 } : indexColumn;
  const listed = asked ? asked.map((i) => outcome.candidates[i]!) : outcome.candidates;
  if (isRecommend) {
    const single = form.questions.length === 1;
    // A single post lists by rank (ties in list order); several posts have no one order: list order.
    const order = asked
      ? listed
      : [...outcome.candidates]
          .map((c, i) => ({ c, i }))
          .sort((a, b) => (single && outcome.resultsStand ? (a.c.result.rank ?? 0) - (b.c.result.rank ?? 0) : 0) || a.i - b.i)
          .map(({ c }) => c);
    const figures = form.questions.flatMap((_, q) => postFigureColumns(form, outcome, q));
    return [tableOf([index, nameColumn, ...posts, ...figures, flagsColumn(outcome, null, options.shortFlags)], order)];
  }
  if (form.questions.length === 1) {
    const columns = [index, nameColumn, ...posts, ...countColumns(outcome, 0, options.shares), ...rateColumns(form, outcome, null), ...(form.scoring ? [scoreColumn(outcome)] : []), flagsColumn(outcome, null, options.shortFlags)];
    return [tableOf(columns, listed)];
  }
  // Several questions (德、能、勤、绩、廉 and 总体评价): a block per question, each whole on its own.
  const blocks = form.questions.map((question, q) => {
    const rates = rateColumns(form, outcome, question);
    const names = new Set(form.rates.filter((r) => r.questionId === question.id).map((r) => r.name));
    return tableOf([index, nameColumn, ...countColumns(outcome, q, options.shares), ...rates, flagsColumn(outcome, names, options.shortFlags)], listed, { caption: zh.report.byQuestion(question.label) });
  });
  if (form.scoring) {
    const means: CandidateColumn[] = form.questions.map((question, q) => ({
      column: { header: zh.report.meanOf(question.label), kind: 'score' },
      cell: (c) => {
        const mean = c.result.score?.byQuestion[q];
        return outcome.resultsStand && mean !== null && mean !== undefined ? mean : withheld();
      },
    }));
    blocks.push(tableOf([index, nameColumn, ...means, scoreColumn(outcome)], listed, { caption: zh.report.scoreTitle }));
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Lines

export function meetingHeading(input: MeetingExport): string[] {
  const r = zh.report;
  return [[r.unit(input.township, input.unit), r.meeting(input.meetingTitle), r.day(formatDay(input.meetingDate)), r.team(input.teamName)].join('　　'), r.form(input.form.name)];
}

export function meetingFields(outcome: MeetingOutcome): ReportBlock {
  const m = outcome.result.meeting;
  const fields = (['expected', 'present', 'issued', 'returned', 'entered', 'valid', 'invalid'] as const).map((f) => ({ label: zh.meetingField[f], value: m[f] }));
  return {
    kind: 'fields',
    fields: [...fields, { label: zh.export.statusLabel, value: zh.export.statusShort[outcome.wording], ...(outcome.status === 'valid' ? {} : { tone: 'serious' as const }) }],
  };
}

function statusBanner(outcome: MeetingOutcome): ReportBlock | null {
  if (outcome.status === 'valid') return null;
  // More ballots entered than returned is an error to correct against the paper, not a count still under way.
  const text =
    outcome.wording === 'void'
      ? zh.report.voidBanner(outcome.statusReasons)
      : outcome.wording === 'over-entered'
        ? zh.report.overEnteredBanner(outcome.statusReasons)
        : zh.report.incompleteBanner(outcome.statusReasons);
  return { kind: 'text', text, tone: 'serious' };
}

/** How the ballots were entered and confirmed: double entry, and when results were confirmed. */
function countingStatements(input: MeetingExport): string[] {
  const lines: string[] = [];
  if (input.doubleEntry) lines.push(zh.export.doubleEntryLine(input.doubleEntry.differences, input.doubleEntry.reconciled, input.doubleEntry.waived));
  if (input.finalizedAt) lines.push(zh.export.finalizedLine(input.finalizedAt));
  return lines;
}

function recommendationNotes(input: MeetingExport, outcome: MeetingOutcome): string[] {
  const form = input.form;
  const notes: string[] = [];
  if (form.questions.length > 1 && outcome.result.voidPosts.some((n) => n > 0)) {
    notes.push(zh.export.voidPostsLine(outcome.result.voidPosts.flatMap((n, q) => (n > 0 ? [`${form.questions[q]?.label ?? ''} ${n} 张`] : []))));
  }
  if (outcome.resultsStand) {
    for (const hint of outcome.result.secondRound) {
      if (hint.needed) notes.push(zh.cli.secondRoundNeeded(form.questions.length > 1 ? (form.questions[hint.question]?.label ?? '') : ''));
    }
  }
  return notes;
}

function writeInTable(input: MeetingExport, outcome: MeetingOutcome): ReportTable {
  const multi = input.form.questions.length > 1;
  const returned = outcome.result.meeting.returned;
  const columns: ReportColumn[] = [
    { header: zh.export.index, kind: 'index' },
    { header: zh.export.name, kind: 'name' },
    ...(multi ? [{ header: zh.export.post, kind: 'text' as const }] : []),
    { header: zh.export.votes, kind: 'count' },
    { header: zh.export.voteShare, kind: 'rate' },
  ];
  return {
    kind: 'table',
    caption: zh.export.writeInsTitle,
    emptyText: zh.export.noWriteIns,
    columns,
    rows: outcome.result.writeIns.map((w, i) => ({
      cells: [
        i + 1,
        w.name,
        ...(multi ? [input.form.questions[w.question]?.label ?? ''] : []),
        w.votes,
        rateCell({ numerator: w.votes, denominator: returned, value: returned > 0 ? w.votes / returned : null }, outcome.resultsStand),
      ],
    })),
    keyColumns: 2,
  };
}

/**
 * The tables of the 计票结果 screen: those of the signed 计票结果报告单, each 标注 in full (the screen
 * has the room the paper lacks), in the order asked: candidate indexes of the list, or the list's own.
 */
export function resultScreenTables(input: MeetingExport, outcome: MeetingOutcome, order?: readonly number[]): ReportTable[] {
  return candidateTables(input, outcome, { shares: false, posts: false, shortFlags: false, ...(order ? { order } : {}) });
}

/** Per-group tables (党员, 群众 …), each captioned with its counts, then the weighted one. */
export function groupTables(input: MeetingExport, outcome: MeetingOutcome): ReportTable[] {
  const grouped = outcome.grouped;
  if (!grouped) return [];
  const form = input.form;
  const blocks: ReportTable[] = [];
  for (const { group, result } of grouped.groups) {
    // The group's figures stand or fall with the meeting's.
    const judged: MeetingOutcome = { ...outcome, result, grouped: null, candidates: classifyCandidates(form, result) };
    const counts = form.kind === 'recommend' || form.questions.length > 1 ? [] : countColumns(judged, 0, false);
    const figures = form.kind === 'recommend' ? form.questions.flatMap((_, q) => postFigureColumns(form, judged, q).slice(0, 2)) : rateColumns(form, judged, null);
    blocks.push(tableOf([indexColumn, nameColumn, ...counts, ...figures], judged.candidates, { caption: zh.export.groupTitle(group.label, result.meeting.entered, result.meeting.valid) }));
  }
  if (grouped.weighted) {
    const names = form.rates.map((r) => r.name);
    blocks.push({
      kind: 'table',
      caption: zh.export.weightedTitle,
      columns: [{ header: zh.export.index, kind: 'index' }, { header: zh.export.name, kind: 'name' }, ...names.map((n) => ({ header: zh.export.weightedRate(n), kind: 'rate' as const })), { header: zh.export.flags, kind: 'flags' }],
      rows: grouped.weighted.map((entry, i) => {
        const flags = entry.rates.flatMap((r) => (r.flagged ? [r.flagged] : []));
        const tone: Tone = flags.some((f) => f.severity === 'serious') ? 'serious' : flags.some((f) => f.severity !== 'info') ? 'warning' : 'note';
        return {
          cells: [
            i + 1,
            entry.candidate,
            ...entry.rates.map((r): ReportCell => (outcome.resultsStand && r.value !== null ? { value: r.value, display: `${(r.value * 100).toFixed(2)}%` } : withheld())),
            outcome.resultsStand && flags.length > 0 ? { value: flags.map((f) => f.message).join('；'), tone } : '',
          ],
        };
      }),
      keyColumns: 2,
    });
  }
  return blocks;
}

/** The fingerprint and seal that tie the paper to the file, and how to check them, in plain words. */
function footnotes(input: MeetingExport, outcome: MeetingOutcome, seal: string | null, withSource: boolean): ReportBlock[] {
  const r = zh.report;
  return [
    // One line each: a hash does not break, so two on a line would take three lines.
    { kind: 'text', style: 'small', tone: 'muted', text: r.fingerprintLine(outcome.fingerprint) },
    ...(seal ? [{ kind: 'text' as const, style: 'small' as const, tone: 'muted' as const, text: r.sealLine(seal) }] : []),
    { kind: 'text', style: 'small', tone: 'muted', text: `${withSource ? r.generatedBy(input.teamName) : ''}${r.verifyHint}` },
  ];
}

/** The 口径说明 of the meeting: the form's rules, groups, the plan, and how the ballots were counted. */
export function basisLines(input: MeetingExport, outcome: MeetingOutcome): string[] {
  const lines = [...outcome.basis];
  if (input.form.kind !== 'recommend') lines.splice(2, 0, zh.basis.optionShare);
  return [...lines, ...(input.planStatement ?? []), ...countingStatements(input)];
}

// ---------------------------------------------------------------------------------------------
// The sheets

export function summarySheet(input: MeetingExport, outcome: MeetingOutcome, seal: string, sheetName: string): ReportSheet {
  const isRecommend = input.form.kind === 'recommend';
  const multi = input.form.questions.length > 1 && !isRecommend;
  const blocks: ReportBlock[] = [];
  const banner = statusBanner(outcome);
  if (banner) blocks.push(banner);
  blocks.push(meetingFields(outcome));
  blocks.push(...candidateTables(input, outcome, { shares: true, posts: !multi, shortFlags: false }));
  if (isRecommend) {
    blocks.push(writeInTable(input, outcome));
    for (const note of recommendationNotes(input, outcome)) blocks.push({ kind: 'text', text: note, tone: 'strong' });
  }
  if (input.chartPng) blocks.push({ kind: 'image', title: zh.export.chartTitle, png: input.chartPng, widthPx: 900, heightPx: 480 });
  blocks.push(...groupTables(input, outcome));
  blocks.push({ kind: 'notes', title: zh.basis.title, lines: basisLines(input, outcome) });
  blocks.push(...footnotes(input, outcome, seal, true));
  return { name: sheetName, mode: 'document', title: isRecommend ? zh.export.recommendTitle : zh.export.evaluationTitle, heading: meetingHeading(input), blocks };
}

/**
 * The 计票结果报告单: what the 唱票人, 计票人, 监票人 and the team leader sign. The fingerprint ties
 * the paper to the ballots; the seal (in an Excel file) to the file itself.
 */
export function resultSheet(input: MeetingExport, outcome: MeetingOutcome, seal: string | null, sheetName: string): ReportSheet {
  const isRecommend = input.form.kind === 'recommend';
  const blocks: ReportBlock[] = [meetingFields(outcome), ...candidateTables(input, outcome, { shares: false, posts: false, shortFlags: true })];
  if (isRecommend && outcome.result.writeIns.length > 0) {
    const multi = input.form.questions.length > 1;
    blocks.push({ kind: 'text', text: zh.export.writeInsLine(outcome.result.writeIns.map((w) => `${multi ? `${input.form.questions[w.question]?.label ?? ''}：` : ''}${w.name} ${w.votes} 票`)) });
  }
  for (const note of isRecommend ? recommendationNotes(input, outcome) : []) blocks.push({ kind: 'text', text: note, tone: 'strong' });
  const rules = input.form.rates.flatMap((r) => (r.flag ? [zh.basis.flagRule(r.name, r.flag.comparison, r.flag.threshold, r.flag.severity)] : []));
  if (rules.length > 0) blocks.push({ kind: 'text', text: zh.report.flagBasis(rules) });
  const tail = blocks.length;
  blocks.push({
    kind: 'text',
    text: zh.export.declaration({ meeting: outcome.result.meeting, status: outcome.status, reasons: outcome.statusReasons }, input.quorum),
    ...(outcome.status === 'valid' ? {} : { tone: 'serious' as const }),
  });
  for (const line of countingStatements(input)) blocks.push({ kind: 'text', text: line });
  blocks.push({ kind: 'signatures', roles: zh.report.roles, date: true });
  blocks.push(...footnotes(input, outcome, seal, false));
  return { name: sheetName, mode: 'document', title: zh.export.reportTitle, heading: meetingHeading(input), blocks, keepWithLastRowsFrom: tail };
}

/** 选票数据: one row per ballot in the import layout (row 1 the header), nothing that links a ballot to a person. */
export function ballotDataSheet(input: MeetingExport, outcome: MeetingOutcome, sheetName: string): ReportSheet {
  const grid = ballotsToGrid(input.form, input.candidates.map((c) => c.name), input.ballots, input.groups ?? null);
  const [header = [], ...rows] = grid;
  const columns: ReportColumn[] = header.map((h, i) => ({ header: String(h), kind: i === 0 ? 'index' : i === header.length - 1 ? 'text' : 'name', ...(i === header.length - 1 ? { maxChars: 10 } : {}) }));
  return {
    name: sheetName,
    mode: 'data',
    title: '',
    heading: [],
    blocks: [
      // Every mark, name and reason is text: nothing typed on a ballot can become a formula.
      { kind: 'table', columns, rows: rows.map((cells) => ({ cells: cells.map((v, i) => (i === 0 ? v : String(v))) })), keyColumns: 1, headerWhenEmpty: true },
      { kind: 'text', style: 'small', tone: 'muted', text: zh.report.fingerprintLine(outcome.fingerprint) },
    ],
    keepWithLastRowsFrom: 1,
  };
}
