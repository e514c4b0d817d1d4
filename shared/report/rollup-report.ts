/**
 * The district roll-up's printed sheets, from the RollupExport alone (so that `verify` rebuilds
 * them from the file's data): 汇总情况 (per township its progress, then its joint review and risks,
 * then per village or community), the district's 考察对象情况一览表 (the team 一览表's columns, with
 * 乡镇（街道）/村（社区）/考察组), its numbers beside it (测评推荐比率: per form the meeting the figures
 * come from, its status, the rates as numbers) and 数据指纹 (every meeting, its status and what its
 * figures rest on). The roll-up screen shows the same tables.
 */
import type { RollupExport, RollupMeeting, RollupPerson, RollupUnit } from '../contract/rollup';
import { formatDay } from '../format/date';
import { formatPercent, formatRate } from '../format/percent';
import { zh } from '../messages/zh-CN';
import type { ReportBlock, ReportCell, ReportColumn, ReportRow, ReportSheet, ReportTable, ReportValue } from './model';
import type { MeetingWords, PersonColumn } from './overview-report';
import { marksCell, notStandingText, personColumns } from './overview-report';
import type { RollupFigures } from './rollup';
import { grandTotal, townshipTotals } from './rollup';

const t = () => zh.rollup;

const townshipName = (name: string) => name || t().noTownship;

/** The seal and how to check the file: on every visible sheet, as on the team's, at body size (nothing here is under 10.5 pt). */
function sealBlock(seal: string): ReportBlock {
  return { kind: 'text', style: 'small', tone: 'muted', text: `${zh.report.sealLine(seal)}　${zh.report.verifyHint}` };
}

function heading(input: RollupExport): string[] {
  return [t().listHeading(input.title, formatDay(input.exportDate), input.people.length)];
}

// ---------------------------------------------------------------------------------------------
// The chosen meetings, in words

/** 1.民主测评大会 over 有效，已确认; or 2.民主测评大会 over 未录完：已录入 30 张，收回 60 张，还差 30 张. */
export function sourceText(meeting: RollupMeeting): string {
  const status = t().meetingStatus(meeting.status, meeting.finalized);
  return t().sourceText(meeting.label, status, meeting.status === 'valid' ? '' : meeting.reasons.join('；'));
}

/** 测评推荐情况 of one person: per form, the meeting chosen and its rates, or why it gives none. */
export function sourcesText(input: RollupExport, person: RollupPerson): string {
  return person.sources
    .map((source) => {
      const meeting = input.meetings[source.meeting]!;
      if (meeting.status !== 'valid') return t().noSourceRates(`${meeting.label}：${notStandingText(meeting.status, meeting.reasons)}`);
      return t().sourceLine(`${meeting.label}（${t().meetingStatus(meeting.status, meeting.finalized)}）`, source.rates);
    })
    .join('\n');
}

/** The 一览表's two meeting-dependent columns, from what the roll-up chose. */
function districtWords(input: RollupExport): MeetingWords<RollupPerson> {
  return { meetings: (p) => sourcesText(input, p), marks: (p) => marksCell(p.marks) };
}

const whereColumn: PersonColumn<RollupPerson> = {
  column: { header: zh.rollup.where, kind: 'text', maxChars: 6 },
  cell: (p) => [townshipName(p.township), p.unit, p.team].filter(Boolean).join('\n'),
};

// ---------------------------------------------------------------------------------------------
// 汇总情况

const count = (header: string, group?: string): ReportColumn => ({ header, kind: 'count', ...(group ? { group } : {}) });

function progressColumns(): ReportColumn[] {
  const r = t();
  return [r.people, r.meetings, r.finalized, r.entered, r.returned, r.notValid, r.flagged, r.serious].map((h) => count(h));
}

function progressCells(f: RollupFigures): number[] {
  return [f.people, f.meetings, f.finalized, f.entered, f.returned, f.notValid, f.warnedPeople, f.seriousPeople];
}

const REVIEW_KEYS = ['pass', 'issue', 'needsDecision', 'disqualified', 'incomplete'] as const;
const RISK_KEYS = ['total', 'closed', 'inProgress', 'open', 'overdue'] as const;

