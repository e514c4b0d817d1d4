/** The audit log (操作日志) as an Excel file: every entry with its chain hash, and the check result. */
import ExcelJS from 'exceljs';
import type { AuditExport } from '../../shared/contract/audit-export';
import { columnWidthFor } from '../../shared/format/width';
import { zh } from '../../shared/messages/zh-CN';

export async function buildAuditWorkbook(input: AuditExport): Promise<Buffer> {
  const t = zh.auditExport;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  const sheet = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 3 }] });
  const headers = [t.seq, t.at, t.unit, t.meeting, t.action, t.detail, t.device, t.hash];
  sheet.mergeCells(1, 1, 1, headers.length);
  const title = sheet.getCell(1, 1);
  title.value = `${t.title}（${input.scope}）`;
  title.font = { name: '黑体', size: 16 };
  sheet.mergeCells(2, 1, 2, headers.length);
  const status = sheet.getCell(2, 1);
  status.value = input.problems.length === 0 ? t.intact(input.entries.length) : `${t.broken}${input.problems.join('；')}`;
  status.font = { name: '宋体', size: 11, bold: true, color: { argb: input.problems.length === 0 ? 'FF1E6B36' : 'FFC00000' } };
  status.alignment = { wrapText: true, vertical: 'middle' };
  sheet.getRow(2).height = input.problems.length === 0 ? 18 : 36;
  headers.forEach((header, c) => {
    const cell = sheet.getCell(3, c + 1);
    cell.value = header;
    cell.font = { name: '宋体', size: 11, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  input.entries.forEach((entry, i) => {
    const values = [entry.seq, entry.at, entry.unit, entry.meeting, entry.action, entry.detail, entry.deviceId, entry.hash];
    values.forEach((value, c) => {
      const cell = sheet.getCell(4 + i, c + 1);
      cell.value = value;
      cell.font = { name: '宋体', size: 10 };
    });
  });
  const columns = headers.map((header, c) =>
    columnWidthFor([header, ...input.entries.slice(0, 500).map((e) => String([e.seq, e.at, e.unit, e.meeting, e.action, e.detail, e.deviceId, e.hash][c]))], { min: 6, max: 48 }),
  );
  columns.forEach((width, c) => (sheet.getColumn(c + 1).width = width));
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' };
  sheet.headerFooter = { oddFooter: zh.export.pageFooter };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
