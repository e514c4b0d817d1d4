/**
 * The parts of an xlsx (a zip), one at a time as a stream: yauzl reads the central directory first
 * (so each part is opened by name, in the order the reader needs) and hands over each entry's raw
 * bytes; Node's own zlib inflates them here, every inflated byte counted against the caps and the
 * entry's recorded size as it comes out (never after), the CRC-32 checked at its end. yauzl was
 * kept over fflate: it checks the local headers against the directory, handles Zip64, and leaves the
 * inflating to native code, which fflate does in JavaScript.
 */
import type { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { MAX_ZIP_ENTRIES } from './caps';

export type ZipFault =
  | { kind: 'notZip' }
  | { kind: 'tooManyEntries' }
  | { kind: 'duplicateEntry'; part: string }
  | { kind: 'encryptedEntry'; part: string }
  | { kind: 'damagedEntry'; part: string }
  | { kind: 'crcMismatch'; part: string }
  | { kind: 'partTooLarge'; part: string; limit: number }
  | { kind: 'inflatedTooLarge'; limit: number };

export class ZipFaultError extends Error {
  constructor(readonly fault: ZipFault) {
    super(fault.kind);
  }
}

/** Inflated pieces (256 KB each) waiting to be read before the inflating pauses. */
const MAX_WAITING_PIECES = 4;

/** Stops reading a part early on purpose (a probe has seen enough). */
export class StopReading extends Error {}

export interface ZipLimits {
  /** Inflated bytes over all parts read. */
  totalInflated: number;
}

export class ZipParts {
  private inflatedSoFar = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly limits: ZipLimits,
  ) {}

  static async open(bytes: Uint8Array, limits: ZipLimits): Promise<ZipParts> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, file) => {
        if (error || !file) reject(new ZipFaultError({ kind: 'notZip' }));
        else resolve(file);
      });
    });
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entries.size >= MAX_ZIP_ENTRIES) return reject(new ZipFaultError({ kind: 'tooManyEntries' }));
        // Part names in an Open Packaging file are compared without regard to case.
        const key = entry.fileName.toLowerCase();
        if (entries.has(key)) return reject(new ZipFaultError({ kind: 'duplicateEntry', part: entry.fileName }));
        entries.set(key, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', () => reject(new ZipFaultError({ kind: 'notZip' })));
      zip.readEntry();
    });
    return new ZipParts(zip, entries, limits);
  }

  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  /**
   * Streams one part's inflated bytes to `onChunk`, refusing it when it would pass `partLimit` or
   * the total limit. `onChunk` may throw StopReading to end early (the rest is not inflated).
   * Resolves false when the part is not in the zip.
   */
  async read(part: string, partLimit: number, onChunk: (chunk: Buffer) => void): Promise<boolean> {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) return false;
    if (entry.isEncrypted()) throw new ZipFaultError({ kind: 'encryptedEntry', part });
    // The recorded size is checked first: yauzl will not inflate past it, so an honest bomb costs nothing.
    if (entry.uncompressedSize > partLimit) throw new ZipFaultError({ kind: 'partTooLarge', part, limit: partLimit });
    if (this.inflatedSoFar + entry.uncompressedSize > this.limits.totalInflated) {
      throw new ZipFaultError({ kind: 'inflatedTooLarge', limit: this.limits.totalInflated });
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new ZipFaultError({ kind: 'damagedEntry', part });
    // The raw bytes, inflated here in large pieces: yauzl's own inflater hands over 16 KB at a time,
    // and a sheet of 100 MB then spends more time passing pieces than reading them.
    const raw = await new Promise<Readable>((resolve, reject) => {
      this.zip.openReadStream(entry, { decompress: false }, (error, readStream) => {
        if (error || !readStream) reject(new ZipFaultError({ kind: 'damagedEntry', part }));
        else resolve(readStream);
      });
    });
    const stream: Readable = entry.compressionMethod === 8 ? raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
    return new Promise<boolean>((resolve, reject) => {
      let crc = 0;
      let partBytes = 0;
      let settled = false;
      let ended = false;
      // Inflated pieces wait here to be read, each in a task of its own: zlib inflates the next
      // piece on its thread only after the task that took the last one has ended, so reading a
      // piece inside that task would leave zlib idle while it is read, and the reader idle while
      // zlib inflates. A few pieces are held at most (the stream pauses), so memory stays bounded.
      const waiting: Buffer[] = [];
      let scheduled = false;
      const finish = (error: Error | null) => {
        if (settled) return;
        settled = true;
        waiting.length = 0;
        if (error) {
          raw.unpipe();
          raw.destroy();
          stream.destroy();
          if (error instanceof StopReading) resolve(true);
          else reject(error);
        } else resolve(true);
      };
      const atEnd = () => {
        if (partBytes !== entry.uncompressedSize) return finish(new ZipFaultError({ kind: 'damagedEntry', part }));
        if (crc >>> 0 !== entry.crc32 >>> 0) return finish(new ZipFaultError({ kind: 'crcMismatch', part }));
        finish(null);
      };
      const readNext = () => {
        scheduled = false;
        if (settled) return;
        const chunk = waiting.shift();
        if (chunk !== undefined) {
          try {
            onChunk(chunk);
          } catch (error) {
            return finish(error as Error);
          }
        }
        if (waiting.length > 0) schedule();
        else if (ended) atEnd();
        else if (stream.isPaused()) stream.resume();
      };
      const schedule = () => {
        if (!scheduled) {
          scheduled = true;
          setImmediate(readNext);
        }
      };
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        partBytes += chunk.length;
        this.inflatedSoFar += chunk.length;
        if (partBytes > partLimit) return finish(new ZipFaultError({ kind: 'partTooLarge', part, limit: partLimit }));
        if (this.inflatedSoFar > this.limits.totalInflated) return finish(new ZipFaultError({ kind: 'inflatedTooLarge', limit: this.limits.totalInflated }));
        // More than the recorded size: the entry lies about itself (a zip bomb does), so it stops here.
        if (partBytes > entry.uncompressedSize) return finish(new ZipFaultError({ kind: 'damagedEntry', part }));
        crc = crc32(chunk, crc);
        waiting.push(chunk);
        if (waiting.length >= MAX_WAITING_PIECES) stream.pause();
        schedule();
      });
      stream.on('end', () => {
        if (settled) return;
        ended = true;
        schedule();
      });
      // zlib's and yauzl's own words ("invalid stored block lengths", "too many bytes in the stream") stay here.
      stream.on('error', () => finish(new ZipFaultError({ kind: 'damagedEntry', part })));
      if (stream !== raw) raw.on('error', () => finish(new ZipFaultError({ kind: 'damagedEntry', part })));
    });
  }

  close(): void {
    this.zip.close();
  }
}
