/**
 * The command-line verbs over workbook files (.tallydesk) and snapshots: `merge`, `rollup`,
 * `snapshot list|restore`, `ledger review|risks`, `print interviews`, and `export` of a workbook
 * file. They run the same services, merge rules and payload builders as the app, so a township
 * that works on the command line gets the file the app would have built. Nothing is written when
 * any input is refused or in conflict.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SnapshotSummary } from '../../shared/contract/transfer-calls';
import { interviewPrintSchema, reviewLedgerSchema, riskLedgerSchema } from '../../shared/contract/assessment-export';
import type { TransferContent } from '../../shared/contract/workbook-file';
import type { WorkbookRecord } from '../../shared/domain/records';
import { failureText } from '../../shared/domain/result';
import { MAX_WORKBOOK_FILE_BYTES, WORKBOOK_FILE_EXTENSION } from '../../shared/contract/workbook-file';
import { workbookExportFromContent } from '../../shared/report/export-payload';
import { interviewPrintOf, interviewsInOrder, reviewLedgerOf, riskLedgerOf, workbookRecordsOf } from '../../shared/report/ledger-payload';
import { buildRollup } from '../../shared/report/rollup';
import { zh } from '../../shared/messages/zh-CN';
import { buildLedger } from '../services/ledger-xlsx';
import { interviewSheetsHtml } from '../services/print/interview-html';
import { defaultDataDir, desktopUserDataDir } from '../services/paths';
import { buildRollupWorkbook } from '../services/rollup-xlsx';
import { listSnapshots, readSnapshot } from '../services/snapshots';
import { mergeWorkbookFiles } from '../services/merge-files';
import { decodeWorkbookFile, encodeWorkbookFile, readWorkbookFileBytes } from '../services/workbook-file';
import { ENCRYPT_PASSWORD_ENV, OPEN_PASSWORD_ENV } from './passwords';
import { buildWorkbookExport } from '../services/workbook-xlsx';
import { CliRefusedError, CliUsageError, argsProblem, checkOutput, checkPayload, countOption, pdfOf, refuseRepeatedOptions, writeOutput } from './common';

const t = zh.cli.files;

/** The verbs this module answers. `export` only when its input is a workbook file, `print` only for interviews. */
export const FILE_COMMANDS = ['merge', 'rollup', 'snapshot', 'ledger'] as const;

export class FileUsageError extends CliUsageError {}
export class FileRefusedError extends CliRefusedError {}

/** As many blank interview sheets as the print request allows. */
const MAX_BLANK_SHEETS = 500;

export interface FileCommandIo {
  stdout: (text: string) => void;
  /** For warnings that go with a result (a password given in the arguments). */
  stderr?: (text: string) => void;
  cwd: string;
  today: () => string;
  /** The environment, for the passwords (TALLY_DESK_PASSWORD, TALLY_DESK_ENCRYPT_PASSWORD). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Asks for a password on the terminal, not echoed; null when there is no terminal to ask on. */
  askPassword?: (prompt: string) => Promise<string | null>;
}

/**
 * The passwords to open files with: --password (warned about: `ps` shows it), then
 * TALLY_DESK_PASSWORD. When neither is given and a file turns out encrypted, the terminal is asked.
 */
function openPasswords(values: Values, io: FileCommandIo): string[] {
  if (values.password?.length) io.stderr?.(`${zh.cli.passwordInArguments('--password', OPEN_PASSWORD_ENV)}\n`);
  const fromEnv = io.env?.[OPEN_PASSWORD_ENV];
  return [...(values.password ?? []), ...(fromEnv ? [fromEnv] : [])];
}

/** The password to encrypt the written file with: --encrypt (warned about), else TALLY_DESK_ENCRYPT_PASSWORD, else none. */
function encryptPassword(values: Values, io: FileCommandIo): string | undefined {
  if (values.encrypt !== undefined) {
    io.stderr?.(`${zh.cli.passwordInArguments('--encrypt', ENCRYPT_PASSWORD_ENV)}\n`);
    return values.encrypt;
  }
  return io.env?.[ENCRYPT_PASSWORD_ENV] || undefined;
}

/** When a file needs a password and none was given: one asked on the terminal, if there is one. */
async function askedPassword(passwords: readonly string[], io: FileCommandIo, fileName: string): Promise<string[]> {
  if (passwords.length > 0 || !io.askPassword) return [...passwords];
  const typed = await io.askPassword(zh.cli.passwordPrompt(fileName));
  return typed ? [typed] : [];
}

