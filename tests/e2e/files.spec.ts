/**
 * Files and scale as people meet them: a team's browser profile is wiped and its work comes back
 * from the snapshot with the same fingerprint; two teams' workbook files (one encrypted) are merged
 * at the township, a second import changes nothing, a tampered file is refused, and the roll-up
 * Excel is read back with an independent reader; the district rolls up from the same files without
 * storing them, to the same figures.
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { zh } from '../../shared/messages/zh-CN';
import { cellAt, readXlsxIndependently, tableColumns } from '../support/xlsx-independent';
import {
  createMeetingThroughUi,
  createWorkbookThroughUi,
  firstPage,
  freshPort,
  openProfile,
  startHost,
  stopAllHosts,
  tempDir,
  typeMarks,
  waitUntilSaved,
  look,
} from './support';

test.afterEach(stopAllHosts);

/** Eight ballots on evaluation-4 (0 优秀 … 3 不称职, -1 blank), one mark per candidate. */
const stack = (shift: number, candidates: number): number[][] =>
  Array.from({ length: 8 }, (_, i) => [(i + shift) % 4, (i * 3 + shift) % 4, i % 5 === 4 ? -1 : (i + 2 * shift) % 3].slice(0, candidates));

async function enterTeamWork(page: Page, unit: string, people: string[], shift: number, beforeBallots?: () => Promise<void>): Promise<{ fingerprint: string; rates: string[] }> {
  await createWorkbookThroughUi(page, { township: '大同镇', unit, teamName: `${unit}考察组`, people: people.map((name) => ({ name })) });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 10, present: 8, issued: 8, returned: 8 } });
  await beforeBallots?.();
  for (const marks of stack(shift, people.length)) await typeMarks(page, marks);
  await waitUntilSaved(page, 8, 8);
  await page.keyboard.press('F8');
  const fingerprint = /sha256:[0-9a-f]{64}/.exec((await page.getByTestId('fingerprint').textContent()) ?? '')?.[0] ?? 'missing';
  const rates = await page.getByTestId('result-table').locator('td[data-rate]').allTextContents();
  return { fingerprint, rates };
}

async function waitForBackup(page: Page): Promise<void> {
  await expect(page.getByTestId('backup-status')).toContainText('已备份', { timeout: 10_000 });
}

test('a wiped browser profile is restored from the snapshot: every ballot back, the same fingerprint', async () => {
  const dataDir = tempDir('tally-e2e-data-');
  const port = await freshPort();
  const host = await startHost(port, dataDir);
  const profile = tempDir('tally-e2e-profile-');
  let context = await openProfile(profile);
  let page = await firstPage(context);
  await page.goto(await host.launchUrl());
  // A first snapshot before any ballot: the ballots then reach the snapshots through the copy the
  // writer keeps of every added row, not through a full read.
  const before = await enterTeamWork(page, '红星村', ['张明', '刘芳', '陈建国'], 0, () => waitForBackup(page));
  // The last ballot is in a snapshot within seconds of being committed.
  const newestBallots = () => {
    const index = JSON.parse(readFileSync(path.join(dataDir, 'snapshots', 'index.json'), 'utf8')) as { createdAt: string; ballots: number }[];
    return [...index].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0]?.ballots;
  };
  await expect.poll(newestBallots, { timeout: 10_000 }).toBe(8);
  await waitForBackup(page);
  const snapshots = readdirSync(path.join(dataDir, 'snapshots')).filter((f) => f.endsWith('.tallydesk'));
  expect(snapshots.length).toBeGreaterThan(0);
  expect(readdirSync(path.join(dataDir, 'snapshots')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  await context.close();

  // The profile is wiped (as a reinstall or a cleaned browser would), the host runs on.
  rmSync(profile, { recursive: true, force: true });
  context = await openProfile(profile);
  page = await firstPage(context);
  await page.goto(await host.launchUrl());
  await expect(page.getByTestId('restore-offer')).toContainText('1 个工作簿、8 条选票记录');
  await expect(page.getByRole('heading', { name: zh.ui.home.title })).toBeVisible();
  await expect(page.getByTestId('workbook-link')).toHaveCount(0);
  await page.getByRole('button', { name: zh.ui.snapshots.offerRestore }).click();
  await expect(page.getByTestId('restored-note')).toBeVisible();
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);

  await page.getByTestId('workbook-link').click();
  await expect(page.getByTestId('meeting-link').locator('xpath=ancestor::tr')).toContainText(zh.ui.workbookPage.enteredOf(8, 8));
  await page.getByRole('link', { name: zh.ui.workbookPage.results }).click();
  await expect(page.getByTestId('fingerprint')).toContainText(before.fingerprint);
  expect(await page.getByTestId('result-table').locator('td[data-rate]').allTextContents()).toEqual(before.rates);

  // The restore itself is in the audit log.
  await page.goto(`${host.origin}/#/audit`);
  await expect(page.getByText(/从快照“snapshot-[\d-]+\.tallydesk”恢复全部数据（8 条选票记录）/)).toBeVisible();
  await context.close();
});

