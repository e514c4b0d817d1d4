/**
 * For the print tests: print HTML as browser mode does (the system Chromium, headless), then read the
 * PDF back as a person holding the page would: the words on each page and where they stand
 * (pdftotext -bbox), and the page as pixels (pdftoppm) to see rules and boxes that are not text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { MeetingExport } from '../../../../shared/contract/meeting-export';
import type { BallotForm } from '../../../../shared/domain/forms';
import { presetForm, recommendationForm } from '../../../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../../../shared/domain/meeting';
import { printWithChromium } from '../chromium-pdf';

export const MM_PER_PT = 25.4 / 72;
const work = mkdtempSync(path.join(tmpdir(), 'tally-print-test-'));
// The PDFs (and the HTML they came from) are removed after the test file, unless asked to keep them to
// look at; outside Vitest (the scan benchmark makes its corpus with these helpers) at the process's end.
if (process.env.VITEST) {
  afterAll(() => {
    if (process.env.TALLY_KEEP_PRINTS) console.log(`print-outs kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  });
} else {
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  number: number;
  widthPt: number;
  heightPt: number;
  words: Word[];
  /** The page's words run together, whitespace dropped. */
  text: string;
}

export interface Printed {
  file: string;
  pages: PdfPage[];
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The words of every page, in reading order (top to bottom, then left to right). */
export function readPages(file: string): PdfPage[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const pages: PdfPage[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  for (let m = pageRe.exec(xml); m; m = pageRe.exec(xml)) {
    const words: Word[] = [];
    const wordRe = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (let w = wordRe.exec(m[3]!); w; w = wordRe.exec(m[3]!)) {
      words.push({ xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), text: decode(w[5]!) });
    }
    const sorted = inReadingOrder(words);
    pages.push({ number: pages.length + 1, widthPt: Number(m[1]), heightPt: Number(m[2]), words: sorted, text: sorted.map((w) => w.text).join('') });
  }
  return pages;
}

export function centreY(w: Word): number {
  return (w.yMin + w.yMax) / 2;
}

/** Words grouped into lines (vertical centres within 3 pt), each line left to right. */
export function linesOf(words: Word[]): Word[][] {
  const lines: Word[][] = [];
  for (const w of [...words].sort((a, b) => centreY(a) - centreY(b))) {
    const line = lines.find((l) => Math.abs(centreY(l[0]!) - centreY(w)) < 3);
    if (line) line.push(w);
    else lines.push([w]);
  }
  for (const line of lines) line.sort((a, b) => a.xMin - b.xMin);
  return lines.sort((a, b) => centreY(a[0]!) - centreY(b[0]!));
}

function inReadingOrder(words: Word[]): Word[] {
  return linesOf(words).flat();
}

export async function printToPdf(html: string, name: string): Promise<Printed> {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(path.join(work, `${name}.html`), html);
  writeFileSync(file, await printWithChromium(html));
  return { file, pages: readPages(file) };
}

/** Chinese ideographs only (no punctuation, whose width Chromium may trim to half an em). */
const IDEOGRAPHS = /^[\u3400-\u4dbf\u4e00-\u9fff\u{20000}-\u{3134f}]+$/u;

/**
 * The size in pt of each word made of ideographs only: an ideograph is 1 em wide in every CJK font,
 * so a word's width over its length is its font size. (pdftotext's word height is the font's ascent
 * plus descent, about 2.6 em for Noto Sans CJK here, so height says less about size than width does.)
 */
export function ideographSizes(page: PdfPage): { size: number; chars: number }[] {
  return page.words
    .filter((w) => IDEOGRAPHS.test(w.text))
    .map((w) => {
      const chars = [...w.text].length;
      return { size: (w.xMax - w.xMin) / chars, chars };
    });
}

/** The most common text size on the page (by characters), rounded to 0.1 pt. */
export function commonSize(page: PdfPage): number {
  const byChars = new Map<number, number>();
  for (const { size, chars } of ideographSizes(page)) {
    const key = Math.round(size * 10) / 10;
    byChars.set(key, (byChars.get(key) ?? 0) + chars);
  }
  return [...byChars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** Text a user should never see on a print-out. */
export const DEVELOPER_TEXT = /undefined|null|NaN|\[object|=>|[{}]|TODO|FIXME|class=|style=|\bpx\b|\$/;

export interface Raster {
  widthPx: number;
  heightPx: number;
  dpi: number;
  /** Whether the pixel at this point (in pt from the page's top left) is black ink (rules and text, not grey dotted guides). */
  dark(xPt: number, yPt: number): boolean;
}

/** One page as grey pixels. */
export function raster(file: string, page: number, dpi = 150): Raster {
  const out = path.join(work, `raster-${path.basename(file, '.pdf')}-${page}`);
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, out]);
  const data = readFileSync(`${out}.pgm`);
  // P5 <width> <height> <max>\n then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'))!;
  const widthPx = Number(header[1]);
  const heightPx = Number(header[2]);
  const offset = header[0].length;
  const scale = dpi / 72;
  return {
    widthPx,
    heightPx,
    dpi,
    dark(xPt, yPt) {
      const x = Math.round(xPt * scale);
      const y = Math.round(yPt * scale);
      if (x < 0 || y < 0 || x >= widthPx || y >= heightPx) return false;
      return data[offset + y * widthPx + x]! < 100;
    },
  };
}

/** x (pt) of the vertical rules a horizontal line at yPt crosses between x0 and x1. */
export function verticalRules(r: Raster, yPt: number, x0: number, x1: number): number[] {
  const step = 72 / r.dpi;
  const rules: number[] = [];
  let inRule = false;
  for (let x = x0; x <= x1; x += step) {
    const d = r.dark(x, yPt);
    if (d && !inRule) rules.push(x);
    inRule = d;
  }
  return rules;
}

/** y (pt) of the horizontal rules a vertical line at xPt crosses between y0 and y1. */
export function horizontalRules(r: Raster, xPt: number, y0: number, y1: number): number[] {
  const step = 72 / r.dpi;
  const rules: number[] = [];
  let inRule = false;
  for (let y = y0; y <= y1; y += step) {
    const d = r.dark(xPt, y);
    if (d && !inRule) rules.push(y);
    inRule = d;
  }
  return rules;
}

/** The longest dark horizontal run (pt) starting within `startWithin` pt right of x, at some height between y0 and y1. */
export function ruleAfter(r: Raster, x: number, y0: number, y1: number, startWithin: number): number {
  const step = 72 / r.dpi;
  let best = 0;
  for (let y = y0; y <= y1; y += step) {
    let start = -1;
    for (let xx = x; xx <= x + startWithin; xx += step) {
      if (r.dark(xx, y)) {
        start = xx;
        break;
      }
    }
    if (start < 0) continue;
    let end = start;
    while (r.dark(end + step, y)) end += step;
    best = Math.max(best, end - start);
  }
  return best;
}

/**
 * n distinct names, none inside another (so finding one on a page is unambiguous), with the cases
 * that break print-outs: a character outside the BMP (𠀾), a rare one (䶮), markup (<b>), a long name.
 */
export function candidateNames(n: number): string[] {
  const special = ['王䶮', '𠀾海', '<b>李四</b>', '阿卜杜热合曼·买买提明'];
  const surnames = [...'赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤'];
  const given = [...'建国庆华秀英志强丽娟春梅海涛玉兰德胜文杰桂芳明辉淑珍永福红霞俊峰金凤'];
  const names = special.slice(0, Math.min(n, special.length));
  for (let i = 0; names.length < n; i += 1) {
    const name = `${surnames[i % surnames.length]}${given[i % given.length]}${given[(i * 7 + 3) % given.length]}`;
    if (!names.some((other) => other.includes(name) || name.includes(other))) names.push(name);
  }
  return names;
}

/** How a name is found on a page: a long name may wrap inside its cell, its first characters do not. */
export function nameKey(name: string): string {
  return [...name].slice(0, 5).join('');
}

export function meetingFor(form: BallotForm, names: string[], returned = 58): MeetingExport {
  return {
    township: '大同镇',
    unit: '红星村',
    teamName: '第三考察组',
    meetingTitle: '民主测评大会',
    meetingDate: '2026-11-28',
    form,
    candidates: names.map((name) => ({ name, currentPost: '', proposedPost: '' })),
    counts: { expected: returned, present: returned, issued: returned, returned },
    quorum: DEFAULT_QUORUM,
    ballots: [],
  };
}

/** The four kinds of ballot layout, each a form to print: one question, one post, several posts, several questions. */
export const BALLOT_KINDS: Record<string, () => BallotForm> = {
  'evaluation-4': () => presetForm('evaluation-4'),
  recommend: () => presetForm('recommend', { maxSelections: 5 }),
  posts: () =>
    recommendationForm([
      { label: '主任', maxSelections: 1 },
      { label: '委员', maxSelections: 4 },
    ]),
  'dimensions-5': () => presetForm('dimensions-5'),
};

/** Every page of a PDF as 8-bit greys at `dpi` (pdftoppm), as a scanner delivers them. */
export function greyPages(file: string, dpi: number): { width: number; height: number; pixels: Uint8Array }[] {
  const dir = mkdtempSync(path.join(work, 'grey-'));
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', file, path.join(dir, 'page')]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const data = readFileSync(path.join(dir, f));
      // P5 <width> <height> <max>\n<bytes>
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'))!;
      return { width: Number(header[1]), height: Number(header[2]), pixels: data.subarray(header[0].length) };
    });
}
