/**
 * Writing and reading workbook files (.tallydesk). The crypto is Node's own: PBKDF2-SHA256 for the
 * key (600,000 iterations, fixed by the format version, 16-byte salt) and AES-256-GCM for the
 * content (12-byte IV, the tag appended, the envelope as additional data). Reading is all or
 * nothing: a wrong password, a tampered, truncated, oversized or too deeply nested file, a file of
 * another kind or of a newer version gets a clear message, and nothing is returned.
 *
 * A plain file's checksum catches damage and careless edits, not forgery: anyone can recompute it.
 * Only a password (the GCM tag) shows that a file comes from someone who knew it.
 */
import { createCipheriv, createDecipheriv, createHash, pbkdf2, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import type { EncryptedWorkbookFile, PlainWorkbookFile, TransferContent } from '../../shared/contract/workbook-file';
import {
  MAX_WORKBOOK_FILE_BYTES,
  MAX_WORKBOOK_FILE_DEPTH,
  PBKDF2_ITERATIONS_BY_VERSION,
  WORKBOOK_FILE_FORMAT,
  WORKBOOK_FILE_VERSION,
  encryptedWorkbookFileSchema,
  legacyEncryptedWorkbookFileSchema,
  plainWorkbookFileSchema,
} from '../../shared/contract/workbook-file';
import { ballotShapeProblem } from '../../shared/domain/ballot';
import { sortContent } from '../../shared/domain/merge';
import type { Result } from '../../shared/domain/result';
import { fail, failureText, ok } from '../../shared/domain/result';
import { canonicalJson } from '../../shared/format/canonical-json';
import { zh } from '../../shared/messages/zh-CN';

const derive = promisify(pbkdf2);

type Header = Omit<PlainWorkbookFile, 'checksum' | 'content'>;

export function contentChecksum(content: TransferContent): string {
  return checksumOfText(canonicalJson(content));
}

function checksumOfText(contentJson: string): string {
  return `sha256:${createHash('sha256').update(contentJson, 'utf8').digest('hex')}`;
}

/**
 * From version 3 the checksum covers every field: the other fields' canonical JSON, then the
 * content's text, so a changed date or device name is caught like a changed ballot. Earlier
 * versions covered the content only; they are still read that way.
 */
function fileChecksum(header: Header, contentJson: string): string {
  if (header.version < 3) return checksumOfText(contentJson);
  return `sha256:${createHash('sha256').update(canonicalJson(header), 'utf8').update('\n').update(contentJson, 'utf8').digest('hex')}`;
}

/** The envelope as additional data of the cipher: format, version, salt and IV cannot be swapped. */
function envelopeAad(envelope: Omit<EncryptedWorkbookFile, 'ciphertext'>): Buffer {
  return Buffer.from(canonicalJson({ encryption: envelope.encryption, format: envelope.format, version: envelope.version }), 'utf8');
}

/** How deep the JSON in these bytes nests, scanned before parsing so a crafted file cannot exhaust the stack. */
function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      // UTF-8 never puts an ASCII byte inside a multi-byte character, so quotes and escapes are safe to spot.
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > limit) return true;
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
  return false;
}

/** Why a file's bytes were not read: past the cap, or the system's error code. */
export type BoundedReadFailure = { reason: 'too-large' } | { reason: 'unreadable'; code: string };
export type BoundedRead = Result<Buffer, BoundedReadFailure>;

function unreadable(error: unknown): BoundedRead {
  return fail([{ reason: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? String(error) }]);
}

/**
 * A workbook file's bytes, read in pieces and given up as soon as they pass the cap: a huge file
 * (or /dev/zero) never comes into memory whole.
 */
export async function readWorkbookFileBytes(filePath: string, cap = MAX_WORKBOOK_FILE_BYTES): Promise<BoundedRead> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(filePath, 'r');
  } catch (error) {
    return unreadable(error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isFile() && stat.size > cap) return fail([{ reason: 'too-large' }]);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(4 * 1024 * 1024, cap + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > cap) return fail([{ reason: 'too-large' }]);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return ok(Buffer.concat(chunks, total));
  } catch (error) {
    return unreadable(error);
  } finally {
    await handle.close();
  }
}

