/**
 * A strict, streaming scanner for the XML of xlsx parts. A sheet of 100,000 ballots is about 100 MB
 * of XML; a general SAX parser (saxes) takes over 3 s for it on the benchmark machine, more than the
 * whole time a count may take (docs/performance.md), so the parts are scanned here instead, over the
 * inflated bytes themselves (no string is made for a tag the reader does not ask about): the subset
 * of XML that spreadsheet parts use (elements, attributes, text, CDATA, comments, processing
 * instructions), every element checked against its closing tag, the bytes checked to be UTF-8, the
 * five predefined entities and character references decoded, anything else refused. A DTD is refused
 * outright: no spreadsheet part has one, and it is how entity bombs are made. Nothing is held between
 * tags except the text of the element the reader asked for, so memory is bounded by the longest tag
 * and the longest cell, whatever the size of the part.
 */
import { isUtf8 } from 'node:buffer';

export type XmlFault = 'broken' | 'doctype' | 'tooDeep' | 'encoding';

export class XmlFaultError extends Error {
  constructor(readonly fault: XmlFault) {
    super(fault);
  }
}

export interface XmlHandler {
  /** An element opened (its attributes from the scanner's `attr…` methods while this runs). `name` has no prefix. */
  open(name: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text of an element while `collecting` is true, entities decoded; may come in several pieces. */
  text(text: string): void;
  /**
   * When present, text without entities comes here as bytes instead (bytes[start…end)), so that a
   * number can be read without making a string of it.
   */
  rawText?(bytes: Buffer, start: number, end: number): void;
  /**
   * When present and the scanner's `plainCells` is on, a plain spreadsheet cell comes here whole
   * instead of as open, text and close: `<c` with only `r`, `s` and `t` attributes, then `/>`, or
   * `></c>`, or `><v>text</v></c>` with no markup or entity in the text. Its attributes are read
   * with the scanner's `attr…` methods as for `open`; `valueStart` is -1 when there is no `<v>`.
   * Anything else about a cell (a formula, inline text, spaces between its tags) takes the general
   * path, which reads the same bytes the same way: this one only skips the work of a general parse.
   */
  plainCell?(bytes: Buffer, valueStart: number, valueEnd: number): void;
}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));|&/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Longest stretch without a '<' carried between chunks (a cell of 32,767 characters is far less). */
const MAX_CARRY_BYTES = 1024 * 1024;
/** Deepest nesting: sheet XML is about six levels deep. */
const MAX_DEPTH = 64;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const AMP = 0x26;
const LOWER_C = 0x63;
const LOWER_V = 0x76;
const QUOTE = 0x22;
const EQUALS = 0x3d;

/** Text with its entity and character references decoded; a stray '&' or unknown entity is broken XML. */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(ENTITY, (whole, named: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named]!;
    const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : -1;
    if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || whole === '&') {
      throw new XmlFaultError('broken');
    }
    return String.fromCodePoint(code);
  });
}

/** Element names of one character (c, v, f, t, r), made once: a sheet has millions of them. */
const ONE_CHAR_NAMES = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

