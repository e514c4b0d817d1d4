/**
 * The core loop as a team does it, in real Chromium against the browser-mode host: set up a
 * workbook and a meeting, type the paper ballots of an example with the keyboard contract, compare
 * the screen with the independently computed result, export the Excel summary and read it back,
 * then close everything, start again with the same profile and find every ballot still there.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { BallotRecord } from '../../shared/domain/ballot';
import { BLANK, VOID } from '../../shared/domain/ballot';
import { parseBallotGrid } from '../../shared/domain/ballot-grid';
import { ballotFingerprint } from '../../shared/domain/fingerprint';
import { presetForm } from '../../shared/domain/forms';
import { formatPercent } from '../../shared/format/percent';
import { zh } from '../../shared/messages/zh-CN';
import { readGridFile } from '../../electron/services/grid-file';
import { loadExamples } from '../support/examples';
import { cellAt, readXlsxIndependently, tableColumns } from '../support/xlsx-independent';
import { createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir } from './support';

test.afterEach(stopAllHosts);

interface ExpectedResult {
  status: string;
  meeting: Record<string, number>;
  candidates: { name: string; counts: Record<string, number>; rates: Record<string, { numerator: number; denominator: number; value: number }> }[];
}

const example = loadExamples().find((e) => e.name === 'evaluation-4-small')!;
const expected = example.expected as unknown as ExpectedResult;
const argValue = (name: string) => example.args[example.args.indexOf(`--${name}`) + 1]!;

async function exampleBallots(): Promise<{ candidates: string[]; ballots: BallotRecord[] }> {
  const grid = await readGridFile(readFileSync(example.gridPath), path.basename(example.gridPath));
  if (!grid.ok) throw new Error('example grid refused');
  const parsed = parseBallotGrid(grid.value, presetForm('evaluation-4'));
  if (!parsed.ok) throw new Error('example grid refused');
  return parsed.value;
}

/** Which element has focus in the page (headless windows report themselves inactive, so toBeFocused() cannot tell). */
async function expectFocused(page: Page, testId: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)).toBe(testId);
}

let blankToggle = false;

/** Types one paper ballot with the fewest keys the contract allows, using each kind of key along the way. */
async function typeBallot(page: Page, ballot: BallotRecord, previous: BallotRecord | null): Promise<void> {
  if (ballot.invalidReason !== null) {
    await page.keyboard.press('Slash');
    const dialog = page.getByTestId('invalid-dialog');
    await expect(dialog).toBeVisible();
    const listed = zh.ui.invalidDialog.reasons.indexOf(ballot.invalidReason);
    if (listed >= 0) {
      await page.keyboard.press(String(listed + 1));
    } else {
      await page.keyboard.press(String(zh.ui.invalidDialog.reasons.length + 1));
      await page.keyboard.insertText(ballot.invalidReason);
      await page.keyboard.press('Enter');
    }
    await expect(dialog).toBeHidden();
    return;
  }
  if (previous && previous.invalidReason === null && previous.marks.join() === ballot.marks.join()) {
    await page.keyboard.press('NumpadMultiply');
    return;
  }
  const marks = ballot.marks;
  for (let item = 0; item < marks.length; item++) {
    const rest = marks.slice(item);
    const mark = marks[item]!;
    if (rest.length >= 2 && mark >= 0 && rest.every((m) => m === mark)) {
      await page.keyboard.press(`Shift+Digit${mark + 1}`);
      return;
    }
    if (item > 0 && rest.every((m) => m === BLANK)) {
      await page.keyboard.press('Enter');
      return;
    }
    if (mark === BLANK) {
      blankToggle = !blankToggle;
      await page.keyboard.press(blankToggle ? 'Digit0' : 'Space');
    } else if (mark === VOID) {
      await page.keyboard.press('Minus');
    } else {
      await page.keyboard.press(mark % 2 === 0 ? `Digit${mark + 1}` : `Numpad${mark + 1}`);
    }
  }
}

async function expectCountsOnScreen(page: Page, scope: string): Promise<void> {
  for (const candidate of expected.candidates) {
    const row = page.getByTestId(scope).locator(`tr[data-candidate="${candidate.name}"]`);
    for (const [label, count] of Object.entries(candidate.counts)) {
      await expect(row.locator(`td[data-count="${label}"]`)).toHaveText(String(count));
    }
    for (const [rateName, rate] of Object.entries(candidate.rates)) {
      await expect(row.locator(`td[data-rate="${rateName}"]`)).toHaveText(formatPercent(rate.numerator, rate.denominator));
    }
  }
}

