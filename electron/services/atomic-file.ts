/**
 * Writes that are never half-done: temp file in the same folder, fsync, rename (or link), fsync the
 * folder. A failure at any step, a full disk included, removes the temp file before it is reported,
 * so "nothing was written" is true of the disk too. A write killed half-way can still leave one; those
 * are removed at the next start by removeStaleTempFiles.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Ballots, interview notes and results are confidential, and a village laptop often has a second
 * account (a child's, a colleague's): what we write is readable by its owner only, and a folder we
 * create can be listed by its owner only. Folders that already exist keep the modes their owner gave.
 */
export const FILE_MODE = 0o600;
export const FOLDER_MODE = 0o700;

/** A temp file is `.<target name>.<12 hex digits>.tmp` beside its target: the only names cleanup ever removes. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;
/** Older than this, a temp file of ours belongs to a write that was killed (no write takes a day). */
export const STALE_TEMP_AGE_MS = 24 * 60 * 60 * 1000;
/** How many numbered names an export tries before giving up: past that the folder needs tidying, not a 1001st copy. */
const MAX_NUMBERED = 1000;

/**
 * What happens when the target exists: replaced (snapshots and their index, `--force`), refused with
 * EEXIST (the CLI's `--out`), or the file written under the first free numbered name (exports in the
 * app: a second export of the same meeting never replaces the first).
 */
export type WhenExists = 'replace' | 'refuse' | 'number';

export function isOurTempFileName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** `汇总.xlsx` → `汇总(2).xlsx`, as the system's file managers number a copy. */
export function numberedFileName(fileName: string, n: number): string {
  if (n <= 1) return fileName;
  const extension = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - extension.length)}(${n})${extension}`;
}

/** Writes `data` to `target` (or its numbered sibling) and returns the path written. */
export async function writeFileAtomic(target: string, data: Uint8Array | string, whenExists: WhenExists = 'replace'): Promise<string> {
  const directory = path.dirname(target);
  await fs.mkdir(directory, { recursive: true, mode: FOLDER_MODE });
  // The target's name in it says whose temp file it is; cut so the temp name fits where the target's does.
  const temporary = path.join(directory, `.${withinBytes(path.basename(target), 200)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': a name that is somehow taken is never followed or reused.
  const handle = await fs.open(temporary, 'wx', FILE_MODE);
  let written: string;
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    // A close that fails (a network drive) may have lost data: it counts as a failed write.
    await handle.close();
    written = whenExists === 'replace' ? await replaceWith(temporary, target) : await placeBeside(temporary, target, whenExists === 'number' ? MAX_NUMBERED : 1);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
  return written;
}

/** The longest start of `text` (whole characters) that takes at most `max` bytes in UTF-8. */
export function withinBytes(text: string, max: number): string {
  let bytes = 0;
  let kept = '';
  for (const character of text) {
    bytes += Buffer.byteLength(character);
    if (bytes > max) break;
    kept += character;
  }
  return kept;
}

async function replaceWith(temporary: string, target: string): Promise<string> {
  await fs.rename(temporary, target);
  return target;
}

/** Hard links cannot be made here (FAT and exFAT USB sticks, some network drives). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EINVAL']);

/**
 * The temp file given the first of `target`, `target(2)`, … that does not exist. A hard link fails
 * when its name exists, so no file that appears meanwhile is ever replaced; where the disk has no hard
 * links, the name is checked and then renamed to (the one moment a file could slip in between).
 */
async function placeBeside(temporary: string, target: string, tries: number): Promise<string> {
  const directory = path.dirname(target);
  let linksWork = true;
  for (let n = 1; n <= tries; n++) {
    const candidate = path.join(directory, numberedFileName(path.basename(target), n));
    if (linksWork) {
      try {
        await fs.link(temporary, candidate);
        // The data is safe under its name now; a temp name left behind is the stale cleanup's.
        await fs.rm(temporary, { force: true }).catch(() => undefined);
        return candidate;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') continue;
        if (!NO_HARD_LINKS.has(code)) throw error;
        linksWork = false;
      }
    }
    if (await exists(candidate)) continue;
    await fs.rename(temporary, candidate);
    return candidate;
  }
  throw Object.assign(new Error(`EEXIST: ${target}`), { code: 'EEXIST', path: target });
}

async function exists(file: string): Promise<boolean> {
  // lstat: a dangling link is a name in use too.
  return fs.lstat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

async function syncDirectory(directory: string): Promise<void> {
  // Makes the rename itself durable on Linux; Windows cannot open a folder for fsync, and does not need to.
  if (process.platform === 'win32') return;
  const handle = await fs.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes the temp files of writes that were killed (power cut, the app ended from the task manager)
 * from each folder: only plain files with our temp name and older than a day, so a write running now
 * in another window, and every file of anyone else, is left alone. Never fails: a folder that is
 * missing or unreadable is skipped, as cleanup must not stop the app from starting.
 */
export async function removeStaleTempFiles(folders: readonly string[], now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = await fs.readdir(folder);
    } catch {
      continue;
    }
    for (const name of names.filter(isOurTempFileName)) {
      const file = path.join(folder, name);
      try {
        const info = await fs.lstat(file);
        if (!info.isFile() || now - info.mtimeMs < STALE_TEMP_AGE_MS) continue;
        await fs.rm(file);
        removed.push(file);
      } catch {
        // Gone already, or not ours to remove: left as it is.
      }
    }
  }
  return removed;
}
