/**
 * Canonical JSON is what every checksum is taken over: the same data must give the same text
 * whatever order its keys were set in, integer-like keys included, and the text must parse back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

/** The definition, written the plain way: members sorted by key (code units), joined. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

/** The same value with every object's keys set in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reversedKeys);
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

describe('canonical JSON', () => {
  it('matches the definition, ignores key order and parses back, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        expect(canonicalJson(reversedKeys(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts integer-like keys as text, and leaves out undefined members', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b', x: [undefined, 1], y: undefined, 中: 1, B: 2 })).toBe('{"10":"a","9":"b","B":2,"x":[null,1],"中":1}');
    expect(canonicalJson({ b: { d: 1, c: [{ f: 1, e: 2 }] }, a: null })).toBe('{"a":null,"b":{"c":[{"e":2,"f":1}],"d":1}}');
  });

  it('keeps a member named __proto__, as JSON.parse reads it (a file may hold one)', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":false}'))).toBe('{"__proto__":false,"b":1}');
    expect(canonicalJson(JSON.parse('[{"__proto__":{"x":1}}]'))).toBe('[{"__proto__":{"x":1}}]');
  });
});