const OPTIONS = {
  out: { type: 'string' },
  force: { type: 'boolean' },
  password: { type: 'string', multiple: true },
  encrypt: { type: 'string' },
  title: { type: 'string' },
  date: { type: 'string' },
  unit: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  blank: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

/** Whether `export` was given a workbook file rather than a ballot grid. */
export function isWorkbookFileExport(argv: readonly string[]): boolean {
  return argv[0] === 'export' && argv.slice(1).some((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(WORKBOOK_FILE_EXTENSION));
}

/** Whether this module answers the command line: a workbook file's export, or the interview sheets (`print interviews`). */
export function isFileCommand(argv: readonly string[]): boolean {
  return isWorkbookFileExport(argv) || (argv[0] === 'print' && argv.slice(1).includes('interviews'));
}

function parse(argv: readonly string[]): { values: Values; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new FileUsageError(zh.cli.badOption(argsProblem(error)));
  }
  refuseRepeatedOptions(parsed.tokens, ['password']);
  return { values: parsed.values, positionals: parsed.positionals };
}

/** Refuses options the command does not take, so a typo never silently does something else. */
function allowOnly(command: string, values: Values, allowed: readonly (keyof Values)[]): void {
  const extra = (Object.keys(values) as (keyof Values)[]).filter((key) => values[key] !== undefined && !allowed.includes(key));
  if (extra.length > 0) throw new FileUsageError(t.optionNotFor(command, extra.map((k) => `--${k}`).join('、')));
}

function checkDate(value: string | undefined): void {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new FileUsageError(zh.cli.badDate(value));
}

function checkEncrypt(value: string | undefined): void {
  if (value !== undefined && [...value].length < 6) throw new FileUsageError(t.encryptTooShort);
}

/** A workbook file's bytes, given up past the size cap while reading (a huge file never comes into memory whole). */
async function readBytes(file: string, io: FileCommandIo): Promise<Uint8Array> {
  const read = await readWorkbookFileBytes(path.resolve(io.cwd, file));
  if (read.ok) return read.value;
  const failure = read.errors[0]!;
  if (failure.reason === 'too-large') throw new FileRefusedError(zh.workbookFile.refused(path.basename(file), zh.workbookFile.tooLarge(MAX_WORKBOOK_FILE_BYTES / 1024 / 1024)));
  throw new FileRefusedError(failure.code === 'ENOENT' ? zh.cli.fileNotFound(file) : zh.cli.fileUnreadable(file, failure.code));
}

/** A workbook file's content; an encrypted one is opened with the first of the passwords that fits. */
async function openWorkbookFile(file: string, passwords: readonly string[], io: FileCommandIo): Promise<{ content: TransferContent; fromDevice: string }> {
  const bytes = await readBytes(file, io);
  const name = path.basename(file);
  let decoded = await decodeWorkbookFile(bytes, name, null);
  if (decoded.status === 'needs-password') {
    passwords = await askedPassword(passwords, io, name);
    if (passwords.length === 0) throw new FileRefusedError(t.needsPassword(name));
    for (const password of passwords) {
      decoded = await decodeWorkbookFile(bytes, name, password);
      if (decoded.status === 'ok') break;
    }
  }
  if (decoded.status === 'refused') throw new FileRefusedError(decoded.message);
  if (decoded.status !== 'ok') throw new FileRefusedError(t.needsPassword(name));
  return { content: decoded.file.content, fromDevice: decoded.file.fromDevice };
}

/**
 * Writes the command's file under the CLI's one rule (electron/cli/common.ts): never over one of
 * `inputs`, never over an existing file without --force.
 */
async function writeOut(out: string, bytes: Uint8Array, inputs: readonly string[], values: Values, io: FileCommandIo): Promise<string> {
  return writeOutput(out, bytes, { inputs, force: values.force ?? false, cwd: io.cwd });
}

/** `--out` given, with the command's extension, and (checked before any work) allowed by the rule of writeOut. */
async function requireOut(command: string, values: Values, extension: string, inputs: readonly string[], io: FileCommandIo): Promise<string> {
  if (!values.out) throw new FileUsageError(t.missingOut(command, extension));
  if (!values.out.toLowerCase().endsWith(extension)) throw new FileUsageError(t.outExtension(command, extension));
  await checkOutput(values.out, { inputs, force: values.force ?? false, cwd: io.cwd });
  return values.out;
}

/**
 * Every file merged in the order given (the result does not depend on it). When any file cannot be
 * opened or is in conflict, nothing is written: the message names every such file and conflict.
 */
async function mergeFiles(files: readonly string[], passwords: readonly string[], io: FileCommandIo): Promise<{ content: TransferContent; lines: string[] }> {
  const inputs = [];
  for (const file of files) inputs.push({ fileName: path.basename(file), bytes: await readBytes(file, io) });
  let merged = await mergeWorkbookFiles(inputs, passwords);
  const locked = merged.files.find((f) => f.status === 'needs-password');
  if (locked && passwords.length === 0) {
    const asked = await askedPassword(passwords, io, locked.fileName);
    if (asked.length > 0) merged = await mergeWorkbookFiles(inputs, asked);
  }
  const left = merged.files.filter((f) => f.status === 'needs-password' || f.status === 'refused' || f.status === 'conflict');
  if (left.length > 0) {
    throw new FileRefusedError(
      [...left.flatMap((f) => [f.status === 'needs-password' ? t.needsPassword(f.fileName) : f.message, ...f.conflicts.map((c) => `  · ${c}`)]), t.nothingWritten].join('\n'),
    );
  }
  return { content: merged.content, lines: merged.files.map((f) => f.message) };
}

const totals = (content: TransferContent) => ({
  workbooks: content.workbooks.length,
  meetings: content.meetings.length,
  ballots: content.ballots.length,
});

async function merge(files: string[], values: Values, io: FileCommandIo): Promise<void> {
  allowOnly('merge', values, ['out', 'force', 'password', 'encrypt']);
  if (files.length === 0) throw new FileUsageError(t.missingFiles('merge'));
  const out = await requireOut('merge', values, WORKBOOK_FILE_EXTENSION, files, io);
  const encrypt = encryptPassword(values, io);
  checkEncrypt(encrypt);
  const { content, lines } = await mergeFiles(files, openPasswords(values, io), io);
  const bytes = await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: t.deviceName, password: encrypt ?? null });
  const outPath = await writeOut(out, bytes, files, values, io);
  io.stdout(`${[...lines, t.merged(outPath, totals(content), encrypt !== undefined)].join('\n')}\n`);
}

