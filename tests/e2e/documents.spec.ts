/** Documents in the app: an exported file checked in the app (核验), untouched and then edited. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { zh } from '../../shared/messages/zh-CN';
import { createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir } from './support';

test.afterEach(stopAllHosts);

test('an exported summary verifies in the app, and an edited copy names the edited cell', async () => {
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(host.url);
  await createWorkbookThroughUi(page, { unit: '红星村', people: [{ name: '张明' }, { name: '王䶮' }] });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 3, present: 3, issued: 3, returned: 3 } });
  for (const key of ['Digit1', 'Digit2', 'Digit1', 'Digit1', 'Digit3', 'Digit4']) await page.keyboard.press(key);
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(3, 3));
  await page.keyboard.press('F8');
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = path.join(tempDir('tally-e2e-download-'), 'summary.xlsx');
  await (await download).saveAs(file);

  await page.getByRole('link', { name: zh.ui.verify.title }).click();
  await page.getByTestId('verify-file').setInputFiles(file);
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
  await expect(page.getByTestId('verify-report')).toContainText(zh.verify.cellChanged(zh.export.evaluationSheet, address, '王䶮', '王艳'));
  await context.close();
});
