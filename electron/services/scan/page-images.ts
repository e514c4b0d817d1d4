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
import { zh } from '../../../shared/messages/zh-CN';
import { imageSize, MAX_IMAGE_PIXELS, scanFileKind } from '../../../shared/scan/image-header';
import type { Grey } from '../../../shared/scan/raster';
import { greyOfRgba } from '../../../shared/scan/raster';

/** A file larger than this is no stack of ballot scans (a 300-page 200 dpi colour PDF is about 150 MB). */
export const MAX_SCAN_FILE_BYTES = 400 * 1024 * 1024;
export const MAX_PDF_PAGES = 2000;
/** PDF pages are drawn at this resolution: the reader straightens to 8 px/mm, about 203 dpi. */
const PDF_DPI = 200;

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
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface PdfPage {
  getViewport(options: { scale: number }): { width: number; height: number };
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
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  const { createCanvas } = await import('@napi-rs/canvas');
  const require = createRequire(import.meta.url);
  // pdf.js draws the standard 14 fonts from its own files (a scanner's PDF seldom has text at all).
  const fonts = pathToFileURL(path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep).href;
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, standardFontDataUrl: fonts, verbosity: VerbosityLevel.ERRORS, stopAtErrors: true });
  let document: PdfDocument;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw new ScanInputError((error as { name?: string }).name === 'PasswordException' ? t.encrypted(fileName) : t.damaged(fileName));
  }
  try {
    if (document.numPages > MAX_PDF_PAGES) throw new ScanInputError(t.tooManyPages(fileName, MAX_PDF_PAGES));
    for (let n = 1; n <= document.numPages; n++) {
      let grey: Grey;
      try {
        const page = await document.getPage(n);
        let scale = PDF_DPI / 72;
        const natural = page.getViewport({ scale });
        // A page far larger than A3 is drawn smaller rather than refused: what it shows decides.
        const pixels = natural.width * natural.height;
        if (!(pixels > 0)) throw new Error('empty page');
        if (pixels > 40_000_000) scale *= Math.sqrt(40_000_000 / pixels);
        const viewport = page.getViewport({ scale });
        const width = Math.max(1, Math.round(viewport.width));
        const height = Math.max(1, Math.round(viewport.height));
        const canvas = createCanvas(width, height);
        const context = canvas.getContext('2d');
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
