/**
 * Where everything a reader looks at stands on a printed blank ballot: the reading map. The print
 * layout (electron/services/print/ballots.tsx) makes it from the same numbers it lays the page out
 * with, so the boxes are on a known grid; the reader (read-page.ts) takes the four corner squares
 * as its frame, finds each box near the place the map gives and scores the ink inside it.
 *
 * Coordinates are millimetres in the frame of one ballot page: (0, 0) is the outer top-left corner
 * of the top-left square, x to the right, y down, as printed. A box is given by its centre.
 */

/** What the map describes, so that a page printed by another layout is never read against it. */
export const READING_MAP_VERSION = 1;

export interface FrameGeometry {
  widthMm: number;
  heightMm: number;
  /** Side of the solid corner squares; their outer corners are the frame's corners. */
  squareMm: number;
  /** Side of the white hole in the top-left square (orientation). */
  holeMm: number;
}

export interface MapBox {
  /** 0-based option of the question (for a recommendation post: 0, the tick). */
  option: number;
  xMm: number;
  yMm: number;
}

/** One item of the ballot (candidate × question) on one page: one box per option. */
export interface MapItem {
  candidate: number;
  question: number;
  boxes: MapBox[];
}

/** A line to write a name on (另推他人): read by a person, never by the machine. */
export interface MapWriteIn {
  /** The post (question) it belongs to. */
  question: number;
  /** 0-based line of that post. */
  slot: number;
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
}

export interface MapPage {
  items: MapItem[];
  writeIns: MapWriteIn[];
}

export interface ReadingMap {
  version: typeof READING_MAP_VERSION;
  frame: FrameGeometry;
  /** Where the frame's top-left corner lies on the A4 paper, in mm (for drawing test scans). */
  paperOffsetMm: { x: number; y: number };
  paperMm: { width: number; height: number };
  /** The page code (QR), its outer square including the quiet zone, in frame mm. */
  code: { xMm: number; yMm: number; sizeMm: number };
  boxMm: number;
  /** Candidates and questions of the form, for checking that every item is on some page. */
  candidates: number;
  questions: number;
  /** Options per question, in form order. */
  optionCounts: number[];
  pages: MapPage[];
}

/** The corner squares' centres in frame mm: top-left, top-right, bottom-right, bottom-left. */
export function squareCentres(frame: FrameGeometry): { x: number; y: number }[] {
  const h = frame.squareMm / 2;
  return [
    { x: h, y: h },
    { x: frame.widthMm - h, y: h },
    { x: frame.widthMm - h, y: frame.heightMm - h },
    { x: h, y: frame.heightMm - h },
  ];
}
