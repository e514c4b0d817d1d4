/**
 * A stack of scanned pages made into ballots: the scan pass. Pages are taken in the order they were
 * scanned; page 1 of a ballot starts it and its further pages must follow in turn (the counters
 * scan each ballot's pages together). Every item the reader was not sure of, and every written-in
 * name, waits for a person; a ballot becomes a BallotRecord only when nothing of it waits.
 *
 * Decisions are keyed by the image they were made on (its hash) and the item, so a stack scanned
 * again, or in another order, keeps what a person decided, and the audit log can name the image.
 */
import type { BallotPageCode } from '../contract/ballot-page-code';
import type { BallotRecord, WriteIn } from '../domain/ballot';
import { overSelectionReason } from '../domain/ballot';
import type { BallotForm } from '../domain/forms';
import { BLANK, VOID } from '../schema/values';
import { zh } from '../messages/zh-CN';
import type { ItemReading, MapLookup, PageReading, UnrecognisedReason } from './read-page';
import type { ReadingMap } from './reading-map';

export interface ScannedPage {
  /** Where the page came from: a file, and its page for a PDF (1-based), null for an image. */
  file: string;
  page: number | null;
  /** "sha256:<hex>" of the image file, with "#p<n>" for a page of a PDF. */
  imageHash: string;
  reading: PageReading;
}

/** What a person decided: an item's mark, or the name written on a write-in line ('' = nothing). */
export type Decision = { kind: 'item'; mark: number | 'blank' | 'void'; by: string } | { kind: 'write-in'; name: string; by: string };

export function itemKey(imageHash: string, candidate: number, question: number): string {
  return `${imageHash}#${candidate}/${question}`;
}

export function writeInKey(imageHash: string, question: number, slot: number): string {
  return `${imageHash}#w${question}/${slot}`;
}

/** One thing a person must look at. */
export type PendingItem =
  | { kind: 'item'; key: string; ballot: number; page: ScannedPage; item: ItemReading }
  | { kind: 'write-in'; key: string; ballot: number; page: ScannedPage; question: number; slot: number };

/** A page that is no ballot page of this meeting, or a ballot missing a page: the paper goes back to a person. */
export interface PageProblem {
  file: string;
  page: number | null;
  imageHash: string;
  message: string;
}

export interface ScanBallot {
  /** 1-based place in the stack (the ballot number the scan gives it). */
  position: number;
  pages: ScannedPage[];
  /** The ballot as counted, once nothing of it waits for a person; null until then. */
  record: BallotRecord | null;
  /** Items read by the machine alone and those a person decided, for the audit log. */
  decidedBy: { machine: number; person: number };
}

export interface ScanPass {
  ballots: ScanBallot[];
  pending: PendingItem[];
  problems: PageProblem[];
  counts: ScanCounts;
}

/** The counts a run reports (`scan --json`). */
export interface ScanCounts {
  pages: number;
  recognised: number;
  unrecognised: number;
  ballots: number;
  items: number;
  marked: number;
  empty: number;
  doubtful: number;
  crossedOut: number;
  writeIns: number;
  /** Items and write-ins still waiting for a person. */
  pending: number;
}

function unrecognisedText(reason: UnrecognisedReason): string {
  return zh.scan.unrecognised[reason];
}

