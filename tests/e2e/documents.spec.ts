/** Documents in the app: an exported file checked in the app (核验), untouched and then edited. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { zh } from '../../shared/messages/zh-CN';
import { ballotRows, craftXlsx, sheetDataOf } from '../support/craft-xlsx';
import { loadExamples } from '../support/examples';
import { readXlsxIndependently } from '../support/xlsx-independent';
import { chooseOption, createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir } from './support';

test.afterEach(stopAllHosts);

test('an exported summary verifies in the app, and an edited copy names the edited cell', async () => {
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await createWorkbookThroughUi(page, { unit: '红星村', people: [{ name: '张明' }, { name: '王䶮' }] });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 3, present: 3, issued: 3, returned: 3 } });
  for (const key of ['Digit1', 'Digit2', 'Digit1', 'Digit1', 'Digit3', 'Digit4']) await page.keyboard.press(key);
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(3, 3));
  await page.keyboard.press('F8');
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = path.join(tempDir('tally-e2e-download-'), 'summary.xlsx');
  await (await download).saveAs(file);
  // The rate bars: drawn on the results page, and placed in the summary as a picture.
  const drawn = await page.getByTestId('rate-chart').evaluate((canvas: HTMLCanvasElement) => {
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3]! > 0 && pixels[i]! > 120 && pixels[i + 1]! < 80) coloured++;
    return coloured;
  });
  expect(drawn).toBeGreaterThan(100);
  expect(execFileSync('unzip', ['-l', file], { encoding: 'utf8' })).toMatch(/xl\/media\/image\d+\.png/);

  await page.getByRole('link', { name: zh.ui.verify.title }).click();
  await page.getByTestId('verify-file').setInputFiles(file);
  await expect(page.getByTestId('verify-report')).toHaveAttribute('data-status', 'intact');

  // The whole workbook, from its page: 一览表 first, and it verifies too.
  await page.getByRole('link', { name: zh.ui.home.title }).first().click();
  await page.getByTestId('workbook-link').first().click();
  const whole = page.waitForEvent('download');
  await page.getByTestId('export-workbook').click();
  const wholeFile = path.join(tempDir('tally-e2e-download-'), 'workbook.xlsx');
  await (await whole).saveAs(wholeFile);
  expect(readXlsxIndependently(wholeFile)[0]!.title).toBe(zh.overview.sheet);
  await page.getByRole('link', { name: zh.ui.verify.title }).click();
  await page.getByTestId('verify-file').setInputFiles(wholeFile);
  await expect(page.getByTestId('verify-report')).toHaveAttribute('data-status', 'intact');

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(zh.export.evaluationSheet)!;
  let address = '';
  sheet.eachRow((row) => row.eachCell((cell) => void (!address && cell.value === '王䶮' ? (address = cell.address) : undefined)));
  sheet.getCell(address).value = '王艳';
  const edited = path.join(tempDir('tally-e2e-edited-'), 'edited.xlsx');
  await workbook.xlsx.writeFile(edited);
  await page.getByTestId('verify-file').setInputFiles(edited);
  await expect(page.getByTestId('verify-report')).toHaveAttribute('data-status', 'changed');
  await expect(page.getByTestId('verify-report')).toContainText(zh.verify.cellChanged(zh.export.evaluationSheet, address, zh.verify.shownCell('text', '王䶮'), zh.verify.shownCell('text', '王艳')));
  await context.close();
});

/** Writes a file with Debian's python3-openpyxl (another producer than the app) or in GB18030. */
function writeWithPython(file: string, rows: string[][], as: 'xlsx' | 'gb18030-csv'): void {
  const script =
    as === 'xlsx'
      ? 'import json,sys,openpyxl\nwb=openpyxl.Workbook()\nws=wb.active\nfor r in json.load(sys.stdin): ws.append(r)\nwb.save(sys.argv[1])'
      : 'import json,sys\nrows=json.load(sys.stdin)\nopen(sys.argv[1],"w",encoding="gb18030",newline="").write("\\r\\n".join(",".join(r) for r in rows)+"\\r\\n")';
  execFileSync('/usr/bin/python3', ['-c', script, file], { input: JSON.stringify(rows) });
}

