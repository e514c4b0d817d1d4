/**
 * The print-outs as the host asks for them (printHtml, printFileName, the printDocument call),
 * printed as browser mode prints them (the system Chromium, headless) and read back with pdftotext:
 * A4 pages, every name and title, names escaped, blank ballots unnumbered unless asked.
 * Templates in depth: ballots.test.ts, tally-sheet.test.ts, interview.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MeetingExport } from '../../../shared/contract/meeting-export';
import { presetForm, recommendationForm } from '../../../shared/domain/forms';
import { zh } from '../../../shared/messages/zh-CN';
import { smallMeetingExport } from '../../../tests/support/meeting-export';
import { createHostHandlers, dispatchHostCall } from '../host-handlers';
import { printFileName, printHtml } from './print-html';
import { printToPdf } from './testing/pdf';

function meeting(form: MeetingExport['form']): MeetingExport {
  const recommend = form.kind === 'recommend';
  return smallMeetingExport({
    form,
    candidates: ['张明', '王䶮', '𠀾海', '<b>李四</b>'].map((name) => ({ name, currentPost: '', proposedPost: '' })),
    ballots: [
      { number: 1, invalidReason: null, marks: recommend ? [0, -1, -1, -1, 0, -1, -1, -1] : [0, 1, 0, 2], writeIns: [] },
      { number: 2, invalidReason: null, marks: recommend ? [-1, 0, -1, -1, -1, -1, -1, -1] : [0, 0, 0, 0], writeIns: [] },
      { number: 3, invalidReason: '无法辨认', marks: recommend ? [-1, -1, -1, -1, -1, -1, -1, -1] : [-1, -1, -1, -1], writeIns: [] },
    ],
  });
}

async function printed(html: string, name: string): Promise<{ pages: number; text: string; size: string }> {
  const out = await printToPdf(html, name);
  const first = out.pages[0]!;
  return { pages: out.pages.length, size: `${first.widthPt} x ${first.heightPt}`, text: out.pages.map((p) => p.text).join('') };
}

describe('print-outs', () => {
  it('blank ballots: one A4 page per copy, no serial, with the rule and every candidate; names are text, not markup', async () => {
    const out = await printed(printHtml('blank-ballots', meeting(presetForm('evaluation-4')), 3), 'blank');
    expect(out.pages).toBe(3);
    expect(out.size).toMatch(/^59[45][.\d]* x 84[12]/);
    for (const text of ['票号（计票时填写）：', '张明', '王䶮', '𠀾海', '<b>李四</b>', '基本称职', '每人只能选一档']) expect(out.text).toContain(text);
    expect(out.text).not.toMatch(/票号[^：]*：\d/);
  });

  it('blank ballots numbered on request: 票号 1…n', async () => {
    const out = await printed(printHtml('blank-ballots', meeting(presetForm('evaluation-4')), 3, { numbered: true }), 'blank-numbered');
    for (const text of ['票号：1', '票号：2', '票号：3']) expect(out.text).toContain(text);
  });

  it('a two-post recommendation ballot lists each post with its maximum and a write-in line for each person a post allows', async () => {
    const form = recommendationForm([
      { label: '主任', maxSelections: 1 },
      { label: '委员', maxSelections: 2 },
    ]);
    const out = await printed(printHtml('blank-ballots', meeting(form), 1), 'recommend');
    for (const text of ['主任（限1人）', '委员（限2人）', '另推他人', '同一人只能推荐一个岗位', '委员：如另推他人', '1.2.']) expect(out.text).toContain(text);
  });

  it('the 正字 tally sheet and the 计票结果报告单 carry the meeting and the signature lines', async () => {
    const sheet = await printed(printHtml('tally-sheet', meeting(presetForm('evaluation-4')), 1), 'tally');
    for (const text of ['计票登记表', '每满五笔成一个', '合计', '唱票人（签名）', '监票人（签名）', '考察组组长（签名）', '王䶮', '<b>李四</b>']) expect(sheet.text).toContain(text);
    const report = await printed(printHtml('report', meeting(presetForm('evaluation-4')), 1), 'report');
    for (const text of ['计票结果报告单', '有效票', '本次计票结果有效', '计票人（签名）', '𠀾海']) expect(report.text).toContain(text);
    expect(report.pages).toBe(1);
  });

  it('file names name the unit, the meeting, the kind and the day', () => {
    expect(printFileName('blank-ballots', meeting(presetForm('evaluation-4')))).toBe('大同镇红星村-民主测评大会-空白选票-2026-11-28.pdf');
  });
});

describe('the host call printDocument', () => {
  async function htmlOf(request: Record<string, unknown>): Promise<string> {
    let html = '';
    const exportsDir = mkdtempSync(path.join(tmpdir(), 'tally-print-host-'));
    const handlers = createHostHandlers({
      shell: 'browser',
      appVersion: 'test',
      exportsDir,
      snapshotsDir: path.join(exportsDir, 'snapshots'),
      printPdf: async (h) => {
        html = h;
        return Buffer.from('%PDF-1.4\n');
      },
    });
    const answer = await dispatchHostCall(handlers, 'printDocument', request);
    rmSync(exportsDir, { recursive: true, force: true });
    expect(answer.ok).toBe(true);
    return html;
  }

  it('a request without `numbered` (as callers wrote it before) prints unnumbered ballots; numbered: true prints 票号 1…n', async () => {
    const base = { kind: 'blank-ballots', meeting: meeting(presetForm('evaluation-4')), copies: 2 };
    const plain = await htmlOf(base);
    expect(plain).toContain(zh.print.ballotNumberBlank);
    expect(plain).not.toContain(zh.print.ballotNumber);
    const numbered = await htmlOf({ ...base, numbered: true });
    expect(numbered).toMatch(/票号：<span class="number-box">1<\/span>[\s\S]*票号：<span class="number-box">2<\/span>/);
  });

  it('the catalogue has the warning the UI and the command line show beside the numbering option', () => {
    expect(zh.print.numberedWarning).toMatch(/票号/);
    expect(zh.print.numberedWarning).toMatch(/无记名/);
    expect(zh.print.numberedWarning).toMatch(/谁投的/);
  });

  it('a request with a `numbered` that is not a boolean is refused', async () => {
    // Refused before anything is printed or written: no folder is needed.
    const nowhere = path.join(tmpdir(), 'tally-print-host-unused');
    const handlers = createHostHandlers({ shell: 'browser', appVersion: 'test', exportsDir: nowhere, snapshotsDir: nowhere, printPdf: async () => Buffer.alloc(0) });
    const answer = await dispatchHostCall(handlers, 'printDocument', { kind: 'blank-ballots', meeting: meeting(presetForm('evaluation-4')), copies: 1, numbered: 'yes' });
    expect(answer.ok).toBe(false);
  });
});