test('enter the ballots of an example by keyboard, check, export, and find them again after a restart', async () => {
  const port = await freshPort();
  const dataDir = tempDir('tally-e2e-data-');
  const profileDir = tempDir('tally-e2e-profile-');
  const { candidates, ballots } = await exampleBallots();

  let host = await startHost(port, dataDir);
  let context = await openProfile(profileDir);
  let page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await expect(page.getByRole('heading', { name: zh.ui.home.title })).toBeVisible();

  // Workbook and meeting: the people on the ballot in ballot order, the counts of the example's .args.
  await createWorkbookThroughUi(page, {
    township: '大同镇',
    unit: '红星村',
    teamName: '第三考察组',
    teamMembers: '王明、李华',
    people: candidates.map((name) => ({ name, proposedPost: '村委会委员' })),
  });
  await createMeetingThroughUi(page, {
    preset: 'evaluation-4',
    counts: { expected: argValue('expected'), present: argValue('present'), issued: argValue('issued'), returned: argValue('returned') },
  });

  // Tally: keyboard only from here on.
  await expectFocused(page, 'entry');
  let previous: BallotRecord | null = null;
  for (const [index, ballot] of ballots.entries()) {
    if (index === 4) {
      // A slip, noticed at once: the first mark is wrong. Ctrl+Z reopens the ballot and it is retyped.
      const slipped = { ...ballot, marks: ballot.marks.map((m, i) => (i === 0 ? (m === 0 ? 1 : 0) : m)) };
      await typeBallot(page, slipped, null);
      await expect(page.getByTestId('recent-ballots').locator('li[data-ballot-number="5"]')).toHaveCount(1);
      await page.keyboard.press('Control+z');
      await expect(page.getByTestId('draft-number')).toHaveText(zh.ui.entry.ballotNumber(5));
      for (let i = 0; i < ballot.marks.length; i++) await page.keyboard.press('Backspace');
    }
    await typeBallot(page, ballot, index === 4 ? null : previous);
    previous = ballot;
  }
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(ballots.length, Number(argValue('returned'))));
  await expect(page.getByTestId('recent-ballots').locator('li.saving')).toHaveCount(0);
  await expectCountsOnScreen(page, 'running-counts');
  await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', expected.status);

  // Results, by keyboard: F8, then Enter on the focused export button.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('result-table')).toBeVisible();
  await expectCountsOnScreen(page, 'result-table');
  for (const [field, value] of Object.entries(expected.meeting)) {
    await expect(page.getByTestId('meeting-counts').locator(`td[data-field="${field}"]`)).toHaveText(String(value));
  }
  const fingerprint = ballotFingerprint(presetForm('evaluation-4'), candidates, ballots);
  await expect(page.getByTestId('fingerprint')).toContainText(fingerprint);
  await expect(page.getByTestId('basis')).toContainText('称职以上率 = （优秀票数＋称职票数）÷有效票数');

  await expectFocused(page, 'export');
  const downloadPromise = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloadPromise;
  const downloaded = path.join(tempDir('tally-e2e-download-'), download.suggestedFilename());
  await download.saveAs(downloaded);
  await expect(page.getByTestId('export-notice')).toContainText(host.exportsDir);
  expect(readdirSync(host.exportsDir)).toContain(download.suggestedFilename());
  expect(download.suggestedFilename()).toContain('红星村');

  // The file read back by an independent reader: each candidate's row by name, the numbers as expected.
  for (const file of [downloaded, path.join(host.exportsDir, download.suggestedFilename())]) {
    const sheet = readXlsxIndependently(file).find((s) => s.title === zh.export.evaluationSheet)!;
    const { columns } = tableColumns(sheet, 2);
    for (const candidate of expected.candidates) {
      const row = sheet.cells.find((c) => c.column === columns.get('姓名') && c.value === candidate.name)!.row;
      for (const [label, count] of Object.entries(candidate.counts)) {
        expect(cellAt(sheet, row, columns.get(`${label}/票数`) ?? columns.get(label)!)!.value).toBe(count);
      }
      for (const [rateName, rate] of Object.entries(candidate.rates)) {
        expect(cellAt(sheet, row, columns.get(rateName)!)!.value).toBe(rate.value);
      }
    }
    expect(sheet.cells.some((c) => String(c.value).includes(fingerprint))).toBe(true);
  }

  // Exported again, the file is saved beside the first under a numbered name; the first stays as it was.
  const firstExport = readFileSync(path.join(host.exportsDir, download.suggestedFilename()));
  const againPromise = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const again = await againPromise;
  const numbered = download.suggestedFilename().replace(/\.xlsx$/, '(2).xlsx');
  expect(again.suggestedFilename()).toBe(numbered);
  await expect(page.getByTestId('export-notice')).toContainText(numbered);
  expect(readdirSync(host.exportsDir)).toEqual(expect.arrayContaining([download.suggestedFilename(), numbered]));
  expect(readFileSync(path.join(host.exportsDir, download.suggestedFilename())).equals(firstExport)).toBe(true);

  // Close the browser and the host; start both again with the same profile and the same port.
  await context.close();
  await host.stop();
  host = await startHost(port, dataDir);
  context = await openProfile(profileDir);
  page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await page.getByTestId('workbook-link').first().click();
  await page.getByTestId('meeting-link').first().click();
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(ballots.length, Number(argValue('returned'))));
  await expectCountsOnScreen(page, 'running-counts');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('fingerprint')).toContainText(fingerprint);

  await context.close();
  await host.stop();
});