// Name characters: ASCII letters, digits, '_', '-', '.', and any non-ASCII byte (names in xlsx are ASCII).
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c > 127;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Whether bytes[start…end) equal an ASCII string. */
function bytesEqual(bytes: Uint8Array, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let k = 0; k < text.length; k++) if (bytes[start + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** Whether bytes at `at` start with an ASCII string. */
function startsWithAt(bytes: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let k = 0; k < text.length; k++) if (bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

export class XmlScanner {
  /** While true, the text of the current element goes to the handler. */
  collecting = false;
  /** Set once, right after construction: a handler usually needs the scanner to set `collecting`. */
  handler!: XmlHandler;
  /** While true (the handler sets it inside a row), plain cells go to `handler.plainCell`. */
  plainCells = false;
  /** The row and column of the last A1 reference read by `attrCellRef`. */
  refRow = 0;
  refColumn = 0;
  private pending: Buffer | null = null;
  private readonly stack: string[] = [];
  private readonly locals: string[] = [];
  private rootClosed = false;
  /** The current start tag's attributes as positions in `source`: name start, name end, value start, value end, … */
  private readonly attrs: number[] = [];
  private attrCount = 0;
  private source: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): void {
    const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const data = this.pending === null ? piece : Buffer.concat([this.pending, piece]);
    this.pending = null;
    // Scanned up to the last '<' (always a character boundary in UTF-8); the rest waits for the next chunk.
    let cut = data.lastIndexOf(LT);
    if (cut <= 0) {
      if (data.length <= MAX_CARRY_BYTES) {
        this.pending = Buffer.from(data);
        return;
      }
      // A long run without '<': filler between tags (scanned and dropped) or a text far too long.
      cut = data.length;
      while (cut > 0 && (data[cut - 1]! & 0xc0) === 0x80) cut--;
      if (cut > 0 && data[cut - 1]! >= 0xc0) cut--;
    }
    const head = data.subarray(0, cut);
    if (!isUtf8(head)) throw new XmlFaultError('encoding');
    const consumed = this.feed(head, false);
    const rest = data.subarray(consumed);
    if (rest.length > MAX_CARRY_BYTES) throw new XmlFaultError('broken');
    if (rest.length > 0) this.pending = Buffer.from(rest);
  }

  end(): void {
    const data = this.pending ?? Buffer.alloc(0);
    this.pending = null;
    if (!isUtf8(data)) throw new XmlFaultError('encoding');
    this.feed(data, true);
    if (this.stack.length > 0 || !this.rootClosed) throw new XmlFaultError('broken');
  }

  /** An attribute of the start tag being handled, decoded; undefined when absent. A prefix is ignored (`r:id` matches `id`). */
  attr(name: string): string | undefined {
    const k = this.attrIndex(name, false);
    return k === -1 ? undefined : decodeEntities(this.source.toString('utf8', this.attrs[k + 2]!, this.attrs[k + 3]!));
  }

  /** The same, for an attribute that must carry a prefix (`r:id`, not a plain `id`). */
  prefixedAttr(name: string): string | undefined {
    const k = this.attrIndex(name, true);
    return k === -1 ? undefined : decodeEntities(this.source.toString('utf8', this.attrs[k + 2]!, this.attrs[k + 3]!));
  }

  /**
   * An A1 reference attribute read straight from the bytes into `refRow` and `refColumn`: 1 when
   * read, 0 when absent, -1 when it is not an A1 reference (read it with `attr` to show it).
   */
  attrCellRef(name: string): number {
    const k = this.attrIndex(name, false);
    if (k === -1) return 0;
    const b = this.source;
    let i = this.attrs[k + 2]!;
    const end = this.attrs[k + 3]!;
    let column = 0;
    while (i < end) {
      const c = b[i]!;
      if (c >= 65 && c <= 90) column = column * 26 + (c - 64);
      else if (c >= 97 && c <= 122) column = column * 26 + (c - 96);
      else break;
      i++;
      if (column > 1_000_000) return -1;
    }
    if (column === 0 || i === end) return -1;
    let row = 0;
    for (; i < end; i++) {
      const c = b[i]!;
      if (c < 48 || c > 57) return -1;
      row = row * 10 + (c - 48);
      if (row > 100_000_000) return -1;
    }
    if (row < 1) return -1;
    this.refRow = row;
    this.refColumn = column;
    return 1;
  }

  /** An unsigned integer attribute read from the bytes: -1 when absent, -2 when not digits. */
  attrUint(name: string): number {
    const k = this.attrIndex(name, false);
    if (k === -1) return -1;
    const b = this.source;
    const end = this.attrs[k + 3]!;
    let value = 0;
    let i = this.attrs[k + 2]!;
    if (i === end || end - i > 9) return -2;
    for (; i < end; i++) {
      const c = b[i]!;
      if (c < 48 || c > 57) return -2;
      value = value * 10 + (c - 48);
    }
    return value;
  }

  /** A one-character attribute value's character code (t="s" → 's'), -1 when absent, 0 when longer or empty. */
  attrChar(name: string): number {
    const k = this.attrIndex(name, false);
    if (k === -1) return -1;
    return this.attrs[k + 3]! - this.attrs[k + 2]! === 1 ? this.source[this.attrs[k + 2]!]! : 0;
  }

  private attrIndex(name: string, mustBePrefixed: boolean): number {
    const a = this.attrs;
    const b = this.source;
    for (let k = 0; k < this.attrCount; k += 4) {
      const start = a[k]!;
      const end = a[k + 1]!;
      if (!mustBePrefixed && bytesEqual(b, start, end, name)) return k;
      if (end - start > name.length && b[end - name.length - 1] === 0x3a && bytesEqual(b, end - name.length, end, name)) return k;
    }
    return -1;
  }

  /** Scans bytes[0…]; returns how far it got (the rest is an incomplete token, kept for the next chunk). */
  private feed(b: Buffer, final: boolean): number {
    const n = b.length;
    let pos = 0;
    while (pos < n) {
      // Byte loops rather than Buffer#indexOf: a native call per tag costs more than the short scan.
      let lt = pos;
      while (lt < n && b[lt] !== LT) lt++;
      if (lt > pos) {
        if (this.collecting) {
          // The text of a wanted element is handed over whole up to a tag, so an entity is never split.
          if (lt === n && !final) return pos;
          this.textOut(b, pos, lt);
        } else if (this.stack.length === 0) {
          for (let i = pos; i < lt; i++) if (!isSpace(b[i]!)) throw new XmlFaultError('broken'); // text outside the root element
        }
      }
      if (lt === n) return n;
      if (lt + 1 >= n) {
        if (final) throw new XmlFaultError('broken');
        return lt;
      }
      const next = b[lt + 1]!;
      let after: number;
      if (next === LOWER_C && this.plainCells && this.stack.length > 0 && this.stack.length + 1 < MAX_DEPTH) {
        after = this.plainCell(b, lt);
        if (after !== -1) {
          pos = after;
          continue;
        }
      }
      if (next === SLASH) after = this.endTag(b, lt);
      else if (next === BANG || next === QUESTION) after = this.special(b, lt);
      else after = this.startTag(b, lt);
      if (after === -1) {
        if (final) throw new XmlFaultError('broken');
        return lt;
      }
      pos = after;
    }
    return pos;
  }

  private textOut(b: Buffer, start: number, end: number): void {
    if (this.handler.rawText !== undefined) {
      let amp = false;
      for (let i = start; i < end; i++) {
        if (b[i] === AMP) {
          amp = true;
          break;
        }
      }
      if (!amp) {
        this.handler.rawText(b, start, end);
        return;
      }
    }
    this.handler.text(decodeEntities(b.toString('utf8', start, end)));
  }

  private endTag(b: Buffer, lt: number): number {
    const n = b.length;
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) throw new XmlFaultError('broken');
    let i = lt + 2 + top.length;
    if (i >= n) return -1;
    if (!startsWithAt(b, lt + 2, top)) {
      // A non-ASCII name is compared as text.
      const name = b.toString('utf8', lt + 2, Math.min(n, lt + 2 + top.length * 4));
      if (!name.startsWith(top) || /[^\s>]/.test(name.charAt(top.length)) === true) throw new XmlFaultError('broken');
      i = lt + 2 + Buffer.byteLength(top);
    }
    while (i < n && isSpace(b[i]!)) i++;
    if (i >= n) return -1;
    if (b[i] !== GT) throw new XmlFaultError('broken');
    this.stack.pop();
    const local = this.locals.pop()!;
    if (this.stack.length === 0) this.rootClosed = true;
    this.handler.close(local);
    return i + 1;
  }

  /**
   * Reads the start tag at `lt` by hand: the name, then each attribute as name = "value". Returns the
   * index after the tag, or -1 when the bytes end inside it; anything else malformed is broken XML.
   */
  private startTag(b: Buffer, lt: number): number {
    const n = b.length;
    let i = lt + 1;
    if (!isNameStart(b[i]!)) throw new XmlFaultError('broken');
    let colon = -1;
    let ascii = true;
    while (i < n) {
      const c = b[i]!;
      if (c === 0x3a) {
        if (colon !== -1) throw new XmlFaultError('broken');
        colon = i;
      } else if (!isNameChar(c)) break;
      else if (c > 127) ascii = false;
      i++;
    }
    if (i >= n) return -1;
    const nameStart = colon === -1 ? lt + 1 : colon + 1;
    const nameEnd = i;
    const attrs = this.attrs;
    let count = 0;
    for (;;) {
      let spaced = false;
      while (i < n && isSpace(b[i]!)) {
        spaced = true;
        i++;
      }
      if (i >= n) return -1;
      const c = b[i]!;
      if (c === GT || c === SLASH) break;
      if (!spaced || !isNameStart(c)) throw new XmlFaultError('broken');
      const keyStart = i;
      while (i < n && (isNameChar(b[i]!) || b[i] === 0x3a)) i++;
      const keyEnd = i;
      while (i < n && isSpace(b[i]!)) i++;
      if (i >= n) return -1;
      if (b[i] !== 0x3d) throw new XmlFaultError('broken');
      i++;
      while (i < n && isSpace(b[i]!)) i++;
      if (i >= n) return -1;
      const quote = b[i]!;
      if (quote !== 0x22 && quote !== 0x27) throw new XmlFaultError('broken');
      let close = i + 1;
      while (close < n && b[close] !== quote) {
        if (b[close] === LT) throw new XmlFaultError('broken');
        close++;
      }
      if (close >= n) return -1;
      attrs[count++] = keyStart;
      attrs[count++] = keyEnd;
      attrs[count++] = i + 1;
      attrs[count++] = close;
      i = close + 1;
    }
    let selfClosing = false;
    if (b[i] === SLASH) {
      if (i + 1 >= n) return -1;
      if (b[i + 1] !== GT) throw new XmlFaultError('broken');
      selfClosing = true;
      i++;
    }
    if (this.rootClosed) throw new XmlFaultError('broken'); // a second root element
    const text = (start: number, end: number) => b.toString(ascii ? 'latin1' : 'utf8', start, end);
    const name = nameEnd === nameStart + 1 && b[nameStart]! < 128 ? ONE_CHAR_NAMES[b[nameStart]!]! : text(nameStart, nameEnd);
    if (!selfClosing) {
      if (this.stack.length >= MAX_DEPTH) throw new XmlFaultError('tooDeep');
      this.stack.push(colon === -1 ? name : text(lt + 1, nameEnd));
      this.locals.push(name);
    } else if (this.stack.length === 0) {
      this.rootClosed = true;
    }
    this.source = b;
    this.attrCount = count;
    this.handler.open(name, selfClosing);
    if (selfClosing) this.handler.close(name);
    return i + 1;
  }

  /**
   * A plain cell at `lt` (see XmlHandler.plainCell), handed over whole; -1 when the bytes there are
   * anything else or end before the cell does, and nothing has been changed: the general path then
   * reads them. Only what the general path would accept is taken, read the same way.
   */
  private plainCell(b: Buffer, lt: number): number {
    const n = b.length;
    let i = lt + 2;
    const attrs = this.attrs;
    let count = 0;
    let seen = 0; // bits: r, s, t
    for (;;) {
      if (i >= n) return -1;
      let c = b[i]!;
      if (c !== 32) break;
      while (c === 32) {
        if (++i >= n) return -1;
        c = b[i]!;
      }
      if (c === GT || c === SLASH) break;
      const bit = c === 0x72 ? 1 : c === 0x73 ? 2 : c === 0x74 ? 4 : 0;
      if (bit === 0 || (seen & bit) !== 0 || b[i + 1] !== EQUALS || b[i + 2] !== QUOTE) return -1;
      seen |= bit;
      const valueStart = i + 3;
      let close = valueStart;
      while (close < n) {
        const v = b[close]!;
        if (v === QUOTE) break;
        if (v === LT || v === AMP) return -1;
        close++;
      }
      if (close >= n) return -1;
      attrs[count++] = i;
      attrs[count++] = i + 1;
      attrs[count++] = valueStart;
      attrs[count++] = close;
      i = close + 1;
    }
    const c = b[i];
    let valueStart = -1;
    let valueEnd = -1;
    let end: number;
    if (c === SLASH) {
      if (b[i + 1] !== GT) return -1;
      end = i + 2;
    } else if (c === GT) {
      i++;
      // `</c>` at once, or `<v>` text `</v></c>`.
      if (b[i] !== LT) return -1;
      if (b[i + 1] === LOWER_V && b[i + 2] === GT) {
        valueStart = i + 3;
        let k = valueStart;
        while (k < n && b[k] !== LT && b[k] !== AMP) k++;
        if (k + 8 > n || b[k] !== LT) return -1;
        valueEnd = k;
        if (b[k + 1] !== SLASH || b[k + 2] !== LOWER_V || b[k + 3] !== GT) return -1;
        i = k + 4;
      }
      if (i + 4 > n || b[i] !== LT || b[i + 1] !== SLASH || b[i + 2] !== LOWER_C || b[i + 3] !== GT) return -1;
      end = i + 4;
    } else {
      return -1;
    }
    if (end > n) return -1;
    this.source = b;
    this.attrCount = count;
    this.handler.plainCell!(b, valueStart, valueEnd);
    return end;
  }

  /** Skips a comment, CDATA section or processing instruction; -1 when it is not complete yet. */
  private special(b: Buffer, lt: number): number {
    const buffer = b;
    if (b[lt + 1] === QUESTION) {
      const end = buffer.indexOf('?>', lt + 2);
      return end === -1 ? -1 : end + 2;
    }
    if (startsWithAt(b, lt, '<!--')) {
      const end = buffer.indexOf('-->', lt + 4);
      return end === -1 ? -1 : end + 3;
    }
    if (startsWithAt(b, lt, '<![CDATA[')) {
      const end = buffer.indexOf(']]>', lt + 9);
      if (end === -1) return -1;
      if (this.collecting) this.handler.text(buffer.toString('utf8', lt + 9, end));
      return end + 3;
    }
    if (startsWithAt(b, lt, '<!DOCTYPE') || startsWithAt(b, lt, '<!ENTITY')) throw new XmlFaultError('doctype');
    if (b.length - lt < 9) return -1;
    throw new XmlFaultError('broken');
  }
}
