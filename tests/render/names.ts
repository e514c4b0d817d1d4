/**
 * Deterministic Chinese names as a village list has them: mostly three characters, some two, a few
 * compound surnames and four-character names, and rare characters (䶮 in Extension A, 𠀾 outside the
 * Basic Multilingual Plane). No name contains another, so "is 王明 printed?" is never answered by
 * 王明华, and none contains a fixed text of the inputs (staff names, places).
 */

/** mulberry32: small, fast and the same on every machine. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '令狐', '慕容', '公孙', '尉迟'];
const GIVEN = [...'建国明华军伟芳丽强敏静磊洋艳勇杰娟涛超秀霞平刚桂英斌辉红玉兰春梅海波宁晨婷飞鹏志永德福荣生凤云燕萍琴亮成峰东新利清雪晓宏卫庆光俊岩淑珍桂兵长贵玲翠'];

/** Draws names one at a time; every name drawn from one pool is distinct from every other. */
export class NamePool {
  private readonly taken: string[] = [];

  constructor(
    private readonly next: () => number,
    /** Texts already in the inputs (staff, places): no name may be inside one, or contain one. */
    private readonly reserved: readonly string[] = [],
  ) {}

  private fits(name: string): boolean {
    return ![...this.taken, ...this.reserved].some((other) => other.includes(name) || name.includes(other));
  }

  /** Takes a name as given (a rare character, say), or throws if it clashes. */
  take(name: string): string {
    if (!this.fits(name)) throw new Error(`name ${name} clashes with one already taken`);
    this.taken.push(name);
    return name;
  }

  /** A fresh name; about 1 in 14 has a compound surname, 1 in 5 is two characters long. */
  draw(): string {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const roll = this.next();
      const given = (n: number) => Array.from({ length: n }, () => pick(this.next, GIVEN)).join('');
      const name =
        roll < 0.07 ? `${pick(this.next, COMPOUND_SURNAMES)}${given(this.next() < 0.5 ? 1 : 2)}` : `${pick(this.next, SURNAMES)}${given(roll < 0.27 ? 1 : 2)}`;
      if (new Set(name).size === [...name].length && this.fits(name)) return this.take(name);
    }
    throw new Error('name pool exhausted');
  }

  /** n names for a candidate list: the rare and long ones placed early, so even 4 candidates have them. */
  candidates(n: number, seed: number): string[] {
    const next = seeded(seed);
    const names: string[] = [];
    const specials = [
      () => `${pick(next, ['刘', '陈', '杨'])}${pick(next, GIVEN)}𠀾`,
      () => `${pick(next, ['王', '龚', '赵'])}䶮`,
      () => `${pick(next, COMPOUND_SURNAMES)}${pick(next, GIVEN)}${pick(next, GIVEN)}`,
      () => `${pick(next, SURNAMES)}${pick(next, SURNAMES)}${pick(next, GIVEN)}${pick(next, GIVEN)}`,
    ];
    const wanted = n <= 4 ? specials.slice(0, 3) : specials;
    for (const special of wanted) {
      for (let attempt = 0; ; attempt++) {
        const name = special();
        if (this.fits(name) && new Set(name).size === [...name].length) {
          names.push(this.take(name));
          break;
        }
        if (attempt > 1000) throw new Error('no special name fits');
      }
    }
    while (names.length < n) names.push(this.draw());
    // Specials spread through the list rather than all at its head.
    return names.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % n) - ((b * 7919 + seed) % n)).map((i) => names[i]!);
  }
}
