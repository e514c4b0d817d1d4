/**
 * The pages of the files handed to the scanner, as greys for the reader (shared/scan/read-page.ts),
 * in Node (the command line and the tests; the app's Worker decodes with the browser's own
 * decoders). PNG and JPEG through @napi-rs/canvas (prebuilt, no compiler), PDF pages through pdf.js
 * at 200 dpi, one page at a time, so a 100-page scan never sits in memory whole.
 *
 * Every file may be damaged or crafted: its kind is taken from its bytes, an image's size from its
 * header before decoding, a PDF's pages are counted before any is drawn, and each failure is a
 * sentence in Chinese naming the file (and page), never a library's.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { zh } from '../../../shared/messages/zh-CN';
import { imageSize, MAX_IMAGE_PIXELS, scanFileKind } from '../../../shared/scan/image-header';
import type { Grey } from '../../../shared/scan/raster';
import { greyOfRgba } from '../../../shared/scan/raster';

/** A file larger than this is no stack of ballot scans (a 300-page 200 dpi colour PDF is about 150 MB). */
export const MAX_SCAN_FILE_BYTES = 400 * 1024 * 1024;
export const MAX_PDF_PAGES = 2000;
/** PDF pages are drawn at this resolution: the reader straightens to 8 px/mm, about 203 dpi. */
const PDF_DPI = 200;
const REOPEN_PAGES = 10;

export interface PageImage {
  file: string;
  /** 1-based page of a PDF; null for an image file. */
  page: number | null;
  /** "sha256:<hex>" of the file, with "#p<n>" for a PDF page. */
  imageHash: string;
  grey: Grey;
}

/** A file the scanner cannot take: the message says which and why, in the user's words. */
export class ScanInputError extends Error {}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export async function* pageImagesOf(bytes: Uint8Array, fileName: string): AsyncGenerator<PageImage> {
  const t = zh.scan;
  if (bytes.length > MAX_SCAN_FILE_BYTES) throw new ScanInputError(t.tooLarge(fileName, '400 MB'));
  const kind = scanFileKind(bytes);
  if (kind === null) throw new ScanInputError(t.notAnImage(fileName));
  const hash = sha256(bytes);
  if (kind === 'pdf') {
    yield* pdfPages(bytes, fileName, hash);
    return;
  }
  const size = imageSize(bytes, kind);
  if (!size || size.width < 1 || size.height < 1) throw new ScanInputError(t.damaged(fileName));
  if (size.width * size.height > MAX_IMAGE_PIXELS) throw new ScanInputError(t.tooManyPixels(fileName));
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    throw new ScanInputError(t.damaged(fileName));
  }
  // The decoder's own size, not the header's, decides the canvas (they could disagree in a crafted file).
  if (!(image.width > 0 && image.height > 0) || image.width * image.height > MAX_IMAGE_PIXELS) throw new ScanInputError(t.damaged(fileName));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, image.width, image.height);
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  yield { file: fileName, page: null, imageHash: hash, grey: greyOfRgba(data, image.width, image.height) };
}

