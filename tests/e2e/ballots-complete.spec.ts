/**
 * Ballots complete, as the team uses it: double entry with reconciliation and finalising, the
 * tamper-evident audit log, respondent groups with weights, the projector, the form designer and
 * keyboard corrections — in real Chromium against the browser-mode host.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { formatPercent } from '../../shared/format/percent';
import { zh } from '../../shared/messages/zh-CN';
import { readXlsxIndependently } from '../support/xlsx-independent';
import { chooseOption, createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir, typeMarks, waitUntilSaved } from './support';

test.afterEach(stopAllHosts);

async function openApp(): Promise<{ page: Page; close: () => Promise<void> }> {
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const context = await openProfile(tempDir('tally-e2e-profile-'));
  const page = await firstPage(context);
  await page.goto(await host.launchUrl());
  return { page, close: () => context.close() };
}

/** A deterministic 30-ballot stack for 4 candidates on evaluation-4 (options 0…3, -1 blank). */
const stack: number[][] = Array.from({ length: 30 }, (_, i) => [i % 4, (i * 3 + 1) % 4, (i * 5 + 2) % 5 === 4 ? -1 : (i * 5 + 2) % 4, (i * 7 + 3) % 4]);
const candidates = ['张明', '刘芳', '陈建国', '杨丽'];

test('double entry: the reconciliation lists exactly the 3 differing ballots, and finalising waits for them', async () => {
  const { page, close } = await openApp();
  await createWorkbookThroughUi(page, { unit: '红星村', people: candidates.map((name) => ({ name })) });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', doubleEntry: true, counts: { expected: 30, present: 30, issued: 30, returned: 30 } });
  await expect(page.getByTestId('pass')).toContainText(zh.ui.entry.passName(1));
  for (const marks of stack) await typeMarks(page, marks);
  await waitUntilSaved(page, 30, 30);

  // The second person enters the same stack, with three slips.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('pass')).toContainText(zh.ui.entry.passName(2));
  const slips = new Map([
    [7, 0],
    [15, 2],
    [22, 3],
  ]);
  const second = stack.map((marks, i) => {
    const item = slips.get(i + 1);
    return item === undefined ? marks : marks.map((m, j) => (j === item ? (m === 0 ? 1 : 0) : m));
  });
  for (const marks of second) await typeMarks(page, marks);
  await waitUntilSaved(page, 30, 30);

  // Results: finalising is refused while the differences stand.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('finalize')).toBeDisabled();
  await expect(page.getByTestId('finalize-blockers')).toContainText(zh.ui.finalize.unresolved([7, 15, 22]));

  await page.getByTestId('to-reconcile').click();
  await expect(page.getByTestId('difference')).toHaveCount(3);
  expect(await page.getByTestId('difference').evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-number'))))).toEqual([7, 15, 22]);

  // Settle them by keyboard: 7 takes the first pass, 15 the second, 22 is entered again from the paper.
  await page.keyboard.press('a');
  await expect(page.locator('[data-number="7"]')).toHaveAttribute('data-resolved', 'first');
  await page.keyboard.press('b');
  await expect(page.locator('[data-number="15"]')).toHaveAttribute('data-resolved', 'second');
  await page.keyboard.press('r');
  await expect(page.getByTestId('reentry')).toBeVisible();
  await typeMarks(page, stack[21]!);
  await expect(page.locator('[data-number="22"]')).toHaveAttribute('data-resolved', 'reentered');

  await page.getByRole('link', { name: zh.ui.reconcile.toResults }).click();
  await expect(page.getByTestId('finalize')).toBeEnabled();
  // Counted: the first pass except ballot 15, where the second pass was taken.
  const counted = stack.map((marks, i) => (i === 14 ? second[14]! : marks));
  for (const [c, name] of candidates.entries()) {
    const excellent = counted.filter((marks) => marks[c] === 0).length;
    await expect(page.getByTestId('result-table').locator(`tr[data-candidate="${name}"] td[data-count="优秀"]`)).toHaveText(String(excellent));
  }
  await page.getByTestId('finalize').click();
  await page.getByTestId('finalize-dialog-confirm').click();
  await expect(page.getByTestId('finalize-panel')).toHaveAttribute('data-finalized', 'true');

  // The result sheet says two people entered and reconciled the stack.
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = path.join(tempDir('tally-e2e-download-'), 'double.xlsx');
  await (await downloadPromise).saveAs(file);
  const report = readXlsxIndependently(file).find((s) => s.title === zh.export.reportSheet)!;
  expect(report.cells.map((c) => String(c.value)).join('\n')).toContain(zh.export.doubleEntryLine(3, true, null));

  // Finalised: the tally screen takes no more ballots until unlocked with a reason.
  await page.keyboard.press('F8');
  await page.getByTestId('entry').waitFor();
  await page.keyboard.press('Digit1');
  await expect(page.getByTestId('feedback')).toContainText(zh.ui.errors.meetingFinalized);
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(30, 30));
  await close();
});

