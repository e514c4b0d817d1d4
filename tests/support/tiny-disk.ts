/**
 * A disk that really fills up: a 64 KB tmpfs mounted for the test, when the tests run as root on
 * Linux (as in CI's container); elsewhere null, and the tests that need it are skipped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TinyDisk {
  path: string;
  unmount: () => void;
}

export function mountTinyDisk(): TinyDisk | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const mountPoint = mkdtempSync(path.join(tmpdir(), 'tally-tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0755', 'tmpfs', mountPoint], { stdio: 'ignore' });
  } catch {
    rmdirSync(mountPoint);
    return null;
  }
  return {
    path: mountPoint,
    unmount: () => {
      execFileSync('umount', [mountPoint]);
      rmdirSync(mountPoint);
    },
  };
}
