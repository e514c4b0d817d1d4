/**
 * The 正字 tally sheet, printed and read back: every candidate and option on it, each option's box
 * big enough (measured on the printed page, as with a ruler) for the meeting's ballots at about
 * 5.5 mm by 7 mm per handwritten 正, and the signature lines on the last page among the rows, each
 * label with its line to sign on.
 */
import { describe, expect, it } from 'vitest';
import type { BallotForm } from '../../../shared/domain/forms';
import { presetForm, recommendationForm } from '../../../shared/domain/forms';
import { zh } from '../../../shared/messages/zh-CN';
import { printHtml } from './print-html';
import { tallyPages, WRITE_IN_TALLY_ROWS } from './tally-sheet';
import type { PdfPage, Printed } from './testing/pdf';
import {
  candidateNames,
  centreY,
  commonSize,
  DEVELOPER_TEXT,
  horizontalRules,
  ideographSizes,
  meetingFor,
  MM_PER_PT,
  nameKey,
  printToPdf,
  raster,
  ruleAfter,
  verticalRules,
} from './testing/pdf';

const KINDS: Record<string, () => BallotForm> = {
  'evaluation-4': () => presetForm('evaluation-4'),
  'approval-3': () => presetForm('approval-3'),
  posts: () =>
    recommendationForm([
      { label: '主任', maxSelections: 1 },
      { label: '委员', maxSelections: 4 },
    ]),
  'dimensions-5': () => presetForm('dimensions-5'),
};
const SIZES = [4, 12, 28, 60];
/** A handwritten 正 as a counter writes it: about 5.5 mm wide, 7 mm tall. */
const ZHENG_MM = { width: 5.5, height: 7 };

const plain = (text: string) => text.replace(/\s+/g, '');

/** The rows a candidate has for each question, as the counters need them: options, 弃权 (once), 无效; a tick for recommendations. */
function expectedLabels(form: BallotForm): string[] {
  return form.questions.flatMap((q) => {
    const labels = q.options.map((o) => o.label);
    if (form.kind === 'recommend') return labels;
    return [...labels, ...(labels.includes('弃权') ? [] : ['弃权']), '无效'];
  });
}

/**
 * The first box on the page, measured in the picture as with a ruler: the rules across the empty
 * 合计 column give the first option row's top and bottom; just under its top rule, the rules left and
 * right of the 正字记录 heading give the box's sides.
 */
function firstBox(out: Printed, page: PdfPage, form: BallotForm): { widthMm: number; heightMm: number } {
  const r = raster(out.file, page.number);
  const heading = page.words.find((w) => w.text.startsWith(zh.print.strokesColumn))!;
  const total = page.words.find((w) => w.text === zh.print.total && Math.abs(centreY(w) - centreY(heading)) < 3)!;
  const firstOption = page.words.find((w) => w.text === form.questions[0]!.options[0]!.label && w.yMin > heading.yMax)!;
  const across = horizontalRules(r, (total.xMin + total.xMax) / 2, centreY(heading), page.heightPt);
  const top = across.filter((y) => y < centreY(firstOption)).at(-1)!;
  const bottom = across.find((y) => y > centreY(firstOption))!;
  const sides = verticalRules(r, top + 1.5, 0, page.widthPt);
  const left = sides.filter((x) => x < heading.xMin).at(-1)!;
  const right = sides.find((x) => x > heading.xMax)!;
  return { widthMm: (right - left) * MM_PER_PT, heightMm: (bottom - top) * MM_PER_PT };
}

function expectSignatureLines(out: Printed, page: PdfPage, labels: readonly string[]): void {
  const r = raster(out.file, page.number);
  for (const label of new Set(labels)) {
    const words = page.words.filter((w) => w.text.startsWith(plain(label).replace(/：$/, '')));
    expect(words.length, label).toBe(labels.filter((l) => l === label).length);
    for (const w of words) expect(ruleAfter(r, w.xMax, w.yMin, w.yMax, 3 / MM_PER_PT) * MM_PER_PT, label).toBeGreaterThan(30);
  }
}