/**
 * The plain file as canonical JSON, built around the content's text so that the (large) content is
 * serialised once for both the checksum and the file. Keys in canonical order: checksum, content,
 * then the rest, which all sort after "content".
 */
function plainFileText(header: Header, contentJson: string): { text: string; checksum: string } {
  const checksum = fileChecksum(header, contentJson);
  return { text: `{"checksum":${JSON.stringify(checksum)},"content":${contentJson},${canonicalJson(header).slice(1)}`, checksum };
}

/**
 * The content's own text inside a plain file as we write it, or null when the file is not laid
 * out that way (then the checksum is taken over the content as parsed).
 */
function contentTextOf(text: string, json: Record<string, unknown>): string | null {
  const { checksum, content: _content, ...header } = json;
  const prefix = `{"checksum":${JSON.stringify(checksum)},"content":`;
  const suffix = `,${canonicalJson(header).slice(1)}`;
  if (!text.startsWith(prefix) || !text.endsWith(suffix) || text.length < prefix.length + suffix.length) return null;
  return text.slice(prefix.length, text.length - suffix.length);
}

export interface WriteOptions {
  purpose: PlainWorkbookFile['purpose'];
  fromDevice: string;
  password?: string | null;
  createdAt?: string;
}

/** The file's bytes: canonical JSON, encrypted when a password is given. */
export async function encodeWorkbookFile(content: TransferContent, options: WriteOptions): Promise<Buffer> {
  const header = {
    format: WORKBOOK_FILE_FORMAT,
    version: WORKBOOK_FILE_VERSION,
    createdAt: options.createdAt ?? new Date().toISOString(),
    fromDevice: options.fromDevice,
    purpose: options.purpose,
  } as const;
  const { text } = plainFileText(header, canonicalJson(sortContent(content)));
  if (!options.password) return Buffer.from(text, 'utf8');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await derive(options.password.normalize('NFC'), salt, PBKDF2_ITERATIONS_BY_VERSION[WORKBOOK_FILE_VERSION]!, 32, 'sha256');
  const head: Omit<EncryptedWorkbookFile, 'ciphertext'> = {
    format: WORKBOOK_FILE_FORMAT,
    version: WORKBOOK_FILE_VERSION,
    encryption: { kdf: 'PBKDF2-SHA256', salt: salt.toString('base64'), cipher: 'AES-256-GCM', iv: iv.toString('base64') },
  };
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(envelopeAad(head));
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const envelope: EncryptedWorkbookFile = { ...head, ciphertext: sealed.toString('base64') };
  return Buffer.from(canonicalJson(envelope), 'utf8');
}

export type DecodeResult =
  | { status: 'ok'; file: PlainWorkbookFile; encrypted: boolean }
  | { status: 'needs-password' }
  | { status: 'refused'; message: string };

/** Older versions are read through their upgrade here: every version adds the step from the one before. */
const UPGRADES: Record<number, (file: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 → 2: files from before the assessment records carry none.
  1: (file) => {
    const content = (file.content ?? {}) as Record<string, unknown>;
    return { ...file, content: { plans: [], interviews: [], reviews: [], risks: [], conclusions: [], ...content } };
  },
  // 2 → 3: the same content; only the checksum and the envelope changed, and those were checked as version 2.
  2: (file) => file,
};

function upgrade(file: Record<string, unknown>): Record<string, unknown> {
  let current = file;
  for (let v = Number(current.version); v < WORKBOOK_FILE_VERSION; v++) {
    const step = UPGRADES[v];
    if (!step) break;
    current = { ...step(current), version: v + 1 };
  }
  return current;
}