/** Changes one stored audit entry, or removes it, directly in IndexedDB (not through the app). */
async function tamperWithAudit(page: Page, seq: number, how: 'edit' | 'delete'): Promise<void> {
  await page.evaluate(
    ({ seq, how }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tally-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const tx = database.transaction('audit', 'readwrite');
          const store = tx.objectStore('audit');
          if (how === 'delete') store.delete(seq);
          else {
            const get = store.get(seq);
            get.onsuccess = () => store.put({ ...get.result, detail: `${String(get.result.detail)}（改）` });
          }
          tx.oncomplete = () => {
            database.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { seq, how },
  );
}

test('an audit entry edited or deleted in IndexedDB is detected and shown', async () => {
  const { page, close } = await openApp();
  await createWorkbookThroughUi(page, { unit: '向阳社区', people: [{ name: '王五' }] });
  await createMeetingThroughUi(page, { preset: 'approval-3', counts: { expected: 3, present: 3, issued: 3, returned: 3 } });
  await typeMarks(page, [0]);
  await typeMarks(page, [1]);
  await typeMarks(page, [0]);
  await waitUntilSaved(page, 3, 3);

  await page.getByRole('link', { name: zh.ui.audit.title }).click();
  await expect(page.getByTestId('audit-status')).toHaveAttribute('data-intact', 'true');
  await expect(page.getByTestId('audit-entries').locator('tbody tr')).toHaveCount(5);
  const exported = page.waitForEvent('download');
  await page.getByTestId('export-audit').click();
  const logFile = path.join(tempDir('tally-e2e-download-'), 'audit.xlsx');
  await (await exported).saveAs(logFile);
  const logText = readXlsxIndependently(logFile)[0]!.cells.map((c) => String(c.value)).join('\n');
  expect(logText).toContain(zh.auditExport.intact(5));
  expect(logText).toContain(zh.audit.ballotAdded(2, 1, null));

  await tamperWithAudit(page, 3, 'edit');
  await page.reload();
  await expect(page.getByTestId('audit-status')).toHaveAttribute('data-intact', 'false');
  await expect(page.getByTestId('audit-status')).toContainText(zh.audit.edited(3));
  await expect(page.locator('tr[data-seq="3"]')).toHaveClass(/audit-problem/);

  await tamperWithAudit(page, 2, 'delete');
  await page.reload();
  await expect(page.getByTestId('audit-status')).toContainText(zh.audit.brokenLink(3));

  await tamperWithAudit(page, 5, 'delete');
  await page.reload();
  await expect(page.getByTestId('audit-status')).toContainText(zh.audit.headMismatch(5, 3));
  await close();
});

test('respondent groups: ballots entered per group give subtotals and the weighted result computed by hand', async () => {
  const { page, close } = await openApp();
  await createWorkbookThroughUi(page, { unit: '光明村', people: [{ name: '赵一' }] });
  await createMeetingThroughUi(page, {
    preset: 'satisfaction-3',
    counts: { expected: 8, present: 8, issued: 8, returned: 8 },
    groups: [
      { label: '党员', weight: '0.7' },
      { label: '群众', weight: '0.3' },
    ],
  });
  // 党员: 满意 满意 不满意 基本满意 → 3 of 4 satisfied. F2 → 群众: 满意 不满意 不满意 blank → 1 of 4.
  await expect(page.getByTestId('group')).toHaveValue('0');
  for (const mark of [0, 0, 2, 1]) await typeMarks(page, [mark]);
  await page.keyboard.press('F2');
  await expect(page.getByTestId('draft-group')).toHaveText('群众');
  for (const mark of [0, 2, 2, -1]) await typeMarks(page, [mark]);
  await waitUntilSaved(page, 8, 8);

  await page.keyboard.press('F8');
  const groups = page.getByTestId('group-results');
  await expect(groups.getByTestId('group-党员').locator('td[data-rate="满意率"]')).toHaveText(formatPercent(3, 4));
  await expect(groups.getByTestId('group-群众').locator('td[data-rate="满意率"]')).toHaveText(formatPercent(1, 4));
  // By hand: (0.7 × 3/4 + 0.3 × 1/4) ÷ (0.7 + 0.3) = 0.6 → 60.00%, below 90%: flagged.
  const weighted = page.getByTestId('weighted-results').locator('tr[data-candidate="赵一"]');
  await expect(weighted.locator(`td[data-rate="${zh.export.weightedRate('满意率')}"]`)).toHaveText('60.00%');
  await expect(weighted).toContainText('加权满意率 60.00%');
  await expect(page.getByTestId('basis')).toContainText('0.7 × 党员 + 0.3 × 群众');
  await close();
});

test('the projector updates live while another page enters ballots, and a sealed meeting shows only the count', async () => {
  const { page, close } = await openApp();
  await createWorkbookThroughUi(page, { unit: '东风村', people: [{ name: '甲' }, { name: '乙' }] });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', sealed: false, counts: { expected: 4, present: 4, issued: 4, returned: 4 } });
  const projectorPromise = page.context().waitForEvent('page');
  await page.getByTestId('open-projector').click();
  const projector = await projectorPromise;
  await expect(projector.getByTestId('projector-count')).toHaveText(zh.ui.projector.count(0, 4));
  await page.bringToFront();
  await typeMarks(page, [0, 1]);
  await expect(projector.getByTestId('projector-count')).toHaveText(zh.ui.projector.count(1, 4));
  await expect(projector.locator('tr[data-candidate="甲"] td[data-count="优秀"]')).toHaveText('1');
  await typeMarks(page, [0, 0]);
  await expect(projector.locator('tr[data-candidate="甲"] td[data-count="优秀"]')).toHaveText('2');
  await expect(projector.locator('tr[data-candidate="乙"] td[data-rate="优秀率"]')).toHaveText(formatPercent(1, 2));
  await projector.close();

  // A sealed meeting: only the count until the results are confirmed.
  await page.getByRole('link', { name: zh.ui.entry.editMeeting }).click();
  await page.getByLabel(zh.ui.meeting.sealed).check();
  await page.getByRole('button', { name: zh.ui.meeting.saveChanges }).click();
  await page.getByTestId('entry').waitFor();
  const sealedPromise = page.context().waitForEvent('page');
  await page.getByTestId('open-projector').click();
  const sealed = await sealedPromise;
  await expect(sealed.getByTestId('projector-sealed')).toBeVisible();
  await expect(sealed.getByTestId('projector-table')).toHaveCount(0);
  await page.bringToFront();
  await typeMarks(page, [1, 1]);
  await typeMarks(page, [2, 2]);
  await expect(sealed.getByTestId('projector-count')).toHaveText(zh.ui.projector.count(4, 4));
  await page.keyboard.press('F8');
  await page.getByTestId('finalize').click();
  await page.getByTestId('finalize-dialog-confirm').click();
  await expect(sealed.getByTestId('projector-table')).toBeVisible();
  await expect(sealed.locator('tr[data-candidate="甲"] td[data-count="优秀"]')).toHaveText('2');
  await close();
});

test('corrections by keyboard: jump to a ballot number and correct it, delete one entered by mistake', async () => {
  const { page, close } = await openApp();
  await createWorkbookThroughUi(page, { unit: '新华社区', people: [{ name: '甲' }, { name: '乙' }] });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 3, present: 3, issued: 3, returned: 3 } });
  for (const marks of [[0, 0], [1, 1], [2, 2]]) await typeMarks(page, marks);
  await waitUntilSaved(page, 3, 3);
  // A fourth ballot of 3 returned: the guard asks first, and the team says it is counted right (a slip, deleted below).
  await typeMarks(page, [3, 3]);
  await page.getByTestId('over-entry-dialog').getByTestId('over-entry-confirm').click();
  await waitUntilSaved(page, 4, 3);

  // Ctrl+G 2: ballot 2 becomes 优秀/优秀.
  await page.keyboard.press('Control+g');
  await page.getByTestId('jump-dialog').getByRole('textbox').fill('2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('draft-number')).toHaveText(zh.ui.entry.ballotNumber(2));
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await typeMarks(page, [0, 0]);
  await expect(page.getByTestId('feedback')).toContainText(zh.ui.entry.correctionSaved(2));

  // Ballot 4 was a slip (entered twice): open it and delete it, with a reason.
  await page.keyboard.press('Control+g');
  await page.getByTestId('jump-dialog').getByRole('textbox').fill('4');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('delete-dialog')).toBeVisible();
  await page.keyboard.press('Digit1');
  await expect(page.getByTestId('feedback')).toContainText(zh.ui.entry.deleted(4));
  await waitUntilSaved(page, 3, 3);
  await expect(page.getByTestId('running-counts').locator('tr[data-candidate="甲"] td[data-count="优秀"]')).toHaveText('2');
  await expect(page.getByTestId('running-counts').locator('tr[data-candidate="甲"] td[data-count="不称职"]')).toHaveText('0');

  await page.getByRole('link', { name: zh.ui.audit.title }).click();
  await expect(page.getByTestId('audit-entries')).toContainText(zh.audit.ballotCorrected(2, zh.meetingHall.correctionNote['ctrl-g']));
  await expect(page.getByTestId('audit-entries')).toContainText(zh.audit.ballotDeleted(4, zh.ui.entry.deleteReasons[0]!));
  await close();
});

