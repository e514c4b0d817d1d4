/**
 * Snapshots: IndexedDB is never the only copy. After every change the page sends its whole
 * database here; it is written as a workbook file (purpose "snapshot"), atomically, into the
 * snapshot folder. A rolling set is kept: the newest 20, plus the newest of each day for 30 days.
 * An index beside them says what each holds, so the start-up check needs no big read.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SnapshotList, SnapshotSummary } from '../../shared/contract/transfer-calls';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { MAX_WORKBOOK_FILE_BYTES, WORKBOOK_FILE_EXTENSION } from '../../shared/contract/workbook-file';
import type { Result } from '../../shared/domain/result';
import { fail, ok } from '../../shared/domain/result';
import { zh } from '../../shared/messages/zh-CN';
import { writeFileAtomic } from './atomic-file';
import { ensurePrivateDir } from './paths';
import type { DecodeResult } from './workbook-file';
import { decodeWorkbookFile, encodeWorkbookFile, readWorkbookFileBytes } from './workbook-file';
import type { SnapshotKeyStore } from './snapshot-seal';
import { isSealedSnapshot, keyFileStore, openSealedSnapshot, sealSnapshot } from './snapshot-seal';

export const KEEP_NEWEST = 20;
export const KEEP_DAYS = 30;
const INDEX = 'index.json';

/**
 * The names this module gives its files. Rotation deletes, and the index lists, only names of
 * this shape: a tampered index.json naming `../anything` or another file in the folder deletes nothing.
 */
const SNAPSHOT_NAME = /^snapshot-\d{8}-\d{6}-\d{3}(?:-before-restore)?\.tallydesk$/;
export function isSnapshotFileName(name: string): boolean {
  return SNAPSHOT_NAME.test(name) && name === path.basename(name) && name.endsWith(WORKBOOK_FILE_EXTENSION);
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.(\d{3})Z$/, '-$1');
}

async function readIndexFile(dir: string): Promise<SnapshotSummary[]> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(path.join(dir, INDEX), 'utf8'));
    return Array.isArray(parsed)
      ? (parsed as SnapshotSummary[]).filter((s) => typeof s?.fileName === 'string' && isSnapshotFileName(s.fileName) && typeof s.createdAt === 'string')
      : [];
  } catch {
    return [];
  }
}

/** What a snapshot file holds, read from the file itself: for files the index does not know. */
/** What the index says of a snapshot: enough for the start-up check without reading the file. */
function summarize(fileName: string, createdAt: string, fromDevice: string, reason: SnapshotSummary['reason'], content: TransferContent): SnapshotSummary {
  return {
    fileName,
    createdAt,
    fromDevice,
    reason,
    workbooks: content.workbooks.length,
    meetings: content.meetings.length,
    ballots: content.ballots.length,
    lastAuditSeq: content.audit.filter((e) => e.deviceId === fromDevice).reduce((max, e) => Math.max(max, e.seq), 0),
    // The state a restore replaced is kept until the user deletes it.
    ...(reason === 'before-restore' ? { pinned: true } : {}),
  };
}

/**
 * A snapshot's bytes read as a workbook file: sealed ones (encrypted at rest) opened with this
 * folder's key first; older, plain ones as they are.
 */
export async function decodeSnapshotBytes(bytes: Uint8Array, fileName: string, keys: SnapshotKeyStore): Promise<DecodeResult> {
  if (!isSealedSnapshot(bytes)) return decodeWorkbookFile(bytes, fileName);
  const key = await keys.key().catch(() => null);
  const inner = key ? openSealedSnapshot(bytes, key) : null;
  if (!inner) return { status: 'refused', message: zh.workbookFile.refused(fileName, zh.workbookFile.sealedSnapshot) };
  return decodeWorkbookFile(inner, fileName);
}

async function summaryFromFile(dir: string, fileName: string, keys: SnapshotKeyStore): Promise<SnapshotSummary | null> {
  const read = await readWorkbookFileBytes(path.join(dir, fileName));
  if (!read.ok) return null;
  const decoded = await decodeSnapshotBytes(read.value, fileName, keys).catch(() => null);
  if (decoded?.status !== 'ok' || decoded.file.purpose !== 'snapshot') return null;
  const { content, createdAt, fromDevice } = decoded.file;
  return summarize(fileName, createdAt, fromDevice, fileName.includes('-before-restore') ? 'before-restore' : 'change', content);
}

/**
 * The index, completed from the folder: a snapshot file the index does not list (the index lost,
 * or files copied in from another computer) is read and listed, so no snapshot is ever hidden.
 */
