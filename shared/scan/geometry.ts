/**
 * Plane geometry for reading a scanned or photographed page (docs/scanning.md): the projective map
 * (homography) that takes the page as printed to the page as the camera saw it, found from the four
 * corner squares, so that every box can be looked up where the paper actually put it, whatever the
 * rotation, skew or phone perspective. Plain numbers, no library: the four-point solution is an
 * 8 × 8 linear system.
 */

export interface Point {
  x: number;
  y: number;
}

/** Row-major 3 × 3, with h[8] = 1 after normalising. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

/** Solves a·x = b in place by Gaussian elimination with partial pivoting; null when a is singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    if (Math.abs(a[pivot]![col]!) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let row = col + 1; row < n; row++) {
      const factor = a[row]![col]! / a[col]![col]!;
      if (factor === 0) continue;
      for (let k = col; k < n; k++) a[row]![k]! -= factor * a[col]![k]!;
      b[row]! -= factor * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = b[row]!;
    for (let k = row + 1; k < n; k++) sum -= a[row]![k]! * x[k]!;
    x[row] = sum / a[row]![row]!;
  }
  return x;
}

/**
 * The homography taking each `from[i]` to `to[i]` (four points each, no three on a line), or null
 * when the points cannot define one (three in a line: a page folded, or marks found in the wrong places).
 */
export function homographyFrom(from: readonly Point[], to: readonly Point[]): Homography | null {
  if (from.length !== 4 || to.length !== 4) return null;
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solve(a, b);
  if (!h || h.some((value) => !Number.isFinite(value))) return null;
  return [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1];
}

/** Where the homography puts a point; NaN coordinates for a point it sends to infinity. */
export function project(h: Homography, p: Point): Point {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  if (Math.abs(w) < 1e-12) return { x: Number.NaN, y: Number.NaN };
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

/** The inverse map, or null for a singular one. */
export function invert(h: Homography): Homography | null {
  const [a, b, c, d, e, f, g, k, l] = h;
  const det = a * (e * l - f * k) - b * (d * l - f * g) + c * (d * k - e * g);
  if (Math.abs(det) < 1e-12) return null;
  const m = [e * l - f * k, c * k - b * l, b * f - c * e, f * g - d * l, a * l - c * g, c * d - a * f, d * k - e * g, b * g - a * k, a * e - b * d].map((v) => v / det);
  const scale = m[8]!;
  if (Math.abs(scale) < 1e-12) return null;
  return m.map((v) => v / scale) as unknown as Homography;
}