export async function decodeWorkbookFile(bytes: Uint8Array, fileName: string, password: string | null = null): Promise<DecodeResult> {
  const t = zh.workbookFile;
  const refused = (message: string): DecodeResult => ({ status: 'refused', message: t.refused(fileName, message) });
  if (bytes.length > MAX_WORKBOOK_FILE_BYTES) return refused(t.tooLarge(MAX_WORKBOOK_FILE_BYTES / 1024 / 1024));
  // Canonical JSON sorts keys, so every file of ours starts the same way: a file that does but
  // does not parse (or ends inside a character) was cut short.
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 40));
  const looksOurs = head.startsWith('{"checksum":"sha256:') || head.startsWith('{"ciphertext":"');
  const parse = (data: Uint8Array): Result<{ json: Record<string, unknown>; text: string }, string> => {
    if (nestsDeeperThan(data, MAX_WORKBOOK_FILE_DEPTH)) return fail([t.tooDeep(MAX_WORKBOOK_FILE_DEPTH)]);
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
      const json: unknown = JSON.parse(text);
      if (json === null || typeof json !== 'object' || Array.isArray(json)) return fail([t.notOurs]);
      return ok({ json: json as Record<string, unknown>, text });
    } catch {
      return fail([looksOurs ? t.truncated : t.notOurs]);
    }
  };
  const outer = parse(bytes);
  if (!outer.ok) return refused(failureText(outer));
  let { json, text } = outer.value;
  if (json.format !== WORKBOOK_FILE_FORMAT) return refused(t.notOurs);
  if (typeof json.version !== 'number' || !Number.isInteger(json.version) || json.version < 1) return refused(t.damaged);
  if (json.version > WORKBOOK_FILE_VERSION) return refused(t.newer(json.version));
  const outerVersion = json.version;

  let encrypted = false;
  if ('encryption' in json) {
    encrypted = true;
    const v3 = outerVersion >= 3;
    const envelope = v3 ? encryptedWorkbookFileSchema.safeParse(json) : legacyEncryptedWorkbookFileSchema.safeParse(json);
    if (!envelope.success) return refused(t.damaged);
    if (!password) return { status: 'needs-password' };
    const { salt, iv } = envelope.data.encryption;
    const sealed = Buffer.from(envelope.data.ciphertext, 'base64');
    if (sealed.length < 17) return refused(t.damaged);
    let inner: Buffer;
    try {
      const iterations = PBKDF2_ITERATIONS_BY_VERSION[outerVersion]!;
      const key = await derive(password.normalize('NFC'), Buffer.from(salt, 'base64'), iterations, 32, 'sha256');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      if (v3) decipher.setAAD(envelopeAad({ format: WORKBOOK_FILE_FORMAT, version: outerVersion, encryption: envelope.data.encryption as EncryptedWorkbookFile['encryption'] }));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      inner = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
    } catch {
      // GCM cannot tell a wrong key from changed bytes: both fail the tag.
      return refused(t.wrongPassword);
    }
    const opened = parse(inner);
    if (!opened.ok) return refused(failureText(opened) === t.truncated ? t.damaged : failureText(opened));
    ({ json, text } = opened.value);
    // The inner file is what is read: its version is held to the same rules, and must be the envelope's.
    if (json.format !== WORKBOOK_FILE_FORMAT || 'encryption' in json) return refused(t.damaged);
    if (typeof json.version === 'number' && json.version > WORKBOOK_FILE_VERSION) return refused(t.newer(json.version));
    if (json.version !== outerVersion) return refused(t.innerVersion(String(json.version), outerVersion));
  }

  // Over the content's own text when the file is laid out as written (fast, and any changed byte
  // counts), else over the content as it stands in the file, before any upgrade.
  const { checksum: _checksum, content, ...header } = json;
  const contentText = contentTextOf(text, json) ?? (content && typeof content === 'object' ? canonicalJson(content) : null);
  const textChecksum = contentText === null ? null : fileChecksum(header as unknown as Header, contentText);
  const parsed = plainWorkbookFileSchema.safeParse(upgrade(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refused(t.invalid(issue ? issue.path.join('.') : ''));
  }
  const file = parsed.data;
  if (textChecksum !== file.checksum) return refused(t.checksum);
  const meetings = new Map(file.content.meetings.map((m) => [m.id, m]));
  for (const ballot of file.content.ballots) {
    const meeting = meetings.get(ballot.meetingId);
    const problem = meeting ? ballotShapeProblem(meeting.form, meeting.candidates.length, ballot) : zh.merge.orphanBallot(ballot.number);
    if (problem) return refused(t.invalid(problem));
  }
  return { status: 'ok', file, encrypted };
}
