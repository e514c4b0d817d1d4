/**
 * What every command-line verb shares: the two kinds of failure a user sees (a usage error, exit 2;
 * an input refused, exit 1), the argument reader's complaints in Chinese, and writing the output
 * file (a PDF printed by the system's Chromium included) so that a refusal never leaves a file.
 */
import { promises as fs } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import path from 'node:path';
import { zh } from '../../shared/messages/zh-CN';
import { removeStaleTempFiles, writeFileAtomic } from '../services/atomic-file';
import { printWithChromium } from '../services/print/chromium-pdf';

/** The command itself is wrong: the message, then the usage text, exit 2. */
export class CliUsageError extends Error {}
/** An input (or the machine) refused it: one paragraph on stderr, exit 1. */
export class CliRefusedError extends Error {}

export { argsProblem } from '../services/args-problem';

/**
 * An option given twice (`--form evaluation-4 … --form approval-3`) contradicts itself: refused,
 * never "the last one wins", so what runs is what the user meant. `repeatable` options (--password,
 * tried one by one) may be given several times.
 */
export function refuseRepeatedOptions(tokens: readonly { kind: string; name?: string }[] | undefined, repeatable: readonly string[] = []): void {
  const seen = new Set<string>();
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || token.name === undefined || repeatable.includes(token.name)) continue;
    if (seen.has(token.name)) throw new CliUsageError(zh.cli.badOption(zh.cli.optionRepeated(`--${token.name}`)));
    seen.add(token.name);
  }
}

/** `--out`: given, and ending as the command's file does. */
export function requireOut(command: string, out: string | undefined, extension: string): string {
  if (!out) throw new CliUsageError(zh.cli.files.missingOut(command, extension));
  if (!out.toLowerCase().endsWith(extension)) throw new CliUsageError(zh.cli.files.outExtension(command, extension));
  return out;
}

/** A whole number between min and max given as an option, or undefined when the option is absent. */
export function countOption(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < min || Number(trimmed) > max) throw new CliUsageError(zh.cli.notInRange(option, value, min, max));
  return Number(trimmed);
}

/** A text option within the length its file field holds (the contract's limits), or the default. */
export function textOption(option: string, value: string | undefined, max: number, fallback = ''): string {
  if (value === undefined) return fallback;
  if ([...value].length > max) throw new CliUsageError(zh.cli.tooLong(option, max));
  return value;
}

/**
 * The one rule for every command that writes a file: `--out` is never one of the command's own
 * inputs (the same file however it is named: a symbolic or hard link, another case of the name
 * on a disk that ignores case — `export g.xlsx --out g.xlsx` would otherwise replace the ballots
 * with the summary), and an existing file is replaced only with `--force` (a second export of the
 * same name once cost a team its earlier, good file). Both are the command's fault: exit 2.
 */
export interface OutputRule {
  /** The files the command reads (relative to cwd, as typed). */
  inputs: readonly string[];
  force: boolean;
  cwd: string;
}

export async function checkOutput(out: string, rule: OutputRule): Promise<string> {
  const outPath = path.resolve(rule.cwd, out);
  const existing = await fs.stat(outPath, { bigint: true }).catch(() => null);
  // A name that does not exist yet cannot be an input, which exists.
  if (existing === null) return outPath;
  for (const input of rule.inputs) {
    if (await isSameFile(outPath, existing, path.resolve(rule.cwd, input))) throw new CliUsageError(zh.cli.outIsInput(out, input));
  }
  if (!rule.force) throw new CliUsageError(zh.cli.outExists(out));
  return outPath;
}

async function isSameFile(outPath: string, outStat: BigIntStats, inputPath: string): Promise<boolean> {
  const inputStat = await fs.stat(inputPath, { bigint: true }).catch(() => null);
  if (inputStat === null) return false;
  // The file itself (device and inode): through links, `..` and case alike.
  if (outStat.ino !== 0n && inputStat.ino !== 0n) return outStat.dev === inputStat.dev && outStat.ino === inputStat.ino;
  // Disks without inode numbers (some on Windows): the real paths, ignoring case where the system does.
  const [a, b] = await Promise.all([fs.realpath(outPath), fs.realpath(inputPath)]);
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * Writes the output atomically under the rule above: on any failure nothing is left under that
 * name, and a file that appeared meanwhile is not replaced either. Temp files of killed earlier
 * writes in that folder (a day old) are removed first.
 */
export async function writeOutput(out: string, bytes: Uint8Array, rule: OutputRule): Promise<string> {
  const outPath = await checkOutput(out, rule);
  await removeStaleTempFiles([path.dirname(outPath)]);
  try {
    await writeFileAtomic(outPath, bytes, rule.force ? 'replace' : 'refuse');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && !rule.force) throw new CliUsageError(zh.cli.outExists(out));
    throw new CliRefusedError(zh.cli.cannotWrite(out, code ?? String(error)));
  }
  return outPath;
}

/** The page printed to an A4 PDF by the system's Chromium (or TALLY_DESK_CHROMIUM), as browser mode prints. */
export async function pdfOf(html: string): Promise<Buffer> {
  try {
    return await printWithChromium(html);
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { signal?: string | null; killed?: boolean };
    if (failure.code === 'NO_CHROMIUM') throw new CliRefusedError(zh.host.noPrinter);
    // Chromium's own output is English and about its internals: the user gets what to check.
    const detail = failure.killed ? 'timeout' : (failure.signal ?? (failure.code === undefined ? '' : String(failure.code)));
    throw new CliRefusedError(zh.cli.printFailed(detail));
  }
}

/** A payload checked against its contract before it is laid out: a field out of bounds is named, never a crash. */
export function checkPayload<T>(schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } } }, payload: unknown, what: string): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0]?.path.map(String).join('.') ?? '';
  throw new CliRefusedError(zh.cli.cannotBuild(what, where));
}
