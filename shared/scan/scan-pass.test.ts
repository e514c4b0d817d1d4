/**
 * Pages into ballots, and what waits for a person: readings made here by hand (the reader itself is
 * tested on printed and scanned pages in electron/services/scan), so each rule is seen on its own.
 */
import { describe, expect, it } from 'vitest';
import { presetForm, recommendationForm } from '../domain/forms';
import { BLANK, VOID } from '../schema/values';
import type { BoxReading, ItemReading, PageReading } from './read-page';
import { classOf, MARK_THRESHOLDS } from './read-page';
import type { Decision, ScannedPage } from './scan-pass';
import { decisionsFrom, itemKey, markFromWord, scanPass, writeInKey } from './scan-pass';

const form = presetForm('evaluation-4');
const box = (option: number, cls: BoxReading['class']): BoxReading => ({ option, xMm: 0, yMm: 0, fill: cls === 'marked' ? 0.2 : 0, trace: 0, spanMm: 0, crossings: 0, class: cls });

function item(candidate: number, classes: BoxReading['class'][], question = 0): ItemReading {
  const boxes = classes.map((c, i) => box(i, c));
  const marked = boxes.filter((b) => b.class === 'marked');
  const unsure = boxes.find((b) => b.class === 'doubtful' || b.class === 'crossed-out');
  return {
    candidate,
    question,
    boxes,
    mark: unsure ? null : marked.length === 0 ? 'blank' : marked.length > 1 ? 'void' : marked[0]!.option,
    review: unsure ? (unsure.class === 'crossed-out' ? 'crossed-out' : 'doubtful') : null,
  };
}

function page(hash: string, p: number, pages: number, items: ItemReading[], writeIns: { question: number; slot: number; written: boolean }[] = []): ScannedPage {
  const reading: PageReading = {
    status: 'read',
    code: { meetingKey: 'a'.repeat(12), formKey: 'b'.repeat(12), page: p, pages },
    turn: 0,
    tiltDeg: 0,
    pxPerMm: 8,
    toImage: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    items,
    writeIns: writeIns.map((w) => ({ ...w, ink: w.written ? 0.05 : 0 })),
  };
  return { file: `${hash}.jpg`, page: null, imageHash: hash, reading };
}

const E = 'empty' as const;
const M = 'marked' as const;
const D = 'doubtful' as const;

describe('the scan pass', () => {
  it('makes one ballot of each page 1 and the pages after it, and counts what the machine read alone', () => {
    const pages = [page('h1', 1, 2, [item(0, [M, E, E, E])]), page('h2', 2, 2, [item(1, [E, E, M, E])]), page('h3', 1, 2, [item(0, [E, E, E, E])]), page('h4', 2, 2, [item(1, [M, M, E, E])])];
    const pass = scanPass(pages, form, 2, new Map());
    expect(pass.problems).toEqual([]);
    expect(pass.pending).toEqual([]);
    expect(pass.ballots.map((b) => b.record)).toEqual([
      { number: 1, marks: [0, 2], writeIns: [], invalidReason: null },
      { number: 2, marks: [BLANK, VOID], writeIns: [], invalidReason: null },
    ]);
    expect(pass.ballots[0]!.decidedBy).toEqual({ machine: 2, person: 0 });
    expect(pass.counts).toMatchObject({ pages: 4, recognised: 4, ballots: 2, items: 4, marked: 4, empty: 12, doubtful: 0 });
  });

  it('holds a ballot with a doubtful item until a person decides it, by the image and the item', () => {
    const pages = [page('h1', 1, 1, [item(0, [M, E, E, E]), item(1, [E, D, E, E])])];
    const before = scanPass(pages, form, 2, new Map());
    expect(before.ballots[0]!.record).toBeNull();
    expect(before.pending.map((p) => p.key)).toEqual([itemKey('h1', 1, 0)]);
    const decisions = new Map<string, Decision>([[itemKey('h1', 1, 0), { kind: 'item', mark: 1, by: '张三' }]]);
    const after = scanPass(pages, form, 2, decisions);
    expect(after.pending).toEqual([]);
    expect(after.ballots[0]!.record!.marks).toEqual([0, 1]);
    expect(after.ballots[0]!.decidedBy).toEqual({ machine: 1, person: 1 });
    // The same decision holds for the same paper scanned later in the stack.
    const reordered = scanPass([page('h0', 1, 1, [item(0, [E, E, E, M]), item(1, [E, E, E, E])]), ...pages], form, 2, decisions);
    expect(reordered.ballots[1]!.record!.marks).toEqual([0, 1]);
  });

  it('lists a ballot missing a page, a page out of turn and an unrecognised page, and makes no ballot of them', () => {
    const unrecognised: ScannedPage = { file: 'x.jpg', page: null, imageHash: 'hx', reading: { status: 'unrecognised', reason: 'no-code' } };
    const refused: ScannedPage = { file: 'y.jpg', page: null, imageHash: 'hy', reading: { status: 'refused', code: { meetingKey: 'c'.repeat(12), formKey: 'b'.repeat(12), page: 1, pages: 2 }, reason: '另一场会议' } };
    const pages = [page('h1', 1, 2, [item(0, [M, E, E, E])]), page('h2', 1, 2, [item(0, [M, E, E, E])]), page('h3', 2, 2, [item(1, [M, E, E, E])]), page('h4', 2, 2, [item(1, [M, E, E, E])]), unrecognised, refused];
    const pass = scanPass(pages, form, 2, new Map());
    expect(pass.ballots).toHaveLength(1);
    expect(pass.ballots[0]!.pages.map((p) => p.imageHash)).toEqual(['h2', 'h3']);
    expect(pass.problems.map((p) => p.imageHash)).toEqual(['h1', 'h4', 'hx', 'hy']);
    expect(pass.problems[0]!.message).toContain('只扫到 1 页');
    expect(pass.problems[1]!.message).toContain('第 2 页');
    expect(pass.problems[3]!.message).toBe('另一场会议');
  });

  it('sends every written-in line to a person, and applies the ballot maximum once the names are typed', () => {
    const recommend = presetForm('recommend', { maxSelections: 2 });
    const tick = (candidate: number, marked: boolean) => item(candidate, [marked ? M : E]);
    const pages = [page('h1', 1, 1, [tick(0, true), tick(1, true), tick(2, false)], [{ question: 0, slot: 0, written: true }, { question: 0, slot: 1, written: false }])];
    const before = scanPass(pages, recommend, 3, new Map());
    expect(before.pending.map((p) => p.key)).toEqual([writeInKey('h1', 0, 0)]);
    const decided = scanPass(pages, recommend, 3, new Map([[writeInKey('h1', 0, 0), { kind: 'write-in', name: ' 王五 ', by: '李四' }]]));
    const record = decided.ballots[0]!.record!;
    expect(record.marks).toEqual([0, 0, BLANK]);
    expect(record.writeIns).toEqual([{ question: 0, name: '王五' }]);
    // Two ticks and a name on a ballot of at most two: the whole ballot is invalid, as on paper.
    expect(record.invalidReason).toContain('超过');
    const nothing = scanPass(pages, recommend, 3, new Map([[writeInKey('h1', 0, 0), { kind: 'write-in', name: '', by: '李四' }]]));
    expect(nothing.ballots[0]!.record).toMatchObject({ writeIns: [], invalidReason: null });
  });
});

