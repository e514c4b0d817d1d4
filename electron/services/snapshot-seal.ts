/**
 * Snapshots encrypted at rest. A snapshot holds the whole database, interview notes included, and
 * is written every few seconds, so it is sealed with a random 256-bit key of this computer
 * (AES-256-GCM, no password to derive from) instead of a password:
 * - desktop: the key is kept encrypted by the operating system (Electron safeStorage: DPAPI on
 *   Windows, the keyring on Linux), in `snapshot-key.safe` beside the snapshots;
 * - browser mode and wherever safeStorage is not available: the key in `snapshot-key`, a 0600
 *   file beside the snapshots in their 0700 folder.
 * What this protects: a copied snapshot folder (a USB stick, a backup, another account that finds
 * a way in) shows nothing without the key. What it does not: anyone who runs as the same account,
 * or as root, can read the key file (or ask the keyring) and open the snapshots.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../shared/format/canonical-json';

export const SEALED_SNAPSHOT_FORMAT = 'tally-desk/sealed-snapshot';
const SEALED_VERSION = 1;
export const KEY_FILE = 'snapshot-key';
export const SAFE_KEY_FILE = 'snapshot-key.safe';
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Gives the key the snapshots of one folder are sealed with, making it the first time. */
export interface SnapshotKeyStore {
  key(): Promise<Buffer>;
}

/** The part of Electron's safeStorage the main process hands in (so this module needs no Electron). */
export interface OsSecretStorage {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(sealed: Buffer): string;
}

async function readOrCreate(file: string, make: () => Buffer): Promise<Buffer> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    await fs.writeFile(file, make(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Also for a key file left with other modes (copied, restored from a backup).
  if (process.platform !== 'win32') await fs.chmod(file, 0o600);
  return fs.readFile(file);
}

/** The key in a 0600 file beside the snapshots (browser mode; the command line reads it from there). */
export function keyFileStore(dir: string): SnapshotKeyStore {
  let cached: Promise<Buffer> | null = null;
  return {
    key: () => {
      cached ??= readOrCreate(path.join(dir, KEY_FILE), () => randomBytes(32)).then((key) => {
        if (key.length !== 32) throw new Error('snapshot key file damaged');
        return key;
      });
      return cached;
    },
  };
}

/** The key kept sealed by the operating system; the key file when it offers no encryption. */
export function osKeyStore(dir: string, storage: OsSecretStorage): SnapshotKeyStore {
  if (!storage.isEncryptionAvailable()) return keyFileStore(dir);
  let cached: Promise<Buffer> | null = null;
  return {
    key: () => {
      cached ??= readOrCreate(path.join(dir, SAFE_KEY_FILE), () => storage.encryptString(randomBytes(32).toString('base64'))).then((sealed) => {
        const key = Buffer.from(storage.decryptString(sealed), 'base64');
        if (key.length !== 32) throw new Error('snapshot key damaged');
        return key;
      });
      return cached;
    },
  };
}

function aad(iv: string): Buffer {
  return Buffer.from(canonicalJson({ format: SEALED_SNAPSHOT_FORMAT, iv, version: SEALED_VERSION }), 'utf8');
}

export function sealSnapshot(plain: Uint8Array, key: Buffer): Buffer {
  const iv = randomBytes(12).toString('base64');
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  cipher.setAAD(aad(iv));
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return Buffer.from(canonicalJson({ ciphertext: body.toString('base64'), format: SEALED_SNAPSHOT_FORMAT, iv, version: SEALED_VERSION }), 'utf8');
}

/** Whether these bytes are a sealed snapshot (they start as canonical JSON of one does). */
export function isSealedSnapshot(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('utf8');
  return head.startsWith('{"ciphertext":"') && bytes.length > 0 && Buffer.from(bytes.subarray(Math.max(0, bytes.length - 200))).toString('utf8').includes(`"format":"${SEALED_SNAPSHOT_FORMAT}"`);
}

/** The workbook file inside, or null when the key does not fit or the file was changed. */
export function openSealedSnapshot(bytes: Uint8Array, key: Buffer): Buffer | null {
  try {
    const envelope = JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
    const { ciphertext, iv } = envelope;
    if (envelope.format !== SEALED_SNAPSHOT_FORMAT || envelope.version !== SEALED_VERSION) return null;
    if (typeof ciphertext !== 'string' || typeof iv !== 'string' || !STRICT_BASE64.test(ciphertext) || !STRICT_BASE64.test(iv) || iv.length !== 16) return null;
    const body = Buffer.from(ciphertext, 'base64');
    if (body.length < 17) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(aad(iv));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}
