/** The judge and the measure on pages made by hand: each rule fails the page it is about and passes the others. */
import { describe, expect, it } from 'vitest';
import type { PdfPage, PdfWord } from '../support/pdf-legibility';
import { bodySize, heightBodySize, pageStacks, pageText, parseBbox } from '../support/pdf-legibility';
import type { Expectation, RuleId } from './judge';
import { judge } from './judge';

/** Words set in one line at `y`, `pt` points, each Han character one em wide; `box` is the height of the font's box in em. */
function line(y: number, texts: string[], pt: number, box = 1.17, x0 = 50): PdfWord[] {
  let x = x0;
  return texts.map((text) => {
    const width = [...text].length * pt;
    const word = { text, xMin: x, xMax: x + width, yMin: y, yMax: y + pt * box };
    x += width + pt;
    return word;
  });
}

const page = (number: number, words: PdfWord[], width = 595.3, height = 841.9): PdfPage => ({ number, width, height, words });
const NAMES = ['欧阳明华', '王䶮', '刘晓𠀾'];
const expectation: Expectation = { names: NAMES, headings: ['序号', '姓名', '优秀率'], minBodyPt: 10.5 };
const rows = (y: number, pt = 11) => NAMES.flatMap((n, i) => line(y + i * 20, [String(i + 1), n, '优秀', '称职'], pt));
const rules = (pages: PdfPage[], expect = expectation) => judge('doc.pdf', pages, expect).map((f) => f.rule);

describe('the measure', () => {
  it('reads the body size from the width of Han words, whatever the font box says', () => {
    const tall = page(1, [...line(50, ['序号', '姓名', '优秀率'], 7, 2.6), ...rows(80, 7).map((w) => ({ ...w, yMax: w.yMin + 7 * 2.6 }))]);
    expect(bodySize(tall)).toBe(7);
    // The shared tool's measure is fooled by a tall box (Chromium's Type 3 fonts): 7 pt reads as 15.6.
    expect(heightBodySize(tall)).toBe(15.6);
  });

  it('falls back to height ÷ 1.17 on a page of numbers only', () => {
    expect(bodySize(page(1, line(50, ['1', '2', '3', '4'], 9)))).toBe(9);
  });

  it('parses pdftotext -bbox, entities included', () => {
    const [read] = parseBbox(
      '<doc><page width="595.3" height="841.9"><word xMin="1.0" yMin="2.0" xMax="23.0" yMax="14.87">A&amp;B&lt;王&#x4DAE;&gt;</word></page></doc>',
    );
    expect(read).toEqual({ number: 1, width: 595.3, height: 841.9, words: [{ text: 'A&B<王䶮>', xMin: 1, yMin: 2, xMax: 23, yMax: 14.87 }] });
  });

  it('reads a line left to right and a wrapped heading down its cell, but never across two lines', () => {
    const words = [...line(50, ['姓名', '称职'], 11, 1.17, 100), ...line(50, ['序号'], 11, 1.17, 40), ...line(64, ['以上率'], 11, 1.17, 133)];
    const p = page(1, words);
    expect(pageText(p)).toBe('序号姓名称职\n以上率');
    expect(pageStacks(p)).toContain('称职以上率');
  });
});

describe('the judge', () => {
  const good = page(1, [...line(40, ['计票结果报告单'], 18), ...line(60, ['序号', '姓名', '优秀率'], 11), ...rows(80), ...line(160, ['唱票人（签名）', '计票人（签名）', '监票人（签名）'], 11)]);

  it('passes a good page', () => {
    expect(judge('doc.pdf', [good], expectation)).toEqual([]);
  });

  it('fails small type, naming file, page and size', () => {
    const small = page(1, [...line(60, ['序号', '姓名', '优秀率'], 8), ...rows(80, 8)]);
    expect(judge('doc.pdf', [small], expectation)).toEqual([{ rule: 'size', message: 'doc.pdf: p1/1: body text 8 pt < 10.5 pt' }]);
  });

  it('fails a blank page', () => {
    expect(rules([good, page(2, [])])).toEqual(['size']);
  });

  it('fails signature lines on a page of their own', () => {
    expect(rules([good, page(2, line(60, ['唱票人（签名）', '合计'], 11))])).toEqual(['signatures']);
  });

  it('fails a table header over a page without rows', () => {
    expect(rules([good, page(2, line(60, ['序号', '姓名', '优秀率', '说明'], 11))])).toEqual(['orphan-header']);
  });

  it('fails developer text', () => {
    const words = line(60, ['核验：', 'npm', 'run', 'verify', '见', 'docs/a.md', 'NaN', '[object', 'Object]', 'undefined'], 11);
    const found = judge('doc.pdf', [good, page(2, [...words, ...rows(80)])], expectation).filter((f) => f.rule === 'developer-text');
    expect(found.map((f) => f.message)).toEqual(['doc.pdf: p2/2: developer text "npm ", "docs/", ".md", "NaN", "[object Object]", "undefined"']);
  });

  it('fails a page that is not A4, and a report longer than allowed', () => {
    expect(rules([page(1, good.words, 612, 792)])).toEqual(['paper']);
    expect(rules([good, good], { ...expectation, maxPages: 1 })).toEqual(['paper']);
    expect(rules([page(1, good.words, 841.9, 595.3)])).toEqual([]);
  });

  it('fails a missing name or heading, and a name found only across two lines', () => {
    const broken = page(1, [...line(60, ['序号', '姓名', '优秀率'], 11), ...line(80, ['1', '欧阳'], 11), ...line(100, ['明华', '王䶮', '刘晓𠀾'], 11, 1.17, 300)]);
    const messages = judge('doc.pdf', [broken], { ...expectation, headings: [...expectation.headings, '名次'] }).map((f) => `${f.rule}: ${f.message}`);
    expect(messages).toEqual(['content: doc.pdf: names not printed: 欧阳明华 (1 of 3)', 'content: doc.pdf: headings not printed: 名次']);
  });

  it('reads spaced names and dotted headings as a clerk does', () => {
    const spaced = page(1, [...line(60, ['序号', '姓名', '优秀·率'], 11), ...line(80, ['欧阳', '明华', '王', '䶮', '刘晓𠀾'], 11)]);
    expect(judge('doc.pdf', [spaced], expectation)).toEqual([]);
  });

  it('counts a written-in name as a row, but does not require it', () => {
    const writeIn = page(2, [...line(60, ['序号', '姓名', '得票数'], 11), ...line(80, ['1', '孙立新', '2'], 11)]);
    const withWriteIns = { ...expectation, otherRows: ['孙立新'] };
    expect(rules([good, writeIn], withWriteIns)).toEqual([]);
    expect(rules([good, writeIn])).toEqual(['orphan-header' satisfies RuleId]);
  });
});
