import { describe, expect, it } from 'vitest';
import { COMPOUND_SURNAMES, byVotesThenStroke, compareByStroke, splitSurname, strokeOrdered } from './stroke-order';

describe('姓氏笔画', () => {
  it('runs on an ICU that has the stroke collation (a small-ICU build would fall back silently)', () => {
    expect(new Intl.Collator('zh-u-co-stroke').resolvedOptions().collation).toBe('stroke');
  });

  it('knows the common 复姓', () => {
    const common = '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 万俟 闻人 澹台 公冶 申屠'.split(' ');
    expect(common.filter((surname) => !COMPOUND_SURNAMES.includes(surname))).toEqual([]);
    expect(new Set(COMPOUND_SURNAMES).size).toBe(COMPOUND_SURNAMES.length);
  });

  it('orders a ten-name list as a person counting surname strokes would', () => {
    const typed = ['赵强', '欧阳明华', '王五', '刘三', '司马文静', '丁一', '诸葛文', '李明', '司晓', '马丽'];
    // Written by hand, by the strokes of the surname's first character:
    const expected = [
      '丁一', // 丁 2
      '马丽', // 马 3
      '王五', // 王 4
      '司晓', // 司 5, single surname 司: every 司 comes before the 复姓 司马
      '司马文静', // 复姓 司马 (司 5, then 马 3): after the plain 司, although 马 (3) has fewer strokes than 晓 (10)
      '刘三', // 刘 6
      '李明', // 李 7
      '欧阳明华', // 复姓 欧阳, 欧 8
      '赵强', // 赵 9
      '诸葛文', // 复姓 诸葛, 诸 10
    ];
    expect(strokeOrdered(typed, (name) => name)).toEqual(expected);
  });

  it('reads a 复姓 as one surname only when a given name follows it', () => {
    expect(splitSurname('欧阳明华')).toEqual({ surname: '欧阳', given: '明华' });
    expect(splitSurname('司马文静')).toEqual({ surname: '司马', given: '文静' });
    expect(splitSurname('欧阳')).toEqual({ surname: '欧', given: '阳' });
    expect(splitSurname('司晓')).toEqual({ surname: '司', given: '晓' });
  });

  it('compares given names when the surnames are the same', () => {
    // 王五 (五 4) before 王丽 (丽 7) before 王德 (德 15).
    expect(strokeOrdered(['王德', '王丽', '王五'], (n) => n)).toEqual(['王五', '王丽', '王德']);
  });

  it('keeps the tie rule: same strokes in the collation order, equal names in list order', () => {
    // 张 and 李 both have 7 strokes: the collation's fixed order decides, the same each time.
    const once = strokeOrdered(['李明', '张伟'], (n) => n);
    expect(strokeOrdered(['张伟', '李明'], (n) => n)).toEqual(once);
    // Two people written the same (told apart elsewhere) stay in the order they were listed.
    const people = [
      { id: 'first', name: '王伟' },
      { id: 'second', name: '丁一' },
      { id: 'third', name: '王伟' },
    ];
    expect(strokeOrdered(people, (p) => p.name).map((p) => p.id)).toEqual(['second', 'first', 'third']);
    expect(compareByStroke('王伟', '王伟')).toBe(0);
  });

  it('orders results by votes, equal votes in stroke order', () => {
    const rows = [
      { name: '赵强', votes: 30 },
      { name: '丁一', votes: 30 },
      { name: '刘三', votes: 41 },
      { name: '司马文静', votes: 12 },
    ];
    expect(byVotesThenStroke(rows, (r) => r.votes, (r) => r.name).map((r) => r.name)).toEqual(['刘三', '丁一', '赵强', '司马文静']);
  });
});
