/**
 * Setting up by keyboard, in real Chromium against the browser-mode host: Ctrl+Enter saves the
 * workbook and meeting forms from any field (also from the last row, where Enter adds a row), N and
 * E on the workbook page, and F9 puts a candidate list in 姓氏笔画 order — which the ballot on the
 * tally screen and the results then follow; the results can be shown by votes, ties in stroke order.
 */
import { expect, test } from '@playwright/test';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { zh } from '../../shared/messages/zh-CN';
import { chooseOption, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir, typeMarks, waitUntilSaved, planFromPresetThroughUi } from './support';
import { presetForm } from '../../shared/domain/forms';

test.afterEach(stopAllHosts);

const typed = ['赵强', '欧阳明华', '司马文静', '丁一', '司晓'];
// 丁 2, 司 5 (the plain 司 before the 复姓 司马), 欧 8, 赵 9 strokes.
const byStroke = ['丁一', '司晓', '司马文静', '欧阳明华', '赵强'];

async function openApp(): Promise<{ page: Page; context: BrowserContext }> {
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  return { page, context };
}

async function texts(items: Locator): Promise<string[]> {
  return (await items.allInnerTexts()).map((text) => text.trim());
}

async function nameInputs(page: Page): Promise<string[]> {
  return page.locator('input[name="personName"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

test('F9 orders by 姓氏笔画, Ctrl+Enter saves, N and E open the forms; ballots and results follow the order', async () => {
  const { page, context } = await openApp();

  // Home: N, then the list typed with Enter between rows, saved by Ctrl+Enter from the last field.
  await page.getByRole('heading', { name: zh.ui.home.title }).waitFor();
  await page.keyboard.press('n');
  await page.getByLabel(zh.ui.workbook.unit, { exact: true }).fill('红星村');
  for (const [i, name] of typed.entries()) {
    await page.getByLabel(zh.ui.workbook.personName(i + 1)).fill(name);
    if (i < typed.length - 1) await page.getByLabel(zh.ui.workbook.personProposedPost(i + 1)).press('Enter');
  }
  await expect(page.getByRole('button', { name: zh.ui.workbook.create })).toContainText(zh.setupKeys.saveKey);
  await page.getByLabel(zh.ui.workbook.personProposedPost(typed.length)).press('Control+Enter');
  // Saved, with no empty sixth row added by the Enter of Ctrl+Enter; still in the typed order.
  await expect(page.getByRole('heading', { name: zh.ui.workbookPage.people(typed.length) })).toBeVisible();
  await expect.poll(() => texts(page.getByTestId('people').locator('tr td:nth-child(2)'))).toEqual(typed);

  // The workbook page's keys are on its buttons; N opens the new meeting form.
  await expect(page.getByRole('link', { name: zh.ui.workbookPage.newMeeting })).toContainText(zh.setupKeys.newMeetingKey);
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: zh.ui.meeting.newTitle })).toBeVisible();
  const choices = page.getByTestId('meeting-candidates').locator('li');
  // The candidates arrive from the workbook after the heading: wait for them, as an eye would.
  await expect.poll(() => texts(choices)).toEqual(typed);
  await expect(page.getByTestId('stroke-order')).toContainText(zh.setupKeys.strokeOrderKey);
  await chooseOption(page.getByLabel(zh.ui.meeting.form), presetForm('approval-3').name);
  await page.keyboard.press('F9');
  await expect.poll(() => texts(choices)).toEqual(byStroke);
  for (const field of ['expected', 'present', 'issued', 'returned'] as const) await page.getByLabel(zh.meetingField[field], { exact: true }).fill('3');
  await page.getByLabel(zh.meetingField.returned, { exact: true }).press('Control+Enter');

  // The ballot on the tally screen is in the meeting's (stroke) order.
  await page.getByTestId('entry').waitFor();
  await expect.poll(() => texts(page.getByTestId('draft-items').locator('.draft-name'))).toEqual(byStroke);
  // Marks in ballot order: 1 赞成, 2 不赞成, 3 弃权. 赞成: 赵强 3, 司晓 2, 司马文静 2, 丁一 1, 欧阳明华 0.
  await typeMarks(page, [0, 0, 0, 1, 0]);
  await typeMarks(page, [1, 0, 0, 2, 0]);
  await typeMarks(page, [1, 1, 1, 1, 0]);
  await waitUntilSaved(page, 3, 3);

  await page.keyboard.press('F8');
  const resultRows = page.locator('[data-testid="result-table"] tbody tr');
  await expect(resultRows).toHaveCount(byStroke.length);
  // Default as before: the list's order.
  await expect(page.getByTestId('result-order-list')).toHaveAttribute('aria-pressed', 'true');
  expect(await resultRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-candidate')))).toEqual(byStroke);
  await page.getByTestId('result-order-votes').click();
  // By votes; 司晓 and 司马文静 tie at 2 and stay in stroke order.
  await expect
    .poll(() => resultRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-candidate'))))
    .toEqual(['赵强', '司晓', '司马文静', '丁一', '欧阳明华']);

  // E on the workbook page edits the workbook; F9 there orders the list itself, Ctrl+Enter saves it.
  await page.getByRole('link', { name: '红星村', exact: true }).click();
  await expect(page.getByRole('heading', { name: zh.ui.workbookPage.people(typed.length) })).toBeVisible();
  // Letters typed into a field stay text: n and e in the export file's password do not leave the page.
  await page.getByTestId('export-workbook-file').click();
  await page.keyboard.type('ne');
  await expect(page.locator('input[type="password"]').first()).toHaveValue('ne');
  await expect(page.getByRole('heading', { name: zh.ui.workbookPage.people(typed.length) })).toBeVisible();
  await page.locator('input[type="password"]').first().blur();
  await page.keyboard.press('e');
  await expect(page.getByRole('heading', { name: zh.ui.workbook.editTitle })).toBeVisible();
  await expect.poll(() => nameInputs(page)).toEqual(typed);
  await page.getByLabel(zh.ui.workbook.unit, { exact: true }).focus();
  await page.keyboard.press('F9');
  await expect.poll(() => nameInputs(page)).toEqual(byStroke);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: zh.ui.workbookPage.people(byStroke.length) })).toBeVisible();
  await expect.poll(() => texts(page.getByTestId('people').locator('tr td:nth-child(2)'))).toEqual(byStroke);
  await context.close();
});

