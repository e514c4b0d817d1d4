/**
 * The district roll-up in one Excel file: 汇总情况, 考察对象情况一览表, 测评推荐比率 and 数据指纹,
 * as shared/report/rollup-report.ts words them and the kit draws them, then 校验信息 (hidden) so
 * that `verify` can rebuild and check every cell.
 */
import ExcelJS from 'exceljs';
import type { RollupExport } from '../../shared/contract/rollup';
import { rollupSheets } from '../../shared/report/rollup-report';
import { zh } from '../../shared/messages/zh-CN';
import { PAYLOAD_FORMAT, ROLLUP_SHEETS_VERSION, payloadText, sealOf, writePayloadSheet } from './export-payload';
import { safeFileName } from './summary-xlsx';
import { addReportSheet, finishWorkbook } from './xlsx-kit';

export function composeRollupWorkbook(input: RollupExport): ExcelJS.Workbook {
  const text = payloadText({ format: PAYLOAD_FORMAT, kind: 'rollup', input });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  for (const sheet of rollupSheets(input, sealOf(text))) addReportSheet(workbook, sheet);
  // The data the roll-up was made from, last and hidden, so that `verify` can rebuild it (export-payload.ts).
  writePayloadSheet(workbook, text, undefined, ROLLUP_SHEETS_VERSION);
  return workbook;
}

export async function buildRollupWorkbook(input: RollupExport): Promise<Buffer> {
  return finishWorkbook(composeRollupWorkbook(input));
}

export function rollupFileName(input: RollupExport): string {
  return safeFileName(`${input.title ? `${input.title}-` : ''}${zh.rollup.fileKind}-${input.exportDate}.xlsx`);
}
