/**
 * The image work of reading a page, on plain typed arrays (docs/scanning.md: OpenCV's browser build
 * needs 'unsafe-eval', which the app's CSP refuses): a page as greys, a local-mean threshold that
 * copes with shadows and uneven light, the dark blobs of a thresholded page (to find the corner
 * squares), and resampling through a homography (to see the page as printed).
 */
import type { Homography } from './geometry';

/** 8-bit greys, row by row: 0 black, 255 white. */
export interface Grey {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export function greyOfRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Grey {
  if (rgba.length !== width * height * 4) throw new RangeError(`${rgba.length} bytes for ${width} × ${height}`);
  const pixels = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < pixels.length; i++, j += 4) {
    // Rec. 601 luma in integers; blue ink stays dark enough to count.
    pixels[i] = (rgba[j]! * 299 + rgba[j + 1]! * 587 + rgba[j + 2]! * 114 + 500) / 1000;
  }
  return { width, height, pixels };
}

/**
 * Dark where a pixel is darker than the mean of the square around it by more than `offset` (of 255):
 * Bradley's threshold over an integral image, one pass whatever the window. A shadow darkens a region
 * and its mean together, so the print still stands out from the paper under it.
 */
export function darkMask(grey: Grey, windowPx: number, offset = 20): Uint8Array {
  const { width, height, pixels } = grey;
  const stride = width + 1;
  // Sums of up to 255 × 2^24 pixels fit a float64 exactly.
  const integral = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += pixels[y * width + x]!;
      integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1]! + row;
    }
  }
  const half = Math.max(1, Math.floor(windowPx / 2));
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(width, x + half + 1);
      const sum = integral[y1 * stride + x1]! - integral[y0 * stride + x1]! - integral[y1 * stride + x0]! + integral[y0 * stride + x0]!;
      const mean = sum / ((x1 - x0) * (y1 - y0));
      mask[y * width + x] = pixels[y * width + x]! < mean - offset ? 1 : 0;
    }
  }
  return mask;
}

/** One connected dark region: its pixel count, bounding box and centre of mass. */
export interface Blob {
  area: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  cx: number;
  cy: number;
}

/**
 * The 8-connected dark regions of a mask, each at least `minArea` pixels. A scan line flood fill with
 * an explicit stack: no recursion, so a page-sized blob (a black border) cannot overflow the stack.
 */
export function blobsOf(mask: Uint8Array, width: number, height: number, minArea = 1): Blob[] {
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  const blobs: Blob[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let area = 0;
    let sumX = 0;
    let sumY = 0;
    let minX = width;
    let minY = height;
    let maxX = -1;
    let maxY = -1;
    while (top > 0) {
      const at = stack[--top]!;
      const x = at % width;
      const y = (at - x) / width;
      area++;
      sumX += x;
      sumY += y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width || (dx === 0 && dy === 0)) continue;
          const next = ny * width + nx;
          if (mask[next] && !seen[next]) {
            seen[next] = 1;
            stack[top++] = next;
          }
        }
      }
    }
    if (area >= minArea) blobs.push({ area, minX, minY, maxX, maxY, cx: sumX / area, cy: sumY / area });
  }
  return blobs;
}

/** The grey at a point between pixels (bilinear); white outside the image, as paper beyond the edge. */
export function sample(grey: Grey, x: number, y: number): number {
  const { width, height, pixels } = grey;
  if (!(x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1)) return 255;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  const top = pixels[y0 * width + x0]! * (1 - fx) + pixels[y0 * width + x1]! * fx;
  const bottom = pixels[y1 * width + x0]! * (1 - fx) + pixels[y1 * width + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * The page as printed, `width` × `height` pixels: each of its pixels taken from where `toImage` puts
 * it in the photo or scan. The projection is written out (no object per pixel): a page is millions.
 */
export function warp(image: Grey, toImage: Homography, width: number, height: number): Grey {
  const out = new Uint8Array(width * height);
  const [a, b, c, d, e, f, g, h, k] = toImage;
  const { width: iw, height: ih, pixels } = image;
  for (let y = 0; y < height; y++) {
    const py = y + 0.5;
    for (let x = 0; x < width; x++) {
      const px = x + 0.5;
      const w = g * px + h * py + k;
      const sx = (a * px + b * py + c) / w - 0.5;
      const sy = (d * px + e * py + f) / w - 0.5;
      let value = 255;
      if (sx >= 0 && sy >= 0 && sx <= iw - 1 && sy <= ih - 1) {
        const x0 = sx | 0;
        const y0 = sy | 0;
        const x1 = x0 + 1 < iw ? x0 + 1 : x0;
        const y1 = y0 + 1 < ih ? y0 + 1 : y0;
        const fx = sx - x0;
        const fy = sy - y0;
        const top = pixels[y0 * iw + x0]! + (pixels[y0 * iw + x1]! - pixels[y0 * iw + x0]!) * fx;
        const bottom = pixels[y1 * iw + x0]! + (pixels[y1 * iw + x1]! - pixels[y1 * iw + x0]!) * fx;
        value = top + (bottom - top) * fy + 0.5;
      }
      out[y * width + x] = value;
    }
  }
  return { width, height, pixels: out };
}

/** The image scaled down by a whole-pixel box average (`factor` ≥ 1; 1 returns the image itself). */
export function shrink(image: Grey, factor: number): Grey {
  const n = Math.max(1, Math.floor(factor));
  if (n === 1) return image;
  const width = Math.floor(image.width / n);
  const height = Math.floor(image.height / n);
  const out = new Uint8Array(width * height);
  const area = n * n;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < n; dy++) {
        const row = (y * n + dy) * image.width + x * n;
        for (let dx = 0; dx < n; dx++) sum += image.pixels[row + dx]!;
      }
      out[y * width + x] = (sum + area / 2) / area;
    }
  }
  return { width, height, pixels: out };
}
