/**
 * A strict, streaming scanner for the XML of xlsx parts. A sheet of 100,000 ballots is about 100 MB
 * of XML; a general SAX parser (saxes) takes over 3 s for it on this class of laptop, more than the
 * whole time a count may take (docs/performance.md), so the parts are scanned here instead: the
 * subset of XML that spreadsheet parts use (elements, attributes, text, CDATA, comments,
 * processing instructions), with every element checked against its closing tag, the five
 * predefined entities and character references decoded, anything else refused. A DTD is refused
 * outright: no spreadsheet part has one, and it is how entity bombs are made. Nothing is held
 * between tags except the text of the element the reader asked for, so memory is bounded by the
 * longest tag and the longest cell, whatever the size of the part.
 */

export type XmlFault = 'broken' | 'doctype' | 'tooDeep' | 'encoding';

export class XmlFaultError extends Error {
  constructor(readonly fault: XmlFault) {
    super(fault);
  }
}

export interface XmlHandler {
  /** An element opened (its attributes from the scanner's `attr` while this runs). `name` has no prefix. */
  open(name: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text of an element while `collecting` is true, entities decoded; may come in several pieces. */
  text(text: string): void;
}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));|&/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NON_WHITESPACE = /[^ \t\r\n]/;

/** Longest start tag carried over a chunk boundary; no spreadsheet tag comes near it. */
const MAX_TAG_CHARS = 64 * 1024;
/** Deepest nesting: sheet XML is about six levels deep. */
const MAX_DEPTH = 64;

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

// Name characters: ASCII letters, digits, '_', '-', '.', and any non-ASCII (element names in xlsx are ASCII).
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c > 127;
}

export class XmlScanner {
  /** While true, the text of the current element goes to the handler. */
  collecting = false;
  private pending = '';
  /** The current start tag's attributes as positions in `source`: name start, name end, value start, value end, … */
  private readonly attrs: number[] = [];
  private source = '';
  private readonly stack: string[] = [];
  private readonly locals: string[] = [];
  private rootClosed = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private pendingBytes: Buffer | null = null;

  /** Set once, right after construction: a handler usually needs the scanner to set `collecting`. */
  handler!: XmlHandler;

  push(chunk: Uint8Array): void {
    // Decoded up to the chunk's last '<' (always a character boundary in UTF-8), the rest kept as
    // bytes for the next chunk: the text scanned is then one flat string, never a concatenation,
    // which V8 reads several times slower character by character.
    const lastLt = chunk.lastIndexOf(60);
    if (lastLt <= 0) {
      this.pendingBytes = this.pendingBytes === null ? Buffer.from(chunk) : Buffer.concat([this.pendingBytes, chunk]);
      if (this.pendingBytes.length > MAX_TAG_CHARS * 16) this.flushBytes(this.pendingBytes.length);
      return;
    }
    const head = this.pendingBytes === null ? chunk.subarray(0, lastLt) : Buffer.concat([this.pendingBytes, chunk.subarray(0, lastLt)]);
    this.pendingBytes = Buffer.from(chunk.subarray(lastLt));
    this.feed(this.decode(head), false);
  }

  end(): void {
    if (this.pendingBytes !== null) this.feed(this.decode(this.pendingBytes), false);
    this.pendingBytes = null;
    this.feed('', true);
    if (this.pending !== '' || this.stack.length > 0 || !this.rootClosed) throw new XmlFaultError('broken');
  }

  private flushBytes(upTo: number): void {
    const bytes = this.pendingBytes!;
    // A long run without '<' (a long text, or filler): cut at a character boundary.
    let cut = upTo;
    while (cut > 0 && (bytes[cut - 1]! & 0xc0) === 0x80) cut--;
    if (cut > 0 && bytes[cut - 1]! >= 0xc0) cut--;
    this.pendingBytes = Buffer.from(bytes.subarray(cut));
    this.feed(this.decode(bytes.subarray(0, cut)), false);
  }

