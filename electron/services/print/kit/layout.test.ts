/** The kit's page packing and text estimates, which every paginated print-out relies on. */
import { describe, expect, it } from 'vitest';
import { estimateLines, paginate, textWidthEm } from './layout';

const blocks = (...heights: number[]) => heights.map((heightMm, i) => ({ item: i, heightMm }));

describe('paginate', () => {
  it('fills pages in order and starts a new one when the next block does not fit', () => {
    expect(paginate(blocks(40, 40, 40, 40), () => 100)).toEqual([[0, 1], [2, 3]]);
  });

  it('gives each page its own capacity (the first page carries the instructions)', () => {
    expect(paginate(blocks(40, 40, 40, 40), (i) => (i === 0 ? 50 : 100))).toEqual([[0], [1, 2], [3]]);
  });

  it('a block that keeps with the previous one takes it to the next page, never standing alone', () => {
    const items = [...blocks(40, 40), { item: 2, heightMm: 30, keepWithPrevious: true }];
    expect(paginate(items, () => 100)).toEqual([[0], [1, 2]]);
  });

  it('a chain of keep-with-previous blocks moves with the block it hangs on', () => {
    const items = [...blocks(30, 30), { item: 2, heightMm: 20, keepWithPrevious: true }, { item: 3, heightMm: 30, keepWithPrevious: true }];
    expect(paginate(items, () => 100)).toEqual([[0], [1, 2, 3]]);
  });

  it('a block taller than a page stands alone; an empty list is one empty page', () => {
    expect(paginate(blocks(10, 300, 10), () => 100)).toEqual([[0], [1], [2]]);
    expect(paginate([], () => 100)).toEqual([[]]);
  });
});

describe('text estimates', () => {
  it('counts CJK (every plane) as 1 em and other characters wider than they usually are', () => {
    expect(textWidthEm('张明𠀾')).toBe(3);
    // The report layout's measure: Latin at the widest the renderers here draw it (0.64 em).
    expect(textWidthEm('ab')).toBeCloseTo(1.28);
  });

  it('text that fits is one line; a wrapped line holds one character less than fits, as punctuation may push one over', () => {
    // 10 pt = 3.53 mm: 10 characters fit in 36 mm.
    expect(estimateLines('一二三四五六七八九十', 36, 10)).toBe(1);
    expect(estimateLines('一二三四五六七八九十一', 36, 10)).toBe(2);
    expect(estimateLines('一二三四五六七八九十一二三四五六七八', 36, 10)).toBe(2);
    expect(estimateLines('一二三四五六七八九十一二三四五六七八九', 36, 10)).toBe(3);
    expect(estimateLines('', 36, 10)).toBe(1);
  });
});
