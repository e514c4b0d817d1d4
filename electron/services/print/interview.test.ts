/**
 * 个别谈话记录表, printed and read back: one sheet per interview with its opinions, or blank sheets
 * whose every box stands right before its word (□同意 □不同意 □其他), signature labels each with its
 * line to sign on, confidential on every page, text at least 10.5 pt.
 */
import { describe, expect, it } from 'vitest';
import { zh } from '../../../shared/messages/zh-CN';
import { interviewSheetsHtml } from './interview-html';
import type { PdfPage, Printed } from './testing/pdf';
import { candidateNames, centreY, commonSize, DEVELOPER_TEXT, ideographSizes, MM_PER_PT, nameKey, printToPdf, raster, ruleAfter } from './testing/pdf';

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
const OPINIONS = [zh.interviews.opinion.agree, zh.interviews.opinion.disagree, zh.interviews.opinion.other];

function expectCommon(page: PdfPage): void {
  expect(page.text).toContain(zh.interviews.sheetTitle);
  expect(page.text).toContain(zh.interviews.sheetConfidential.replace(/\s+/g, ''));
  expect(page.text.replace(/<\/?i>/g, '')).not.toMatch(DEVELOPER_TEXT);
  expect(commonSize(page)).toBeGreaterThanOrEqual(10.45);
  expect(Math.min(...ideographSizes(page).map((s) => s.size))).toBeGreaterThanOrEqual(10.45);
}

/** Each signature label is followed, on its own line, by a rule at least 30 mm long starting right after it. */
function expectSignatureLines(out: Printed, page: PdfPage): void {
  const r = raster(out.file, page.number);
  for (const label of zh.interviews.sheetSignatures) {
    const word = page.words.find((w) => w.text === label || w.text === label.replace(/：$/, ''));
    expect(word, label).toBeDefined();
    expect(ruleAfter(r, word!.xMax, word!.yMin, word!.yMax, 3 / MM_PER_PT) * MM_PER_PT, label).toBeGreaterThan(30);
  }
}

/** Every □ has one of the opinion words right after it on the same line, and every opinion word a □ right before it. */
function boxesWithWords(page: PdfPage): string[] {
  const boxes = page.words.filter((w) => w.text === '□');
  return boxes.map((box) => {
    const next = page.words.find((w) => w !== box && Math.abs(centreY(w) - centreY(box)) < 3 && w.xMin >= box.xMax - 0.5 && w.xMin - box.xMax < 3);
    return next?.text ?? '(nothing)';
  });
}

describe('interview record sheets', () => {
  it('one page per interview, with its opinions and signature lines', async () => {
    const out = await printToPdf(interviewSheetsHtml({ township: '大同镇', unit: '红星村', people, interviews: [interview(1), interview(2)], blankCopies: 0 }), 'interviews');
    expect(out.pages).toHaveLength(2);
    expect(out.pages[0]!.widthPt * MM_PER_PT).toBeCloseTo(210, 0);
    const text = out.pages.map((p) => p.text).join('');
    for (const t of ['谈话对象1', '谈话对象2', '反映问题1', '反映问题2', '不同意', '王明、李华', '谈话人（签名）', '被谈话人（签名）', '<i>李四</i>', '第1份，共2份', '未表态']) {
      expect(text).toContain(t);
    }
    for (const page of out.pages) {
      expectCommon(page);
      expectSignatureLines(out, page);
    }
  });

  it('blank sheets: each box with its word, never apart; signature labels with their lines', async () => {
    const out = await printToPdf(interviewSheetsHtml({ township: '大同镇', unit: '红星村', people, interviews: [], blankCopies: 3 }), 'interviews-blank');
    expect(out.pages).toHaveLength(3);
    for (const page of out.pages) {
      expectCommon(page);
      expect(boxesWithWords(page)).toEqual(people.flatMap(() => OPINIONS));
      expectSignatureLines(out, page);
      expect(page.text).not.toContain('谈话对象1');
    }
  });

  it('a long list of people runs onto further pages, each headed and marked confidential, no one split', async () => {
    const names = candidateNames(30);
    const out = await printToPdf(interviewSheetsHtml({ township: '大同镇', unit: '红星村', people: names, interviews: [], blankCopies: 1 }), 'interviews-long');
    expect(out.pages.length).toBeGreaterThan(1);
    for (const page of out.pages) {
      expectCommon(page);
      expect(page.text).toContain('第1份，共1份');
      const here = names.filter((n) => page.text.includes(nameKey(n)));
      expect(boxesWithWords(page)).toEqual(here.flatMap(() => OPINIONS));
    }
    for (const name of names) expect(out.pages.filter((p) => p.text.includes(nameKey(name))), name).toHaveLength(1);
    // The signatures close the last page, together with people's rows.
    const signed = out.pages.filter((p) => p.text.includes('谈话人（签名）'));
    expect(signed.map((p) => p.number)).toEqual([out.pages.length]);
    expect(names.some((n) => signed[0]!.text.includes(nameKey(n)))).toBe(true);
    expectSignatureLines(out, signed[0]!);
  });
});
