/** The native SHA-256 gives the fingerprint the page's JavaScript one gives, for any text. */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { BallotRecord } from '../../shared/domain/ballot';
import { ballotFingerprint, javascriptSha256, useSha256 } from '../../shared/domain/fingerprint';
import { presetForm } from '../../shared/domain/forms';
import { nodeSha256 } from './native-sha256';

type Piece = string | Uint8Array;

function digest(make: typeof nodeSha256, pieces: readonly Piece[]): string {
  const hash = make();
  for (const piece of pieces) {
    if (typeof piece === 'string') hash.update(piece);
    else hash.updateBytes(piece);
  }
  return hash.hex();
}

describe('the native SHA-256', () => {
  afterEach(() => useSha256(javascriptSha256));

  it('agrees with the JavaScript one on any text, lone surrogates and all, and bytes, in any pieces', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('\ud800', 'a\udfff', '张明', '𠀾'));
    const piece = fc.oneof(text, fc.uint8Array({ maxLength: 200 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        expect(digest(nodeSha256, pieces)).toBe(digest(javascriptSha256, pieces));
      }),
      { numRuns: 500 },
    );
  });

  it('is SHA-256: the known digest of "abc", as text or as bytes', () => {
    expect(digest(nodeSha256, ['abc'])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digest(nodeSha256, [new Uint8Array([0x61, 0x62]), 'c'])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digest(javascriptSha256, ['a', new Uint8Array([0x62, 0x63])])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the fingerprint the JavaScript one gives, over ballots that fill several pieces', () => {
    const form = presetForm('evaluation-4');
    const ballots: BallotRecord[] = Array.from({ length: 8000 }, (_, i) => ({
      number: i + 1,
      invalidReason: i % 97 === 0 ? '无法辨认' : null,
      marks: Array.from({ length: 12 }, (_, c) => ((i + c) % 6) - 2),
      writeIns: [],
    }));
    const names = Array.from({ length: 12 }, (_, c) => `候选人${c + 1}`);
    useSha256(javascriptSha256);
    const page = ballotFingerprint(form, names, ballots);
    useSha256(nodeSha256);
    expect(ballotFingerprint(form, names, ballots)).toBe(page);
  });
});