async function rollup(files: string[], values: Values, io: FileCommandIo): Promise<void> {
  allowOnly('rollup', values, ['out', 'force', 'password', 'title', 'date']);
  if (files.length === 0) throw new FileUsageError(t.missingFiles('rollup'));
  const out = await requireOut('rollup', values, '.xlsx', files, io);
  checkDate(values.date);
  const { content, lines } = await mergeFiles(files, openPasswords(values, io), io);
  const summary = buildRollup(content, { title: values.title ?? '', exportDate: values.date ?? io.today() });
  const outPath = await writeOut(out, await buildRollupWorkbook(summary), files, values, io);
  io.stdout(`${[...lines, t.rolledUp(outPath, summary.units.length, summary.people.length)].join('\n')}\n`);
}

/**
 * The one workbook of a file that the command works on: the only one, or the one --unit names (by
 * its unit, or township and unit together, as the file lists them).
 */
function chooseWorkbook(content: TransferContent, unit: string | undefined, file: string): WorkbookRecord {
  const units = content.workbooks.map((w) => `${w.township}${w.unit}`);
  const chosen = unit === undefined ? content.workbooks : content.workbooks.filter((w) => w.unit === unit || `${w.township}${w.unit}` === unit);
  if (chosen.length !== 1) {
    throw new FileUsageError(content.workbooks.length === 0 ? t.noWorkbook(file) : unit === undefined ? t.chooseUnit(units.join('、')) : t.unitNotFound(unit, units.join('、')));
  }
  return chosen[0]!;
}

/** Exactly one file named after the command's words, or what is missing or too much. */
function oneFile(files: readonly string[], missing: string): string {
  if (files.length !== 1) throw new FileUsageError(files.length === 0 ? missing : zh.cli.extraArguments(files.slice(1).join(' ')));
  return files[0]!;
}

async function exportWorkbookFile(files: string[], values: Values, io: FileCommandIo): Promise<void> {
  allowOnly('export', values, ['out', 'force', 'password', 'unit', 'date']);
  const file = oneFile(files, zh.cli.missingFile('export'));
  const out = await requireOut('export', values, '.xlsx', [file], io);
  checkDate(values.date);
  const { content } = await openWorkbookFile(file, openPasswords(values, io), io);
  const payload = workbookExportFromContent(content, chooseWorkbook(content, values.unit, file).id, values.date ?? io.today())!;
  const outPath = await writeOut(out, await buildWorkbookExport(payload), [file], values, io);
  io.stdout(`${t.workbookExported(outPath, payload.meetings.length)}\n`);
}

