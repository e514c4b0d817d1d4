/**
 * Printing, as the township prints: xlsx files through LibreOffice (one batch call with a profile
 * of its own, each visible sheet as its own PDF) and print templates through the app's own
 * printWithChromium, a few at a time. PNGs of every page on request, for a person to look at.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printWithChromium } from '../../electron/services/print/chromium-pdf';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface SheetFile {
  /** 1-based position among the workbook's sheets. */
  index: number;
  name: string;
  /** The single-sheet xlsx to print. */
  file: string;
}

/** Splits each xlsx into one file per visible sheet (hidden ones, like 校验信息, are not printed). */
export function splitSheets(xlsxFiles: readonly string[], outDir: string): Map<string, SheetFile[]> {
  const output = execFileSync('/usr/bin/python3', [path.join(here, 'sheet-variants.py'), outDir, ...xlsxFiles], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const parsed = JSON.parse(output) as { source: string; sheets: SheetFile[] }[];
  return new Map(parsed.map((entry) => [entry.source, entry.sheets]));
}

function run(command: string, args: readonly string[], timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${error.message}\n${String(stderr).slice(0, 2000)}`)) : resolve(),
    );
  });
}

/** The PDF LibreOffice writes for an input file. */
export function pdfFor(file: string, outDir: string): string {
  return path.join(outDir, `${path.basename(file).replace(/\.[^.]+$/, '')}.pdf`);
}

/**
 * One soffice call for every file: starting LibreOffice costs more than converting a small
 * workbook. A profile of its own, so an office already open on the machine is left alone.
 */
export async function convertWithLibreOffice(files: readonly string[], outDir: string): Promise<void> {
  if (files.length === 0) return;
  const profile = mkdtempSync(path.join(tmpdir(), 'tally-render-lo-'));
  try {
    await run('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...files], 300_000);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface PrintJob {
  pdf: string;
  html: string;
}

/**
 * Prints every job with printWithChromium, one browser at a time and `concurrency` once `widen`
 * settles (LibreOffice's batch, sharing the two cores until then); returns the error of each job that failed.
 */
export async function printAll(jobs: readonly PrintJob[], concurrency: number, widen: Promise<unknown> = Promise.resolve()): Promise<Map<string, Error>> {
  const errors = new Map<string, Error>();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      try {
        writeFileSync(job.pdf, await printWithChromium(job.html));
      } catch (error) {
        errors.set(job.pdf, error instanceof Error ? error : new Error(String(error)));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, (_, i) => (i === 0 ? worker() : widen.then(worker, worker))));
  return errors;
}

/** PNGs of every page at 50 dpi: <pdf stem>-<page>.png beside it in pngDir. */
export async function pngPages(pdf: string, pngDir: string): Promise<void> {
  if (!existsSync(pdf)) return;
  await run('pdftoppm', ['-r', '50', '-png', pdf, path.join(pngDir, path.basename(pdf, '.pdf'))], 120_000);
}
