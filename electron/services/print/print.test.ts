/**
 * The print-outs, printed as browser mode prints them (the system Chromium, headless) and read back
 * with pdftotext: A4 pages, every name and title, one numbered page per blank ballot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MeetingExport } from '../../../shared/contract/meeting-export';
import { presetForm, recommendationForm } from '../../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../../shared/domain/meeting';
import { printWithChromium } from './chromium-pdf';
import { printHtml } from './print-html';
import { interviewSheetsHtml } from './interview-html';

const work = mkdtempSync(path.join(tmpdir(), 'tally-print-test-'));

function meeting(form: MeetingExport['form']): MeetingExport {
  return {
    township: '大同镇',
    unit: '红星村',
    teamName: '第三考察组',
    meetingTitle: '民主测评大会',
    meetingDate: '2026-11-28',
    form,
    candidates: ['张明', '王䶮', '𠀾海', '<b>李四</b>'].map((name) => ({ name, currentPost: '', proposedPost: '' })),
    counts: { expected: 3, present: 3, issued: 3, returned: 3 },
    quorum: DEFAULT_QUORUM,
    ballots: [
      { number: 1, invalidReason: null, marks: form.kind === 'recommend' ? [0, -1, -1, -1, 0, -1, -1, -1] : [0, 1, 0, 2], writeIns: [] },
      { number: 2, invalidReason: null, marks: form.kind === 'recommend' ? [-1, 0, -1, -1, -1, -1, -1, -1] : [0, 0, 0, 0], writeIns: [] },
      { number: 3, invalidReason: '无法辨认', marks: form.kind === 'recommend' ? [-1, -1, -1, -1, -1, -1, -1, -1] : [-1, -1, -1, -1], writeIns: [] },
    ],
  };
}

async function printed(html: string, name: string): Promise<{ pages: number; text: string; size: string }> {
  const pdf = path.join(work, `${name}.pdf`);
  writeFileSync(pdf, await printWithChromium(html));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    size: /Page size:\s+([\d.]+ x [\d.]+)/.exec(info)?.[1] ?? '',
    text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''),
  };
}

describe('print-outs', () => {
  it('blank ballots: one A4 page per copy, numbered, with the rule and every candidate', async () => {
    const out = await printed(printHtml('blank-ballots', meeting(presetForm('evaluation-4')), 3), 'blank');
    expect(out.pages).toBe(3);
    expect(out.size).toMatch(/^59[45][.\d]* x 84[12]/);
    for (const text of ['票号：1', '票号：2', '票号：3', '张明', '王䶮', '𠀾海', '<b>李四</b>', '基本称职', '每人只能选一档']) expect(out.text).toContain(text);
  });

  it('a two-post recommendation ballot lists each post with its maximum and lines for write-ins', async () => {
    const form = recommendationForm([
      { label: '主任', maxSelections: 1 },
      { label: '委员', maxSelections: 2 },
    ]);
    const out = await printed(printHtml('blank-ballots', meeting(form), 1), 'recommend');
    for (const text of ['主任（限1人）', '委员（限2人）', '另推他人', '同一人只能推荐一个岗位']) expect(out.text).toContain(text);
  });

  it('the 正字 tally sheet and the 计票结果报告单 carry the meeting and the signature lines', async () => {
    const sheet = await printed(printHtml('tally-sheet', meeting(presetForm('evaluation-4')), 1), 'tally');
    for (const text of ['计票登记表', '每满五笔成一个', '合计', '唱票人', '监票人', '考察组组长', '王䶮']) expect(sheet.text).toContain(text);
    const report = await printed(printHtml('report', meeting(presetForm('evaluation-4')), 1), 'report');
    for (const text of ['计票结果报告单', '有效票', '本次计票结果有效', '计票人（签名）', '𠀾海']) expect(report.text).toContain(text);
    expect(report.pages).toBe(1);
  });

  it('interview record sheets: one page per interview with its opinions and signature lines; blank ones to fill by hand', async () => {
    const people = ['张明', '王䶮', '<i>李四</i>'];
    const interview = (n: number) => ({
      interviewee: `谈话对象${n}`,
      category: '村民小组长',
      date: '2026-11-21',
      place: '村部',
      interviewers: ['王明', '李华'],
      recorder: '赵敏',
      remarks: [{ name: '王䶮', opinion: '不同意', strengths: '肯干', weaknesses: '脾气急', problems: `反映问题${n}` }],
    });
    const filled = await printed(interviewSheetsHtml({ township: '大同镇', unit: '红星村', people, interviews: [interview(1), interview(2)], blankCopies: 0 }), 'interviews');
    expect(filled.pages).toBe(2);
    expect(filled.size).toMatch(/^59[45][.\d]* x 84[12]/);
    for (const text of ['个别谈话记录表', '保密材料', '谈话对象1', '谈话对象2', '反映问题1', '反映问题2', '不同意', '王明、李华', '谈话人（签名）', '被谈话人（签名）', '<i>李四</i>', '第1份，共2份']) {
      expect(filled.text).toContain(text);
    }
    const blank = await printed(interviewSheetsHtml({ township: '大同镇', unit: '红星村', people, interviews: [], blankCopies: 3 }), 'interviews-blank');
    expect(blank.pages).toBe(3);
    expect(blank.text).toContain('□同意□不同意□其他');
    expect(blank.text).not.toContain('谈话对象1');
  });
});
