/**
 * The component library's look under the app's Content-Security-Policy: its styles are written into
 * <style> elements that carry the page's nonce, a fresh one for every load of the page, so buttons,
 * tables and dialogs are drawn as designed without 'unsafe-inline'; a <style> arriving as markup
 * (data turned into HTML) has no nonce and is refused.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { STYLE_NONCE_META } from '../../shared/contract/security';
import { zh } from '../../shared/messages/zh-CN';
import { createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, takePolicyViolations, tempDir, planFromPresetThroughUi } from './support';

test.afterEach(stopAllHosts);

const nonceOfPage = (page: Page) => page.locator(`meta[name="${STYLE_NONCE_META}"]`).getAttribute('content');

test('the library is styled by the page nonce, a dialog opens without a refusal, and a style smuggled in as markup is refused', async () => {
  const host = await startHost(await freshPort(), tempDir('tally-styles-data-'));
  const context = await openProfile(tempDir('tally-styles-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await createWorkbookThroughUi(page, { township: '大同镇', unit: '红星村', people: [{ name: '张明' }, { name: '刘芳' }] });

  // A plan from its preset, then one interview record.
  await planFromPresetThroughUi(page);
  await page.getByTestId('nav-interviews').click();
  await page.getByTestId('interview-add').click();
  await page.getByTestId('interviewee').fill('谈话对象1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('1');
  await page.getByTestId('interviewers').fill('王明、李华');
  await page.getByTestId('recorder').fill('赵敏');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('interview-notice')).toContainText(zh.interviews.saved('谈话对象1'));

  // The primary button in the app's red at rest (the pointer moved off it: hovered it is lighter), the
  // table bordered: the library's styles applied.
  await page.mouse.move(1, 1);
  const add = page.getByTestId('interview-add');
  await expect(add).toHaveCSS('background-color', 'rgb(166, 27, 27)');
  await expect(page.getByTestId('interview-list').locator('table')).toBeVisible();
  // Every <style> in the page carries this load's nonce (the browser hides its value from the attribute).
  const styles = await page.evaluate(() => [...document.querySelectorAll('style')].map((s) => s.nonce));
  const nonce = await nonceOfPage(page);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
  expect(styles.length).toBeGreaterThan(0);
  expect(styles.every((s) => s === nonce)).toBe(true);

  // 删除 asks in a dialog (with its scroll lock); Esc keeps the record.
  await page.getByTestId('interview-row').getByRole('button', { name: zh.interviews.remove }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(zh.interviews.removeConfirm('谈话对象1'));
  await expect(dialog.getByRole('button', { name: zh.ui.cancel })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('interview-row')).toHaveCount(1);
  expect(takePolicyViolations()).toEqual([]);

  // A style arriving as markup has no nonce: refused, and the page keeps its look.
  await page.evaluate(() => {
    const holder = document.createElement('div');
    holder.innerHTML = '<style>body { background: rgb(1, 2, 3) !important; }</style>';
    document.body.append(holder);
  });
  await expect.poll(() => takePolicyViolations().some((v) => v.includes('style-src-elem'))).toBe(true);
  await expect(page.locator('body')).not.toHaveCSS('background-color', 'rgb(1, 2, 3)');

  // The next load of the page has another nonce, and the library is styled by that one.
  await page.reload();
  await expect(add).toHaveCSS('background-color', 'rgb(166, 27, 27)');
  const next = await nonceOfPage(page);
  expect(next).toMatch(/^[A-Za-z0-9+/]{24}$/);
  expect(next).not.toBe(nonce);
});
