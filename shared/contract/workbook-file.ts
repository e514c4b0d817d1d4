/**
 * The workbook file (.tallydesk): how a team's work travels on a USB stick, and what snapshots are
 * made of. A versioned schema, canonical JSON, a checksum over the content, and, when a password is
 * given, AES-256-GCM with a key from PBKDF2-SHA256 (600,000 iterations). Every record keeps its id,
 * so files from many teams merge by union.
 */
import { z } from 'zod';
import { instantSchema } from '../schema/dates';
import type { WorkbookContent } from '../schema/records';
import { workbookContentSchema } from '../schema/records';

export const WORKBOOK_FILE_FORMAT = 'tally-desk/workbook-file';
/**
 * 2: the assessment records (plan, interviews, joint review, risk ledger, judgements) travel too.
 * 3: the checksum covers every field of the file, not only the content; an encrypted file's
 * envelope (format, version, salt, IV) is bound to the ciphertext as AES-GCM additional data; the
 * PBKDF2 iteration count is no longer written in the file.
 */
export const WORKBOOK_FILE_VERSION = 3;
export const WORKBOOK_FILE_EXTENSION = '.tallydesk';
/**
 * The KDF's cost per format version, never read from the file: a file naming its own count could
 * ask for a weak one (to make guessing cheap) or a huge one (to hang the reader).
 */
export const PBKDF2_ITERATIONS_BY_VERSION: Readonly<Record<number, number>> = { 1: 600_000, 2: 600_000, 3: 600_000 };
export const PBKDF2_ITERATIONS = PBKDF2_ITERATIONS_BY_VERSION[WORKBOOK_FILE_VERSION]!;
/**
 * Bigger than any real file (100,000 ballots make about 60 MB) and well below what one string can
 * hold, so reading, decoding and hashing never fail inside the runtime.
 */
export const MAX_WORKBOOK_FILE_BYTES = 200 * 1024 * 1024;
/** Our files nest about 8 levels; anything deeper is crafted, and is refused before JSON.parse. */
export const MAX_WORKBOOK_FILE_DEPTH = 64;

const text = (max: number) => z.string().max(max);
const when = instantSchema();

/** Everything a file carries (the records' schemas are in shared/schema/records.ts). */
export const transferContentSchema = workbookContentSchema;
export type TransferContent = WorkbookContent;

export const plainWorkbookFileSchema = z.object({
  format: z.literal(WORKBOOK_FILE_FORMAT),
  version: z.number().int().min(1),
  createdAt: when,
  fromDevice: text(60),
  /** What the file is for: a team's transfer file, or a snapshot of this computer. */
  purpose: z.enum(['transfer', 'snapshot']),
  /** Version 3: sha256 over the canonical JSON of every other field, then the content's; before: of the content only. */
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  content: transferContentSchema,
});

export type PlainWorkbookFile = z.infer<typeof plainWorkbookFileSchema>;

/** Standard base64 with its padding and nothing else: a stray character is damage, not noise to skip. */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const base64 = (bytes: number) => z.string().length(Math.ceil(bytes / 3) * 4).regex(STRICT_BASE64);

/** Version 3: no iteration count in the file; the envelope without the ciphertext is the GCM additional data. */
export const encryptedWorkbookFileSchema = z
  .object({
    format: z.literal(WORKBOOK_FILE_FORMAT),
    version: z.number().int().min(3),
    encryption: z.object({ kdf: z.literal('PBKDF2-SHA256'), salt: base64(16), cipher: z.literal('AES-256-GCM'), iv: base64(12) }).strict(),
    /** base64 of AES-256-GCM(plain file as canonical JSON), tag appended. */
    ciphertext: z.string().min(24).regex(STRICT_BASE64),
  })
  .strict();

/** Versions 1 and 2 wrote the count; it is accepted only when it is the one that version used. */
export const legacyEncryptedWorkbookFileSchema = z
  .object({
    format: z.literal(WORKBOOK_FILE_FORMAT),
    version: z.union([z.literal(1), z.literal(2)]),
    encryption: z
      .object({ kdf: z.literal('PBKDF2-SHA256'), iterations: z.literal(600_000), salt: base64(16), cipher: z.literal('AES-256-GCM'), iv: base64(12) })
      .strict(),
    ciphertext: z.string().min(24).regex(STRICT_BASE64),
  })
  .strict();

export type EncryptedWorkbookFile = z.infer<typeof encryptedWorkbookFileSchema>;
