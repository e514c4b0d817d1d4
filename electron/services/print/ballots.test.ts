/**
 * Blank ballots, printed as browser mode prints them (system Chromium, headless) and read back page by
 * page: what a clerk checks on the printed stack. For 4, 12, 28 and 60 candidates of every form kind:
 * every page of a ballot has the title and the 票号 box (and 第 n 页 共 m 页 when there are several);
 * every candidate is on exactly one page of each ballot (a 德能勤绩廉 block stands whole, its six
 * questions beside the name); the copies are identical (no serial) unless numbered; the recommendation
 * ballots have as many write-in lines as each post allows; text is at least 10.5 pt.
 */
import { describe, expect, it } from 'vitest';
import type { BallotForm } from '../../../shared/domain/forms';
import { presetForm } from '../../../shared/domain/forms';
import { zh } from '../../../shared/messages/zh-CN';
import { ballotPages, WRITE_IN_CAP } from './ballots';
import { printHtml } from './print-html';
import type { PdfPage, Word } from './testing/pdf';
import { BALLOT_KINDS, candidateNames, centreY, commonSize, DEVELOPER_TEXT, ideographSizes, linesOf, meetingFor, MM_PER_PT, nameKey, printToPdf } from './testing/pdf';

const KINDS = BALLOT_KINDS;
const SIZES = [4, 12, 28, 60];
const COPIES = 2;

const plain = (text: string) => text.replace(/\s+/g, '');

/** The words printed inside the 票号 box: right of its label, on its line, within the box's width. */
function numberBoxWords(page: PdfPage): Word[] {
  const label = page.words.find((w) => w.text.includes('票号'));
  if (!label) return [];
  return page.words.filter((w) => w !== label && Math.abs(centreY(w) - centreY(label)) < 4 && w.xMin >= label.xMax - 1 && w.xMin < label.xMax + 32 / MM_PER_PT);
}

function pagesOfBallot(pages: PdfPage[], ballot: number, perBallot: number): PdfPage[] {
  return pages.slice(ballot * perBallot, (ballot + 1) * perBallot);
}

/** Each write-in space is numbered "1." "2." …: the numbers under the heading that starts with `heading`, up to the next heading. */
function writeInSlots(pages: PdfPage[], heading: string): string[] {
  const lines = pages.flatMap((p) => linesOf(p.words)).map((line) => ({ text: plain(line.map((w) => w.text).join('')), words: line }));
  const start = lines.findIndex((l) => l.text.startsWith(plain(heading)));
  if (start < 0) return [];
  const slots: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.text.includes('如另推他人')) break;
    slots.push(...line.words.filter((w) => /^\d+\.$/.test(w.text)).map((w) => w.text));
  }
  return slots;
}

/**
 * A 德能勤绩廉 page: its question labels, top to bottom, run 德 能 勤 绩 廉 总体评价 once per candidate
 * on the page, and each candidate's name stands beside exactly one such run (between its first and
 * last label), each run beside exactly one name.
 */
function expectWholeBlocks(page: PdfPage, form: BallotForm, names: string[]): void {
  const labels = form.questions.map((q) => q.label);
  const here = names.filter((n) => page.text.includes(nameKey(n)));
  const labelWords = page.words.filter((w) => labels.includes(w.text)).sort((a, b) => centreY(a) - centreY(b));
  expect(labelWords.map((w) => w.text), `page ${page.number}`).toEqual(here.flatMap(() => labels));
  const blocks = Array.from({ length: here.length }, (_, i) => labelWords.slice(i * labels.length, (i + 1) * labels.length)).map((ws) => ({
    top: ws[0]!.yMin,
    bottom: ws[ws.length - 1]!.yMax,
  }));
  const owners = blocks.map(() => 0);
  for (const name of here) {
    const word = page.words.find((w) => w.text.includes(nameKey(name)) || (w.text.length >= 2 && nameKey(name).startsWith(w.text)))!;
    const inside = blocks.map((b, i) => (centreY(word) >= b.top && centreY(word) <= b.bottom ? i : -1)).filter((i) => i >= 0);
    expect(inside, `${name} on page ${page.number}`).toHaveLength(1);
    owners[inside[0]!]! += 1;
  }
  expect(owners.every((n) => n === 1)).toBe(true);
}