test('two teams’ files merge at the township; the same file again changes nothing; a tampered file is refused; the roll-up Excel reads back', async () => {
  const dataDir = tempDir('tally-e2e-data-');
  const host = await startHost(await freshPort(), dataDir);

  // Team 1 exports an encrypted workbook file, team 2 a plain one, each from its own laptop (profile).
  const team1 = await openProfile(tempDir('tally-e2e-profile-'), tempDir('tally-e2e-downloads-'));
  const page1 = await firstPage(team1);
  await page1.goto(await host.launchUrl());
  const result1 = await enterTeamWork(page1, '红星村', ['张明', '刘芳', '陈建国'], 0);
  await page1.goto(await host.launchUrl());
  await page1.getByTestId('workbook-link').click();
  await page1.getByTestId('export-workbook-file').click();
  await page1.getByLabel(zh.ui.workbookPage.password).fill('dt2026');
  await page1.getByLabel(zh.ui.workbookPage.passwordAgain).fill('dt2025');
  await page1.getByTestId('export-file-write').click();
  await expect(page1.getByRole('alert')).toHaveText(zh.ui.workbookPage.passwordsDiffer);
  await page1.getByLabel(zh.ui.workbookPage.passwordAgain).fill('dt2026');
  await page1.getByTestId('export-file-write').click();
  await expect(page1.getByTestId('export-notice')).toContainText('已导出加密的工作簿文件');
  await team1.close();

  const team2 = await openProfile(tempDir('tally-e2e-profile-'));
  const page2 = await firstPage(team2);
  await page2.goto(await host.launchUrl());
  const result2 = await enterTeamWork(page2, '青山社区', ['王强', '李娟'], 1);
  await page2.goto(await host.launchUrl());
  await page2.getByTestId('workbook-link').click();
  await page2.getByTestId('export-workbook-file').click();
  await page2.getByTestId('export-file-write').click();
  await expect(page2.getByTestId('export-notice')).toContainText('已导出工作簿文件');
  await team2.close();

  const files = readdirSync(host.exportsDir).filter((f) => f.endsWith('.tallydesk'));
  expect(files.length).toBe(2);
  const encrypted = path.join(host.exportsDir, files.find((f) => f.includes('红星村'))!);
  const plain = path.join(host.exportsDir, files.find((f) => f.includes('青山社区'))!);
  expect(readFileSync(encrypted, 'utf8')).not.toContain('张明');
  const tampered = path.join(tempDir('tally-e2e-tampered-'), '青山社区-改过.tallydesk');
  writeFileSync(tampered, readFileSync(plain, 'utf8').replace('"number":3,', '"number":30,'));

  // The township's laptop merges them.
  const township = await openProfile(tempDir('tally-e2e-profile-'), tempDir('tally-e2e-downloads-'));
  const page = await firstPage(township);
  await page.goto(`${await host.launchUrl()}#/merge`);
  await page.getByTestId('merge-files').setInputFiles([encrypted, plain, tampered]);
  const rows = page.getByTestId('merge-file');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'needs-password');
  await expect(rows.nth(1)).toContainText(zh.ui.merge.willAdd({ workbooks: 1, meetings: 1, ballots: 8, assessment: 0 }));
  await expect(rows.nth(2)).toHaveAttribute('data-status', 'refused');
  await expect(rows.nth(2)).toContainText('被改动过');
  await expect(rows.nth(2)).toContainText('本机数据没有任何改动');
  await page.getByLabel(zh.ui.merge.password).fill('wrong-password');
  await page.getByRole('button', { name: zh.ui.merge.retry }).click();
  await expect(rows.nth(0)).toContainText('密码不对');
  await page.getByLabel(zh.ui.merge.password).fill('dt2026');
  await page.getByRole('button', { name: zh.ui.merge.retry }).click();
  await expect(rows.nth(0)).toContainText(zh.ui.merge.willAdd({ workbooks: 1, meetings: 1, ballots: 8, assessment: 0 }));
  await page.getByTestId('merge-apply').click();
  await expect(page.getByTestId('merge-summary')).toContainText(zh.ui.merge.done(2, 1));

  // The same files once more: nothing new.
  await page.reload();
  await page.getByLabel(zh.ui.merge.password).fill('dt2026');
  await page.getByTestId('merge-files').setInputFiles([encrypted, plain]);
  await expect(page.getByTestId('merge-file').nth(0)).toContainText(zh.ui.merge.nothingNew);
  await expect(page.getByTestId('merge-file').nth(1)).toContainText(zh.ui.merge.nothingNew);
  await expect(page.getByTestId('merge-apply')).toHaveCount(0);

  // Each merged meeting counts exactly as on its team's laptop.
  for (const [unit, result] of [['大同镇红星村', result1], ['大同镇青山社区', result2]] as const) {
    await page.goto(`${await host.launchUrl()}#/`);
    await page.getByRole('link', { name: unit }).click();
    await page.getByRole('link', { name: zh.ui.workbookPage.results }).click();
    await expect(page.getByTestId('fingerprint')).toContainText(result.fingerprint);
  }

  // The roll-up: both villages, all five people, and the Excel read back by openpyxl.
  await page.goto(`${await host.launchUrl()}#/rollup`);
  await expect(page.getByTestId('rollup-units').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('rollup-people').locator('tbody tr')).toHaveCount(5);
  // Each figure beside the meeting it comes from and that meeting's status, as the Excel file says it.
  const zhangOnScreen = page.getByTestId('rollup-people').locator('tbody tr').filter({ hasText: '张明' });
  await expect(zhangOnScreen).toContainText(/1\..+有效/);
  await expect(zhangOnScreen).toContainText(result1.rates[0]!);
  await expect(page.getByTestId('rollup-review')).toContainText(zh.rollup.reviewCounts.incomplete);
  await look(page, 'rollup');
  await page.getByTestId('rollup-search').fill('王强');
  await expect(page.getByTestId('rollup-people').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('rollup-search').fill('');
  await page.getByLabel(zh.ui.rollup.titleLabel).fill('大同镇2026年村（社区）“两委”换届考察');
  await page.getByTestId('export-rollup').click();
  await expect(page.getByTestId('rollup-notice')).toContainText('已导出汇总表');
  const xlsx = readdirSync(host.exportsDir).find((f) => f.includes(zh.rollup.fileKind))!;
  const sheets = readXlsxIndependently(path.join(host.exportsDir, xlsx));
  // The check data for 核验文件 travels last, in a hidden sheet.
  expect(sheets.map((s) => s.title)).toEqual([zh.rollup.summarySheet, zh.rollup.reviewSheet, zh.overview.sheet, zh.overview.ratesSheet, zh.rollup.fingerprintSheet, '校验信息']);
  const list = sheets[3]!;
  const { columns, firstDataRow } = tableColumns(list, 2);
  const namesOf = (sheet: typeof list) => sheet.cells.filter((c) => c.column === columns.get(zh.export.name) && c.row >= firstDataRow).map((c) => c.value);
  const names = namesOf(list);
  // Townships, then villages in pinyin order (红 hóng before 青 qīng); each team's people in its own order.
  expect(names).toEqual(['张明', '刘芳', '陈建国', '王强', '李娟']);
  // 张明's first rate on his team's results screen is the same number in the roll-up, as a 0.00% cell.
  const zhangRow = list.cells.find((c) => c.value === '张明')!.row;
  const header = [...columns].find(([key]) => key.endsWith('/优秀率'))![1];
  const cell = cellAt(list, zhangRow, header)!;
  expect(cell.type).toBe('n');
  expect(cell.format).toBe('0.00%');
  expect(`${(Math.round(Number(cell.value) * 10000) / 100).toFixed(2)}%`).toBe(result1.rates[0]);
  const fingerprints = sheets[4]!.cells.map((c) => String(c.value));
  expect(fingerprints).toContain(result1.fingerprint);
  expect(fingerprints).toContain(result2.fingerprint);
  // The township checks the roll-up it is about to print: 核验文件 finds every cell as exported.
  await page.getByRole('link', { name: zh.ui.verify.title }).click();
  await page.getByTestId('verify-file').setInputFiles(path.join(host.exportsDir, xlsx));
  await expect(page.getByTestId('verify-report')).toHaveAttribute('data-status', 'intact');
  await expect(page.getByTestId('verify-report')).toContainText(zh.verify.intactRollup(xlsx, zh.rollup.fingerprintSheet));
  await township.close();

  // The district rolls up straight from the same files on another laptop, storing nothing there.
  const district = await openProfile(tempDir('tally-e2e-profile-'));
  const districtPage = await firstPage(district);
  await districtPage.goto(`${await host.launchUrl()}#/rollup`);
  await expect(districtPage.getByTestId('rollup-source')).toContainText(zh.ui.rollup.sourceLocal);
  await districtPage.getByTestId('rollup-files').setInputFiles([encrypted, plain, tampered]);
  const fileRows = districtPage.getByTestId('rollup-file');
  await expect(fileRows).toHaveCount(3);
  await expect(fileRows.nth(0)).toHaveAttribute('data-status', 'needs-password');
  await expect(fileRows.nth(1)).toHaveAttribute('data-status', 'merged');
  await expect(fileRows.nth(2)).toHaveAttribute('data-status', 'refused');
  await expect(fileRows.nth(2)).toContainText(zh.workbookFile.checksum);
  await expect(districtPage.getByTestId('rollup-people').locator('tbody tr')).toHaveCount(2);
  await districtPage.getByLabel(zh.ui.rollup.filesPassword).fill('dt2026');
  await districtPage.getByRole('button', { name: zh.ui.rollup.again }).click();
  await expect(fileRows.nth(0)).toHaveAttribute('data-status', 'merged');
  await expect(districtPage.getByTestId('rollup-source')).toContainText(zh.ui.rollup.sourceFiles(3, 2));
  await expect(districtPage.getByTestId('rollup-units').locator('tbody tr')).toHaveCount(2);
  await expect(districtPage.getByTestId('rollup-people').locator('tbody tr')).toHaveCount(5);
  await districtPage.getByLabel(zh.ui.rollup.titleLabel).fill('某区');
  await districtPage.getByTestId('export-rollup').click();
  await expect(districtPage.getByTestId('rollup-notice')).toContainText('已导出汇总表');
  const fromFiles = readdirSync(host.exportsDir).find((f) => f.startsWith('某区-') && f.includes(zh.rollup.fileKind))!;
  const districtList = readXlsxIndependently(path.join(host.exportsDir, fromFiles))[3]!;
  // The same people with the same figures as the roll-up of the merged database.
  const figures = (sheet: typeof list) => sheet.cells.filter((c) => c.row >= firstDataRow && c.type === 'n' && c.column > 1).map((c) => `${c.row}:${c.column}:${String(c.value)}`);
  expect(namesOf(districtList)).toEqual(names);
  expect(figures(districtList)).toEqual(figures(list));
  // Nothing was stored on the district's laptop.
  await districtPage.goto(`${await host.launchUrl()}#/`);
  await expect(districtPage.getByTestId('workbook-link')).toHaveCount(0);
  await district.close();
});
