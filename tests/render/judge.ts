/**
 * The clerk's reading of a printed document, page by page. What a document must hold comes from
 * the test's own inputs (names, option labels, rate names of the form …), never from the app's
 * layout code, so a rewrite of the layout is judged, not copied.
 */
import type { PdfPage } from '../support/pdf-legibility';
import { bodySize, heightBodySize, isA4, pageStacks, pageText, pageWords } from '../support/pdf-legibility';

export type RuleId = 'size' | 'content' | 'signatures' | 'developer-text' | 'orphan-header' | 'paper';

export const RULES: Record<RuleId, string> = {
  size: '1. body text large enough on every page',
  content: '2. every name and required heading is printed',
  signatures: '3. signature lines only on a page with results',
  'developer-text': '4. no developer text on paper',
  'orphan-header': '5. no table header above a page without rows',
  paper: '6. A4 pages (and the report within its page count)',
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export interface Expectation {
  /** Every one must be printed somewhere in the document; they are also the rows that make a page "have results". */
  names: readonly string[];
  /** Other row keys that count as results on a page (written-in names, risk items), not required. */
  otherRows?: readonly string[];
  /** Headings (and other fixed texts) the document must print somewhere. */
  headings: readonly string[];
  /** Smallest acceptable body size in points. */
  minBodyPt: number;
  /** At most this many pages (the 计票结果报告单 of a short list). */
  maxPages?: number;
}

export interface Finding {
  rule: RuleId;
  message: string;
}

const SIGNATURE = /唱票人|计票人|监票人/g;
// "npm " needs the space between words, so these are matched on the spaced text.
const DEVELOPER = /npm |docs\/|\.md\b|undefined|NaN|\[object Object\]/g;

/** Spaces and the middle dot of "主任·得票率" are not read: 王　明 is 王明, 主任·得票率 is 主任得票率. */
const normalise = (text: string) => text.replace(/[ \t\u00a0\u3000·・•]/g, '');

/** What a reader finds on the page: its lines, and texts stacked in a column (wrapped or grouped headings). */
function readable(page: PdfPage): string {
  return [...pageText(page).split('\n'), ...pageStacks(page)].map(normalise).join('\n');
}

function listed(items: readonly string[], limit = 8): string {
  const shown = items.slice(0, limit).join('、');
  return items.length > limit ? `${shown} … (${items.length} in all)` : shown;
}

/** Every finding for one document; an empty list means a clerk would accept it on these six points. */
export function judge(label: string, pages: readonly PdfPage[], expect: Expectation): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: RuleId, message: string) => findings.push({ rule, message: `${label}: ${message}` });
  if (pages.length === 0) {
    add('paper', 'the PDF has no pages');
    return findings;
  }
  const texts = pages.map(readable);
  const rows = [...expect.names, ...(expect.otherRows ?? [])];
  const hasRows = (text: string) => rows.some((name) => text.includes(normalise(name)));

  for (const [i, page] of pages.entries()) {
    const text = texts[i]!;
    const where = `p${page.number}/${pages.length}`;
    const size = bodySize(page);
    if (size === null) add('size', `${where}: no text at all (a blank page)`);
    else if (size < expect.minBodyPt) {
      // The shared tool's reading beside ours, so a reader can see where the two measures part (bodySize says why).
      const height = heightBodySize(page);
      add('size', `${where}: body text ${size} pt < ${expect.minBodyPt} pt${height !== size ? ` (word height ÷ 1.17 reads ${height} pt)` : ''}`);
    }

    const signatures = [...new Set(text.match(SIGNATURE) ?? [])];
    if (signatures.length > 0 && !hasRows(text)) add('signatures', `${where}: signature lines (${signatures.join('、')}) on a page with no candidate name`);

    const developer = [...new Set(pageWords(page).match(DEVELOPER) ?? [])];
    if (developer.length > 0) add('developer-text', `${where}: developer text ${developer.map((d) => JSON.stringify(d)).join(', ')}`);

    if (text.includes('序号') && text.includes('姓名') && !hasRows(text)) add('orphan-header', `${where}: a table header (序号, 姓名) with no candidate name under it`);

    if (!isA4(page)) add('paper', `${where}: page ${page.width.toFixed(1)} × ${page.height.toFixed(1)} pt, not A4 (595 × 842)`);
  }
  if (expect.maxPages !== undefined && pages.length > expect.maxPages) add('paper', `${pages.length} pages, at most ${expect.maxPages} allowed`);

  const all = texts.join('\n');
  const missingNames = expect.names.filter((n) => !all.includes(normalise(n)));
  const missingHeadings = [...new Set(expect.headings)].filter((h) => !all.includes(normalise(h)));
  if (missingNames.length > 0) add('content', `names not printed: ${listed(missingNames)} (${missingNames.length} of ${expect.names.length})`);
  if (missingHeadings.length > 0) add('content', `headings not printed: ${listed(missingHeadings, 20)}`);
  return findings;
}
