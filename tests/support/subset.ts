/**
 * Compares a result with an example's .expected.json, which holds a comparable subset of the
 * fields: every field the expected value has must be equal; arrays of objects are matched by
 * their id or name, so the subset may list fewer checks than the result has.
 */
export function subsetMismatches(actual: unknown, expected: unknown, path = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    const key = keyOf(expected[0]);
    if (key === null) {
      if (actual.length !== expected.length) return [`${path}: length ${actual.length}, expected ${expected.length}`];
      return expected.flatMap((item, i) => subsetMismatches(actual[i], item, `${path}[${i}]`));
    }
    const problems: string[] = [];
    if (key === 'name' && actual.length !== expected.length) problems.push(`${path}: ${actual.length} entries, expected ${expected.length}`);
    for (const item of expected as Record<string, unknown>[]) {
      const match = (actual as Record<string, unknown>[]).find((a) => a?.[key] === item[key]);
      if (!match) problems.push(`${path}: no entry with ${key}=${String(item[key])}`);
      else problems.push(...subsetMismatches(match, item, `${path}[${key}=${String(item[key])}]`));
    }
    return problems;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, v]) => subsetMismatches((actual as Record<string, unknown>)[k], v, `${path}.${k}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}

function keyOf(sample: unknown): 'id' | 'name' | null {
  if (sample === null || typeof sample !== 'object') return null;
  if ('id' in sample) return 'id';
  if ('name' in sample) return 'name';
  return null;
}
