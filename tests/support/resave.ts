/**
 * Other programs saving the app's files again, as a township does before it prints and signs:
 * openpyxl (Debian's python3-openpyxl) and LibreOffice Calc, headless. Both are real producers
 * with their own ways of writing a cell (rich text runs, 16-digit numbers, dropped empty strings).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './examples';

export interface OpenpyxlJob {
  from: string;
  to: string;
  /** Cells to set before saving: a number stays a number, a string becomes text. */
  set?: { sheet: string; cell: string; value: string | number }[];
}

/** Runs every job in one Python process. */
export function resaveWithOpenpyxl(jobs: readonly OpenpyxlJob[]): void {
  const list = path.join(mkdtempSync(path.join(tmpdir(), 'tally-openpyxl-')), 'jobs.json');
  writeFileSync(list, JSON.stringify(jobs));
  execFileSync('/usr/bin/python3', [path.join(projectRoot, 'tests/support/xlsx-resave.py'), list], { stdio: 'pipe', timeout: 120_000 });
}

/**
 * Opens each file in LibreOffice Calc and saves it as xlsx into outDir (same file names), all in
 * one soffice run: starting LibreOffice takes seconds, converting a small file does not. Its own
 * profile folder, so that it neither waits for nor disturbs a LibreOffice the user has open.
 */
export function resaveWithLibreOffice(files: readonly string[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const profile = pathToFileURL(mkdtempSync(path.join(tmpdir(), 'tally-lo-profile-'))).href;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...files], {
    stdio: 'pipe',
    timeout: 180_000,
  });
  const written = files.map((f) => path.join(outDir, path.basename(f)));
  const missing = written.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`LibreOffice wrote no ${missing.join(', ')}`);
  return written;
}
