/**
 * The records of a CSV that holds no quote character, split over its UTF-8 bytes. Such a file is
 * what papaparse itself splits by its line break and delimiter (its "fast mode": `split`, then
 * `split`), so the records and fields are the same as papaparse's (quick-paths.test.ts compares the
 * two on generated files); papaparse still guesses the line break and the delimiter, and parses
 * every file with a quote in it. Here no string is made per cell: a ballot grid of 3,000,000 cells
 * repeats a handful of texts (优秀, 称职, a tick), and each distinct short text is decoded once and
 * handed out again, with an id, for the same bytes: the grid parser reads each id's mark once.
 */
import Papa from 'papaparse';

const QUOTE = 0x22;

/**
 * Distinct short texts are kept for reuse, in a trie over their bytes that the splitter walks as it
 * scans: one table lookup a byte finds both where the field ends and which text it is, so a field
 * already seen costs no hash, no comparison and no string. The bounds are on memory, not on
 * correctness: a field off the trie is decoded as it is.
 */
const TEXT_BYTES = 64;
const MAX_TEXTS = 4096;
/** New texts one column may add: a column of ballot numbers (all distinct) stops adding early, and leaves room for the rest. */
const TEXTS_PER_COLUMN = 64;
/** Trie nodes, 256 transitions each (2 bytes a transition: at most 4 MB). */
const MAX_NODES = 8192;
const ROOT = 0;
/** The state of a field that has left the trie: its bytes are no text kept. */
const OFF = 1;
/** Transitions that are not a node: the delimiter ends the field; any other byte below 0x20 (and 0x7f) is looked at apart. */
const END_FIELD = -1;
const SPECIAL = -2;

/**
 * The texts of a file's fields, each distinct text kept with an id (0, 1, …: equal texts, equal
 * ids), found while the bytes are scanned (splitPlainCsv walks `transitions`).
 */
class FieldTexts {
  /** Transitions by node and byte: the next node, OFF, END_FIELD or SPECIAL. (Replaced when it grows.) */
  table: Int16Array;
  /** The text id ending at each node; -1 where none does. (Replaced when it grows.) */
  textOf: Int32Array;
  readonly texts: string[] = [''];
  /** The text of the field `add` was last given. */
  lastText = '';
  private nodes = 2;
  private readonly addedBy: number[] = [];
  private readonly template = new Int16Array(256);

  constructor(
    private readonly bytes: Buffer,
    delimiter: number,
  ) {
    for (let c = 0; c < 256; c++) this.template[c] = c === delimiter ? END_FIELD : c < 0x20 || c === 0x7f ? SPECIAL : OFF;
    const capacity = 64;
    this.table = new Int16Array(capacity * 256);
    this.textOf = new Int32Array(capacity).fill(-1);
    this.table.set(this.template, ROOT * 256);
    this.table.set(this.template, OFF * 256);
    this.textOf[ROOT] = 0; // the empty field
  }

  /**
   * A field's bytes[start…end) that ended in `state` without a kept text: decoded (into lastText),
   * and kept with a new id when there is room; the id, or -1.
   */
  add(start: number, end: number, state: number, column: number): number {
    const text = this.bytes.toString('utf8', start, end);
    this.lastText = text;
    const added = this.addedBy[column] ?? 0;
    if (end - start > TEXT_BYTES || this.texts.length >= MAX_TEXTS || added >= TEXTS_PER_COLUMN) return -1;
    let node = state;
    if (state === OFF) {
      if (this.nodes + (end - start) > MAX_NODES) return -1;
      node = ROOT;
      for (let i = start; i < end; i++) {
        const byte = this.bytes[i]!;
        const next = this.table[node * 256 + byte]!;
        if (next === OFF) {
          // Made first, then linked: making a node may replace the table.
          const made = this.newNode();
          this.table[node * 256 + byte] = made;
          node = made;
        } else if (next > OFF) {
          node = next;
        } else {
          return -1; // a tab or a lone line break inside the field: not kept
        }
      }
    }
    if (this.textOf[node]! >= 0) return this.textOf[node]!;
    const id = this.texts.length;
    this.texts.push(text);
    this.textOf[node] = id;
    this.addedBy[column] = added + 1;
    return id;
  }

