/**
 * A township opens an export and saves it again before printing it: verify must still find it
 * intact, and must still name the one count someone changed, and nothing else. The producers are
 * real: LibreOffice Calc (headless) and openpyxl; the files are the app's own exports (one
 * meeting, a whole workbook, a district roll-up) and files of earlier layouts (two in the 校验信息
 * sheet's first layout, a roll-up drawn before the report model), as users already hold them.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { workbookExportFromContent } from '../../shared/report/export-payload';
import { emptyContent, mergeContent } from '../../shared/domain/merge';
import { buildRollup } from '../../shared/report/rollup';
import { zh } from '../../shared/messages/zh-CN';
import { fixturePath } from '../../tests/support/examples';
import { resaveWithLibreOffice, resaveWithOpenpyxl } from '../../tests/support/resave';
import { teamContent } from '../../tests/support/team-files';
import { PAYLOAD_SHEET } from './export-payload';
import { buildRollupWorkbook } from './rollup-xlsx';
import { buildMeetingSummary } from './summary-xlsx';
import { verifyExport } from './verify-export';
import { buildWorkbookExport, meetingSheetPrefix } from './workbook-xlsx';

const work = mkdtempSync(path.join(tmpdir(), 'tally-resave-'));
const at = (...parts: string[]) => path.join(work, ...parts);

/** A team's work with names a township's fonts and programs find hard: beyond GB2312, and beyond the BMP. */
function teamWithRareNames(team: number, township: string): TransferContent {
  const content = teamContent({ team, township, people: 8, ballots: 150 });
  const rename = (list: { name: string }[]) => {
    list[1]!.name = '王䶮';
    list[2]!.name = '𠀾明';
  };
  rename(content.workbooks[0]!.candidates);
  for (const meeting of content.meetings) rename(meeting.candidates);
  return content;
}

interface Case {
  name: string;
  /** The count cell to change: the first whole number right of `rowLabel`, in `sheet`. */
  sheet: string;
  rowLabel: string;
  count?: { address: string; value: number };
}

const cases: Case[] = [
  { name: 'meeting', sheet: zh.export.evaluationSheet, rowLabel: '王䶮' },
  { name: 'workbook', sheet: meetingSheetPrefix(0) + zh.export.evaluationSheet, rowLabel: '𠀾明' },
  { name: 'rollup', sheet: zh.rollup.summarySheet, rowLabel: '第2村' },
  { name: 'layout1-meeting', sheet: zh.export.evaluationSheet, rowLabel: '王䶮' },
  { name: 'layout1-workbook', sheet: meetingSheetPrefix(0) + zh.export.evaluationSheet, rowLabel: '𠀾明' },
  // A roll-up drawn by hand, before the roll-up was on the report model (sheets version 2).
  { name: 'layout2-rollup', sheet: zh.rollup.summarySheet, rowLabel: '第2村' },
];

