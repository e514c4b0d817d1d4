/**
 * Every screen on the laptops teams bring: 1280×720, and 1366×768 at 125 % scaling (1093×614 CSS
 * pixels). With a workbook whose names and posts are as long as real ones, each screen is opened at
 * both sizes and must fit: the page never scrolls sideways, the tally and results screens have no
 * sideways scroller inside them either, and no text is cut off by a box too narrow for it. With
 * TALLY_SCREENSHOTS=dir each is kept as a picture for a person to look at.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { zh } from '../../shared/messages/zh-CN';
import { createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, look, openProfile, planFromPresetThroughUi, startHost, stopAllHosts, tempDir, typeMarks, waitUntilSaved } from './support';

test.afterEach(stopAllHosts);

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1093, height: 614 },
] as const;

/** As long as on real lists: 3-character names, a compound surname, posts held together. */
const PEOPLE = [
  { name: '欧阳明华', proposedPost: '村党组织书记、村委会主任' },
  { name: '司马文静', proposedPost: '村党组织副书记' },
  { name: '王建国', proposedPost: '村委会副主任' },
  { name: '李秀英', proposedPost: '村务监督委员会主任' },
  { name: '张伟', proposedPost: '村委会委员' },
  { name: '刘芳', proposedPost: '村党组织委员' },
  { name: '陈志强', proposedPost: '村委会委员' },
  { name: '赵丽娟', proposedPost: '妇联主席' },
];

/** 30 names: 2, 3 and 4 characters. */
const LONG_LIST = ['王芳', '李娜', '张静', '刘洋', '陈杰', '杨帆', '黄磊', '赵敏', '周涛', '吴霞', '徐明亮', '孙丽华', '马建军', '朱晓燕', '胡志刚', '郭秀兰', '何海波', '高玉梅', '林国栋', '罗春花', '郑文斌', '梁桂英', '谢永强', '宋淑珍', '唐立新', '许凤英', '韩振华', '诸葛明', '上官文秀', '欧阳晓东'];

interface Fit {
  /** The page itself scrolls sideways. */
  pageScrolls: boolean;
  /** Boxes inside that scroll sideways (a wide table in its own scroller). */
  scrollers: string[];
  /** Boxes that cut their text off (overflow hidden or an ellipsis) because it does not fit. */
  clipped: string[];
}

/** What overflows on the page as shown, each box named by its test id, class and first words. */
function measureFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const describe = (element: Element) => {
      const id = element.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
      const text = (element.textContent ?? '').trim().slice(0, 24);
      return `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} [${id}] ${text}`;
    };
    const doc = document.documentElement;
    const scrollers: string[] = [];
    const clipped: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      if (!(element instanceof HTMLElement) || element.clientWidth === 0) continue;
      // The library's hidden measuring boxes and closed pop-ups are never seen.
      if (element.closest('[aria-hidden="true"], .ant-select-dropdown-hidden, .ant-table-measure-row')) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      if (element.scrollWidth <= element.clientWidth + 1) continue;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') scrollers.push(describe(element));
      else if (style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis') clipped.push(describe(element));
    }
    return { pageScrolls: doc.scrollWidth > doc.clientWidth, scrollers, clipped };
  });
}

/** Opens a screen by its address, as a bookmark or the address bar does, and waits until it has loaded. */
async function open(page: Page, hash: string, shows: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.locator(shows).first().waitFor({ state: 'attached' });
  await expect(page.getByText(zh.ui.loading, { exact: true })).toHaveCount(0);
}

