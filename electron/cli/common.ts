/**
 * What every command-line verb shares: the two kinds of failure a user sees (a usage error, exit 2;
 * an input refused, exit 1), the argument reader's complaints in Chinese, and writing the output
 * file (a PDF printed by the system's Chromium included) so that a refusal never leaves a file.
 */
import path from 'node:path';
import { zh } from '../../shared/messages/zh-CN';
import { writeFileAtomic } from '../services/atomic-file';
import { printWithChromium } from '../services/print/chromium-pdf';

/** The command itself is wrong: the message, then the usage text, exit 2. */
export class CliUsageError extends Error {}
/** An input (or the machine) refused it: one paragraph on stderr, exit 1. */
export class CliRefusedError extends Error {}

/**
 * What was wrong with the arguments, from one of Node's parseArgs errors, in the catalogue's words:
 * a user who typed a wrong option reads which one, and never the library's English text.
 */
export function argsProblem(error: unknown): string {
  const t = zh.cli;
  const message = error instanceof Error ? error.message : '';
  const code = (error as { code?: string } | null)?.code;
  // The option as parseArgs quotes it: "Unknown option '--foo'", "Option '--out <value>' argument missing".
  const option = /option '(-{1,2}[^' ]+)/i.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t.unknownOption(option);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return /does not take an argument/.test(message) ? t.optionTakesNoValue(option) : t.optionNeedsValue(option);
  return t.unreadableArguments;
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

/** Writes the output atomically: on any failure nothing is left under that name. */
export async function writeOutput(out: string, bytes: Uint8Array, cwd: string): Promise<string> {
  const outPath = path.resolve(cwd, out);
  try {
    await writeFileAtomic(outPath, bytes);
  } catch (error) {
    throw new CliRefusedError(zh.cli.cannotWrite(out, (error as NodeJS.ErrnoException).code ?? String(error)));
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
