/**
 * A meeting's status wherever a clerk looks for it: the workbook's meeting list, the 大屏 (read from
 * the back of a hall), a confirmed meeting's details (read-only), the header's last backup after a
 * restart, and what an old browser-mode address says once the service has been restarted.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { zh } from '../../shared/messages/zh-CN';
import { createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir, typeMarks, waitUntilSaved } from './support';

test.afterEach(stopAllHosts);

const s = zh.statusViews;
const UNIT = '向阳村';

async function toWorkbook(page: Page): Promise<void> {
  await page.locator('.crumbs').getByRole('link', { name: UNIT }).click();
  await page.getByRole('heading', { name: zh.ui.workbookPage.meetings }).waitFor();
}

/** The 大屏's status type and whether the page fits the screen's width, at one projector size. */
async function projectorAt(projector: Page, width: number, height: number) {
  await projector.setViewportSize({ width, height });
  return projector.evaluate(() => {
    const px = (testId: string) => parseFloat(getComputedStyle(document.querySelector(`[data-testid="${testId}"]`)!).fontSize);
    return { status: px('projector-status'), invalid: px('projector-invalid'), fits: document.documentElement.scrollWidth <= document.documentElement.clientWidth };
  });
}

test('status in the meeting list, on the 大屏, in a confirmed meeting, in the header after a restart, and on a stale address', async () => {
  const port = await freshPort();
  const dataDir = tempDir('tally-e2e-data-');
  let host = await startHost(port, dataDir);
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  const firstAddress = await host.launchUrl();
  await page.goto(firstAddress);

  await createWorkbookThroughUi(page, { unit: UNIT, people: [{ name: '甲' }, { name: '乙' }] });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 4, present: 4, issued: 4, returned: 4 } });
  await typeMarks(page, [0, 1]);
  await typeMarks(page, [1, 1]);
  // A wholly invalid ballot (the first listed reason).
  await page.keyboard.press('Slash');
  await expect(page.getByTestId('invalid-dialog')).toBeVisible();
  await page.keyboard.press('1');
  await waitUntilSaved(page, 3, 4);

  // The 大屏: not finished yet, one 无效票, the attendance line; large at both projector sizes.
  const opened = page.context().waitForEvent('page');
  await page.getByTestId('open-projector').click();
  const projector = await opened;
  await expect(projector.getByTestId('projector-status')).toHaveText(zh.statusName.incomplete);
  await expect(projector.getByTestId('projector-invalid')).toHaveText(s.projector.invalidBallots(1));
  await expect(projector.getByTestId('projector-valid')).toHaveText(s.projector.validBallots(2));
  await expect(projector.getByTestId('projector-reasons')).toContainText('符合到会要求');
  const small = await projectorAt(projector, 1024, 768);
  expect(small.status).toBeGreaterThanOrEqual(40);
  expect(small.invalid).toBeGreaterThanOrEqual(32);
  expect(small.fits).toBe(true);
  const large = await projectorAt(projector, 1920, 1080);
  expect(large.status).toBeGreaterThanOrEqual(60);
  expect(large.fits).toBe(true);
  await page.bringToFront();

  // The meeting list: entry under way.
  await toWorkbook(page);
  await expect(page.getByTestId('meeting-progress').nth(0)).toHaveText(zh.ui.workbookPage.enteredOf(3, 4));
  await expect(page.getByTestId('meeting-status').nth(0)).toHaveText(s.meetingList.entering);

  // A second meeting short of its quorum: void, shown as an error with the reason.
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 10, present: 5, issued: 5, returned: 5 } });
  await toWorkbook(page);
  const voidStatus = page.getByTestId('meeting-status').nth(1);
  await expect(voidStatus).toContainText(s.meetingList.void);
  await expect(voidStatus).toContainText('不符合到会要求');
  await expect(voidStatus.getByRole('alert')).toBeVisible();

  // The first meeting complete, then confirmed: the 大屏 says 有效 and confirmed, the list 已确认.
  await page.getByTestId('meeting-link').nth(0).click();
  await page.getByTestId('entry').waitFor();
  await typeMarks(page, [2, 2]);
  await waitUntilSaved(page, 4, 4);
  await page.keyboard.press('F8');
  await page.getByTestId('finalize').click();
  await page.getByTestId('finalize-dialog-confirm').click();
  await expect(page.getByTestId('finalize-panel')).toHaveAttribute('data-finalized', 'true');
  await expect(projector.getByTestId('projector-status')).toHaveText(zh.statusName.valid);
  await expect(projector.getByTestId('projector-validity')).toContainText(s.projector.confirmed);
  await projector.close();
  await toWorkbook(page);
  await expect(page.getByTestId('meeting-status').nth(0)).toHaveText(s.meetingList.confirmed);

  // Its 会议信息: every field there to read, none to change, and why.
  await page.getByRole('link', { name: s.meetingList.viewMeeting }).click();
  const readOnly = page.getByTestId('meeting-read-only');
  await expect(readOnly).toContainText(s.readOnlyMeeting.why);
  await expect(readOnly.getByLabel(zh.meetingField.expected, { exact: true })).toHaveValue('4');
  await expect(readOnly.getByLabel(zh.meetingField.expected, { exact: true })).toBeDisabled();
  await expect(readOnly.getByLabel(zh.ui.meeting.title, { exact: true })).toBeDisabled();
  await expect(readOnly.getByRole('button', { name: zh.ui.meeting.saveChanges })).toBeHidden();

  // The last change reaches a snapshot; then the service restarts on the same port.
  await expect(page.getByTestId('backup-status')).toContainText('已备份', { timeout: 15_000 });
  await host.stop();
  host = await startHost(port, dataDir);

  // The old address: a styled page (its stylesheet applied under the CSP) that says what to do.
  const stale = await context.newPage();
  await stale.goto(firstAddress);
  await expect(stale.getByRole('heading', { name: s.staleAddress.title })).toBeVisible();
  await expect(stale.locator('body')).toContainText(s.staleAddress.stepRestart);
  await expect(stale.locator('code').first()).toHaveText('npm start');
  expect(await stale.locator('main').evaluate((main) => getComputedStyle(main).borderTopWidth)).toBe('6px');

  // A tab left open from before the restart cannot back up any more: its header says so and what to do.
  await page.reload();
  await expect(page.getByTestId('backup-status')).toHaveText(zh.ui.backup.failed(zh.host.tokenExpired));
  await page.close();

  // The new address: the header names the backup on disk rather than 尚未备份.
  await stale.goto(await host.launchUrl());
  await stale.getByRole('heading', { name: zh.ui.home.title }).waitFor();
  // Nothing has changed since the restart, so this is the snapshot on disk, not one written now.
  await expect(stale.getByTestId('backup-status')).toHaveText(/^上次备份 \d/);
  await context.close();
});
