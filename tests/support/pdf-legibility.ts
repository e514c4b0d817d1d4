/**
 * How a printed page reads, measured from the PDF alone: the words on each page with their boxes
 * (poppler's `pdftotext -bbox`), the page size, and the body text size in points. A TypeScript port
 * of the shared pdf-legibility tool's measure, with one correction explained at bodySize.
 */
import { execFile } from 'node:child_process';

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  /** 1-based, as a person counts pages. */
  number: number;
  width: number;
  height: number;
  words: PdfWord[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/** Parses the XHTML that `pdftotext -bbox` writes. */
export function parseBbox(xhtml: string): PdfPage[] {
  const pages: PdfPage[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordRe = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/word>/g;
  for (const page of xhtml.matchAll(pageRe)) {
    const words: PdfWord[] = [];
    for (const w of page[3]!.matchAll(wordRe)) {
      words.push({ xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), text: unescapeXml(w[5]!) });
    }
    pages.push({ number: pages.length + 1, width: Number(page[1]), height: Number(page[2]), words });
  }
  return pages;
}

export function readPdfPages(pdf: string): Promise<PdfPage[]> {
  return new Promise((resolve, reject) => {
    execFile('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(parseBbox(stdout)),
    );
  });
}

/**
 * The page's text as a reader takes it in: line by line (words whose middles sit at one height,
 * left to right), words run together so that a name split over two words by a font change, or
 * spaced out as "王　明", reads as one. Lines are joined with line breaks: nothing matches across
 * two lines by accident.
 */
export function pageText(page: PdfPage): string {
  return pageLines(page)
    .map((line) => line.map((w) => w.text).join(''))
    .join('\n');
}

/** The same lines with a space between words, for patterns that include a space ("npm "). */
export function pageWords(page: PdfPage): string {
  return pageLines(page)
    .map((line) => line.map((w) => w.text).join(' '))
    .join('\n');
}

const middle = (w: PdfWord) => (w.yMin + w.yMax) / 2;

const linesOf = new WeakMap<PdfPage, PdfWord[][]>();

function pageLines(page: PdfPage): PdfWord[][] {
  const known = linesOf.get(page);
  if (known) return known;
  const em = bodySize(page) ?? 10;
  const lines: { y: number; words: PdfWord[] }[] = [];
  for (const word of [...page.words].sort((a, b) => middle(a) - middle(b))) {
    const line = lines.at(-1);
    if (line && Math.abs(middle(word) - line.y) <= 0.45 * em) line.words.push(word);
    else lines.push({ y: middle(word), words: [word] });
  }
  const sorted = lines.map((line) => line.words.sort((a, b) => a.xMin - b.xMin));
  linesOf.set(page, sorted);
  return sorted;
}

/**
 * Texts stacked in one column: a word and the words straight below it, run together. A heading
 * wrapped inside its cell ("称职" over "以上率"), or a group heading over its column ("主任" over
 * "得票率"), reads so. Lines of other cells may lie between (a one-line cell centred beside a
 * wrapped one), so the next word below is looked for within about two lines.
 */
export function pageStacks(page: PdfPage, depth = 6): string[] {
  const em = bodySize(page) ?? 10;
  const lines = pageLines(page);
  const lineOf = new Map<PdfWord, number>();
  lines.forEach((line, l) => line.forEach((w) => lineOf.set(w, l)));
  const overlaps = (v: PdfWord, w: PdfWord) => Math.min(v.xMax, w.xMax) - Math.max(v.xMin, w.xMin) > 0.3 * Math.min(v.xMax - v.xMin, w.xMax - w.xMin);
  const below = (word: PdfWord): PdfWord | undefined => {
    for (let l = lineOf.get(word)! + 1; l < lines.length && middle(lines[l]![0]!) - middle(word) <= 2.2 * em; l++) {
      const found = lines[l]!.find((v) => overlaps(v, word));
      if (found) return found;
    }
    return undefined;
  };
  const stacks: string[] = [];
  for (const word of page.words) {
    let text = word.text;
    let current: PdfWord | undefined = word;
    for (let d = 1; d < depth && (current = below(current)); d++) {
      text += current.text;
      stacks.push(text);
    }
  }
  return stacks;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function mode(values: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  // Ties go to the first size met, as Python's Counter.most_common does in the shared tool.
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** The shared tool's measure as it stands: the most common word height ÷ 1.17, to 0.1 pt. */
export function heightBodySize(page: PdfPage): number | null {
  return mode(page.words.map((w) => round1((w.yMax - w.yMin) / 1.17)));
}

const HAN_ONLY = /^\p{Script=Han}+$/u;
/** Fewer Han words than this on a page and the width measure is not trusted over the height one. */
const MIN_HAN_WORDS = 3;

/**
 * The body text size of a page in points: the most common size among its words, to 0.1 pt.
 *
 * A word of Han characters only is measured by its width: every CJK font draws an ideograph one
 * em wide, so width ÷ characters is the font size whatever the font's ascent and descent say.
 * That replaces the shared tool's height ÷ 1.17 wherever a page has Han words, because the height
 * is the font's declared box, not the type: the system Chromium embeds Noto CJK as Type 3 fonts
 * whose boxes are about 2.6 em tall, so height ÷ 1.17 reads 11 pt as 24 pt and 7 pt as 15 pt (the
 * suite's self-check prints both), and LibreOffice's Noto boxes read about 11 % large. A page with
 * too few Han words (numbers only) falls back to the shared tool's measure.
 */
export function bodySize(page: PdfPage): number | null {
  const han = page.words.filter((w) => HAN_ONLY.test(w.text));
  if (han.length < MIN_HAN_WORDS) return heightBodySize(page);
  return mode(han.map((w) => round1((w.xMax - w.xMin) / [...w.text].length)));
}

/** A4 is 595.3 × 841.9 pt; a page either way round, within 2 pt, is A4. */
export function isA4(page: Pick<PdfPage, 'width' | 'height'>): boolean {
  const short = Math.min(page.width, page.height);
  const long = Math.max(page.width, page.height);
  return Math.abs(short - 595.3) <= 2 && Math.abs(long - 841.9) <= 2;
}