describe('a person’s words for a mark', () => {
  it('takes the option as the form names it, its number, 弃权 and 无效, and nothing else', () => {
    expect(markFromWord(form, 0, '称职')).toBe(1);
    expect(markFromWord(form, 0, 4)).toBe(3);
    expect(markFromWord(form, 0, '弃权')).toBe('blank');
    expect(markFromWord(form, 0, '无效')).toBe('void');
    expect(markFromWord(form, 0, '5')).toBeNull();
    expect(markFromWord(form, 0, '满意')).toBeNull();
    const posts = recommendationForm([{ label: '主任', maxSelections: 1 }]);
    expect(markFromWord(posts, 0, '√')).toBe(0);
    expect(markFromWord(posts, 0, '弃权')).toBe('blank');
  });

  it('refuses a decision on no item, or in words the form does not know, naming the decision', () => {
    const { decisions, problems } = decisionsFrom(
      [
        { key: 'sha256:ab#0/0', mark: '优秀', by: '张三' },
        { key: 'nothing', mark: '优秀', by: '张三' },
        { key: 'sha256:ab#1/0', mark: '很好', by: '张三' },
        { key: 'sha256:ab#w0/1', name: '王五', by: '张三' },
      ],
      form,
    );
    expect([...decisions.keys()]).toEqual(['sha256:ab#0/0', 'sha256:ab#w0/1']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('第 2 条');
    expect(problems[1]).toContain('很好');
  });
});

describe('the classes of a box', () => {
  const t = MARK_THRESHOLDS;
  it('follows the documented thresholds', () => {
    expect(classOf(0, 0, 0, 0)).toBe('empty');
    expect(classOf(t.emptyFill, t.emptyTrace, 1, 1)).toBe('empty');
    // Too little ink to be a mark, too much to be nothing; a speck too short to be any mark is nothing.
    expect(classOf(0.03, 0.05, 2, 1)).toBe('doubtful');
    expect(classOf(0.03, 0.05, 1.2, 1)).toBe('empty');
    expect(classOf(t.speckFill, 0.05, 1.2, 1)).toBe('doubtful');
    expect(classOf(0.2, 0.25, 1.5, 1)).toBe('doubtful');
    expect(classOf(t.markFill, 0.1, t.markSpanMm, 1.5)).toBe('marked');
    // Strokes scribbled over the box: withdrawn, for a person; a solid fill is a mark.
    expect(classOf(0.5, 0.6, 6, 3.5)).toBe('crossed-out');
    expect(classOf(t.solidFill, 0.9, 6, 3.5)).toBe('marked');
  });
});
