/**
 * The audit log (操作日志) as an Excel file: every entry with its chain hash, and the result of
 * checking the chain, laid out and drawn like every other export (a data sheet: one plain table,
 * its heading repeated by the spreadsheet on every page).
 */
import ExcelJS from 'exceljs';
import type { AuditExport } from '../../shared/contract/audit-export';
import type { ReportColumn, ReportSheet } from '../../shared/report/model';
import { zh } from '../../shared/messages/zh-CN';
import { addReportSheet, finishWorkbook } from './xlsx-kit';

export function auditSheet(input: AuditExport): ReportSheet {
  const t = zh.auditExport;
  const columns: ReportColumn[] = [
    { header: t.seq, kind: 'index' },
    { header: t.at, kind: 'text', maxChars: 10 },
    { header: t.unit, kind: 'text', maxChars: 8 },
    { header: t.meeting, kind: 'text', maxChars: 8 },
    { header: t.action, kind: 'text', maxChars: 6 },
    { header: t.detail, kind: 'text', maxChars: 18 },
    { header: t.device, kind: 'text', maxChars: 6 },
    { header: t.hash, kind: 'text', maxChars: 18 },
  ];
  const intact = input.problems.length === 0;
  return {
    name: t.sheet,
    mode: 'data',
    orientation: 'landscape',
    title: `${t.title}（${input.scope}）`,
    heading: [],
    blocks: [
      { kind: 'text', text: intact ? t.intact(input.entries.length) : `${t.broken}${input.problems.join('；')}`, tone: intact ? 'strong' : 'serious' },
      { kind: 'table', columns, rows: input.entries.map((e) => ({ cells: [e.seq, e.at, e.unit, e.meeting, e.action, e.detail, e.deviceId, e.hash] })), keyColumns: 1 },
    ],
  };
}

export async function buildAuditWorkbook(input: AuditExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  addReportSheet(workbook, auditSheet(input));
  return finishWorkbook(workbook);
}
