/**
 * The meeting hall, at the two screen sizes laptops there have: keys reach the ballot whatever was
 * clicked last, a ballot beyond the returned count needs a deliberate yes, finalising and unlocking
 * restate the counts, a correction is made at any position with the arrow keys and logged with its
 * before and after, and a half-typed ballot survives a reload. Ballots are read back from IndexedDB.
 */
import { expect, test } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { BLANK } from '../../shared/domain/ballot';
import { zh } from '../../shared/messages/zh-CN';
import { chooseOption, createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir, typeMarks, waitUntilSaved } from './support';

test.afterEach(stopAllHosts);

const h = zh.meetingHall;
const PEOPLE = ['张一', '李二', '王三', '赵四'];

interface StoredBallot {
  id: string;
  number: number;
  marks: number[];
  deleted: boolean;
  supersedes: string | null;
}

/** The ballots standing now, read from the app's own IndexedDB (not from the screen). */
async function storedBallots(page: Page): Promise<StoredBallot[]> {
  const rows = await page.evaluate(
    () =>
      new Promise<StoredBallot[]>((resolve, reject) => {
        const open = indexedDB.open('tally-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('ballots').objectStore('ballots').getAll();
          request.onsuccess = () => {
            resolve(request.result as StoredBallot[]);
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
  const superseded = new Set(rows.flatMap((r) => (r.supersedes ? [r.supersedes] : [])));
  return rows.filter((r) => !superseded.has(r.id) && !r.deleted).sort((a, b) => a.number - b.number);
}

async function expectStored(page: Page, expected: { number: number; marks: number[] }[]): Promise<void> {
  await expect.poll(async () => (await storedBallots(page)).map((b) => ({ number: b.number, marks: b.marks }))).toEqual(expected);
}

/**
 * A slow disk: a second connection holds a read-write transaction over every store of the app's
 * database, so the app's own writes queue behind it until release() is called.
 */
async function holdWrites(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tally-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = [...db.objectStoreNames];
          const transaction = db.transaction(stores, 'readwrite');
          const flags = window as unknown as { tallyTestRelease?: boolean };
          flags.tallyTestRelease = false;
          // A transaction with no request left commits: keep asking until released.
          const ask = () => {
            const request = transaction.objectStore(stores[0]!).count();
            request.onsuccess = () => {
              if (flags.tallyTestRelease) return;
              ask();
            };
          };
          ask();
          transaction.oncomplete = () => db.close();
          resolve();
        };
      }),
  );
  return async () => {
    await page.evaluate(() => {
      (window as unknown as { tallyTestRelease?: boolean }).tallyTestRelease = true;
    });
  };
}

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1093, height: 614 },
];

