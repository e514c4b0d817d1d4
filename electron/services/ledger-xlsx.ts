/**
 * The 联审台账 and 风险台账 in Excel, print-ready A4 like the other exports: what they say comes
 * from shared/report/ledger-report.ts; the kit draws them. Every text is a string cell.
 */
import ExcelJS from 'exceljs';
import type { LedgerExport } from '../../shared/contract/assessment-export';
import { reviewLedgerSheets, riskLedgerSheet } from '../../shared/report/ledger-report';
import { zh } from '../../shared/messages/zh-CN';
import { safeFileName } from './summary-xlsx';
import { addReportSheet, finishWorkbook } from './xlsx-kit';

export async function buildLedger(input: LedgerExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  for (const sheet of input.kind === 'review' ? reviewLedgerSheets(input) : [riskLedgerSheet(input)]) addReportSheet(workbook, sheet);
  return finishWorkbook(workbook);
}
export function ledgerFileName(input: LedgerExport): string {
  const kind = input.kind === 'review' ? zh.review.ledgerFileKind : zh.risks.ledgerFileKind;
  return safeFileName(`${input.township}${input.unit}-${kind}-${input.exportDate}.xlsx`);
}