test('every screen fits 1280×720 and 1093×614 with nothing cut off', async () => {
  test.setTimeout(600_000);
  const port = await freshPort();
  const host = await startHost(port, tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());

  // A workbook, a meeting under way (some ballots, one invalid) and a double-entry meeting.
  await createWorkbookThroughUi(page, { township: '城关镇', unit: '向阳村', teamName: '城关镇第一考察组', teamMembers: '王组长、李成员、赵成员', people: PEOPLE });
  await page.getByRole('heading', { name: zh.ui.workbookPage.meetings }).waitFor();
  const workbookId = /#\/workbooks\/([^/?]+)/.exec(page.url())![1]!;
  // A plan, without which the interview, review and risk screens only point to it.
  await planFromPresetThroughUi(page);
  await page.evaluate((h) => (window.location.hash = h), `#/workbooks/${workbookId}`);
  await page.getByTestId('nav-plan').waitFor();
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 60, present: 58, issued: 58, returned: 58 } });
  const meetingId = /#\/meetings\/([^/]+)\/tally/.exec(page.url())![1]!;
  for (let i = 0; i < 5; i++) await typeMarks(page, PEOPLE.map((_, k) => (k + i) % 4));
  await waitUntilSaved(page, 5, 58);
  await page.locator('.crumbs').getByRole('link', { name: '城关镇向阳村' }).click();
  await createMeetingThroughUi(page, { preset: 'dimensions-5', counts: { expected: 60, present: 58, issued: 58, returned: 58 }, doubleEntry: true });
  const doubleId = /#\/meetings\/([^/]+)\/tally/.exec(page.url())![1]!;
  await page.keyboard.press('F8');
  await page.getByTestId('result-table').waitFor();

  // A long list: 30 candidates, as at a 村民代表 meeting, on the tally and results screens.
  await page.evaluate(() => (window.location.hash = '#/'));
  await createWorkbookThroughUi(page, { township: '城关镇', unit: '东风社区', people: LONG_LIST.map((name) => ({ name })) });
  await page.getByRole('heading', { name: zh.ui.workbookPage.meetings }).waitFor();
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 80, present: 76, issued: 76, returned: 76 } });
  const longId = /#\/meetings\/([^/]+)\/tally/.exec(page.url())![1]!;
  for (let i = 0; i < 3; i++) await typeMarks(page, LONG_LIST.map((_, k) => (k * 3 + i) % 4));
  await waitUntilSaved(page, 3, 76);

  // Each screen by its address, and something on it that shows it has loaded.
  // act: what a user does next on it (opens an editor), after: what then shows.
  const screens: { name: string; hash: string; shows: string; noScroller?: boolean; act?: (page: Page) => Promise<unknown>; after?: string }[] = [
    { name: 'home', hash: '#/', shows: '[data-testid="backup-status"]' },
    { name: 'workbook-new', hash: '#/workbooks/new', shows: '[data-testid="open-candidate-import"]' },
    { name: 'workbook', hash: `#/workbooks/${workbookId}`, shows: '[data-testid="meeting-link"]' },
    { name: 'workbook-edit', hash: `#/workbooks/${workbookId}/edit`, shows: '[data-testid="open-candidate-import"]' },
    { name: 'meeting-new', hash: `#/workbooks/${workbookId}/meetings/new`, shows: '[data-testid="meeting-candidates"]' },
    { name: 'meeting-edit', hash: `#/meetings/${meetingId}/edit`, shows: '[data-testid="meeting-candidates"]' },
    { name: 'plan', hash: `#/workbooks/${workbookId}/plan`, shows: '[data-testid="plan-editor"]' },
    { name: 'interviews', hash: `#/workbooks/${workbookId}/interviews`, shows: '[data-testid="nav-interviews"][aria-current="page"]' },
    { name: 'interviews-editor', hash: `#/workbooks/${workbookId}/interviews`, shows: '[data-testid="interview-add"]', act: (p) => p.getByTestId('interview-add').click(), after: '[data-testid="interview-editor"]' },
    { name: 'review', hash: `#/workbooks/${workbookId}/review`, shows: '[data-testid="review-matrix"]' },
    { name: 'risks', hash: `#/workbooks/${workbookId}/risks`, shows: '[data-testid="risk-add"]' },
    { name: 'risks-editor', hash: `#/workbooks/${workbookId}/risks`, shows: '[data-testid="risk-add"]', act: (p) => p.getByTestId('risk-add').click(), after: '[data-testid="risk-editor"]' },
    { name: 'judgement', hash: `#/workbooks/${workbookId}/judgement`, shows: '[data-testid="nav-judgement"][aria-current="page"]' },
    { name: 'tally', hash: `#/meetings/${meetingId}/tally`, shows: '[data-testid="entry"]', noScroller: true },
    { name: 'tally-double-entry', hash: `#/meetings/${doubleId}/tally`, shows: '[data-testid="entry"]', noScroller: true },
    { name: 'results', hash: `#/meetings/${meetingId}/results`, shows: '[data-testid="result-table"]', noScroller: true },
    { name: 'results-dimensions', hash: `#/meetings/${doubleId}/results`, shows: '[data-testid="result-table"]', noScroller: true },
    { name: 'tally-30', hash: `#/meetings/${longId}/tally`, shows: '[data-testid="entry"]', noScroller: true },
    { name: 'results-30', hash: `#/meetings/${longId}/results`, shows: '[data-testid="rate-chart"]', noScroller: true },
    { name: 'reconcile', hash: `#/meetings/${doubleId}/reconcile`, shows: '[data-testid="reconcile-screen"], main' },
    { name: 'ballot-import', hash: `#/meetings/${meetingId}/import`, shows: '[data-testid="ballot-file"], main' },
    { name: 'audit', hash: '#/audit', shows: 'main' },
    { name: 'verify', hash: '#/verify', shows: 'main' },
    { name: 'forms', hash: '#/forms', shows: '[data-testid="new-grade-form"]' },
    { name: 'form-designer', hash: '#/forms/screens-check?from=dimensions-5', shows: '[data-testid="designer"]' },
    { name: 'merge', hash: '#/merge', shows: '[data-testid="merge-files"]' },
    { name: 'rollup', hash: '#/rollup', shows: '[data-testid="rollup-source"]' },
    { name: 'snapshots', hash: '#/snapshots', shows: 'main' },
    { name: 'not-found', hash: '#/no/such/screen', shows: 'main' },
  ];

  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const screen of screens) {
      await open(page, screen.hash, screen.shows);
      if (screen.act) {
        await screen.act(page);
        await page.locator(screen.after!).first().waitFor();
      }
      await look(page, `screen-${screen.name}-${size.width}x${size.height}`);
      const fit = await measureFit(page);
      const at = `${screen.name} @ ${size.width}×${size.height}`;
      if (fit.pageScrolls) problems.push(`${at}: the page scrolls sideways`);
      if (screen.noScroller) problems.push(...fit.scrollers.map((s) => `${at}: scrolls sideways inside: ${s}`));
      problems.push(...fit.clipped.map((s) => `${at}: text cut off: ${s}`));
    }
  }

  // The page an old address opens after the service restarted: styled, and it fits too.
  const stale = await context.newPage();
  for (const size of SIZES) {
    await stale.setViewportSize(size);
    await stale.goto(`${host.origin}/?launch=an-address-that-was-used-up`);
    await stale.getByRole('heading', { name: zh.statusViews.staleAddress.title }).waitFor();
    await look(stale, `screen-stale-address-${size.width}x${size.height}`);
    const fit = await measureFit(stale);
    if (fit.pageScrolls) problems.push(`stale address @ ${size.width}×${size.height}: the page scrolls sideways`);
  }

  expect(problems).toEqual([]);
  await context.close();
});