async function readIndex(dir: string, keys: SnapshotKeyStore, justWritten: string | null = null): Promise<SnapshotSummary[]> {
  const indexed = await readIndexFile(dir);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const known = new Set([...indexed.map((s) => s.fileName), ...(justWritten ? [justWritten] : [])]);
  const unknown = names.filter((name) => isSnapshotFileName(name) && !known.has(name));
  const found = await Promise.all(unknown.map((name) => summaryFromFile(dir, name, keys)));
  return [...indexed, ...found.filter((s): s is SnapshotSummary => s !== null)];
}

/** Which snapshots to keep: the newest `KEEP_NEWEST`, and for each of the last `KEEP_DAYS` days its newest. */
export function snapshotsToKeep(summaries: readonly SnapshotSummary[], now: Date): Set<string> {
  const newestFirst = [...summaries].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const keep = new Set(newestFirst.slice(0, KEEP_NEWEST).map((s) => s.fileName));
  for (const summary of newestFirst) if (summary.pinned) keep.add(summary.fileName);
  // The last 30 calendar days (UTC), today included.
  const oldestDay = new Date(now.getTime() - (KEEP_DAYS - 1) * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const days = new Set<string>();
  for (const summary of newestFirst) {
    const day = summary.createdAt.slice(0, 10);
    if (day < oldestDay || days.has(day)) continue;
    days.add(day);
    keep.add(summary.fileName);
  }
  return keep;
}

export async function writeSnapshot(
  dir: string,
  content: TransferContent,
  fromDevice: string,
  reason: SnapshotSummary['reason'],
  now = new Date(),
  keys: SnapshotKeyStore = keyFileStore(dir),
): Promise<SnapshotSummary> {
  // Snapshots hold everything, interview notes included: the folder is the owner's alone.
  await ensurePrivateDir(dir);
  const createdAt = now.toISOString();
  const fileName = `snapshot-${stamp(now)}${reason === 'before-restore' ? '-before-restore' : ''}${WORKBOOK_FILE_EXTENSION}`;
  // Sealed at rest with this computer's key (snapshot-seal.ts): a copied folder shows nothing.
  const plain = await encodeWorkbookFile(content, { purpose: 'snapshot', fromDevice, createdAt });
  await writeFileAtomic(path.join(dir, fileName), sealSnapshot(plain, await keys.key()));
  const summary = summarize(fileName, createdAt, fromDevice, reason, content);
  const all = [...(await readIndex(dir, keys, fileName)).filter((s) => s.fileName !== fileName), summary];
  const keep = snapshotsToKeep(all, now);
  for (const old of all.filter((s) => !keep.has(s.fileName))) {
    // Checked again at the point of deleting: only a file this module named, inside this folder.
    if (isSnapshotFileName(old.fileName)) await fs.rm(path.join(dir, old.fileName), { force: true });
  }
  await writeFileAtomic(path.join(dir, INDEX), JSON.stringify(all.filter((s) => keep.has(s.fileName)), null, 1));
  return summary;
}

/** Newest first. Files that are gone are left out. */
export async function listSnapshots(dir: string, keys: SnapshotKeyStore = keyFileStore(dir)): Promise<SnapshotList> {
  const summaries = await readIndex(dir, keys);
  const present = await Promise.all(summaries.map(async (s) => ((await fs.stat(path.join(dir, s.fileName)).catch(() => null)) ? s : null)));
  return { folder: dir, snapshots: present.filter((s): s is SnapshotSummary => s !== null).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)) };
}

/** Keeps one snapshot out of the rolling deletion (the user chose not to restore it now). */
export async function keepSnapshot(dir: string, fileName: string, keys: SnapshotKeyStore = keyFileStore(dir)): Promise<boolean> {
  const summaries = await readIndex(dir, keys);
  const target = summaries.find((s) => s.fileName === fileName);
  if (!target) return false;
  target.pinned = true;
  await writeFileAtomic(path.join(dir, INDEX), JSON.stringify(summaries, null, 1));
  return true;
}

export async function readSnapshot(
  dir: string,
  fileName: string,
  keys: SnapshotKeyStore = keyFileStore(dir),
): Promise<Result<{ content: TransferContent; fromDevice: string }, string>> {
  if (!isSnapshotFileName(fileName)) return fail([zh.ui.snapshots.missing(fileName)]);
  const read = await readWorkbookFileBytes(path.join(dir, fileName));
  if (!read.ok) {
    const tooLarge = read.errors[0]?.reason === 'too-large';
    return fail([tooLarge ? zh.workbookFile.refused(fileName, zh.workbookFile.tooLarge(MAX_WORKBOOK_FILE_BYTES / 1024 / 1024)) : zh.ui.snapshots.missing(fileName)]);
  }
  const decoded = await decodeSnapshotBytes(read.value, fileName, keys);
  if (decoded.status !== 'ok') return fail([decoded.status === 'refused' ? decoded.message : fileName]);
  return ok({ content: decoded.file.content, fromDevice: decoded.file.fromDevice });
}
