/** The native SHA-256 gives the fingerprint the page's JavaScript one gives, for any text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { javascriptSha256 } from '../../shared/domain/fingerprint';
import { nodeSha256 } from './native-sha256';

function digest(make: typeof nodeSha256, pieces: readonly string[]): string {
  const hash = make();
  for (const piece of pieces) hash.update(piece);
  return hash.hex();
}

describe('the native SHA-256', () => {
  it('agrees with the JavaScript one on any text, lone surrogates and all, in any pieces', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('\ud800', 'a\udfff', '张明', '𠀾'));
    fc.assert(fc.property(fc.array(text, { maxLength: 6 }), (pieces) => {
        expect(digest(nodeSha256, pieces)).toBe(digest(javascriptSha256, pieces));
      }),
       { numRuns: 500 });
  });

  it('is SHA-256: the known digest of "abc"', () => {
    expect(digest(nodeSha256, ['abc'])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