interface PdfJs {
  getDocument(options: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
  VerbosityLevel: { ERRORS: number };
  OPS: { paintImageXObject: number; dependency: number; save: number; restore: number; transform: number };
}
/** A decoded image as pdf.js keeps it: kind 1 one bit a pixel, 2 RGB, 3 RGBA. */
interface PdfImage {
  width: number;
  height: number;
  kind: number;
  data?: Uint8Array | Uint8ClampedArray;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface PdfPage {
  getViewport(options: { scale: number }): { width: number; height: number };
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  objs: { get(id: string, callback: (value: unknown) => void): void };
  render(options: Record<string, unknown>): { promise: Promise<void> };
  cleanup(): void;
}

let pdfjs: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfJs>;
  return pdfjs;
}

async function* pdfPages(bytes: Uint8Array, fileName: string, hash: string): AsyncGenerator<PageImage> {
  const t = zh.scan;
  const { getDocument, VerbosityLevel, OPS } = await loadPdfJs();
  const { createCanvas } = await import('@napi-rs/canvas');
  const require = createRequire(import.meta.url);
  // pdf.js draws the standard 14 fonts from its own files (a scanner's PDF seldom has text at all).
  const fonts = pathToFileURL(path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep).href;
  // The canvases pdf.js draws images through, kept and handed out again by size: a canvas given up
  // is not freed by @napi-rs/canvas until much later, and a new one per image piles up 20 MB a page.
  const pool = new Map<string, Canvas[]>();
  class PooledCanvasFactory {
    create(width: number, height: number) {
      if (width <= 0 || height <= 0) throw new Error('canvas size');
      const canvas = pool.get(`${width}x${height}`)?.pop() ?? createCanvas(width, height);
      const context = canvas.getContext('2d');
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, width, height);
      return { canvas, context };
    }
    reset(pair: { canvas: Canvas | null; context: SKRSContext2D | null }, width: number, height: number) {
      if (pair.canvas) this.destroy(pair);
      Object.assign(pair, this.create(width, height));
    }
    destroy(pair: { canvas: Canvas | null; context: SKRSContext2D | null }) {
      if (!pair.canvas) return;
      const key = `${pair.canvas.width}x${pair.canvas.height}`;
      const kept = pool.get(key) ?? [];
      if (kept.length < 4) kept.push(pair.canvas);
      pool.set(key, kept);
      pair.canvas = null;
      pair.context = null;
    }
  }
  const open = async (): Promise<PdfDocument> => {
    const task = getDocument({ CanvasFactory: PooledCanvasFactory, data: new Uint8Array(bytes), isOffscreenCanvasSupported: false, isImageDecoderSupported: false, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, standardFontDataUrl: fonts, verbosity: VerbosityLevel.ERRORS, stopAtErrors: true });
    try {
      return await task.promise;
    } catch (error) {
      await task.destroy().catch(() => undefined);
      throw new ScanInputError((error as { name?: string }).name === 'PasswordException' ? t.encrypted(fileName) : t.damaged(fileName));
    }
  };
  let document = await open();
  // One canvas for every page of the file (a scanner's pages are alike): native memory a canvas holds
  // is not seen by the garbage collector, and a canvas per page piles up hundreds of MB.
  let canvas: Canvas | null = null;
  try {
    if (document.numPages > MAX_PDF_PAGES) throw new ScanInputError(t.tooManyPages(fileName, MAX_PDF_PAGES));
    const pages = document.numPages;
    for (let n = 1; n <= pages; n++) {
      // pdf.js in Node keeps native memory of the pages it drew until its document goes: a fresh
      // document every REOPEN_PAGES pages keeps a 100-page scan within bounds.
      if (n > 1 && (n - 1) % REOPEN_PAGES === 0) {
        await document.destroy().catch(() => undefined);
        document = await open();
      }
      let grey: Grey;
      try {
        const page = await document.getPage(n);
        // A scanner's page is one picture: taken as it is (its own resolution, no drawing), which
        // is faster and keeps no native memory; anything else is drawn at 200 dpi.
        const picture = await onlyPicture(page, OPS);
        if (picture) {
          grey = picture;
          page.cleanup();
          yield { file: fileName, page: n, imageHash: `${hash}#p${n}`, grey };
          continue;
        }
        let scale = PDF_DPI / 72;
        const natural = page.getViewport({ scale });
        // A page far larger than A3 is drawn smaller rather than refused: what it shows decides.
        const pixels = natural.width * natural.height;
        if (!(pixels > 0)) throw new Error('empty page');
        if (pixels > 40_000_000) scale *= Math.sqrt(40_000_000 / pixels);
        const viewport = page.getViewport({ scale });
        const width = Math.max(1, Math.round(viewport.width));
        const height = Math.max(1, Math.round(viewport.height));
        if (!canvas || canvas.width !== width || canvas.height !== height) canvas = createCanvas(width, height);
        const context: SKRSContext2D = canvas.getContext('2d');
        context.setTransform(1, 0, 0, 1, 0, 0);
        await page.render({ canvasContext: context, canvas, viewport, background: 'white' }).promise;
        grey = greyOfRgba(context.getImageData(0, 0, width, height).data, width, height);
        page.cleanup();
      } catch (error) {
        if (error instanceof ScanInputError) throw error;
        throw new ScanInputError(`${t.where(fileName, n)}：${t.damaged(fileName)}`);
      }
      yield { file: fileName, page: n, imageHash: `${hash}#p${n}`, grey };
    }
  } finally {
    await document.destroy().catch(() => undefined);
  }
}

/**
 * The page's one picture as greys, when the page draws exactly one image and nothing else that
 * shows (what a document scanner writes); null otherwise. 
 */
async function onlyPicture(page: PdfPage, OPS: PdfJs['OPS']): Promise<Grey | null> {
  const list = await page.getOperatorList();
  const harmless = new Set([OPS.dependency, OPS.save, OPS.restore, OPS.transform, OPS.paintImageXObject]);
  if (list.fnArray.some((f) => !harmless.has(f))) return null;
  const images = list.fnArray.flatMap((f, i) => (f === OPS.paintImageXObject ? [list.argsArray[i]![0] as string] : []));
  if (images.length !== 1) return null;
  const image = await new Promise<PdfImage>((resolve) => page.objs.get(images[0]!, (value) => resolve(value as PdfImage)));
  const { width, height, kind, data } = image;
  if (!data || !(width > 0 && height > 0) || width * height > MAX_IMAGE_PIXELS) return null;
  const pixels = new Uint8Array(width * height);
  if (kind === 2 && data.length >= width * height * 3) {
    for (let i = 0, j = 0; i < pixels.length; i++, j += 3) pixels[i] = (data[j]! * 299 + data[j + 1]! * 587 + data[j + 2]! * 114 + 500) / 1000;
  } else if (kind === 3 && data.length >= width * height * 4) {
    for (let i = 0, j = 0; i < pixels.length; i++, j += 4) pixels[i] = (data[j]! * 299 + data[j + 1]! * 587 + data[j + 2]! * 114 + 500) / 1000;
  } else if (kind === 1) {
    // One bit a pixel, rows padded to whole bytes; a set bit is white in pdf.js's own image data.
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return null;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = data[y * rowBytes + (x >> 3)]! & (128 >> (x & 7)) ? 255 : 0;
  } else {
    return null;
  }
  return { width, height, pixels };
}