function reviewRiskCells(f: RollupFigures): number[] {
  return [f.people, ...REVIEW_KEYS.map((k) => f.review[k]), ...RISK_KEYS.map((k) => f.risks[k])];
}

/**
 * The 联审 and risk summary: people by the joint review's conclusion (通过 … 联审未完成) and risk
 * items by state (事项数 … 逾期); per township with the 合计, or with `byUnit` per village or community.
 */
export function reviewRiskTable(units: readonly RollupUnit[], options: { byUnit?: boolean } = {}): ReportTable {
  const r = t();
  const figures = [count(r.people), ...REVIEW_KEYS.map((k) => count(r.reviewCounts[k], r.reviewGroup)), ...RISK_KEYS.map((k) => count(r.riskCounts[k], r.riskGroup))];
  if (options.byUnit) {
    return {
      kind: 'table',
      columns: [{ header: r.township, kind: 'text', maxChars: 8 }, { header: r.unit, kind: 'text', maxChars: 8 }, ...figures],
      rows: units.map((unit) => ({ cells: [townshipName(unit.township), unit.unit, ...reviewRiskCells(unit)] })),
      keyColumns: 2,
    };
  }
  const rows: ReportRow[] = townshipTotals(units).map((total) => ({ cells: [townshipName(total.township), ...reviewRiskCells(total)] }));
  rows.push({ cells: [r.total, ...reviewRiskCells(grandTotal(units))], tone: 'strong' });
  return { kind: 'table', columns: [{ header: r.township, kind: 'text', maxChars: 8 }, ...figures], rows, keyColumns: 1 };
}

/** Per village or community: its team and progress. */
export function unitsTable(units: readonly RollupUnit[]): ReportTable {
  const r = t();
  return {
    kind: 'table',
    columns: [{ header: r.township, kind: 'text', maxChars: 8 }, { header: r.unit, kind: 'text', maxChars: 8 }, { header: r.team, kind: 'text', maxChars: 6 }, ...progressColumns()],
    rows: units.map((unit) => ({ cells: [townshipName(unit.township), unit.unit, unit.team, ...progressCells(unit)] })),
    keyColumns: 2,
  };
}

function summarySheet(input: RollupExport, seal: string): ReportSheet {
  const r = t();
  const byTownship: ReportTable = {
    kind: 'table',
    columns: [{ header: r.township, kind: 'text', maxChars: 8 }, count(r.units), ...progressColumns()],
    rows: [
      ...townshipTotals(input.units).map((total) => ({ cells: [townshipName(total.township), total.units, ...progressCells(total)] })),
      { cells: [r.total, input.units.length, ...progressCells(grandTotal(input.units))], tone: 'strong' as const },
    ],
    keyColumns: 1,
  };
  return {
    name: r.summarySheet,
    mode: 'document',
    title: input.title ? `${input.title}${r.summaryTitleAfter}` : r.summaryTitle,
    heading: [r.heading(formatDay(input.exportDate), input.units.length, input.people.length)],
    blocks: [
      { kind: 'text', style: 'heading', text: r.byTownship },
      byTownship,
      { kind: 'text', style: 'heading', text: r.byUnit },
      { ...unitsTable(input.units), emptyText: zh.ui.rollup.empty },
      { kind: 'notes', title: zh.overview.notesTitle, lines: [r.notes, r.marksRule, r.rule] },
      sealBlock(seal),
    ],
  };
}

/** 联审和风险情况: per township (and in total), then per village or community. */
function reviewSheet(input: RollupExport, seal: string): ReportSheet {
  const r = t();
  return {
    name: r.reviewSheet,
    mode: 'document',
    title: input.title ? `${input.title}${r.reviewTitle}` : r.reviewTitle,
    heading: [r.heading(formatDay(input.exportDate), input.units.length, input.people.length)],
    blocks: [
      { kind: 'text', style: 'heading', text: r.byTownship },
      reviewRiskTable(input.units),
      { kind: 'text', style: 'heading', text: r.byUnit },
      { ...reviewRiskTable(input.units, { byUnit: true }), emptyText: zh.ui.rollup.empty },
      { kind: 'notes', title: zh.overview.notesTitle, lines: [r.reviewRule] },
      sealBlock(seal),
    ],
    // Thirteen columns: across the page, every heading whole, rather than squeezed onto a portrait one.
    orientation: 'landscape',
  };
}

