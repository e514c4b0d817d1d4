/**
 * A plan's threshold reaches every rate of its kind: tightened for 称职以上率, it flags the 德能勤绩廉
 * form's 总体称职以上率 on the results screen and in the exported summary, as a clerk would see it.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { zh } from '../../shared/messages/zh-CN';
import { readXlsxIndependently } from '../support/xlsx-independent';
import { createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir, typeMarks, waitUntilSaved } from './support';

test.afterEach(stopAllHosts);

async function exportSummary(page: Page, name: string): Promise<string> {
  const file = path.join(tempDir('tally-e2e-download-'), name);
  const event = page.waitForEvent('download');
  await page.getByTestId('export').click();
  await (await event).saveAs(file);
  return file;
}

test('a plan rule for 称职以上率 flags 总体称职以上率 of a 德能勤绩廉 meeting, on screen and in Excel', async () => {
  test.setTimeout(180_000);
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await createWorkbookThroughUi(page, { township: '大同镇', unit: '红星村', people: [{ name: '张明' }, { name: '刘芳' }] });
  await createMeetingThroughUi(page, { preset: 'dimensions-5', counts: { expected: 10, present: 10, issued: 10, returned: 10 } });
  // Six items a candidate (德 能 勤 绩 廉 好, then 总体评价). 张明: 总体 8 × 称职, 2 × 基本称职 → 总体称职以上率 80 %.
  for (let b = 0; b < 10; b++) await typeMarks(page, [0, 0, 0, 0, 0, b < 8 ? 1 : 2, 0, 0, 0, 0, 0, 0]);
  await waitUntilSaved(page, 10, 10);
  const resultsUrl = page.url().replace(/\/tally$/, '/results');

  // With the village plan (称职以上率 below 2/3 flagged), 80 % is not flagged.
  await page.goto(resultsUrl.replace(/#.*$/, '#/'));
  await page.getByTestId('workbook-link').first().click();
  await page.getByTestId('nav-plan').click();
  await page.getByTestId('plan-presets').getByRole('button').first().click();
  await page.getByTestId('plan-editor').waitFor();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('plan-notice')).toContainText(zh.plan.saved);
  await page.goto(resultsUrl);
  const zhang = page.locator('[data-testid="result-table"] tr[data-candidate="张明"]');
  await expect(zhang.locator('td[data-rate="总体称职以上率"]')).toHaveText('80.00%');
  // A table per question, each with its 标注: none of them says anything.
  await expect(zhang.locator('td.flags', { hasText: /\S/ })).toHaveCount(0);

  // The plan's 称职以上率 raised to 90 %: the 德能勤绩廉 form's 总体称职以上率 is reached by its kind.
  await page.goto(resultsUrl.replace(/#.*$/, '#/'));
  await page.getByTestId('workbook-link').first().click();
  await page.getByTestId('nav-plan').click();
  const threshold = page.locator(`input[aria-label="称职以上率${zh.plan.flagWhen}"]`);
  await threshold.fill('<90%');
  await threshold.press('Control+Enter');
  await expect(page.getByTestId('plan-notice')).toContainText(zh.plan.saved);
  await page.goto(resultsUrl);
  const flag = zh.flag('warning', '总体称职以上率', 8, 10, '<', { numerator: 90, denominator: 100 });
  await expect(zhang.locator('td.flags', { hasText: flag })).toHaveCount(1);
  await expect(page.locator('[data-testid="result-table"] tr[data-candidate="刘芳"] td.flags', { hasText: /\S/ })).toHaveCount(0);

  const file = await exportSummary(page, 'dimensions.xlsx');
  const summary = readXlsxIndependently(file).find((s) => s.title === zh.export.evaluationSheet)!;
  const flagged = summary.cells.find((c) => String(c.value).includes(flag))!;
  expect(flagged.color).toBe('FFC00000');
  // It stands in 张明's row of the 总体评价 block, and the 口径说明 states the plan's rule.
  expect(summary.cells.find((c) => c.row === flagged.row && c.value === '张明')).toBeDefined();
  expect(summary.cells.some((c) => String(c.value).includes('称职以上率低于 90%（<）时标注“提示”'))).toBe(true);
  await context.close();
});