  private decode(bytes: Uint8Array): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      throw new XmlFaultError('encoding');
    }
  }

  private feed(text: string, final: boolean): void {
    const s = this.pending === '' ? text : this.pending + text;
    this.pending = '';
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      const textEnd = lt === -1 ? n : lt;
      if (textEnd > pos) {
        if (this.collecting) {
          // The text of a wanted element is handed over whole up to a tag, so an entity is never split.
          if (lt === -1 && !final) {
            this.carry(s, pos);
            return;
          }
          this.handler.text(decodeEntities(s.slice(pos, textEnd)));
        } else if (this.stack.length === 0 && NON_WHITESPACE.test(s.slice(pos, textEnd))) {
          throw new XmlFaultError('broken'); // text outside the root element
        }
      }
      if (lt === -1) return;
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) {
        if (final) throw new XmlFaultError('broken');
        this.carry(s, lt);
        return;
      }
      if (next === 47 /* / */) {
        const top = this.stack[this.stack.length - 1];
        if (top === undefined) throw new XmlFaultError('broken');
        let i = lt + 2 + top.length;
        if (i >= n) {
          if (final) throw new XmlFaultError('broken');
          this.carry(s, lt);
          return;
        }
        if (!s.startsWith(top, lt + 2)) throw new XmlFaultError('broken');
        let c = s.charCodeAt(i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i);
        if (i >= n) {
          if (final) throw new XmlFaultError('broken');
          this.carry(s, lt);
          return;
        }
        if (c !== 62) throw new XmlFaultError('broken');
        this.stack.pop();
        const local = this.locals.pop()!;
        if (this.stack.length === 0) this.rootClosed = true;
        this.handler.close(local);
        pos = i + 1;
      } else if (next === 33 /* ! */ || next === 63 /* ? */) {
        const skipped = this.special(s, lt, final);
        if (skipped === -1) {
          this.carry(s, lt);
          return;
        }
        pos = skipped;
      } else {
        const tagEnd = this.startTag(s, lt);
        if (tagEnd === -1) {
          if (!final && n - lt < MAX_TAG_CHARS) {
            this.carry(s, lt);
            return;
          }
          throw new XmlFaultError('broken');
        }
        pos = tagEnd;
      }
    }
  }

  /** An attribute of the start tag being handled, decoded; undefined when absent. A prefix is ignored (`r:id` matches `id`). */
  attr(name: string): string | undefined {
    const a = this.attrs;
    const s = this.source;
    for (let k = 0; k < a.length; k += 4) {
      const start = a[k]!;
      const end = a[k + 1]!;
      const length = end - start;
      const plain = length === name.length && s.startsWith(name, start);
      const prefixed = length > name.length && s.charCodeAt(end - name.length - 1) === 58 && s.startsWith(name, end - name.length);
      if (plain || prefixed) return decodeEntities(s.slice(a[k + 2]!, a[k + 3]!));
    }
    return undefined;
  }

  /** The same, for an attribute that must carry a prefix (`r:id`, not a plain `id`). */
  prefixedAttr(name: string): string | undefined {
    const a = this.attrs;
    const s = this.source;
    for (let k = 0; k < a.length; k += 4) {
      const end = a[k + 1]!;
      if (end - a[k]! > name.length && s.charCodeAt(end - name.length - 1) === 58 && s.startsWith(name, end - name.length)) return decodeEntities(s.slice(a[k + 2]!, a[k + 3]!));
    }
    return undefined;
  }

  /**
   * Reads the start tag at `lt` by hand (a regular expression per tag is several times slower on a
   * sheet's millions of tags): the name, then each attribute as name = "value". Returns the index
   * after the tag, or -1 when the text ends inside it; anything else malformed is broken XML.
   */
  private startTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 1;
    if (!isNameStart(s.charCodeAt(i))) throw new XmlFaultError('broken');
    let colon = -1;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 58 /* : */) {
        if (colon !== -1) throw new XmlFaultError('broken');
        colon = i;
      } else if (!isNameChar(c)) break;
      i++;
    }
    if (i >= n) return -1;
    const name = colon === -1 ? (i === lt + 2 && s.charCodeAt(lt + 1) < 128 ? ONE_CHAR_NAMES[s.charCodeAt(lt + 1)]! : s.slice(lt + 1, i)) : s.slice(colon + 1, i);
    const qname = colon === -1 ? name : s.slice(lt + 1, i);
    const attrs = this.attrs;
    if (attrs.length > 0) attrs.length = 0;
    for (;;) {
      let c = s.charCodeAt(i);
      let spaced = false;
      while (c === 32 || c === 10 || c === 13 || c === 9) {
        spaced = true;
        c = s.charCodeAt(++i);
      }
      if (i >= n) return -1;
      if (c === 62 /* > */ || c === 47 /* / */) break;
      if (!spaced || !isNameStart(c)) throw new XmlFaultError('broken');
      const keyStart = i;
      while (i < n && (isNameChar(s.charCodeAt(i)) || s.charCodeAt(i) === 58)) i++;
      const keyEnd = i;
      c = s.charCodeAt(i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c !== 61 /* = */) throw new XmlFaultError('broken');
      c = s.charCodeAt(++i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c !== 34 && c !== 39) throw new XmlFaultError('broken');
      const close = s.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      const lessThan = s.indexOf('<', i + 1);
      if (lessThan !== -1 && lessThan < close) throw new XmlFaultError('broken');
      attrs.push(keyStart, keyEnd, i + 1, close);
      i = close + 1;
    }
    let selfClosing = false;
    if (s.charCodeAt(i) === 47) {
      if (i + 1 >= n) return -1;
      if (s.charCodeAt(i + 1) !== 62) throw new XmlFaultError('broken');
      selfClosing = true;
      i++;
    }
    if (this.rootClosed) throw new XmlFaultError('broken'); // a second root element
    if (!selfClosing) {
      if (this.stack.length >= MAX_DEPTH) throw new XmlFaultError('tooDeep');
      this.stack.push(qname);
      this.locals.push(name);
    } else if (this.stack.length === 0) {
      this.rootClosed = true;
    }
    this.source = s;
    this.handler.open(name, selfClosing);
    if (selfClosing) this.handler.close(name);
    return i + 1;
  }

  /** Skips a comment, CDATA section or processing instruction; -1 when it is not complete yet. */
  private special(s: string, lt: number, final: boolean): number {
    const incomplete = () => {
      if (final || s.length - lt > MAX_TAG_CHARS * 16) throw new XmlFaultError('broken');
      return -1;
    };
    if (s.startsWith('<?', lt)) {
      const end = s.indexOf('?>', lt + 2);
      return end === -1 ? incomplete() : end + 2;
    }
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end === -1 ? incomplete() : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end === -1) return incomplete();
      if (this.collecting) this.handler.text(s.slice(lt + 9, end));
      return end + 3;
    }
    if (s.length - lt < 9 && '<![CDATA['.startsWith(s.slice(lt)) && !final) return -1;
    if (s.startsWith('<!DOCTYPE', lt) || s.startsWith('<!ENTITY', lt)) throw new XmlFaultError('doctype');
    if (s.length - lt < 9 && !final) return -1;
    throw new XmlFaultError('broken');
  }

  private carry(s: string, from: number): void {
    if (s.length - from > MAX_TAG_CHARS * 16) throw new XmlFaultError('broken');
    this.pending = s.slice(from);
  }
}