// ---------------------------------------------------------------------------------------------
// 考察对象情况一览表 and 测评推荐比率

function overviewSheet(input: RollupExport, seal: string): ReportSheet {
  // A district lists hundreds of people: of the team's judgement it takes the 综合意见 (the 德能勤绩廉
  // notes stay in each team's own 一览表), so that a page holds more than one person.
  const shown = { review: input.people.some((p) => p.review), interviews: input.people.some((p) => p.interviews), judgement: input.people.some((p) => p.conclusion) ? ('overall' as const) : false };
  const columns = personColumns(districtWords(input), shown, [whereColumn]);
  const o = zh.overview;
  return {
    name: o.sheet,
    mode: 'document',
    title: o.title,
    heading: heading(input),
    blocks: [
      { kind: 'table', columns: columns.map((c) => c.column), rows: input.people.map((person, i) => ({ cells: columns.map((c) => c.cell(person, i)) })), keyColumns: 2, emptyText: zh.ui.rollup.empty },
      { kind: 'notes', title: o.notesTitle, lines: [t().rule, o.notStandingRule, t().marksRule, t().listPointer(o.ratesSheet, t().fingerprintSheet), t().notes] },
      sealBlock(seal),
    ],
    keepWithLastRowsFrom: 1,
    // Eleven columns never fit a portrait page: laying a district's thousand people out that way too only to drop it costs memory.
    orientation: 'landscape',
  };
}

interface RatesColumn {
  column: ReportColumn;
  cell: (person: RollupPerson) => ReportValue | ReportCell;
}

/** Per form: the meeting chosen, then its figures as numbers (or why there are none). */
function figureColumns(input: RollupExport): RatesColumn[] {
  const o = zh.overview;
  const groups = [...new Set(input.columns.map((c) => c.group))];
  return groups.flatMap((group): RatesColumn[] => {
    const sourceOf = (p: RollupPerson) => p.sources.find((s) => s.group === group);
    const source: RatesColumn = {
      column: { header: t().source, group, kind: 'text', maxChars: 10 },
      cell: (p) => {
        const s = sourceOf(p);
        return s ? sourceText(input.meetings[s.meeting]!) : { value: null, instead: o.notInMeeting };
      },
    };
    const figures = input.columns.flatMap((column, k): RatesColumn[] =>
      column.group !== group
        ? []
        : [
            {
              column: { header: column.header, group, kind: column.kind },
              cell: (p) => {
                const s = sourceOf(p);
                if (!s) return { value: null, instead: o.notInMeeting };
                const meeting = input.meetings[s.meeting]!;
                if (meeting.status !== 'valid') return { value: null, instead: zh.export.statusShort[meeting.status] };
                const value = p.values[k] ?? null;
                if (value === null) return { value: null, instead: zh.report.withheld };
                return column.kind === 'rate' ? { value, display: formatRate(value) } : value;
              },
            },
          ],
    );
    return [source, ...figures];
  });
}

function interviewColumns(input: RollupExport): RatesColumn[] {
  const r = t();
  const out: RatesColumn[] = [];
  if (input.people.some((p) => p.review)) {
    out.push({ column: { header: r.reviewColumn, kind: 'text', maxChars: 6 }, cell: (p) => (p.review ? zh.review.statusName[p.review.status] : '') });
  }
  if (input.people.some((p) => p.interviews)) {
    const group = r.interviewsGroup;
    const of = (key: 'agree' | 'disagree' | 'other') => (p: RollupPerson) => p.interviews?.[key] ?? null;
    out.push(
      { column: { header: r.agree, group, kind: 'count' }, cell: of('agree') },
      { column: { header: r.disagree, group, kind: 'count' }, cell: of('disagree') },
      { column: { header: r.other, group, kind: 'count' }, cell: of('other') },
      {
        column: { header: r.approval, group, kind: 'rate' },
        cell: (p) => {
          const a = p.interviews?.approval;
          if (!p.interviews) return null;
          return a ? { value: a.numerator / a.denominator, display: formatPercent(a.numerator, a.denominator) } : { value: null, instead: zh.report.withheld };
        },
      },
    );
  }
  return out;
}

