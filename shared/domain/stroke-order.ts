/**
 * 姓氏笔画: the order of names on Chinese ballots and lists. A name is split into its surname and
 * given name; surnames are compared first, by the number of strokes of their first character, then
 * the next, and so on (ICU's stroke collation, `zh-u-co-stroke`, which Chromium and Node ship); a
 * 复姓 (欧阳, 司马 …) counts as one surname, so 司晓 (surname 司) comes before 司马文静 (surname
 * 司马): all 司 come before all 司马, as a person grouping by surname would put them. Then the
 * given names are compared the same way.
 *
 * Ties, documented because a person would ask: characters with the same number of strokes come in
 * the fixed order of that collation (the same on every machine with the same ICU; it is not
 * always the 横竖撇点折 order of the first stroke); names that compare equal keep the order they had
 * in the list (the sort is stable), so pressing the key twice changes nothing.
 */

/**
 * The 复姓 recognised as one surname. A name is read with one only when it is longer than the
 * surname, so a two-character 欧阳 is 欧 + 阳. Pairs whose first character is a common surname and
 * whose second often begins a given name (钟离, 单于, 乐正 …) are left out: 钟离明 is more likely
 * 钟 + 离明 at a village meeting, and a wrong split would move a person within the 钟 group only.
 */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯',
  '轩辕', '端木', '独孤', '南宫', '西门', '万俟', '闻人', '澹台', '公冶', '申屠', '太史', '呼延', '赫连', '濮阳',
  '淳于', '司空', '拓跋', '宗政', '公羊', '漆雕', '颛孙',
];

const COMPOUND = new Set(COMPOUND_SURNAMES);

/** The surname and the given name as the stroke order reads them. */
export function splitSurname(name: string): { surname: string; given: string } {
  const chars = Array.from(name.trim());
  const two = chars.slice(0, 2).join('');
  const length = chars.length > 2 && COMPOUND.has(two) ? 2 : 1;
  return { surname: chars.slice(0, length).join(''), given: chars.slice(length).join('') };
}

const strokes = new Intl.Collator('zh-u-co-stroke');

/** Compares two names in 姓氏笔画 order: the whole surname first, then the given name. */
export function compareByStroke(a: string, b: string): number {
  const left = splitSurname(a);
  const right = splitSurname(b);
  return strokes.compare(left.surname, right.surname) || strokes.compare(left.given, right.given);
}

/** A new list in 姓氏笔画 order; names that compare equal keep their order. */
export function strokeOrdered<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  // Array.prototype.sort is stable (ES2019), which is the documented tie rule.
  return [...items].sort((a, b) => compareByStroke(nameOf(a), nameOf(b)));
}

/**
 * Results by votes: more votes first, equal votes in 姓氏笔画 order (then list order), so a tie
 * never looks like a ranking.
 */
export function byVotesThenStroke<T>(items: readonly T[], votesOf: (item: T) => number, nameOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => votesOf(b) - votesOf(a) || compareByStroke(nameOf(a), nameOf(b)));
}