/**
 * `ledger review|risks`: the 联审台账 or 风险台账 of one workbook of the file, built by the same
 * code as the review and risks screens' export.
 */
async function ledger(args: string[], values: Values, io: FileCommandIo): Promise<void> {
  const [kind, ...files] = args;
  if (kind !== 'review' && kind !== 'risks') throw new FileUsageError(t.ledgerKind(kind ?? ''));
  const command = `ledger ${kind}`;
  allowOnly(command, values, ['out', 'force', 'password', 'unit', 'date']);
  const file = oneFile(files, t.missingWorkbookFile(command));
  const out = await requireOut(command, values, '.xlsx', [file], io);
  checkDate(values.date);
  const { content } = await openWorkbookFile(file, openPasswords(values, io), io);
  const records = workbookRecordsOf(content, chooseWorkbook(content, values.unit, file).id)!;
  const { workbook, plan } = records;
  const exportDate = values.date ?? io.today();
  if (kind === 'review') {
    // The departments and the negative list are the plan's: without one there is no review to show.
    if (!plan) throw new FileRefusedError(t.noPlan(workbook.township + workbook.unit));
    const payload = checkPayload(reviewLedgerSchema, reviewLedgerOf(workbook, plan, records.reviews, exportDate), zh.review.ledgerTitle);
    const outPath = await writeOut(out, await buildLedger(payload), [file], values, io);
    io.stdout(`${t.reviewLedger(outPath, payload.people.length, payload.departments.length, payload.people.reduce((n, p) => n + p.entries.length, 0))}\n`);
    return;
  }
  const payload = checkPayload(riskLedgerSchema, riskLedgerOf(workbook, plan, records.risks, exportDate), zh.risks.ledgerTitle);
  const outPath = await writeOut(out, await buildLedger(payload), [file], values, io);
  io.stdout(`${t.riskLedger(outPath, payload.items.length, payload.items.filter((i) => i.status === 'closed').length, payload.items.filter((i) => i.overdue).length)}\n`);
}

/** `print interviews`: the workbook's interview record sheets filled in, or N blank ones, as the interviews screen prints them. */
async function printInterviews(args: string[], values: Values, io: FileCommandIo): Promise<void> {
  const [, ...files] = args;
  const command = 'print interviews';
  allowOnly(command, values, ['out', 'force', 'password', 'unit', 'blank']);
  const file = oneFile(files, t.missingWorkbookFile(command));
  const out = await requireOut(command, values, '.pdf', [file], io);
  const blank = countOption('--blank', values.blank, 1, MAX_BLANK_SHEETS) ?? 0;
  const { content } = await openWorkbookFile(file, openPasswords(values, io), io);
  const records = workbookRecordsOf(content, chooseWorkbook(content, values.unit, file).id)!;
  const { workbook } = records;
  if (blank === 0 && interviewsInOrder(records.interviews).length === 0) throw new FileRefusedError(t.noInterviews(workbook.township + workbook.unit));
  const request = checkPayload(interviewPrintSchema, interviewPrintOf(workbook, records.interviews, blank), zh.interviews.sheetTitle);
  const pdf = await pdfOf(interviewSheetsHtml(request));
  const outPath = await writeOut(out, pdf, [file], values, io);
  io.stdout(`${zh.cli.print.printed(outPath, blank > 0 ? t.blankInterviews(blank) : t.interviews(request.interviews.length))}\n`);
}

/** The folders to look in: the one given, or those of browser mode and of the desktop app that exist. */
async function snapshotFolders(values: Values, io: FileCommandIo): Promise<string[]> {
  const candidates = values['data-dir']
    ? [path.join(path.resolve(io.cwd, values['data-dir']), 'snapshots')]
    : [path.join(desktopUserDataDir(), 'snapshots'), path.join(process.env.TALLY_DESK_DATA ?? defaultDataDir(), 'snapshots')];
  const found: string[] = [];
  for (const folder of candidates) {
    if (await fs.stat(folder).then((s) => s.isDirectory(), () => false)) found.push(folder);
  }
  if (found.length === 0) throw new FileRefusedError(t.noSnapshotFolder(candidates.join('、')));
  return found;
}