/** The pass a stack of pages gives, with the decisions made so far. */
export function scanPass(pages: readonly ScannedPage[], form: BallotForm, candidateCount: number, decisions: ReadonlyMap<string, Decision>): ScanPass {
  const ballots: ScanBallot[] = [];
  const problems: PageProblem[] = [];
  const problem = (p: ScannedPage, message: string) => problems.push({ file: p.file, page: p.page, imageHash: p.imageHash, message });
  let open: { pages: ScannedPage[]; code: BallotPageCode } | null = null;
  const close = () => {
    if (open && open.pages.length < open.code.pages) {
      for (const p of open.pages) problem(p, zh.scan.missingPages(open.code.pages, open.pages.length));
    } else if (open) {
      ballots.push({ position: ballots.length + 1, pages: open.pages, record: null, decidedBy: { machine: 0, person: 0 } });
    }
    open = null;
  };
  for (const p of pages) {
    const r = p.reading;
    if (r.status === 'unrecognised') {
      problem(p, unrecognisedText(r.reason));
      continue;
    }
    if (r.status === 'refused') {
      problem(p, r.reason);
      continue;
    }
    if (r.code.page === 1) {
      close();
      open = { pages: [p], code: r.code };
    } else if (open && open.code.formKey === r.code.formKey && r.code.page === open.pages.length + 1) {
      open.pages.push(p);
    } else {
      problem(p, zh.scan.pageOutOfTurn(r.code.page, r.code.pages));
      continue;
    }
    if (open.pages.length === open.code.pages) close();
  }
  close();

  const pending: PendingItem[] = [];
  const questionCount = form.questions.length;
  const recommend = form.kind === 'recommend';
  const counts: ScanCounts = { pages: pages.length, recognised: pages.filter((p) => p.reading.status === 'read').length, unrecognised: 0, ballots: ballots.length, items: 0, marked: 0, empty: 0, doubtful: 0, crossedOut: 0, writeIns: 0, pending: 0 };
  counts.unrecognised = counts.pages - counts.recognised;
  for (const ballot of ballots) {
    const marks = new Array<number>(candidateCount * questionCount).fill(BLANK);
    const writeIns: WriteIn[] = [];
    let waiting = 0;
    for (const page of ballot.pages) {
      const r = page.reading;
      if (r.status !== 'read') continue;
      for (const item of r.items) {
        counts.items++;
        for (const b of item.boxes) {
          if (b.class === 'marked') counts.marked++;
          else if (b.class === 'empty') counts.empty++;
          else if (b.class === 'doubtful') counts.doubtful++;
          else counts.crossedOut++;
        }
        const key = itemKey(page.imageHash, item.candidate, item.question);
        const decided = decisions.get(key);
        let mark = item.mark;
        if (decided?.kind === 'item') {
          mark = decided.mark;
          ballot.decidedBy.person++;
        } else if (mark === null) {
          pending.push({ kind: 'item', key, ballot: ballot.position, page, item });
          waiting++;
          continue;
        } else {
          ballot.decidedBy.machine++;
        }
        // A recommendation item is one tick box: option 0 is the tick.
        marks[item.candidate * questionCount + item.question] = mark === 'blank' ? BLANK : mark === 'void' ? (recommend ? BLANK : VOID) : mark;
      }
      for (const w of r.writeIns) {
        if (!w.written) continue;
        counts.writeIns++;
        const key = writeInKey(page.imageHash, w.question, w.slot);
        const decided = decisions.get(key);
        if (decided?.kind === 'write-in') {
          ballot.decidedBy.person++;
          if (decided.name.trim() !== '') writeIns.push({ question: w.question, name: decided.name.trim() });
        } else {
          pending.push({ kind: 'write-in', key, ballot: ballot.position, page, question: w.question, slot: w.slot });
          waiting++;
        }
      }
    }
    if (waiting === 0) {
      ballot.record = { number: ballot.position, marks, writeIns, invalidReason: recommend ? overSelectionReason(form, { marks, writeIns }) : null };
    }
  }
  counts.pending = pending.length;
  return { ballots, pending, problems, counts };
}

/**
 * The lookup that accepts the pages of this meeting's ballots only: another meeting's, a page
 * printed for another form or candidate list, or a page number this ballot does not have is
 * refused, each with its sentence.
 */
export function meetingLookup(keys: { meetingKey: string; formKey: string }, map: ReadingMap): MapLookup {
  return (code) => {
    if (code.meetingKey !== keys.meetingKey) return { refused: zh.scan.otherMeeting };
    if (code.formKey !== keys.formKey) return { refused: zh.scan.otherForm };
    if (code.pages !== map.pages.length || code.page > code.pages) return { refused: zh.scan.pageBeyond(code.page, code.pages) };
    return { map };
  };
}

/** A person's word for an item's mark, as the form names it: an option, its number 1…k, 弃权, 无效 (for a tick box: √ or 弃权). */
export function markFromWord(form: BallotForm, question: number, word: string | number): number | 'blank' | 'void' | null {
  const q = form.questions[question];
  if (!q) return null;
  const text = typeof word === 'number' ? String(word) : word.trim();
  if (form.kind === 'recommend') {
    if (['√', '✓', '✔', '1', '是'].includes(text)) return 0;
    if (text === zh.scan.blankWord || text === '0' || text === '') return 'blank';
    return null;
  }
  const byLabel = q.options.findIndex((o) => o.label === text);
  if (byLabel >= 0) return byLabel;
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= q.options.length) return Number(text) - 1;
  if (text === zh.scan.blankWord) return 'blank';
  if (text === zh.scan.voidWord || text === '废') return 'void';
  return null;
}

/** The word for a mark, as a person would write it in a review file. */
export function wordOfMark(form: BallotForm, question: number, mark: number | 'blank' | 'void'): string {
  if (mark === 'blank') return zh.scan.blankWord;
  if (mark === 'void') return zh.scan.voidWord;
  return form.kind === 'recommend' ? '√' : form.questions[question]!.options[mark]!.label;
}

/**
 * Decisions from a review file: each names an item or write-in line by its key, and what a person
 * saw there. A key of no item, or a word the form does not know, is refused with the decision's place.
 */
export function decisionsFrom(
  entries: readonly ({ key: string; mark: string | number; by: string } | { key: string; name: string; by: string })[],
  form: BallotForm,
): { decisions: Map<string, Decision>; problems: string[] } {
  const decisions = new Map<string, Decision>();
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    const item = /#(\d+)\/(\d+)$/.exec(entry.key);
    const line = /#w(\d+)\/(\d+)$/.exec(entry.key);
    if ('mark' in entry) {
      const mark = item ? markFromWord(form, Number(item[2]), entry.mark) : null;
      if (!item) problems.push(zh.scan.reviewBadKey(i + 1, entry.key));
      else if (mark === null) problems.push(zh.scan.reviewBadMark(i + 1, String(entry.mark)));
      else decisions.set(entry.key, { kind: 'item', mark, by: entry.by });
    } else if (!line) {
      problems.push(zh.scan.reviewBadKey(i + 1, entry.key));
    } else {
      decisions.set(entry.key, { kind: 'write-in', name: entry.name, by: entry.by });
    }
  });
  return { decisions, problems };
}