test('the form designer: a form with two questions per candidate, entered question by question, and a copy kept by the meeting', async () => {
  const { page, close } = await openApp();
  await page.getByRole('link', { name: zh.ui.forms.title }).first().click();
  await page.getByTestId('copy-evaluation-4').click();
  await page.getByLabel(zh.ui.designer.name).fill('测评加同意票');
  await page.getByRole('button', { name: zh.ui.designer.addQuestion }).click();
  await page.getByLabel(zh.ui.designer.questionLabel(2)).fill('是否同意作为人选');
  await page.getByTestId('save-form').click();
  await expect(page.getByText(zh.ui.designer.saved)).toBeVisible();

  await page.getByRole('link', { name: zh.ui.home.title }).first().click();
  await createWorkbookThroughUi(page, { unit: '朝阳村', people: [{ name: '甲' }, { name: '乙' }] });
  await createMeetingThroughUi(page, { formName: '测评加同意票', counts: { expected: 2, present: 2, issued: 2, returned: 2 } });
  // Candidate by candidate, question by question: 甲 优秀 同意, 乙 称职 不同意; then 甲 优秀 弃权, 乙 不称职 同意.
  await typeMarks(page, [0, 0, 1, 1]);
  await typeMarks(page, [0, 2, 3, 0]);
  await waitUntilSaved(page, 2, 2);
  await page.keyboard.press('F8');
  const row = page.getByTestId('result-table').locator('tr[data-candidate="乙"]');
  await expect(row.locator('td[data-count="测评等次·称职"]')).toHaveText('1');
  await expect(row.locator('td[data-count="是否同意作为人选·不同意"]')).toHaveText('1');
  await expect(page.getByTestId('result-table').locator('tr[data-candidate="甲"] td[data-count="是否同意作为人选·弃权"]')).toHaveText('1');

  // Editing the saved form afterwards does not change the meeting, which keeps its copy.
  await page.getByRole('link', { name: zh.ui.forms.title }).first().click();
  await page.getByTestId('library').getByRole('link', { name: '测评加同意票' }).click();
  await page.getByLabel(zh.ui.designer.optionOf(2, 2), { exact: true }).fill('反对');
  await page.getByTestId('save-form').click();
  await expect(page.getByText(zh.ui.designer.saved)).toBeVisible();
  await page.goBack();
  await page.goBack();
  await page.reload();
  await expect(page.getByTestId('result-table').locator('tr[data-candidate="乙"] td[data-count="是否同意作为人选·不同意"]')).toHaveText('1');
  await close();
});

