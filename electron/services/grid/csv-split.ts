/**
 * The records of a CSV that holds no quote character, split over its UTF-8 bytes. Such a file is
 * what papaparse itself splits by its line break and delimiter (its "fast mode": `split`, then
 * `split`), so the records and fields are the same as papaparse's (csv-read.test.ts compares the
 * two on generated files); papaparse still guesses the line break and the delimiter, and parses
 * every file with a quote in it. Here no string is made per cell: a ballot grid of 3,000,000 cells
 * repeats a handful of texts (优秀, 称职, a tick), and each distinct short text is decoded once and
 * handed out again for the same bytes, which also lets the grid parser's memo find it at once.
 */
import Papa from 'papaparse';

const QUOTE = 0x22;
/** Texts up to this many bytes are kept for reuse, this many of them (a bound on memory, not on correctness). */
const INTERN_BYTES = 64;
const INTERN_ENTRIES = 4096;
const SLOTS = 8192; // a power of two, twice the entries: probes stay short
/** Slots looked at before a text is decoded without reuse. */
const MAX_PROBES = 8;

/**
 * Distinct short byte strings → their text, by an FNV-1a hash over the bytes (made by the splitter
 * as it passes them) and a byte comparison: a collision costs a probe, never a wrong text, and the
 * probes are bounded, so a file built to collide only loses the reuse.
 */
class FieldTexts {
  private readonly slots = new Int32Array(SLOTS).fill(-1);
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly texts: string[] = [];

  constructor(private readonly bytes: Buffer) {}

  /** The text of bytes[start…end), whose FNV-1a hash the caller computed while scanning them. */
  text(start: number, end: number, hash: number): string {
    if (start === end) return '';
    const b = this.bytes;
    if (end - start > INTERN_BYTES) return b.toString('utf8', start, end);
    let slot = hash & (SLOTS - 1);
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const k = this.slots[slot]!;
      if (k === -1) {
        const text = b.toString('utf8', start, end);
        if (this.texts.length < INTERN_ENTRIES) {
          this.slots[slot] = this.texts.length;
          this.starts.push(start);
          this.ends.push(end);
          this.texts.push(text);
        }
        return text;
      }
      if (this.same(k, start, end)) return this.texts[k]!;
      slot = (slot + 1) & (SLOTS - 1);
    }
    return b.toString('utf8', start, end);
  }

  private same(k: number, start: number, end: number): boolean {
    const s = this.starts[k]!;
    if (this.ends[k]! - s !== end - start) return false;
    const b = this.bytes;
    for (let i = 0; i < end - start; i++) if (b[s + i] !== b[start + i]) return false;
    return true;
  }
}

export function hasQuote(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(QUOTE) !== -1;
}

/** What papaparse would guess for the whole file, guessed on as much of its start as its guesses read. */
export function guessLayout(bytes: Uint8Array, delimitersToGuess: string[]): { delimiter: string; linebreak: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The line break is guessed from the first 1 MB, the delimiter from the first ten records.
  const head = (length: number) => buffer.toString('latin1', 0, Math.min(buffer.length, length));
  const linebreak = Papa.parse<string[]>(head(1024 * 1024), { preview: 1 }).meta.linebreak;
  let end = 0;
  for (let found = 0; found < 11 && end !== -1; found++) {
    end = buffer.indexOf(linebreak, end, 'latin1');
    if (end !== -1) end += linebreak.length;
  }
  const prefix = end === -1 ? buffer.length : Math.max(end, 1024 * 1024);
  const delimiter = Papa.parse<string[]>(head(prefix), { preview: 1, newline: linebreak as '\n', delimitersToGuess }).meta.delimiter;
  return { delimiter, linebreak };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** What the splitter knows of a record from its bytes, so that the receiver need not look at every field again. */
export interface RecordBytes {
  /** Whether any field holds a byte (a field of no bytes is the empty text). */
  filled: boolean;
  /** The most bytes in one field: a field's text has at most as many UTF-16 units as it has bytes. */
  longestField: number;
}

/**
 * Calls `onRecord` with each record's fields, in order, as papaparse would give them (a file
 * ending in a line break ends with a record of one empty field); stops when it returns false.
 * The fields array is reused for the next record once `onRecord` returns.
 * Returns false when it met a control character (other than tab, CR, LF), which no spreadsheet
 * writes into a CSV: the caller refuses the file as not text.
 */
export function splitPlainCsv(bytes: Uint8Array, delimiter: string, linebreak: string, onRecord: (fields: string[], facts: RecordBytes) => boolean): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const texts = new FieldTexts(buffer);
  const delim = delimiter.charCodeAt(0);
  const first = linebreak.charCodeAt(0);
  const second = linebreak.length > 1 ? linebreak.charCodeAt(1) : -1;
  const n = buffer.length;
  // One array for every record, emptied after each: the receiver copies what it keeps (GridRowSink).
  const fields: string[] = [];
  const facts: RecordBytes = { filled: false, longestField: 0 };
  let start = 0;
  let longest = 0;
  // The hash of the field so far, made byte by byte in the one pass over the file.
  let hash = FNV_OFFSET;
  for (let i = 0; i < n; i++) {
    const c = buffer[i]!;
    if (c === delim) {
      if (i - start > longest) longest = i - start;
      fields.push(texts.text(start, i, hash));
      start = i + 1;
      hash = FNV_OFFSET;
    } else if (c < 0x20 || c === 0x7f) {
      if (c === first && (second === -1 || buffer[i + 1] === second)) {
        if (i - start > longest) longest = i - start;
        fields.push(texts.text(start, i, hash));
        facts.filled = longest > 0;
        facts.longestField = longest;
        if (!onRecord(fields, facts)) return !hasControl(buffer, i);
        fields.length = 0;
        longest = 0;
        if (second !== -1) i++;
        start = i + 1;
        hash = FNV_OFFSET;
      } else if (c !== 0x09 && c !== 0x0a && c !== 0x0d) {
        return false;
      } else {
        hash = Math.imul(hash ^ c, FNV_PRIME);
      }
    } else {
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
  }
  if (n - start > longest) longest = n - start;
  fields.push(texts.text(start, n, hash));
  facts.filled = longest > 0;
  facts.longestField = longest;
  if (!onRecord(fields, facts)) return !hasControl(buffer, n);
  return true;
}

/** Whether a control character (other than tab, CR, LF) is at or after `from`: a file refused for another reason is still refused as not text first. */
export function hasControl(bytes: Uint8Array, from = 0): boolean {
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}
