/**
 * The form designer on the component library: its selects, checkboxes and list buttons change what
 * is saved, the option list stops at nine (one per digit key), a question taken away takes its rates
 * and their typed thresholds with it, and nothing runs off the side of a small laptop's screen.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { zh } from '../../shared/messages/zh-CN';
import { chooseOption, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir } from './support';

test.afterEach(stopAllHosts);
const t = zh.ui.designer;

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
/** A library Select names its inner input; its chosen words are shown beside that input. */
const selectNamed = (page: Page, name: string) => page.locator('.ant-select').filter({ has: page.getByLabel(name, { exact: true }) });

test('a form built with the designer’s controls is saved as set, and the designer fits 1093×614', async () => {
  const host = await startHost(await freshPort(), tempDir('tally-designer-data-'));
  const context = await openProfile(tempDir('tally-designer-profile-'));
  const page = await firstPage(context);
  await page.setViewportSize({ width: 1093, height: 614 });
  await page.goto(await host.launchUrl());
  await createWorkbookThroughUi(page, { unit: '红星村', people: [{ name: '张明' }] });
  await page.getByRole('link', { name: zh.ui.forms.title }).first().click();
  expect(await fitsWidth(page)).toBe(true);
  await page.getByTestId('copy-evaluation-4').click();
  await page.getByLabel(t.name).fill('试验表式');

  const addOption = page.getByRole('button', { name: t.addOption });
  for (let i = 0; i < 5; i++) await addOption.click();
  await expect(page.getByLabel(t.optionOf(1, 9), { exact: true })).toBeVisible();
  await expect(addOption).toBeDisabled();
  await page.getByLabel(t.shortOf(1, 9), { exact: true }).fill('九');

  await page.getByRole('button', { name: t.addQuestion }).click();
  await page.getByRole('button', { name: t.addRate }).click();
  await chooseOption(page.getByLabel(t.rateQuestionOf(4)), '问题2');
  await page.getByLabel(t.numeratorOf(4, '同意')).check();
  await chooseOption(page.getByLabel(t.baseOf(4)), zh.baseName.returned);
  await page.getByLabel(t.flagOf(4)).check();
  await chooseOption(page.getByLabel(t.comparisonOf(4)), t.comparisonName['>=']);
  await page.getByLabel(t.thresholdOf(4)).fill('90%');
  await chooseOption(page.getByLabel(t.severityOf(4)), zh.severityName.serious);

  await page.getByTestId('scoring').check();
  await chooseOption(page.getByLabel(t.scoringBase), t.scoringAnswered);
  for (let o = 6; o <= 9; o++) await page.getByLabel(t.scoreOf(1, o), { exact: true }).fill('0');
  await page.getByLabel(t.scoreOf(2, 3), { exact: true }).fill('0');
  expect(await fitsWidth(page)).toBe(true);
  await page.getByLabel(t.thresholdOf(4)).press('Control+Enter');
  await expect(page.getByText(t.saved)).toBeVisible();

  await page.reload();
  await page.getByTestId('designer').waitFor();
  await expect(page.getByLabel(t.shortOf(1, 9), { exact: true })).toHaveValue('九');
  await expect(selectNamed(page, t.rateQuestionOf(4))).toContainText('问题2');
  await expect(selectNamed(page, t.baseOf(4))).toContainText(zh.baseName.returned);
  await expect(selectNamed(page, t.comparisonOf(4))).toContainText(t.comparisonName['>=']);
  await expect(selectNamed(page, t.severityOf(4))).toContainText(zh.severityName.serious);
  await expect(selectNamed(page, t.scoringBase)).toContainText(t.scoringAnswered);
  await expect(page.getByLabel(t.thresholdOf(4))).toHaveValue('90%');

  await page.locator('[data-question="问题2"]').getByRole('button', { name: t.remove, exact: true }).first().click();
  await expect(page.getByLabel(t.rateNameOf(4))).toHaveCount(0);
  await expect(page.getByLabel(t.thresholdOf(3))).toHaveValue('1/3');
  await context.close();
});