test('a candidate list is previewed with its problems, then imported; names outside the BMP reach the PDF', async () => {
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  const files = tempDir('tally-e2e-lists-');
  await page.goto(await host.launchUrl());
  await page.getByRole('heading', { name: zh.ui.home.title }).waitFor();
  await page.keyboard.press('n');
  await page.getByLabel(zh.ui.workbook.unit, { exact: true }).fill('红星村');
  await page.getByTestId('open-candidate-import').click();

  // A bad list (GB18030 CSV, as Excel on Chinese Windows saves it) is refused in the preview, problems located.
  const bad = path.join(files, '坏名单.csv');
  writeWithPython(bad, [['姓名', '性别', '出生年月'], ['张明', '男', '1980.05'], ['张明', '男', '1980.05'], ['李华', '未知', '1981.02']], 'gb18030-csv');
  await page.getByTestId('candidate-file').setInputFiles(bad);
  await expect(page.getByTestId('import-problems')).toContainText('第 3 行 A 列：值“张明”：姓名重复（第 2 行已有）');
  await expect(page.getByTestId('import-problems')).toContainText('第 4 行 B 列：值“未知”：性别应为“男”或“女”');
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);

  // A good list written by openpyxl, with names outside the Basic Multilingual Plane.
  const good = path.join(files, '名单.xlsx');
  writeWithPython(good, [['序号', '名字', '性别', '出生日期', '现任职务', '拟任职务'], ['1', '𠀾海', '男', '1980-05', '村委会委员', '村党组织书记'], ['2', '王䶮', '女', '1975年3月', '', '村委会委员']], 'xlsx');
  await page.getByTestId('candidate-file').setInputFiles(good);
  await expect(page.getByTestId('import-summary')).toContainText(zh.ui.workbook.importReady('名单.xlsx', 2));
  await page.getByTestId('import-confirm').click();
  await page.getByRole('button', { name: zh.ui.workbook.create }).click();
  await expect(page.getByTestId('people')).toContainText('𠀾海');
  await expect(page.getByTestId('people')).toContainText('1975.03');

  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 2, present: 2, issued: 2, returned: 2 } });
  for (const key of ['Digit1', 'Digit2', 'Digit2', 'Digit1']) await page.keyboard.press(key);
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(2, 2));
  await page.keyboard.press('F8');
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const xlsx = path.join(files, 'summary.xlsx');
  await (await download).saveAs(xlsx);
  execFileSync('soffice', [`-env:UserInstallation=file://${files}/lo`, '--headless', '--convert-to', 'pdf', '--outdir', files, xlsx], { stdio: 'ignore', timeout: 120_000 });
  const text = execFileSync('pdftotext', [path.join(files, 'summary.pdf'), '-'], { encoding: 'utf8' });
  expect(text).toContain('𠀾海');
  expect(text).toContain('王䶮');
  await context.close();
});

