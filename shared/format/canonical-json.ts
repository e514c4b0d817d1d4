/**
 * Canonical JSON: object keys sorted by code unit, no spaces, and `undefined` members left out, so
 * the same data gives the same bytes (and the same checksum) on every machine.
 *
 * The usual way is a copy with its keys inserted in order, handed to JSON.stringify: for a
 * district's merged file (60,000 ballots) several times faster than joining strings here. But an
 * object lists integer-like keys ("9", "10") first and in numeric order whatever the insertion
 * order, so a value with a key starting with a digit takes the string-joining way instead.
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(withSortedKeys(value)) ?? 'null';
  } catch (error) {
    if (error !== DIGIT_KEY) throw error;
    return joined(value);
  }
}

const DIGIT_KEY = new Error('a key starts with a digit');

function withSortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? null : value;
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = value[i] === undefined ? null : withSortedKeys(value[i]);
    return items;
  }
  const record = value as Record<string, unknown>;
  // No prototype: a key "__proto__" (JSON.parse makes it an own key) is then a member like any other, not dropped.
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    const first = key.charCodeAt(0);
    if (first >= 48 && first <= 57) throw DIGIT_KEY;
    const item = record[key];
    if (item !== undefined) copy[key] = withSortedKeys(item);
  }
  return copy;
}

function joined(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : joined(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] !== undefined) members.push(`${JSON.stringify(key)}:${joined(record[key])}`);
  }
  return `{${members.join(',')}}`;
}
