/** Text normalisation used wherever a name or a cell value enters the app. */
import { RADICAL_IDEOGRAPH } from './radicals';

const FULL_WIDTH_DIGIT_ZERO = 0xff10;

/** Full-width digits (０…９) become ASCII digits; everything else is kept. */
export function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - FULL_WIDTH_DIGIT_ZERO + 48));
}

// Half-width and full-width (U+3000) spaces, tabs, line breaks, no-break spaces and the BOM that
// spreadsheets leave behind: the characters of JavaScript's \s, all in the BMP.
const EDGE_SPACE_CODES: ReadonlySet<number> = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
  0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);

/**
 * Trims half- and full-width spaces. By index, not by a regular expression: `[\s]+$` tried at
 * every space of a long inner run is quadratic ("a" + 200,000 spaces + "b" took 26 s).
 */
export function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE_SPACE_CODES.has(text.charCodeAt(start))) start++;
  while (end > start && EDGE_SPACE_CODES.has(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * A person's name as the app stores and shows it: trimmed, on one line (a tab or line break inside
 * becomes a space) and NFC-normalised, so two encodings of one spelling are one string and every
 * file keeps it whole. The spelling is otherwise kept as typed (全角 letters, a radical for an
 * ideograph): what counts as the same name is decided by `nameKey`, and what cannot be a name at
 * all by `nameProblem`.
 */
export function normalizeName(text: string): string {
  return trimSpaces(text).replace(/[\t\n\v\f\r]+/g, ' ').normalize('NFC');
}

/** A cell value as the importer reads it: trimmed, NFC, full-width digits made half-width. */
export function normalizeCellValue(text: string): string {
  return toHalfWidthDigits(trimSpaces(text).normalize('NFC'));
}

/** The most characters (code points) a name may have: longer than any name on a ballot, far inside a cell. */
export const MAX_NAME_LENGTH = 50;

/**
 * Characters no one can see on paper, so no one can have written them: controls (Cc), format
 * characters (Cf: zero-width spaces and joiners, bidi marks, the soft hyphen, the BOM), line and
 * paragraph separators, and Unicode's default-ignorable characters (the Hangul fillers U+115F,
 * U+1160, U+3164, U+FFA0, variation selectors, the combining grapheme joiner…).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
/** What a failed decoding leaves: the replacement character, a lone surrogate, a noncharacter. */
const UNREADABLE = /[\uFFFD\p{Cs}\p{Noncharacter_Code_Point}]/u;

export type NameProblem =
  | { kind: 'too-long'; length: number }
  | { kind: 'invisible'; codePoint: number }
  | { kind: 'unreadable'; codePoint: number }
  | { kind: 'escape'; escape: string; codePoint: number };

/**
 * How xlsx writes a character XML cannot hold: `_x0007_` is U+0007. A reader that leaves it as text
 * (or a file made by hand) gives a name with a control character in disguise.
 */
const XLSX_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Characters (code points), not UTF-16 units: 𠀾 is one. A loop, so a 10 MB "name" builds no array. */
export function codePointCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Why a name (as `normalizeName` leaves it, not empty) cannot be what a paper list or ballot
 * shows, or null: longer than MAX_NAME_LENGTH, or holding a character that is invisible or the
 * trace of a failed decoding.
 */
export function nameProblem(name: string): NameProblem | null {
  const length = name.length <= MAX_NAME_LENGTH ? MAX_NAME_LENGTH : codePointCount(name);
  if (length > MAX_NAME_LENGTH) return { kind: 'too-long', length };
  const unreadable = UNREADABLE.exec(name);
  if (unreadable) return { kind: 'unreadable', codePoint: unreadable[0].codePointAt(0)! };
  const invisible = INVISIBLE.exec(name);
  if (invisible) return { kind: 'invisible', codePoint: invisible[0].codePointAt(0)! };
  if (name.includes('_x')) {
    for (const match of name.matchAll(XLSX_ESCAPE)) {
      const decoded = String.fromCharCode(parseInt(match[1]!, 16));
      if (INVISIBLE.test(decoded) || UNREADABLE.test(decoded)) return { kind: 'escape', escape: match[0], codePoint: decoded.charCodeAt(0) };
    }
  }
  return null;
}

const RADICALS = /[\u2E80-\u2EFF\u2F00-\u2FDF\u31C0-\u31EF]/u;
const RADICALS_ALL = /[\u2E80-\u2EFF\u2F00-\u2FDF\u31C0-\u31EF]/gu;
/** Middle dots of minority names (阿依古丽·买买提) as typed by different input methods. */
const MIDDLE_DOTS = /[\u00B7\u0387\u2022\u2027\u2219\u22C5\u30FB\uFF65]/g;
const SPACE_RUN = /\s+/gu;
const HAN = /\p{Script=Han}/u;

/**
 * What two names are compared by: the same key is the same person. Never shown or stored; the
 * name keeps its spelling. Folded:
 *  - width and compatibility forms by NFKC: Ａ → A, （大） → (大), １ → 1, full-width spaces, and the
 *    Kangxi radicals (⼭ → 山);
 *  - the CJK radicals supplement and CJK strokes by the Unicode data's equivalent ideographs
 *    (radicals.ts: ⻘ → 青), which NFKC leaves alone;
 *  - the middle dots of minority names (· • ・ …) to one;
 *  - spaces: a run beside a Chinese character goes (a two-character name padded as 王　伟 is 王伟),
 *    any other run is one space.
 * Letter case is not folded: A and a are different on paper too.
 */
export function nameKey(name: string): string {
  let key = name.normalize('NFKC');
  if (RADICALS.test(key)) key = key.replace(RADICALS_ALL, (c) => String.fromCodePoint(RADICAL_IDEOGRAPH.get(c.codePointAt(0)!) ?? c.codePointAt(0)!));
  key = key.replace(MIDDLE_DOTS, '·');
  key = key.replace(SPACE_RUN, (run: string, offset: number, whole: string) => {
    const end = offset + run.length;
    if (offset === 0 || end === whole.length) return '';
    // The characters either side, whole even when outside the BMP (𠀾 is two UTF-16 units).
    const before = [...whole.slice(Math.max(0, offset - 2), offset)].pop() ?? '';
    const after = String.fromCodePoint(whole.codePointAt(end)!);
    return HAN.test(before) || HAN.test(after) ? '' : ' ';
  });
  return key;
}

/** How much of a name a message quotes: enough to find it, never a 10 MB cell. */
const SHOWN_LENGTH = 30;

/**
 * A name (or any cell text) as a message quotes it: characters one cannot see written as ⟨U+200B⟩,
 * so the user sees what to delete, and a long text cut with its length said.
 */
export function shownText(text: string, max = SHOWN_LENGTH): string {
  let shown = '';
  let n = 0;
  let cut = false;
  for (const character of text) {
    if (n === max) {
      cut = true;
      break;
    }
    n++;
    shown += INVISIBLE.test(character) || UNREADABLE.test(character) ? `⟨U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩` : character;
  }
  return cut ? `${shown}…（共 ${codePointCount(text)} 个字符）` : shown;
}