test('a ballot grid is imported into a meeting after a preview; a bad grid is refused and nothing changes', async () => {
  const example = loadExamples().find((e) => e.name === 'evaluation-4-small')!;
  const expected = example.expected as { candidates: { name: string; counts: Record<string, number> }[] };
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  // The meeting lists the candidates in another order than the file: columns are matched by name.
  await createWorkbookThroughUi(page, { unit: '红星村', people: ['杨丽', '张明', '刘芳', '陈建国'].map((name) => ({ name })) });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 14, present: 12, issued: 12, returned: 12 } });
  await page.getByTestId('to-ballot-import').click();

  const files = tempDir('tally-e2e-grids-');
  const bad = path.join(files, 'bad.csv');
  writeFileSync(bad, '票号,张明,刘芳,陈建国,杨丽\n1,优秀,良好,称职,称职\n');
  await page.getByTestId('ballot-file').setInputFiles(bad);
  await expect(page.getByTestId('import-problems')).toContainText('第 2 行 C 列（刘芳）：值“良好”');
  const others = path.join(files, 'others.csv');
  writeFileSync(others, '票号,张明,刘芳,王五\n1,优秀,称职,称职\n');
  await page.getByTestId('ballot-file').setInputFiles(others);
  await expect(page.getByTestId('import-problems')).toContainText(zh.ballotImport.candidatesDiffer(['杨丽', '陈建国'], ['王五']));

  // Two visible sheets that both look like ballot grids: the app asks which, and reads the one chosen.
  const names = ['张明', '刘芳', '陈建国', '杨丽'];
  const marks = (n: number) => Array.from({ length: n }, (_, i) => names.map((_, c) => ((i + c) % 2 === 0 ? '优秀' : '称职')));
  const two = path.join(files, 'two.xlsx');
  writeFileSync(
    two,
    craftXlsx({
      sheets: [
        { name: '第一组', sheetData: sheetDataOf(ballotRows(names, marks(3))) },
        { name: '第二组', sheetData: sheetDataOf(ballotRows(names, marks(5))) },
      ],
    }),
  );
  await page.getByTestId('ballot-file').setInputFiles(two);
  await expect(page.getByTestId('import-problems')).toContainText(zh.gridFile.severalGrids(['第一组', '第二组']));
  await chooseOption(page.getByTestId('sheet-select'), '第二组');
  await page.getByTestId('sheet-read').click();
  await expect(page.getByTestId('import-source')).toHaveText(zh.gridFile.sheetUsed('two.xlsx', '第二组'));
  await expect(page.getByTestId('import-summary')).toContainText(zh.ballotImport.ready('two.xlsx', 5, 5, 0));

  await page.getByTestId('ballot-file').setInputFiles(example.gridPath);
  await expect(page.getByTestId('import-summary')).toContainText(zh.ballotImport.ready(path.basename(example.gridPath), 12, 11, 1));
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(12, 12));
  for (const candidate of expected.candidates) {
    for (const [label, count] of Object.entries(candidate.counts)) {
      await expect(page.getByTestId('running-counts').locator(`tr[data-candidate="${candidate.name}"] td[data-count="${label}"]`)).toHaveText(String(count));
    }
  }
  // The same file again would reuse ballot numbers: refused whole, nothing added.
  await page.getByTestId('to-ballot-import').click();
  await page.getByTestId('ballot-file').setInputFiles(example.gridPath);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByText(zh.ballotImport.numbersTaken([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toBeVisible();
  await page.getByRole('link', { name: zh.ui.cancel }).click();
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(12, 12));
  await context.close();
});

test('print-outs from the results page: blank ballots (no serial: the counters write the 票号) and the result sheet, as PDF files', async () => {
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await createWorkbookThroughUi(page, { unit: '胜利村', people: [{ name: '张明' }, { name: '王䶮' }] });
  await createMeetingThroughUi(page, { preset: 'satisfaction-3', counts: { expected: 5, present: 5, issued: 5, returned: 5 } });
  await page.keyboard.press('F8');
  await page.getByTestId('copies').fill('4');
  const files = tempDir('tally-e2e-pdf-');
  for (const [button, pages, text] of [
    ['print-blank-ballots', 4, zh.print.ballotNumberBlank],
    ['print-report', 1, '计票结果报告单'],
  ] as const) {
    const download = page.waitForEvent('download');
    await page.getByTestId(button).click();
    const pdf = path.join(files, `${button}.pdf`);
    await (await download).saveAs(pdf);
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1])).toBe(pages);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(text);
  }
  await expect(page.getByTestId('print-notice')).toContainText(host.exportsDir);
  await context.close();
});