test('a two-post recommendation from the designer: write-ins typed during entry, spellings merged, a second-round hint', async () => {
  const { page, close } = await openApp();
  await page.getByRole('link', { name: zh.ui.forms.title }).first().click();
  await page.getByTestId('new-recommend-form').click();
  await page.getByLabel(zh.ui.designer.name).fill('村委会推荐票');
  await page.getByLabel(zh.ui.designer.postLabel(1), { exact: true }).fill('主任');
  await page.getByRole('button', { name: zh.ui.designer.addPost }).click();
  await page.getByLabel(zh.ui.designer.postLabel(2), { exact: true }).fill('委员');
  await page.getByLabel(zh.ui.designer.maxOf(2)).fill('2');
  await page.getByLabel(zh.ui.designer.rateNameOf(1)).fill('主任得票率');
  await page.getByLabel(zh.ui.designer.rateNameOf(2)).fill('委员得票率');
  await page.getByTestId('save-form').click();
  await expect(page.getByText(zh.ui.designer.saved)).toBeVisible();

  await page.getByRole('link', { name: zh.ui.home.title }).first().click();
  await createWorkbookThroughUi(page, { unit: '胜利村', people: ['甲', '乙', '丙'].map((name) => ({ name })) });
  await page.getByRole('link', { name: zh.ui.workbookPage.newMeeting }).click();
  await chooseOption(page.getByLabel(zh.ui.meeting.form), '村委会推荐票');
  await page.getByLabel(zh.ui.meeting.secondRound).fill('<=1/2');
  for (const field of ['expected', 'present', 'issued', 'returned'] as const) await page.getByLabel(zh.meetingField[field], { exact: true }).fill('4');
  await page.getByRole('button', { name: zh.ui.meeting.createAndEnter }).click();
  await page.getByTestId('entry').waitFor();

  // Items go candidate by candidate, post by post: 甲主任 甲委员 乙主任 乙委员 丙主任 丙委员.
  // Ballot 1: 主任 甲; 委员 丙; then "+" right after it adds the name read out last: 赵 一 (委员), 2 of 2.
  await typeMarks(page, [0, -1, -1, -1, -1, 0]);
  await waitUntilSaved(page, 1, 4);
  await page.keyboard.press('NumpadAdd');
  await page.getByTestId('write-in-dialog').getByRole('textbox').fill('赵 一');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('feedback')).toContainText(zh.ui.entry.correctionSaved(1));
  // Ballot 2: 主任 甲, then "+" during the ballot (the cursor is on 甲委员): 赵依 for 委员; 委员 丙.
  await typeMarks(page, [0]);
  await page.keyboard.press('NumpadAdd');
  await page.getByTestId('write-in-dialog').getByRole('textbox').fill('赵依');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await typeMarks(page, [-1, -1, -1, -1, 0]);
  // Ballot 3 ticks three 委员 (maximum 2): that post is void on it. Ballot 4 is blank.
  await typeMarks(page, [-1, 0, -1, 0, -1, 0]);
  await page.keyboard.press('Enter');
  await waitUntilSaved(page, 4, 4);

  await page.keyboard.press('F8');
  const row = (name: string) => page.getByTestId('result-table').locator(`tr[data-candidate="${name}"]`);
  await expect(row('甲').locator(`td[data-count="主任·${zh.export.votes}"]`)).toHaveText('2');
  await expect(row('丙').locator(`td[data-count="委员·${zh.export.votes}"]`)).toHaveText('2');
  await expect(row('乙').locator(`td[data-count="委员·${zh.export.votes}"]`)).toHaveText('0');
  await expect(row('丙').locator(`td[data-rate="委员·${zh.export.voteShare}"]`)).toHaveText(formatPercent(2, 4));
  // 主任: 甲 2/4 is not above 1/2, so the hint for a second round shows.
  await expect(page.getByText(zh.cli.secondRoundNeeded('主任'))).toBeVisible();

  // Two spellings the team knows are one person (赵 一 and 赵依: paper does not tell them apart by
  // width or spacing, so only the team can), merged into 赵 一: 2 votes.
  const writeIns = page.getByTestId('write-ins');
  await expect(writeIns).toContainText(zh.ui.results.writeIn('赵 一', 1));
  await expect(writeIns).toContainText(zh.ui.results.writeIn('赵依', 1));
  await writeIns.getByLabel(/赵 一/).check();
  await writeIns.getByLabel(/赵依/).check();
  await chooseOption(page.getByTestId('keep-spelling'), '赵 一');
  await page.getByTestId('merge').click();
  await expect(page.getByTestId('write-ins')).toContainText(zh.ui.results.writeIn('赵 一', 2));
  await expect(page.getByTestId('write-ins').locator('li')).toHaveCount(1);
  await close();
});

