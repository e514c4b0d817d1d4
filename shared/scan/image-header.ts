/**
 * What a file handed to the scanner is, by its first bytes (never by its name), and the size of an
 * image before it is decoded: a PNG or JPEG that says it is 100,000 × 100,000 pixels is refused
 * before a decoder is asked for 40 GB.
 */
export type ScanFileKind = 'png' | 'jpeg' | 'pdf';

export function scanFileKind(bytes: Uint8Array): ScanFileKind | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  // "%PDF-" within the first 1 KB (some scanners put a few bytes before it; readers allow that).
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return 'pdf';
  return null;
}

/** Largest image the reader decodes: 100 megapixels (a 600 dpi A3 scan is 70). */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** Width and height an image's header states, or null when the header cannot be read. */
export function imageSize(bytes: Uint8Array, kind: 'png' | 'jpeg'): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'png') {
    // Signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  // JPEG: walk the markers to the first start-of-frame (SOF0…SOF15 but DHT, JPG and DAC).
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (length < 2) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > bytes.length) return null;
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}