function expectReadableText(page: PdfPage): void {
  expect(commonSize(page), `page ${page.number}`).toBeGreaterThanOrEqual(10.45);
  const smallest = Math.min(...ideographSizes(page).map((s) => s.size));
  expect(smallest, `page ${page.number}`).toBeGreaterThanOrEqual(10.45);
}

describe.each(Object.keys(KINDS))('blank ballots, %s', (kind) => {
  it.each(SIZES)('%i candidates: every page headed by title and 票号, each candidate on one page, copies alike', async (n) => {
    const form = KINDS[kind]!();
    const names = candidateNames(n);
    const input = meetingFor(form, names);
    const perBallot = ballotPages(input).pages.length;
    const out = await printToPdf(printHtml('blank-ballots', input, COPIES), `ballot-${kind}-${n}`);
    expect(out.pages).toHaveLength(COPIES * perBallot);
    for (const page of out.pages) expect(page.widthPt * MM_PER_PT).toBeCloseTo(210, 0);

    for (let b = 0; b < COPIES; b += 1) {
      const pages = pagesOfBallot(out.pages, b, perBallot);
      pages.forEach((page, j) => {
        expect(page.text, `page ${page.number}`).toContain(plain(form.name));
        expect(page.text).toContain('票号');
        if (perBallot > 1) expect(page.text).toContain(plain(zh.print.pageOf(j + 1, perBallot)));
        else expect(page.text).not.toMatch(/第\d+页共\d+页/);
        // No serial by default: the box is empty for the counters to fill in.
        expect(numberBoxWords(page)).toEqual([]);
        expect(page.text.replace(/<\/?b>/g, '')).not.toMatch(DEVELOPER_TEXT);
        expectReadableText(page);
        if (form.questions.length > 1 && form.kind === 'grade') expectWholeBlocks(page, form, names);
      });
      for (const name of names) expect(pages.filter((p) => p.text.includes(nameKey(name))).map((p) => p.number), name).toHaveLength(1);
    }
    // Nothing tells one copy from another.
    for (let j = 0; j < perBallot; j += 1) {
      expect(out.pages[perBallot + j]!.words.map((w) => w.text)).toEqual(out.pages[j]!.words.map((w) => w.text));
    }
    // The rules are on the first page.
    expect(out.pages[0]!.text).toContain(plain(zh.print.commonRule));

    if (form.kind === 'recommend') {
      const ballot = pagesOfBallot(out.pages, 0, perBallot);
      for (const q of form.questions) {
        const max = q.maxSelections ?? 1;
        const heading = form.questions.length > 1 ? `${q.label}：如另推他人` : '如另推他人';
        expect(writeInSlots(ballot, heading), q.label).toEqual(Array.from({ length: Math.min(max, WRITE_IN_CAP) }, (_, i) => `${i + 1}.`));
      }
    }
  });

  it('numbered on request: 票号 1…n in the box on every page of ballot n', async () => {
    const form = KINDS[kind]!();
    const input = meetingFor(form, candidateNames(28));
    const perBallot = ballotPages(input).pages.length;
    const out = await printToPdf(printHtml('blank-ballots', input, 3, { numbered: true }), `ballot-${kind}-numbered`);
    expect(out.pages).toHaveLength(3 * perBallot);
    out.pages.forEach((page, i) => {
      expect(numberBoxWords(page).map((w) => w.text), `page ${page.number}`).toEqual([String(Math.floor(i / perBallot) + 1)]);
    });
  });
});

describe('blank ballots: write-in lines', () => {
  it('as many as the maximum, but at most ten', async () => {
    const form = presetForm('recommend', { maxSelections: 15 });
    const out = await printToPdf(printHtml('blank-ballots', meetingFor(form, candidateNames(4)), 1), 'ballot-recommend-15');
    expect(writeInSlots(out.pages, '如另推他人')).toHaveLength(WRITE_IN_CAP);
    expect(out.pages[0]!.text).toContain(plain(zh.print.recommendRule(15)));
  });

  it('none when the form allows no write-ins', async () => {
    const form = presetForm('recommend', { maxSelections: 3 });
    form.recommend = { writeInsAllowed: false, secondRound: null };
    const out = await printToPdf(printHtml('blank-ballots', meetingFor(form, candidateNames(4)), 1), 'ballot-recommend-closed');
    expect(out.pages[0]!.text).not.toContain('另推他人，请');
  });
});
