/**
 * The 资格联审台账 (a person × department matrix of conclusions, then every conclusion with its items,
 * decision and note) and the 风险排查台账 (every item, overdue ones in red, closed ones with their
 * date), as report sheets. Red marks only what asks for attention: a department's 存在问题, a person
 * disqualified, an item overdue; the 通过 around them stays black.
 */
import type { ReviewLedger, RiskLedger } from '../contract/assessment-export';
import { formatDay } from '../format/date';
import { zh } from '../messages/zh-CN';
import type { ReportCell, ReportColumn, ReportSheet } from './model';

function ledgerHeading(input: { township: string; unit: string; teamName: string; exportDate: string }): string[] {
  return [[zh.report.unit(input.township, input.unit), zh.report.team(input.teamName), zh.report.day(formatDay(input.exportDate))].join('　　')];
}

const signatures = { kind: 'signatures' as const, roles: ['考察组组长'], date: true };

export function reviewLedgerSheets(input: ReviewLedger): ReportSheet[] {
  const t = zh.review;
  const heading = ledgerHeading(input);
  const columns: ReportColumn[] = [
    { header: zh.export.index, kind: 'index' },
    { header: zh.export.name, kind: 'name' },
    { header: zh.export.proposedPost, kind: 'text', maxChars: 6 },
    ...input.departments.map((d): ReportColumn => ({ header: d, kind: 'text', maxChars: 4 })),
    { header: t.overall, kind: 'text', maxChars: 14 },
  ];
  const rows = input.people.map((person, p) => ({
    cells: [
      p + 1,
      person.name,
      person.proposedPost,
      ...input.departments.map((d): ReportCell => {
        const entry = person.entries.find((e) => e.department === d);
        if (!entry) return { value: t.empty };
        return { value: t.conclusion[entry.conclusion], ...(entry.conclusion === 'issue' ? { tone: 'warning' as const } : {}) };
      }),
      {
        value: person.summary,
        ...(person.status === 'disqualified' ? { tone: 'serious' as const } : person.status === 'issue' || person.status === 'needs-decision' ? { tone: 'warning' as const } : {}),
      },
    ],
  }));
  const matrix: ReportSheet = {
    name: t.ledgerMatrix,
    mode: 'document',
    title: t.ledgerTitle,
    heading,
    blocks: [
      { kind: 'table', columns, rows, keyColumns: 2, emptyText: t.noPeople },
      { kind: 'notes', title: zh.overview.notesTitle, lines: [t.ledgerLegend, ...input.planStatement] },
      signatures,
    ],
    keepWithLastRowsFrom: 2,
  };

  const detailColumns: ReportColumn[] = t.detailColumns.map((header, c) => ({
    header,
    kind: c === 0 ? 'index' : c === 1 ? 'name' : 'text',
    maxChars: c >= 7 ? 12 : 6,
  }));
  let n = 0;
  const detailRows = input.people.flatMap((person) =>
    input.departments
      .map((d) => person.entries.find((e) => e.department === d))
      .filter((e) => e !== undefined)
      .map((entry) => ({
        cells: [
          ++n,
          person.name,
          person.proposedPost,
          entry.department,
          { value: t.conclusion[entry.conclusion], ...(entry.conclusion === 'issue' ? { tone: 'warning' as const } : {}) },
          formatDay(entry.date),
          entry.responsible,
          { value: entry.hits.map((h) => t.hitText(h.kind, h.text, h.eventMonth, h.counts)).join('；'), ...(entry.hits.some((h) => h.kind === 'cannot' && h.counts) ? { tone: 'serious' as const } : {}) },
          entry.decision,
          entry.note,
        ],
      })),
  );
  const detail: ReportSheet = {
    name: t.ledgerDetail,
    mode: 'document',
    title: `${t.ledgerTitle}（${t.ledgerDetail}）`,
    heading,
    blocks: [{ kind: 'table', columns: detailColumns, rows: detailRows, keyColumns: 2, emptyText: t.noEntries }, signatures],
    keepWithLastRowsFrom: 1,
  };
  return [matrix, detail];
}

export function riskLedgerSheet(input: RiskLedger): ReportSheet {
  const t = zh.risks;
  const wide = new Set([2, 6, 10]);
  const columns: ReportColumn[] = t.ledgerColumns.map((header, c) => ({ header, kind: c === 0 ? 'index' : 'text', maxChars: wide.has(c) ? 10 : 6 }));
  const rows = input.items.map((item, i) => ({
    cells: [
      i + 1,
      item.type,
      item.description,
      formatDay(item.foundOn),
      item.leader,
      item.owner,
      item.measures,
      formatDay(item.deadline),
      item.overdue ? t.statusWithOverdue(t.statusName[item.status]) : t.statusName[item.status],
      item.closedOn ? formatDay(item.closedOn) : '',
      item.closeNote,
    ],
    ...(item.overdue ? { tone: 'warning' as const } : {}),
  }));
  const closed = input.items.filter((i) => i.status === 'closed').length;
  return {
    name: t.ledgerTitle,
    mode: 'document',
    title: t.ledgerTitle,
    heading: ledgerHeading(input),
    blocks: [
      { kind: 'table', columns, rows, keyColumns: 2, emptyText: t.none },
      { kind: 'notes', title: zh.overview.notesTitle, lines: [t.ledgerSummary(input.items.length, closed, input.items.filter((i) => i.overdue).length, formatDay(input.exportDate)), ...input.planStatement] },
      signatures,
    ],
    keepWithLastRowsFrom: 1,
  };
}
