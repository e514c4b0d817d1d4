/**
 * Names held to what paper can be (docs/domain.md §4, “姓名”). A name is stored and shown as typed
 * (trimmed, on one line, NFC: `normalizeName`), refused when paper could not show it
 * (`nameProblem`: over 50 characters, invisible or unreadable characters), and compared by its
 * folded key (`nameKey`: width, radicals, spaces, middle dots), so that two spellings that look the
 * same on paper are one person: two candidates may not share a key, and a written-in name with a
 * listed candidate's key is that candidate.
 */
import { nameKey, nameProblem } from '../format/text';
import { zh } from '../messages/zh-CN';
import { MAX_CANDIDATES } from './meeting';

/** Why this (normalised, non-empty) name cannot be a person's name, in words; null when it can. */
export function nameRefusal(name: string): string | null {
  const problem = nameProblem(name);
  return problem === null ? null : zh.names.problem(problem);
}

/** Names by their folded key, remembering the first spelling met: what a list is checked against. */
export class NameIndex<T = number> {
  private readonly byKey = new Map<string, { name: string; value: T }>();

  /** The earlier entry with the same key (same spelling or not), or undefined. */
  find(name: string): { name: string; value: T } | undefined {
    return this.byKey.get(nameKey(name));
  }

  /** Adds the name unless its key is taken; returns the entry that holds the key. */
  add(name: string, value: T): { name: string; value: T } {
    const key = nameKey(name);
    const earlier = this.byKey.get(key);
    if (earlier) return earlier;
    const entry = { name, value };
    this.byKey.set(key, entry);
    return entry;
  }
}

/**
 * The first problem of the people typed into a workbook (names as normalizeName leaves them, blank
 * rows taken out; rows counted from 1 as on screen), in words; null when every name can be a
 * person's and no two are one name folded.
 */
export function typedNamesProblem(names: readonly string[]): string | null {
  const t = zh.ui.workbook;
  if (names.length > MAX_CANDIDATES) return t.tooManyPeople(names.length, MAX_CANDIDATES);
  const seen = new NameIndex<number>();
  for (const [i, name] of names.entries()) {
    const why = nameRefusal(name);
    if (why) return t.badName(i + 1, name, why);
    const earlier = seen.add(name, i);
    if (earlier.value === i) continue;
    return earlier.name === name ? t.duplicateName(name) : t.sameName(i + 1, name, earlier.value + 1, earlier.name);
  }
  return null;
}

/**
 * The names a file brings in (a workbook's people, a meeting's candidates, written-in names),
 * held to the rules of names typed here; `where` says whose they are (会议“…”的候选人). A list
 * over MAX_CANDIDATES is one problem; else each name paper cannot show and each that is an
 * earlier one folded. The messages quote the name and say why.
 */
export function fileNameProblems(names: readonly string[], where: string, asList = true): string[] {
  const t = zh.merge;
  if (asList && names.length > MAX_CANDIDATES) return [t.tooManyCandidates(where, names.length, MAX_CANDIDATES)];
  const problems: string[] = [];
  const seen = new NameIndex<number>();
  names.forEach((name, i) => {
    const why = nameRefusal(name);
    if (why) problems.push(t.nameConflict(where, name, why));
    else if (asList) {
      const earlier = seen.add(name, i);
      if (earlier.value !== i) problems.push(t.nameConflict(where, name, zh.names.sameAs(earlier.name)));
    }
  });
  return problems;
}

/** Whether two names are one person's. */
export function sameName(a: string, b: string): boolean {
  return a === b || nameKey(a) === nameKey(b);
}

/**
 * Why a name typed as written in (另推他人) at the keyboard is refused, or null: it cannot be a name,
 * or it is a listed candidate's (who is ticked instead, as the paper shows).
 */
export function writeInRefusal(name: string, candidates: readonly string[]): string | null {
  const refusal = nameRefusal(name);
  if (refusal) return refusal;
  const key = nameKey(name);
  const listed = candidates.find((candidate) => candidate === name || nameKey(candidate) === key);
  if (listed === undefined) return null;
  return listed === name ? zh.ui.entry.writeInIsCandidate(name) : zh.ui.entry.writeInSameAsCandidate(name, listed);
}