test('double entry on two laptops: the meeting file goes out without ballots, the second pass comes back and is reconciled', async () => {
  const host = await startHost(await freshPort(), tempDir('tally-e2e-data-'));
  const laptopA = await openProfile(tempDir('tally-e2e-profile-a-'));
  const laptopB = await openProfile(tempDir('tally-e2e-profile-b-'));
  const files = tempDir('tally-e2e-files-');
  const a = await firstPage(laptopA);
  await a.goto(await host.launchUrl());
  await createWorkbookThroughUi(a, { unit: '团结村', people: [{ name: '甲' }, { name: '乙' }] });
  await createMeetingThroughUi(a, { preset: 'evaluation-4', doubleEntry: true, counts: { expected: 6, present: 6, issued: 6, returned: 6 } });
  const pile = [[0, 0], [0, 1], [1, 1], [2, 0], [3, 3], [0, -1]];
  for (const marks of pile) await typeMarks(a, marks);
  await waitUntilSaved(a, 6, 6);
  await a.keyboard.press('F8');
  await a.getByTestId('to-reconcile').click();
  const meetingFile = path.join(files, 'meeting.json');
  const out = a.waitForEvent('download');
  await a.getByTestId('export-second-pass').click();
  await (await out).saveAs(meetingFile);

  // Laptop B receives the meeting (no ballots in it), enters the second pass with one slip on ballot 4.
  const b = await firstPage(laptopB);
  await b.goto(await host.launchUrl());
  await b.getByTestId('import-meeting').setInputFiles(meetingFile);
  await b.getByTestId('entry').waitFor();
  await expect(b.getByTestId('pass')).toContainText(zh.ui.entry.passName(2));
  await expect(b.getByTestId('recent-ballots')).toContainText(zh.ui.entry.noBallotsYet);
  for (const [i, marks] of pile.entries()) await typeMarks(b, i === 3 ? [2, 1] : marks);
  await waitUntilSaved(b, 6, 6);
  const passFile = path.join(files, 'pass.json');
  const back = b.waitForEvent('download');
  await b.getByTestId('export-pass').click();
  await (await back).saveAs(passFile);

  // Laptop A takes the second pass back: exactly the one difference; importing it again changes nothing.
  await a.bringToFront();
  await a.getByTestId('import-pass').setInputFiles(passFile);
  await expect(a.getByText(zh.exchange.ballotsReceived(6))).toBeVisible();
  await expect(a.getByTestId('difference')).toHaveCount(1);
  await expect(a.getByTestId('difference')).toHaveAttribute('data-number', '4');
  await a.getByTestId('import-pass').setInputFiles(passFile);
  await expect(a.getByText(zh.exchange.ballotsReceived(0))).toBeVisible();
  await expect(a.getByTestId('difference')).toHaveCount(1);

  // A damaged file is refused whole, with its name in the message.
  const broken = path.join(files, 'broken.json');
  writeFileSync(broken, readFileSync(passFile, 'utf8').slice(0, 200));
  await a.getByTestId('import-pass').setInputFiles(broken);
  await expect(a.getByText(zh.exchange.notJson('broken.json'))).toBeVisible();
  await expect(a.getByTestId('difference')).toHaveCount(1);
  await laptopA.close();
  await laptopB.close();
});