function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function snapshotLine(s: SnapshotSummary): string {
  const reason = zh.ui.snapshots.reasonName[s.reason] + (s.pinned ? zh.ui.snapshots.pinned : '');
  return `  ${s.fileName}　${localTime(s.createdAt)}　${reason}　${t.holds(s.workbooks, s.meetings, s.ballots)}　${t.device(s.fromDevice)}`;
}

async function snapshot(args: string[], values: Values, io: FileCommandIo): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'list') {
    allowOnly('snapshot list', values, ['data-dir', 'json']);
    if (rest.length > 0) throw new FileUsageError(zh.cli.extraArguments(rest.join(' ')));
    const lists = await Promise.all((await snapshotFolders(values, io)).map((folder) => listSnapshots(folder)));
    if (values.json) {
      io.stdout(`${JSON.stringify(lists, null, 2)}\n`);
      return;
    }
    const lines = lists.flatMap((list) => [t.folderHeading(list.folder, list.snapshots.length), ...list.snapshots.map(snapshotLine)]);
    io.stdout(`${lines.join('\n')}\n`);
    return;
  }
  if (action !== 'restore') throw new FileUsageError(t.snapshotAction(action ?? ''));
  allowOnly('snapshot restore', values, ['data-dir', 'out', 'force', 'encrypt']);
  const [which, ...extra] = rest;
  if (!which) throw new FileUsageError(t.missingSnapshotName);
  if (extra.length > 0) throw new FileUsageError(zh.cli.extraArguments(extra.join(' ')));
  const out = await requireOut('snapshot restore', values, WORKBOOK_FILE_EXTENSION, [], io);
  const encrypt = encryptPassword(values, io);
  checkEncrypt(encrypt);
  const lists = await Promise.all((await snapshotFolders(values, io)).map((folder) => listSnapshots(folder)));
  const all = lists.flatMap((list) => list.snapshots.map((s) => ({ folder: list.folder, snapshot: s })));
  const found =
    which === 'newest'
      ? all.filter((x) => x.snapshot.reason === 'change').sort((a, b) => (a.snapshot.createdAt < b.snapshot.createdAt ? 1 : -1))[0]
      : all.find((x) => x.snapshot.fileName === which);
  if (!found) throw new FileRefusedError(which === 'newest' ? t.noSnapshots : zh.ui.snapshots.missing(which));
  const snapshot = await readSnapshot(found.folder, found.snapshot.fileName);
  if (!snapshot.ok) throw new FileRefusedError(failureText(snapshot));
  const read = snapshot.value;
  // The device stays the snapshot's: its ballots and history remain its own wherever they go.
  const bytes = await encodeWorkbookFile(read.content, { purpose: 'snapshot', fromDevice: read.fromDevice, password: encrypt ?? null, createdAt: found.snapshot.createdAt });
  const outPath = await writeOut(out, bytes, [path.join(found.folder, found.snapshot.fileName)], values, io);
  io.stdout(`${t.restored(found.snapshot.fileName, localTime(found.snapshot.createdAt), outPath, totals(read.content))}\n`);
}

/**
 * The files a file verb was given, as typed (for the wording of an unexpected failure, which must
 * say which file it was processing): the operands, without the verb's own words and option values.
 */
export function filesNamed(argv: readonly string[]): string[] {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args: argv.slice(1), options: OPTIONS, allowPositionals: true, strict: false }));
  } catch {
    return [];
  }
  const [command] = argv;
  const words = command === 'ledger' || command === 'snapshot' || command === 'print' ? 1 : 0;
  return positionals.slice(words);
}

/** Runs one of the file verbs; throws FileUsageError or FileRefusedError with the message to show. */
export async function runFileCommand(argv: readonly string[], io: FileCommandIo): Promise<void> {
  const [command] = argv;
  const { values, positionals } = parse(argv.slice(1));
  if (command === 'merge') return merge(positionals, values, io);
  if (command === 'rollup') return rollup(positionals, values, io);
  if (command === 'snapshot') return snapshot(positionals, values, io);
  if (command === 'ledger') return ledger(positionals, values, io);
  if (command === 'print') {
    if (positionals[0] !== 'interviews') throw new FileUsageError(zh.cli.print.unknownKind(positionals[0] ?? ''));
    return printInterviews(positionals, values, io);
  }
  return exportWorkbookFile(positionals, values, io);
}
