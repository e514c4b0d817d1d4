/**
 * The assessment beyond ballots, all with the keyboard: the plan's thresholds set the flags on screen
 * and in the export; interviews in 3 of 9 required categories leave the other 6 listed; a 不能 item
 * found in the joint review disqualifies the person in the 一览表; a closed risk item carries its date
 * in the ledger export.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { presetPlan } from '../../shared/domain/plan';
import { zh } from '../../shared/messages/zh-CN';
import { cellAt, readXlsxIndependently, tableColumns } from '../support/xlsx-independent';
import { createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir, waitUntilSaved, look } from './support';

test.afterEach(stopAllHosts);

/** Presses Tab until the focused element matches `selector`, as a user tabs to a control. */
async function tabTo(page: Page, selector: string, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function openByKeyboard(page: Page, testId: string): Promise<void> {
  await tabTo(page, `[data-testid="${testId}"]`);
  await page.keyboard.press('Enter');
}

async function download(page: Page, testId: string, name: string): Promise<string> {
  const file = path.join(tempDir('tally-e2e-download-'), name);
  const event = page.waitForEvent('download');
  await openByKeyboard(page, testId);
  await (await event).saveAs(file);
  return file;
}

const CATEGORIES = presetPlan('village', 'wb', '').interviewCategories.map((c) => c.name);

test('plan, interviews, joint review and risk ledger, all by keyboard, reach the screens and the exports', async () => {
  test.setTimeout(240_000);
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  // Every request any page makes during the whole session: none may leave the app's own address.
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await createWorkbookThroughUi(page, { township: '大同镇', unit: '红星村', people: [{ name: '张明' }, { name: '刘芳' }, { name: '陈𠀾' }] });
  await createMeetingThroughUi(page, { preset: 'satisfaction-3', counts: { expected: 10, present: 10, issued: 10, returned: 10 } });
  // 9 ballots all 满意; one with 张明 不满意: 张明 90%, the others 100%.
  for (let i = 0; i < 9; i++) await page.keyboard.press('Shift+Digit1');
  for (const key of ['Digit3', 'Digit1', 'Digit1']) await page.keyboard.press(key);
  await waitUntilSaved(page, 10, 10);
  const meetingUrl = page.url();

  // The plan from its preset, saved with Ctrl+Enter.
  await page.keyboard.press('Escape');
  await page.goto(meetingUrl.replace(/#.*$/, '#/'));
  await openByKeyboard(page, 'workbook-link');
  await openByKeyboard(page, 'nav-plan');
  await expect(page.getByTestId('plan-presets')).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByTestId('plan-editor').waitFor();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('plan-notice')).toContainText(zh.plan.saved);

  // 90% is not below the plan's 90%: no flag, on screen or in the export.
  const resultsUrl = meetingUrl.replace(/\/tally$/, '/results');
  await page.goto(resultsUrl);
  const zhang = page.locator('[data-testid="result-table"] tr[data-candidate="张明"]');
  await expect(zhang.locator('td[data-rate="满意率"]')).toHaveText('90.00%');
  await expect(zhang.locator('td.flags')).toHaveText('');
  const before = await download(page, 'export', 'before.xlsx');
  const flagText = zh.flag('warning', '满意率', 9, 10, '<', { numerator: 95, denominator: 100 });
  expect(JSON.stringify(readXlsxIndependently(before))).not.toContain(flagText);

  // The plan's threshold raised to 95%: the flag appears on screen and in the export.
  await page.goto(resultsUrl.replace(/#.*$/, '#/'));
  await openByKeyboard(page, 'workbook-link');
  await openByKeyboard(page, 'nav-plan');
  await tabTo(page, `input[aria-label="满意率${zh.plan.flagWhen}"]`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('<95%');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('plan-notice')).toContainText(zh.plan.saved);
  await page.goto(resultsUrl);
  await expect(zhang.locator('td.flags')).toContainText(flagText);
  const after = await download(page, 'export', 'after.xlsx');
  const afterSheets = readXlsxIndependently(after);
  expect(afterSheets[0]!.cells.some((c) => String(c.value).includes(flagText))).toBe(true);
  expect(afterSheets[0]!.cells.some((c) => String(c.value).includes('满意率低于 95%（<）时标注“提示”'))).toBe(true);

  // Three interviews in three of the nine categories.
  await page.goto(resultsUrl.replace(/#.*$/, '#/'));
  await openByKeyboard(page, 'workbook-link');
  await openByKeyboard(page, 'nav-interviews');
  await expect(page.getByTestId('coverage-summary')).toContainText(zh.interviews.lacking(CATEGORIES));
  for (const [n, category] of [1, 4, 6].entries()) {
    await page.getByTestId('interview-add').waitFor();
    await expect(page.getByTestId('interview-add')).toBeFocused();
    await page.keyboard.press('n');
    await expect(page.getByTestId('interviewee')).toBeFocused();
    await page.keyboard.type(`谈话对象${n + 1}`);
    await page.keyboard.press('Tab');
    await page.keyboard.press(String(category));
    await page.keyboard.press('Tab'); // date: today, kept
    await page.keyboard.press('Tab');
    if (n === 0) await page.keyboard.type('村部会议室');
    await page.keyboard.press('Tab');
    if (n === 0) await page.keyboard.type('王明、李华');
    await page.keyboard.press('Tab');
    if (n === 0) await page.keyboard.type('赵敏');
    // Opinions: 张明 同意 (and 不同意 in the last), 刘芳 其他, 陈𠀾 no opinion.
    await tabTo(page, '[data-testid="opinion"]');
    await page.keyboard.press(n === 2 ? '2' : '1');
    await page.keyboard.press('Tab');
    await page.keyboard.type(`优点${n + 1}`);
    await tabTo(page, '[data-testid="opinion"][aria-label^="刘芳"]');
    await page.keyboard.press('3');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('interview-notice')).toContainText(zh.interviews.saved(`谈话对象${n + 1}`));
  }
  const missing = CATEGORIES.filter((_, i) => ![0, 3, 5].includes(i));
  await expect(page.getByTestId('coverage-summary')).toContainText(zh.interviews.lacking(missing));
  await expect(page.locator('[data-testid="coverage-row"][data-missing="1"]')).toHaveCount(6);
  await look(page, 'interviews');
  const zhangOpinions = page.getByTestId('opinion-row').filter({ hasText: '张明' });
  await expect(zhangOpinions.locator('td').nth(1)).toHaveText('2');
  await expect(zhangOpinions.locator('td').nth(2)).toHaveText('1');
  await expect(zhangOpinions.locator('td').nth(5)).toHaveText('66.67%');
  await expect(page.getByTestId('interview-row')).toHaveCount(3);
  // The record sheets for signature: one page per interview, with what was said.
  const recordSheets = await download(page, 'interview-print', 'interviews.pdf');
  expect(execFileSync('pdfinfo', [recordSheets], { encoding: 'utf8' })).toMatch(/Pages:\s+3\b/);
  const sheetText = execFileSync('pdftotext', [recordSheets, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const text of [zh.interviews.sheetTitle, '谈话对象1', '谈话对象3', '优点2', '王明、李华', '被谈话人（签名）']) expect(sheetText).toContain(text);

  // Joint review: 刘芳, 公安 (fourth department): 存在问题, a 不能 item found.
  await openByKeyboard(page, 'nav-review');
  await tabTo(page, '[data-testid="review-cell"]');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.locator('button:focus')).toHaveAttribute('aria-label', /^刘芳 公安/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('review-conclusion')).toBeFocused();
  await page.keyboard.press('2');
  await page.keyboard.press('Tab'); // date: today
  await page.keyboard.press('Tab');
  await page.keyboard.type('周警官');
  await tabTo(page, '[data-testid="hit-n01"]');
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('review-notice')).toContainText(zh.review.saved('刘芳', '公安'));
  const liu = page.getByTestId('review-row').filter({ hasText: '刘芳' });
  await expect(liu).toHaveAttribute('data-status', 'disqualified');
  await expect(liu.getByTestId('review-overall')).toContainText(zh.review.statusName.disqualified);
  // The next cell by key alone: 1 = 通过, with the same 经办人.
  await expect(page.locator('button:focus')).toHaveAttribute('aria-label', /^刘芳 公安/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('1');
  await expect(page.locator('button[data-row="0"][data-column="3"]')).toHaveText(zh.review.conclusion.pass);
  await look(page, 'review');
  const ledger = await download(page, 'review-export', 'review.xlsx');
  const [matrix] = readXlsxIndependently(ledger);
  const liuRow = matrix!.cells.find((c) => c.value === '刘芳')!.row;
  expect(matrix!.cells.filter((c) => c.row === liuRow).map((c) => c.value)).toContain(zh.review.conclusion.issue);

  // Risk ledger: one item, closed (销号) with its date.
  await openByKeyboard(page, 'nav-risks');
  await expect(page.getByTestId('risk-add')).toBeFocused();
  await page.keyboard.press('n');
  await page.keyboard.type('信访村（社区）');
  await page.keyboard.press('Tab');
  await page.keyboard.type('历史遗留土地纠纷');
  await page.keyboard.press('Tab');
  await page.keyboard.type('刘书记');
  await page.keyboard.press('Tab');
  await page.keyboard.type('张主任');
  await page.keyboard.press('Tab');
  // 排查时间 starts at today; the team found this one a week ago.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2026-11-21');
  await page.keyboard.press('Tab');
  await page.keyboard.type('包案化解');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026-12-31');
  await page.keyboard.press('Tab');
  await page.keyboard.press('3');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2026-11-28');
  await page.keyboard.press('Tab');
  await page.keyboard.type('已调解，双方签字');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('risk-notice')).toContainText(zh.risks.saved);
  await expect(page.getByTestId('risk-row')).toContainText('2026-11-28');
  await look(page, 'risks');
  const risks = await download(page, 'risk-export', 'risks.xlsx');
  const [riskSheet] = readXlsxIndependently(risks);
  const closedColumn = riskSheet!.cells.find((c) => c.value === zh.risks.closedOn)!.column;
  const itemRow = riskSheet!.cells.find((c) => c.value === '历史遗留土地纠纷')!.row;
  expect(cellAt(riskSheet!, itemRow, closedColumn)!.value).toBe('2026年11月28日');
  expect(cellAt(riskSheet!, itemRow, riskSheet!.cells.find((c) => c.value === zh.risks.owner)!.column)!.value).toBe('张主任');
  expect(cellAt(riskSheet!, itemRow, riskSheet!.cells.find((c) => c.value === zh.risks.foundOn)!.column)!.value).toBe('2026年11月21日');
  expect(riskSheet!.cells.some((c) => c.value === zh.risks.statusName.closed)).toBe(true);
  expect(riskSheet!.cells.some((c) => String(c.value).includes('考察方案：'))).toBe(true);

  // The 一览表: 刘芳 disqualified, interview counts, and no interview notes unless asked.
  await page.goto(resultsUrl.replace(/#.*$/, '#/'));
  await openByKeyboard(page, 'workbook-link');
  await expect(page.getByTestId('people')).toContainText(zh.review.disqualifiedBadge);
  await look(page, 'workbook');
  await openByKeyboard(page, 'nav-plan');
  await look(page, 'plan');
  await openByKeyboard(page, 'nav-judgement');
  await page.getByTestId('judgement-person').first().waitFor();
  await look(page, 'judgement');
  await openByKeyboard(page, 'nav-interviews');
  await openByKeyboard(page, 'interview-add');
  await look(page, 'interview-editor');
  await page.keyboard.press('Escape');
  await page.goto(resultsUrl.replace(/#.*$/, '#/'));
  await openByKeyboard(page, 'workbook-link');
  const overviewFile = await download(page, 'export-workbook', 'workbook.xlsx');
  const sheets = readXlsxIndependently(overviewFile);
  expect(sheets.map((s) => s.title)).not.toContain(zh.overview.interviewSheet);
  const overview = sheets[0]!;
  const { columns } = tableColumns(overview, 1);
  const rowOf = (name: string) => overview.cells.find((c) => c.column === columns.get('姓名') && c.value === name)!.row;
  const conclusion = cellAt(overview, rowOf('刘芳'), columns.get(zh.overview.reviewConclusion)!)!;
  expect(String(conclusion.value)).toContain(zh.review.statusName.disqualified);
  // Red where it matters (the conclusion, the 标注), not across the row.
  expect(conclusion.color).toBe('FFC00000');
  expect(cellAt(overview, rowOf('刘芳'), columns.get(zh.overview.flags)!)!.color).toBe('FFC00000');
  expect(String(cellAt(overview, rowOf('张明'), columns.get(zh.overview.interviews)!)!.value)).toMatch(/^3 人次：同意 2，/);
  expect(JSON.stringify(sheets)).not.toContain('优点1');
  // Disqualified wherever the person is listed: the meeting's results too.
  await page.goto(resultsUrl);
  await expect(page.locator('[data-testid="result-table"] tr[data-candidate="刘芳"]')).toContainText(zh.review.disqualifiedBadge);
  await expect(page.locator('[data-testid="result-table"] tr[data-candidate="张明"]')).not.toContainText(zh.review.disqualifiedBadge);
  const origin = host.origin;
  // The app's own page, scripts and host calls were seen: the listener was live all along.
  expect(requests.filter((url) => url.includes('/api/')).length).toBeGreaterThan(5);
  expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
});
