/** A file's kind from its bytes and an image's size from its header, on headers made here (crafted ones too). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageSize, scanFileKind } from './image-header';

function png(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

function jpeg(width: number, height: number): Uint8Array {
  // SOI, an APP0 segment of 16 bytes, then SOF0 with precision 8, height, width.
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array<number>(14).fill(0), 0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3]);
  return bytes;
}

describe('what a scan file is', () => {
  it('is told by its bytes, not its name', () => {
    expect(scanFileKind(png(10, 10))).toBe('png');
    expect(scanFileKind(jpeg(10, 10))).toBe('jpeg');
    expect(scanFileKind(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(scanFileKind(new TextEncoder().encode('\r\n%PDF-1.4'))).toBe('pdf');
    expect(scanFileKind(new TextEncoder().encode('PK\x03\x04'))).toBeNull();
    expect(scanFileKind(new Uint8Array())).toBeNull();
  });

  it('gives the size the header states, before anything is decoded', () => {
    expect(imageSize(png(2480, 3508), 'png')).toEqual({ width: 2480, height: 3508 });
    expect(imageSize(png(100_000, 100_000), 'png')).toEqual({ width: 100_000, height: 100_000 });
    expect(imageSize(jpeg(4032, 3024), 'jpeg')).toEqual({ width: 4032, height: 3024 });
    expect(imageSize(png(1, 1).subarray(0, 20), 'png')).toBeNull();
    expect(imageSize(jpeg(10, 10).subarray(0, 24), 'jpeg')).toBeNull();
  });

  it('never throws on any bytes at all', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, asPng) => {
        const prefixed = new Uint8Array([...(asPng ? png(1, 1).subarray(0, 8) : [0xff, 0xd8, 0xff]), ...bytes]);
        scanFileKind(prefixed);
        const size = imageSize(prefixed, asPng ? 'png' : 'jpeg');
        expect(size === null || (Number.isInteger(size.width) && Number.isInteger(size.height))).toBe(true);
      }),
    );
  });
});