test('资格联审: 1 on an empty cell gives 通过 as the hint says, also after reopening; 分析研判 and the form designer save with Ctrl+Enter', async () => {
  const { page, context } = await openApp();
  await createWorkbookThroughUi(page, { unit: '红星村', people: [{ name: '张明' }, { name: '刘芳' }] });
  await planFromPresetThroughUi(page);

  await page.getByTestId('nav-review').click();
  const cell = (row: number, column: number) => page.locator(`button[data-row="${row}"][data-column="${column}"]`);
  await cell(0, 0).focus();
  // The very first conclusion has no 经办人 to reuse: the cell opens with 通过 set, at the 经办人.
  await page.keyboard.press('1');
  await expect(page.getByTestId('review-responsible')).toBeFocused();
  await expect(page.getByTestId('review-problem')).toContainText(zh.setupKeys.reviewNeedsResponsible);
  await page.keyboard.type('李干事');
  await page.keyboard.press('Control+Enter');
  await expect(cell(0, 0)).toHaveText(zh.review.conclusion.pass);
  await expect(page.getByTestId('review-editor')).toHaveCount(0);

  // Reopened later: the saved 经办人 is reused, so 1 and 3 set the conclusion without opening the cell.
  await page.reload();
  await cell(1, 0).focus();
  await page.keyboard.press('1');
  await expect(cell(1, 0)).toHaveText(zh.review.conclusion.pass);
  await page.keyboard.press('ArrowRight');
  await expect(cell(1, 1)).toBeFocused();
  await page.keyboard.press('3');
  await expect(cell(1, 1)).toHaveText(zh.review.conclusion.recheck);
  await expect(page.getByTestId('review-editor')).toHaveCount(0);

  // 分析研判: Ctrl+Enter in a person's 德 field saves that person's notes, which are there after a reload.
  await page.getByTestId('nav-judgement').click();
  const de = page.getByLabel(`张明${zh.judgement.dimensions.de}`);
  await de.fill('坚持原则，作风正派');
  await expect(page.getByTestId('judgement-save').first()).toContainText(zh.setupKeys.saveKey);
  await de.press('Control+Enter');
  await expect(page.getByTestId('judgement-notice')).toContainText(zh.judgement.saved('张明'));
  await page.reload();
  await expect(page.getByLabel(`张明${zh.judgement.dimensions.de}`)).toHaveValue('坚持原则，作风正派');
  await expect(page.getByLabel(`刘芳${zh.judgement.dimensions.de}`)).toHaveValue('');

  // The form designer: Ctrl+Enter from the name field saves the form.
  await page.getByRole('link', { name: zh.ui.forms.title }).first().click();
  await page.getByTestId('copy-approval-3').click();
  await page.getByLabel(zh.ui.designer.name).fill('赞同票（本村）');
  await expect(page.getByTestId('save-form')).toContainText(zh.setupKeys.saveKey);
  await page.getByLabel(zh.ui.designer.name).press('Control+Enter');
  await expect(page.getByText(zh.ui.designer.saved)).toBeVisible();
  await context.close();
});