describe.each(Object.keys(KINDS))('正字 tally sheet, %s', (kind) => {
  it.each(SIZES)('%i candidates, 58 ballots: every candidate and option, boxes for 12 正, signatures with the last rows', async (n) => {
    const form = KINDS[kind]!();
    const names = candidateNames(n);
    const input = meetingFor(form, names, 58);
    const expected = tallyPages(input).pages.length;
    const out = await printToPdf(printHtml('tally-sheet', input, 1), `tally-${kind}-${n}`);
    expect(out.pages).toHaveLength(expected);

    out.pages.forEach((page, i) => {
      expect(page.text).toContain(zh.print.tallySheetTitle);
      if (expected > 1) expect(page.text).toContain(plain(zh.print.pageOf(i + 1, expected)));
      expect(page.text.replace(/<\/?b>/g, '')).not.toMatch(DEVELOPER_TEXT);
      expect(commonSize(page), `page ${page.number}`).toBeGreaterThanOrEqual(10.45);
      expect(Math.min(...ideographSizes(page).map((s) => s.size)), `page ${page.number}`).toBeGreaterThanOrEqual(10.45);
    });
    const all = out.pages.flatMap((p) => p.words);
    for (const name of names) expect(out.pages.some((p) => p.text.includes(nameKey(name))), name).toBe(true);
    const labels = expectedLabels(form);
    // Rows for written-in names are tallied like a candidate's: a recommendation sheet has WRITE_IN_TALLY_ROWS more per post.
    const writeInRows = form.recommend?.writeInsAllowed ? WRITE_IN_TALLY_ROWS : 0;
    for (const label of new Set(labels)) {
      expect(all.filter((w) => w.text === label).length, label).toBe((n + writeInRows) * labels.filter((l) => l === label).length);
    }

    const box = firstBox(out, out.pages[0]!, form);
    const holds = Math.floor(box.widthMm / ZHENG_MM.width) * Math.floor(box.heightMm / ZHENG_MM.height);
    expect(holds, `${box.widthMm.toFixed(1)} × ${box.heightMm.toFixed(1)} mm`).toBeGreaterThanOrEqual(Math.ceil(58 / 5));

    // The signatures close the last page, and that page also has candidates' rows.
    const signed = out.pages.filter((p) => p.text.includes('唱票人（签名）'));
    expect(signed.map((p) => p.number)).toEqual([expected]);
    expect(names.some((name) => signed[0]!.text.includes(nameKey(name)))).toBe(true);
    expectSignatureLines(out, signed[0]!, zh.print.signatureLabels);
    for (const field of ['expected', 'present', 'issued', 'returned', 'valid', 'invalid'] as const) expect(signed[0]!.text).toContain(zh.meetingField[field]);
  });
});

describe('正字 tally sheet, sized for the meeting', () => {
  it('400 ballots: 80 正 per box, on several lines', async () => {
    const form = presetForm('evaluation-4');
    const out = await printToPdf(printHtml('tally-sheet', meetingFor(form, candidateNames(4), 400), 1), 'tally-400');
    const box = firstBox(out, out.pages[0]!, form);
    expect(box.heightMm).toBeGreaterThan(2 * ZHENG_MM.height);
    expect(Math.floor(box.widthMm / ZHENG_MM.width) * Math.floor(box.heightMm / ZHENG_MM.height)).toBeGreaterThanOrEqual(80);
    expect(out.pages[0]!.text).toContain(plain(zh.print.tallyCapacity(400, 80)));
  });

  it('a recommendation sheet has rows for the names written in, per post', async () => {
    const form = recommendationForm([
      { label: '主任', maxSelections: 1 },
      { label: '委员', maxSelections: 4 },
    ]);
    const out = await printToPdf(printHtml('tally-sheet', meetingFor(form, candidateNames(4)), 1), 'tally-write-ins');
    const text = out.pages.map((p) => p.text).join('');
    expect(text).toContain(plain(zh.print.writeInsHeading('主任')));
    expect(text).toContain(plain(zh.print.writeInsHeading('委员')));
  });
});