async function openTally(viewport: { width: number; height: number }, returned: number): Promise<{ page: Page; context: BrowserContext }> {
  const host = await startHost(await freshPort(), tempDir('tally-hall-data-'));
  const context = await openProfile(tempDir('tally-hall-profile-'));
  const page = await firstPage(context);
  await page.setViewportSize(viewport);
  await page.goto(await host.launchUrl());
  await createWorkbookThroughUi(page, { township: '大同镇', unit: '红星村', people: PEOPLE.map((name) => ({ name })) });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 10, present: 10, issued: returned, returned } });
  await expect(page.getByTestId('keys-go')).toHaveAttribute('data-target', 'ballot');
  return { page, context };
}

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`${size}: after clicking any control of the tally screen, digits, Space and Enter go to the ballot`, async () => {
    const { page, context } = await openTally(viewport, 60);
    const opened: Page[] = [];
    context.on('page', (p) => opened.push(p));
    const tallyUrl = page.url();
    const controls = page.locator('a:visible, button:visible, summary:visible, select:visible');
    const count = await controls.count();
    expect(count).toBeGreaterThan(5);
    const expected: { number: number; marks: number[] }[] = [];
    for (let i = 0; i < count; i++) {
      const control = controls.nth(i);
      const name = (await control.textContent())?.trim() ?? '';
      await control.click();
      // Dismiss what the click opened: a second tab (大屏) is closed, another screen is left with Back.
      await page.waitForTimeout(200);
      for (const popup of opened.splice(0)) await popup.close();
      if (page.url() !== tallyUrl) {
        await page.goBack();
        await expect(page).toHaveURL(tallyUrl);
      }
      await page.getByTestId('entry').waitFor();
      await expect(page.getByTestId('keys-go'), name).toHaveAttribute('data-target', 'ballot');
      // 2, blank, 1, Enter: the fourth candidate is left blank by Enter.
      await page.keyboard.press('Digit2');
      await page.keyboard.press('Space');
      await page.keyboard.press('Digit1');
      await page.keyboard.press('Enter');
      expected.push({ number: expected.length + 1, marks: [1, BLANK, 0, BLANK] });
      await expectStored(page, expected);
    }
    // Enter never opened another projector tab.
    await page.waitForTimeout(200);
    expect(opened).toHaveLength(0);
    expect(context.pages()).toHaveLength(1);
  });

  test(`${size}: a ballot beyond the returned count waits for a deliberate yes, then shows as an error`, async () => {
    const { page } = await openTally(viewport, 2);
    await typeMarks(page, [0, 0, 0, 0]);
    await typeMarks(page, [1, 1, 1, 1]);
    await expect(page.getByTestId('returned-reached')).toHaveText(h.returnedReached(2));
    await expectStored(page, [
      { number: 1, marks: [0, 0, 0, 0] },
      { number: 2, marks: [1, 1, 1, 1] },
    ]);

    // The third ballot opens the dialog; the clerk's next Enter does not save it (focus is on 不保存).
    await typeMarks(page, [2, 2, 2, 2]);
    const dialog = page.getByTestId('over-entry-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(h.overTitle(3, 2));
    await expect(dialog).toContainText('念了两遍');
    await expect(dialog.getByTestId('over-entry-counts')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('feedback')).toContainText(h.overCancelled);
    await expectStored(page, [
      { number: 1, marks: [0, 0, 0, 0] },
      { number: 2, marks: [1, 1, 1, 1] },
    ]);
    await expect(page.getByTestId('meeting-status')).not.toHaveText(zh.statusName['over-entered']);

    // Enter on the kept ballot asks again; this time it is confirmed and stored.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('over-entry-confirm').click();
    await expectStored(page, [
      { number: 1, marks: [0, 0, 0, 0] },
      { number: 2, marks: [1, 1, 1, 1] },
      { number: 3, marks: [2, 2, 2, 2] },
    ]);
    await expect(page.getByTestId('over-entered')).toContainText(h.overEntered(3, 2));
    await expect(page.getByTestId('meeting-status')).toHaveText(zh.statusName['over-entered']);
    await expect(page.getByTestId('keys-go')).toHaveAttribute('data-target', 'ballot');

    // The results say so too, never 未录完.
    await page.keyboard.press('F8');
    await expect(page.getByTestId('result-table')).toBeVisible();
    await expect(page.getByTestId('meeting-status')).toHaveText(zh.statusName['over-entered']);
    await expect(page.getByText(zh.ui.results.overEnteredBanner)).toBeVisible();
    await expect(page.getByText(zh.ui.results.incompleteBanner)).toHaveCount(0);
  });

  test(`${size}: a correction still being saved does not make the last returned ballot look like one too many`, async () => {
    const { page } = await openTally(viewport, 3);
    await typeMarks(page, [0, 0, 0, 0]);
    await typeMarks(page, [1, 1, 1, 1]);
    await expectStored(page, [
      { number: 1, marks: [0, 0, 0, 0] },
      { number: 2, marks: [1, 1, 1, 1] },
    ]);

    // Ballot 2 is corrected while the disk is slow; the third and last ballot is typed before that save ends.
    const release = await holdWrites(page);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('keys-go')).toHaveText(h.keysTo.correcting(2));
    for (let i = 0; i < PEOPLE.length; i++) await page.keyboard.press('Backspace');
    await typeMarks(page, [2, 2, 2, 2]);
    await expect(page.getByTestId('keys-go')).toHaveText(h.keysTo.ballot(3));
    await typeMarks(page, [3, 3, 3, 3]);
    await expect(page.getByTestId('recent-ballots').locator('li.saving')).toHaveText(zh.ui.entry.saving(2));
    // The next number counts the new ballot only, not the correction in the queue.
    await expect(page.getByTestId('keys-go')).toHaveText(h.keysTo.ballot(4));
    await expect(page.getByTestId('over-entry-dialog')).toHaveCount(0);

    await release();
    await expectStored(page, [
      { number: 1, marks: [0, 0, 0, 0] },
      { number: 2, marks: [2, 2, 2, 2] },
      { number: 3, marks: [3, 3, 3, 3] },
    ]);
    await waitUntilSaved(page, 3, 3);
    await expect(page.getByTestId('returned-reached')).toHaveText(h.returnedReached(3));
    await expect(page.getByTestId('over-entry-dialog')).toHaveCount(0);
  });

  test(`${size}: finalising and unlocking each wait for a dialog that restates the counts`, async () => {
    const { page } = await openTally(viewport, 2);
    await typeMarks(page, [0, 1, 2, 3]);
    await typeMarks(page, [0, 0, BLANK, 1]);
    await expectStored(page, [
      { number: 1, marks: [0, 1, 2, 3] },
      { number: 2, marks: [0, 0, BLANK, 1] },
    ]);
    await page.keyboard.press('F8');
    const panel = page.getByTestId('finalize-panel');
    await expect(panel).toHaveAttribute('data-finalized', 'false');
    const counts = h.countsLine({ expected: 10, present: 10, issued: 2, returned: 2 }, 2, 2, 0);

    /** Opens the dialog, finds the counts (and more) in it, dismisses it with a key; then opens it again and confirms. */
    const confirmThroughDialog = async (button: string, dialogId: string, says: string[], dismissKey: string, finalizedAfter: boolean) => {
      await page.getByTestId(button).click();
      const dialog = page.getByTestId(dialogId);
      for (const text of says) await expect(dialog).toContainText(text);
      // Enter right away (focus on 取消) or Escape changes nothing.
      await page.keyboard.press(dismissKey);
      await expect(dialog).toBeHidden();
      await expect(panel).toHaveAttribute('data-finalized', String(!finalizedAfter));
      await page.getByTestId(button).click();
      await dialog.getByTestId(`${dialogId}-confirm`).click();
      await expect(panel).toHaveAttribute('data-finalized', String(finalizedAfter));
    };
    await confirmThroughDialog('finalize', 'finalize-dialog', [counts], 'Enter', true);
    await page.getByTestId('unlock-reason').fill('发现第 2 张录错');
    await confirmThroughDialog('unlock', 'unlock-dialog', [counts, h.unlockBody('发现第 2 张录错')], 'Escape', false);
  });

  test(`${size}: the first candidate is corrected with the arrow keys, and the audit log shows before and after`, async () => {
    const { page } = await openTally(viewport, 10);
    await typeMarks(page, [0, 1, 2, 3]);
    await typeMarks(page, [1, 1, 1, 1]);
    await expectStored(page, [
      { number: 1, marks: [0, 1, 2, 3] },
      { number: 2, marks: [1, 1, 1, 1] },
    ]);

    // Ctrl+G opens ballot 1 with every candidate marked: a digit there says why it did nothing.
    await page.keyboard.press('Control+g');
    await page.getByTestId('jump-dialog').locator('input').fill('1');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('keys-go')).toHaveText(h.keysTo.correcting(1));
    await page.keyboard.press('Digit3');
    await expect(page.getByTestId('feedback')).toHaveText(h.ballotFull);
    for (let i = 0; i < PEOPLE.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Digit4');
    // Nothing is saved until Enter; the other marks stay as they were.
    await expectStored(page, [
      { number: 1, marks: [0, 1, 2, 3] },
      { number: 2, marks: [1, 1, 1, 1] },
    ]);
    await page.keyboard.press('Enter');
    await expectStored(page, [
      { number: 1, marks: [3, 1, 2, 3] },
      { number: 2, marks: [1, 1, 1, 1] },
    ]);

    // Ctrl+Z reopens the ballot saved last (the correction just made); its last candidate is retyped.
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('keys-go')).toHaveText(h.keysTo.correcting(1));
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Digit3');
    await expectStored(page, [
      { number: 1, marks: [3, 1, 2, 2] },
      { number: 2, marks: [1, 1, 1, 1] },
    ]);

    await page.getByRole('link', { name: zh.ui.audit.title }).click();
    await expect(page.getByTestId('audit-status')).toHaveAttribute('data-intact', 'true');
    // The one meeting of this profile, by its unit and title as the list shows them.
    await chooseOption(page.getByTestId('audit-meeting-filter'), `大同镇红星村 ${zh.ui.meeting.defaultEvaluationTitle}`);
    await chooseOption(page.getByTestId('audit-kind-filter'), zh.ui.audit.actionName['ballot-corrected']!);
    const rows = page.getByTestId('audit-entries').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('audit-shown')).toContainText('显示 2 条');
    // Newest first: the Ctrl+Z correction, then the Ctrl+G one, each with only the mark it changed.
    await expect(rows.nth(0)).toContainText(h.audit.openedBy['ctrl-z']);
    await expect(rows.nth(0)).toContainText(h.audit.change('赵四', '不称职', '基本称职'));
    await expect(rows.nth(0)).not.toContainText('张一');
    await expect(rows.nth(1)).toContainText(h.audit.openedBy['ctrl-g']);
    await expect(rows.nth(1)).toContainText(h.audit.change('张一', '优秀', '不称职'));
    await expect(rows.nth(1)).not.toContainText('李二');
  });

  test(`${size}: a half-typed ballot is offered back after a reload, and is not saved by itself`, async () => {
    const { page } = await openTally(viewport, 10);
    await typeMarks(page, [0, 0, 0, 0]);
    await expectStored(page, [{ number: 1, marks: [0, 0, 0, 0] }]);
    // Two marks of the next ballot, and the page is reloaded at once.
    await typeMarks(page, [2, 1]);
    await page.reload();
    await page.getByTestId('entry').waitFor();
    await expect(page.getByTestId('feedback')).toHaveText(h.draftRestored(2, 2));
    await expect(page.getByTestId('draft-number')).toHaveText(zh.ui.entry.ballotNumber(2));
    await expectStored(page, [{ number: 1, marks: [0, 0, 0, 0] }]);
    await typeMarks(page, [3, BLANK]);
    await expectStored(page, [
      { number: 1, marks: [0, 0, 0, 0] },
      { number: 2, marks: [2, 1, 3, BLANK] },
    ]);
    // Once saved, nothing is offered again.
    await page.reload();
    await page.getByTestId('entry').waitFor();
    await expect(page.getByTestId('feedback')).toBeEmpty();
  });
}
