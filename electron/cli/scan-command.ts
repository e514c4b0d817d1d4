/**
 * `scan <images or PDFs…> --ballots <grid the ballots were printed from> --form … --out pass.json
 * [--grid pass.xlsx] [--review-file decisions.json] [--json]`: the scanned stack read as a pass of
 * its own. The meeting (form, candidates in ballot order, unit, title, date) is the one `print
 * ballots` was given, so a page printed for another meeting or list is refused by name. Items the
 * reader is not sure of wait for a person: their keys are in pass.json, and decisions made on them
 * (in a review file) are applied by a later run. The grid is written only once nothing waits.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { MAX_REVIEW_FILE_BYTES, reviewFileSchema } from '../../shared/contract/scan-pass-file';
import { ballotsToGrid } from '../../shared/domain/ballot-grid';
import type { BallotRecord } from '../../shared/domain/ballot';
import type { Decision } from '../../shared/scan/scan-pass';
import { decisionsFrom } from '../../shared/scan/scan-pass';
import { zh } from '../../shared/messages/zh-CN';
import { MAX_SCAN_FILE_BYTES, ScanInputError } from '../services/scan/page-images';
import type { StackFile } from '../services/scan/scan-stack';
import { passFileOf, passOf, readStack } from '../services/scan/scan-stack';
import type { OutputRule } from './common';
import { CliRefusedError, writeOutput } from './common';

const t = zh.cli.scan;

export interface ScanArgs {
  images: string[];
  out: string;
  gridOut: string | null;
  reviewFile: string | null;
  json: boolean;
  rule: OutputRule;
}

interface ScanIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** A named file's bytes, no further than `cap` (a device or a huge file is stopped before it is read). */
async function readCapped(file: string, cwd: string, cap: number, tooLarge: string): Promise<Uint8Array> {
  const filePath = path.resolve(cwd, file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(filePath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliRefusedError(code === 'ENOENT' ? zh.cli.fileNotFound(file) : zh.cli.fileUnreadable(file, code ?? ''));
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new CliRefusedError(zh.cli.fileUnreadable(file, 'EISDIR'));
    if (stat.size > cap) throw new CliRefusedError(tooLarge);
    const bytes = new Uint8Array(stat.size);
    let read = 0;
    while (read < stat.size) {
      const { bytesRead } = await handle.read(bytes, read, stat.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return bytes.subarray(0, read);
  } finally {
    await handle.close();
  }
}

async function readDecisions(file: string, io: ScanIo, input: MeetingExport): Promise<Map<string, Decision>> {
  const name = path.basename(file);
  const bytes = await readCapped(file, io.cwd, MAX_REVIEW_FILE_BYTES, zh.scan.tooLarge(name, '20 MB'));
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new CliRefusedError(zh.scan.reviewFileBad(name, 'JSON'));
  }
  const parsed = reviewFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliRefusedError(zh.scan.reviewFileBad(name, issue ? zh.scan.reviewFileField(issue.path.join('.')) : ''));
  }
  const { decisions, problems } = decisionsFrom(parsed.data.decisions, input.form);
  if (problems.length > 0) throw new CliRefusedError(`${zh.scan.reviewFileBad(name, '')}\n${problems.slice(0, 20).join('\n')}`);
  return decisions;
}

async function gridWorkbook(input: MeetingExport, records: BallotRecord[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t.gridSheet);
  for (const row of ballotsToGrid(input.form, input.candidates.map((c) => c.name), records)) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function scan(args: ScanArgs, input: MeetingExport, io: ScanIo): Promise<number> {
  const decisions = args.reviewFile === null ? new Map<string, Decision>() : await readDecisions(args.reviewFile, io, input);
  const files: StackFile[] = [];
  for (const image of args.images) {
    files.push({ name: path.basename(image), bytes: await readCapped(image, io.cwd, MAX_SCAN_FILE_BYTES, zh.scan.tooLarge(path.basename(image), '400 MB')) });
  }
  let pages;
  try {
    pages = await readStack(files, input);
  } catch (error) {
    if (error instanceof ScanInputError) throw new CliRefusedError(error.message);
    throw error;
  }
  const pass = passOf(pages, input, decisions);
  const file = passFileOf(pass, input, decisions);
  const outPath = await writeOutput(args.out, new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`), args.rule);
  let gridPath: string | null = null;
  if (args.gridOut !== null && file.complete) {
    gridPath = await writeOutput(args.gridOut, await gridWorkbook(input, pass.ballots.map((b) => b.record!)), args.rule);
  }
  const c = pass.counts;
  if (args.json) {
    io.stdout(`${JSON.stringify({ ...c, complete: file.complete, problems: file.problems.length, out: outPath, grid: gridPath })}\n`);
  } else {
    const lines = [t.read(c.pages, c.recognised, c.ballots), t.boxes(c.marked, c.empty, c.doubtful, c.crossedOut), t.written(outPath)];
    if (c.pending > 0) lines.push(t.pending(c.pending));
    for (const p of file.problems) lines.push(`  ${zh.scan.where(p.file, p.page)}：${p.message}`);
    if (gridPath) lines.push(t.gridWritten(gridPath));
    else if (args.gridOut !== null) lines.push(t.gridNotYet);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return 0;
}