/**
 * The roll-up's numbers: 序号, 姓名, 乡镇（街道）, 村（社区）, 考察组, 拟任职务, per form the meeting chosen and
 * its figures, the joint review and the interviews; with `marks`, the 标注 too (the screen shows it).
 * `people`: the places in input.people of the rows to show, in order.
 */
export function ratesTable(input: RollupExport, people: readonly number[], options: { marks?: boolean } = {}): ReportTable {
  const r = t();
  const columns: RatesColumn[] = [
    { column: { header: r.township, kind: 'text', maxChars: 6 }, cell: (p) => townshipName(p.township) },
    { column: { header: r.unit, kind: 'text', maxChars: 6 }, cell: (p) => p.unit },
    { column: { header: r.team, kind: 'text', maxChars: 6 }, cell: (p) => p.team },
    { column: { header: zh.export.proposedPost, kind: 'text', maxChars: 6 }, cell: (p) => p.proposedPost },
    ...figureColumns(input),
    ...interviewColumns(input),
    ...(options.marks ? [{ column: { header: zh.overview.flags, kind: 'flags' as const, maxChars: 16 }, cell: (p: RollupPerson) => marksCell(p.marks) }] : []),
  ];
  return {
    kind: 'table',
    columns: [{ header: zh.export.index, kind: 'index' }, { header: zh.export.name, kind: 'name' }, ...columns.map((c) => c.column)],
    rows: people.map((i) => {
      const person = input.people[i]!;
      return { cells: [i + 1, person.name, ...columns.map((c) => c.cell(person))] };
    }),
    keyColumns: 2,
  };
}

function ratesSheet(input: RollupExport, seal: string): ReportSheet {
  const o = zh.overview;
  return {
    name: o.ratesSheet,
    mode: 'data',
    title: o.ratesTitle,
    heading: heading(input),
    blocks: [
      ratesTable(
        input,
        input.people.map((_, i) => i),
      ),
      { kind: 'text', tone: 'muted', text: o.ratesNote },
      { kind: 'text', tone: 'muted', text: t().rule },
      sealBlock(seal),
    ],
    keepWithLastRowsFrom: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// 数据指纹

function fingerprintSheet(input: RollupExport, seal: string): ReportSheet {
  const r = t();
  return {
    name: r.fingerprintSheet,
    mode: 'document',
    title: r.fingerprintTitle,
    heading: heading(input),
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: zh.export.index, kind: 'index' },
          { header: r.unit, kind: 'text', maxChars: 8 },
          { header: r.meeting, kind: 'text', maxChars: 8 },
          { header: r.date, kind: 'text', maxChars: 6 },
          { header: r.status, kind: 'text', maxChars: 10 },
          { header: r.fingerprint, kind: 'text', maxChars: 24 },
        ],
        rows: input.meetings.map((meeting, i) => {
          const unit = input.units[meeting.unit];
          const status = r.meetingStatus(meeting.status, meeting.finalized);
          return {
            cells: [
              i + 1,
              unit ? `${unit.township}${unit.unit}` : '',
              meeting.label,
              formatDay(meeting.date),
              meeting.status === 'valid' ? status : { value: `${status}：${meeting.reasons.join('；')}` },
              meeting.fingerprint,
            ],
          };
        }),
        keyColumns: 2,
        emptyText: zh.ui.rollup.empty,
      },
      { kind: 'notes', title: zh.overview.notesTitle, lines: [r.fingerprintNote] },
      sealBlock(seal),
    ],
    keepWithLastRowsFrom: 1,
  };
}

/** Every visible sheet of the roll-up file, in order. */
export function rollupSheets(input: RollupExport, seal: string): ReportSheet[] {
  return [summarySheet(input, seal), reviewSheet(input, seal), overviewSheet(input, seal), ratesSheet(input, seal), fingerprintSheet(input, seal)];
}