  private newNode(): number {
    if (this.nodes === this.textOf.length) {
      const capacity = this.nodes * 2;
      const table = new Int16Array(capacity * 256);
      table.set(this.table);
      this.table = table;
      const textOf = new Int32Array(capacity).fill(-1);
      textOf.set(this.textOf);
      this.textOf = textOf;
    }
    const node = this.nodes++;
    this.table.set(this.template, node * 256);
    return node;
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

/** What the splitter knows of a record from its bytes, so that the receiver need not look at every field again. */
export interface RecordBytes {
  /** Whether any field holds a byte (a field of no bytes is the empty text). */
  filled: boolean;
  /** The most bytes in one field: a field's text has at most as many UTF-16 units as it has bytes. */
  longestField: number;
  /**
   * By field: the id of its text among the file's kept texts (equal ids, equal texts, over the whole
   * file), or -1 for a text not kept. Longer than the record: only its first fields.length count.
   */
  textIds: Int32Array;
}

/**
 * Calls `onRecord` with each record's fields, in order, as papaparse would give them (a file
 * ending in a line break ends with a record of one empty field); stops when it returns false.
 * The fields array (and textIds) is reused for the next record once `onRecord` returns.
 * Returns false when it met a control character (other than tab, CR, LF), which no spreadsheet
 * writes into a CSV: the caller refuses the file as not text.
 */
export function splitPlainCsv(bytes: Uint8Array, delimiter: string, linebreak: string, onRecord: (fields: string[], facts: RecordBytes) => boolean): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const texts = new FieldTexts(buffer, delimiter.charCodeAt(0));
  const kept = texts.texts;
  const first = linebreak.charCodeAt(0);
  const second = linebreak.length > 1 ? linebreak.charCodeAt(1) : -1;
  const n = buffer.length;
  // An empty file has no record at all (as papaparse reads it), not one record of one empty field.
  if (n === 0) return true;
  // One array for every record, overwritten by the next: the receiver copies what it keeps
  // (GridRowSink). Its length is cut only when a record is shorter than the one before (emptying it
  // would give back its storage, to be grown again field by field).
  const fields: string[] = [];
  let column = 0;
  let ids = new Int32Array(64);
  const facts: RecordBytes = { filled: false, longestField: 0, textIds: ids };
  // The loop's state is in locals only (a closure over them would keep them in memory, not registers).
  let table = texts.table;
  let textOf = texts.textOf;
  let start = 0;
  let longest = 0;
  let state = ROOT;
  for (let i = 0; i <= n; i++) {
    let endsRecord = i === n;
    if (!endsRecord) {
      const next = table[(state << 8) | buffer[i]!]!;
      if (next >= 0) {
        state = next;
        continue;
      }
      if (next === SPECIAL) {
        const c = buffer[i]!;
        if (c === first && (second === -1 || buffer[i + 1] === second)) {
          endsRecord = true;
        } else if (c === 0x09 || c === 0x0a || c === 0x0d) {
          state = OFF; // a tab or another line break is text inside the field (papaparse keeps it)
          continue;
        } else {
          return false;
        }
      }
    }
    // The field bytes[start…i) ends here, in `state`.
    if (i - start > longest) longest = i - start;
    if (column === ids.length) {
      const grown = new Int32Array(column * 2);
      grown.set(ids);
      ids = facts.textIds = grown;
    }
    let id = state === OFF ? -1 : textOf[state]!;
    if (id >= 0) {
      fields[column] = kept[id]!;
    } else {
      id = texts.add(start, i, state, column);
      fields[column] = texts.lastText;
      table = texts.table; // either may have grown
      textOf = texts.textOf;
    }
    ids[column++] = id;
    if (endsRecord) {
      if (fields.length > column) fields.length = column;
      facts.filled = longest > 0;
      facts.longestField = longest;
      if (!onRecord(fields, facts)) return !hasControl(buffer, i);
      column = 0;
      longest = 0;
      if (second !== -1) i++;
    }
    start = i + 1;
    state = ROOT;
  }
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
