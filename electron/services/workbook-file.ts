/**
 * Writing and reading workbook files (.tallydesk). The crypto is Node's own: PBKDF2-SHA256 for the
 * key (600,000 iterations, 16-byte salt) and AES-256-GCM for the content (12-byte IV, the tag
 * appended). Reading is all or nothing: a wrong password, a tampered or truncated file, a file of
 * another kind or of a newer version gets a clear message, and nothing is returned.
 */
import { createCipheriv, createDecipheriv, createHash, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { EncryptedWorkbookFile, PlainWorkbookFile, TransferContent } from '../../shared/contract/workbook-file';
import {
  PBKDF2_ITERATIONS,
  WORKBOOK_FILE_FORMAT,
  WORKBOOK_FILE_VERSION,
  encryptedWorkbookFileSchema,
  plainWorkbookFileSchema,
} from '../../shared/contract/workbook-file';
import { ballotShapeProblem } from '../../shared/domain/ballot';
import { sortContent } from '../../shared/domain/merge';
import { canonicalJson } from '../../shared/format/canonical-json';
import { zh } from '../../shared/messages/zh-CN';

const derive = promisify(pbkdf2);

export function contentChecksum(content: TransferContent): string {
  return checksumOfText(canonicalJson(content));
}

function checksumOfText(contentJson: string): string {
  return `sha256:${createHash('sha256').update(contentJson, 'utf8').digest('hex')}`;
}

/**
 * The plain file as canonical JSON, built around the content's text so that the (large) content is
 * serialised once for both the checksum and the file. Keys in canonical order: checksum, content,
 * then the rest, which all sort after "content".
 */
function plainFileText(header: Omit<PlainWorkbookFile, 'checksum' | 'content'>, contentJson: string): { text: string; checksum: string } {
  const checksum = checksumOfText(contentJson);
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
  const key = await derive(options.password.normalize('NFC'), salt, PBKDF2_ITERATIONS, 32, 'sha256');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const envelope: EncryptedWorkbookFile = {
    format: WORKBOOK_FILE_FORMAT,
    version: WORKBOOK_FILE_VERSION,
    encryption: { kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS, salt: salt.toString('base64'), cipher: 'AES-256-GCM', iv: iv.toString('base64') },
    ciphertext: sealed.toString('base64'),
  };
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
  // Canonical JSON sorts keys, so every file of ours starts the same way: a file that does but
  // does not parse (or ends inside a character) was cut short.
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 40));
  const looksOurs = head.startsWith('{"checksum":"sha256:') || head.startsWith('{"ciphertext":"');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refused(looksOurs ? t.truncated : t.notOurs);
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return refused(looksOurs ? t.truncated : t.notOurs);
  }
  if (json === null || typeof json !== 'object' || json.format !== WORKBOOK_FILE_FORMAT) return refused(t.notOurs);
  if (typeof json.version !== 'number' || json.version > WORKBOOK_FILE_VERSION) return refused(t.newer(Number(json.version)));

  let encrypted = false;
  if ('encryption' in json) {
    encrypted = true;
    const envelope = encryptedWorkbookFileSchema.safeParse(json);
    if (!envelope.success) return refused(t.damaged);
    if (!password) return { status: 'needs-password' };
    const { salt, iv, iterations } = envelope.data.encryption;
    const sealed = Buffer.from(envelope.data.ciphertext, 'base64');
    if (sealed.length < 17) return refused(t.damaged);
    try {
      const key = await derive(password.normalize('NFC'), Buffer.from(salt, 'base64'), iterations, 32, 'sha256');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      text = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // GCM cannot tell a wrong key from changed bytes: both fail the tag.
      return refused(t.wrongPassword);
    }
  }

  // Over the content's own text when the file is laid out as written (fast, and any changed byte
  // counts), else over the content as it stands in the file, before any upgrade.
  const contentText = contentTextOf(text, json);
  const textChecksum = contentText === null ? (json.content && typeof json.content === 'object' ? checksumOfText(canonicalJson(json.content)) : null) : checksumOfText(contentText);
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