test('a meeting with more ballots returned than issued is void on screen and in the export', async () => {
  const port = await freshPort();
  const dataDir = tempDir('tally-e2e-data-');
  const host = await startHost(port, dataDir);
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await createWorkbookThroughUi(page, { unit: '向阳社区', people: [{ name: '𠀾明' }] });
  await createMeetingThroughUi(page, { preset: 'approval-3', counts: { expected: 3, present: 3, issued: 2, returned: 3 } });
  await expectFocused(page, 'entry');
  for (const key of ['Digit1', 'Digit1', 'Digit2']) await page.keyboard.press(key);
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(3, 3));
  await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'void');

  await page.keyboard.press('F8');
  await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'void');
  await expect(page.getByText(zh.ui.results.voidBanner)).toBeVisible();
  await expect(page.locator('[data-check="returned-within-issued"]')).toHaveAttribute('data-ok', 'false');

  const downloadPromise = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = path.join(tempDir('tally-e2e-download-'), 'void.xlsx');
  await (await downloadPromise).saveAs(file);
  for (const sheet of readXlsxIndependently(file).filter((s) => s.title === zh.export.evaluationSheet || s.title === zh.export.reportSheet)) {
    const text = sheet.cells.map((c) => String(c.value)).join('\n');
    expect(text).toContain(zh.export.statusShort.void);
    expect(text).toMatch(/本次会议无效|本次投票无效/);
    expect(text).toContain('𠀾明');
    expect(text).not.toContain('本次计票结果有效');
  }
  await context.close();
  await host.stop();
});

test('a recommendation meeting: 1 ticks, too many ticks void the ballot, 得票率 is over returned ballots', async () => {
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await createWorkbookThroughUi(page, { unit: '光明村', people: ['周强', '吴静', '郑海'].map((name) => ({ name })) });
  await createMeetingThroughUi(page, { preset: 'recommend', maxSelections: 2, counts: { expected: 4, present: 4, issued: 4, returned: 4 } });
  await expectFocused(page, 'entry');

  // Ballot 1 ticks all three (more than 2: wholly invalid); 2: 周强 吴静; 3: 周强 only (Enter); 4: 2 is not an option.
  await page.keyboard.press('Shift+Digit1');
  for (const key of ['Digit1', 'Digit1', 'Digit0']) await page.keyboard.press(key);
  await page.keyboard.press('Digit1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Digit2');
  await expect(page.getByTestId('feedback')).toContainText(zh.ui.entry.optionOutOfRange(1));
  await page.keyboard.press('Space');
  await page.keyboard.press('Space');
  await page.keyboard.press('Digit1');

  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(4, 4));
  await expect(page.getByTestId('recent-ballots').locator('li[data-ballot-number="1"]')).toContainText(zh.ballot.overSelected(3, 2));
  await page.keyboard.press('F8');
  const table = page.getByTestId('result-table');
  const expectations: [string, number, number][] = [
    ['周强', 2, 1],
    ['吴静', 1, 2],
    ['郑海', 1, 2],
  ];
  for (const [name, votes, rank] of expectations) {
    const row = table.locator(`tr[data-candidate="${name}"]`);
    await expect(row.locator(`td[data-count="${zh.export.votes}"]`)).toHaveText(String(votes));
    await expect(row.locator(`td[data-rate="${zh.export.voteShare}"]`)).toHaveText(formatPercent(votes, 4));
    await expect(row.locator('td[data-rank]')).toHaveText(String(rank));
  }
  await expect(page.getByTestId('meeting-counts').locator('td[data-field="invalid"]')).toHaveText('1');
  await context.close();
});