async function findCount(file: string, sheetName: string, rowLabel: string): Promise<{ address: string; value: number }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName} in ${file}`);
  let found: { address: string; value: number } | null = null;
  sheet.eachRow((row) => {
    let labelColumn = 0;
    row.eachCell((cell, column) => {
      if (found) return;
      if (cell.value === rowLabel) labelColumn = column;
      else if (labelColumn > 0 && column > labelColumn && typeof cell.value === 'number' && Number.isInteger(cell.value)) found = { address: cell.address, value: cell.value };
    });
  });
  if (!found) throw new Error(`no count beside ${rowLabel} in ${sheetName}`);
  return found;
}

/** How the check data came back: whether its sheet is still hidden, and each piece's value shape (column A from row 5). */
async function checkSheet(file: string): Promise<{ state: string | undefined; pieces: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(PAYLOAD_SHEET);
  const pieces: string[] = [];
  sheet?.eachRow((row, n) => {
    const value = row.getCell(1).value;
    if (n >= 5) pieces.push(typeof value === 'string' ? 'plain' : value && typeof value === 'object' && 'richText' in value ? 'rich' : typeof value);
  });
  return { state: sheet?.state, pieces };
}

const verifyFile = (file: string) => verifyExport(readFileSync(file), path.basename(file));

describe('an export saved again by another program', () => {
  beforeAll(async () => {
    const [one, two, three] = [teamWithRareNames(1, '大同镇'), teamWithRareNames(2, '大同镇'), teamWithRareNames(3, '清泉镇')];
    const workbook = workbookExportFromContent(one, one.workbooks[0]!.id, '2026-11-29')!;
    // A post that reads like a formula must stay text through every program.
    const meeting = { ...workbook.meetings[0]!, candidates: workbook.meetings[0]!.candidates.map((c, i) => (i === 0 ? { ...c, currentPost: '=SUM(A1)' } : c)) };
    writeFileSync(at('meeting.xlsx'), (await buildMeetingSummary(meeting)).buffer);
    writeFileSync(at('workbook.xlsx'), await buildWorkbookExport(workbook));
    const merged = [one, two, three].reduce((base, content) => mergeContent(base, content).content, emptyContent());
    writeFileSync(at('rollup.xlsx'), await buildRollupWorkbook(buildRollup(merged, { title: '某区2026年换届考察', exportDate: '2026-11-29' })));
    for (const name of ['layout1-meeting', 'layout1-workbook', 'layout2-rollup']) copyFileSync(fixturePath('verify', `${name}.xlsx`), at(`${name}.xlsx`));
    for (const c of cases) c.count = await findCount(at(`${c.name}.xlsx`), c.sheet, c.rowLabel);

    resaveWithOpenpyxl(
      cases.flatMap((c) => [
        { from: at(`${c.name}.xlsx`), to: at(`py-${c.name}.xlsx`) },
        { from: at(`${c.name}.xlsx`), to: at(`py-edited-${c.name}.xlsx`), set: [{ sheet: c.sheet, cell: c.count!.address, value: c.count!.value + 1 }] },
        { from: at(`${c.name}.xlsx`), to: at(`py-text-${c.name}.xlsx`), set: [{ sheet: c.sheet, cell: c.count!.address, value: String(c.count!.value) }] },
      ]),
    );
    // One LibreOffice run for everything: the exports as they are, and the ones openpyxl changed a count in.
    resaveWithLibreOffice(
      cases.flatMap((c) => [at(`${c.name}.xlsx`), at(`py-edited-${c.name}.xlsx`)]),
      at('lo'),
    );
  }, 240_000);

  const current = cases.filter((c) => !c.name.startsWith('layout'));
  const earlier = cases.filter((c) => c.name.startsWith('layout'));
  /** A file laid out by an earlier version: its data and ballots check out, and it says its cells could not be. */
  const expectEarlier = (report: Awaited<ReturnType<typeof verifyExport>>, name: string) => {
    expect(report.status, name).toBe('earlier');
    expect(report.messages, name).toEqual([zh.verify.earlierLayout]);
    // A roll-up holds no ballots: its meetings' fingerprints are cells of its 数据指纹 sheet.
    if (name.endsWith('rollup')) expect(report.kind, name).toBe('rollup');
    else expect(report.fingerprint, name).toMatch(/^sha256:/);
  };

  it('verifies each export as written, its data in more than one piece where it is long', async () => {
    for (const c of current) expect((await verifyFile(at(`${c.name}.xlsx`))).messages, c.name).toEqual([]);
    for (const c of earlier) expectEarlier(await verifyFile(at(`${c.name}.xlsx`)), c.name);
    // The joins between pieces are exercised, in both layouts.
    expect((await checkSheet(at('workbook.xlsx'))).pieces.length).toBeGreaterThan(2);
    expect((await checkSheet(at('layout1-workbook.xlsx'))).pieces.length).toBe(2);
  });

  it('verifies each export saved again by LibreOffice, its check data still hidden', async () => {
    for (const c of earlier) expectEarlier(await verifyFile(at('lo', `${c.name}.xlsx`)), c.name);
    for (const c of current) {
      const report = await verifyFile(at('lo', `${c.name}.xlsx`));
      expect(report.messages, c.name).toEqual([]);
      expect(report.status).toBe('intact');
      const stored = await checkSheet(at('lo', `${c.name}.xlsx`));
      expect(stored.state, c.name).toBe('hidden');
      // ASCII pieces stay plain strings. The first layout's come back as rich text, one run per script, and are read as such.
      if (!c.name.startsWith('layout1')) expect(new Set(stored.pieces), c.name).toEqual(new Set(['plain']));
    }
  });

  it('verifies each export saved again by openpyxl, its check data still hidden', async () => {
    for (const c of earlier) expectEarlier(await verifyFile(at(`py-${c.name}.xlsx`)), c.name);
    for (const c of current) {
      const report = await verifyFile(at(`py-${c.name}.xlsx`));
      expect(report.messages, c.name).toEqual([]);
      expect(report.status).toBe('intact');
      expect((await checkSheet(at(`py-${c.name}.xlsx`))).state, c.name).toBe('hidden');
    }
  });

  const expectOnlyTheCount = (report: Awaited<ReturnType<typeof verifyExport>>, c: Case, found: { kind: 'number' | 'text'; text: string }) => {
    const { address, value } = c.count!;
    expect(report.status, c.name).toBe('changed');
    expect(report.differences, c.name).toEqual([{ sheet: c.sheet, address, expected: String(value), found: found.text, expectedKind: 'number', foundKind: found.kind }]);
    expect(report.messages, c.name).toEqual([zh.verify.cellChanged(c.sheet, address, zh.verify.shownCell('number', String(value)), zh.verify.shownCell(found.kind, found.text))]);
  };

  it('names a count changed in openpyxl, by sheet and cell, and nothing else', async () => {
    for (const c of current) expectOnlyTheCount(await verifyFile(at(`py-edited-${c.name}.xlsx`)), c, { kind: 'number', text: String(c.count!.value + 1) });
    // An earlier layout cannot be rebuilt: an edited count there is never reported as intact.
    for (const c of earlier) expect((await verifyFile(at(`py-edited-${c.name}.xlsx`))).status, c.name).not.toBe('intact');
  });

  it('names a count changed and then saved by LibreOffice, by sheet and cell, and nothing else', async () => {
    for (const c of current) expectOnlyTheCount(await verifyFile(at('lo', `py-edited-${c.name}.xlsx`)), c, { kind: 'number', text: String(c.count!.value + 1) });
  });

  it('names a count typed over as text, saying both kinds', async () => {
    for (const c of current) {
      const report = await verifyFile(at(`py-text-${c.name}.xlsx`));
      expectOnlyTheCount(report, c, { kind: 'text', text: String(c.count!.value) });
      // As a clerk reads it: 应为数值 7，现为文本“7”.
      expect(report.messages[0]).toContain(`应为数值 ${c.count!.value}，现为文本“${c.count!.value}”`);
    }
  });
});
