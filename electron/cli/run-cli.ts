/**
 * The command line (docs/architecture.md, "Command line"): `tally`, `export`, `print` (report, ballots, tally
 * sheet) and `verify` over ballot-grid files and exports here; merge, rollup, snapshot, ledger,
 * print interviews and export of a workbook file in file-commands.ts.
 * Exit 0 done, 1 input refused (one paragraph on stderr, never a stack trace), 2 usage error.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { toResultJson } from '../../shared/contract/result-json';
import { formatImportProblems } from '../../shared/domain/ballot-grid';
import type { CandidateRow } from '../../shared/domain/candidate-list';
import { parseCandidateList } from '../../shared/domain/candidate-list';
import { NameIndex } from '../../shared/domain/names';
import type { BallotForm } from '../../shared/domain/forms';
import { PRESET_IDS, formProblem, isPresetId, presetForm, recommendationForm } from '../../shared/domain/forms';
import type { Comparison, Fraction } from '../../shared/domain/fraction';
import { parseFractionRule } from '../../shared/domain/fraction';
import { normalizeName } from '../../shared/format/text';
import type { MeetingCounts, QuorumRule } from '../../shared/domain/meeting';
import { DEFAULT_QUORUM, statusWording } from '../../shared/domain/meeting';
import type { TallyResult } from '../../shared/domain/tally';
import { TallyInputError } from '../../shared/domain/tally';
import { meetingOutcome } from '../../shared/domain/outcome';
import { outcomeOfExport } from '../../shared/report/meeting-report';
import { formatPercent } from '../../shared/format/percent';
import { displayWidth } from '../../shared/format/width';
import { zh } from '../../shared/messages/zh-CN';
import type { OutputRule } from './common';
import { CliRefusedError, CliUsageError, argsProblem, checkOutput, checkPayload, countOption, pdfOf, refuseRepeatedOptions, requireOut, textOption, writeOutput } from './common';
import type { GridMeeting } from '../services/meeting-from-grid';
import { meetingFromGridFile } from '../services/meeting-from-grid';
import { readCappedBytes, readGridFile } from '../services/grid-file';
import type { PrintKind } from '../services/print/print-html';

const cliText = zh.cli;

export const EXIT_DONE = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  today: () => string;
  /** The environment, for passwords (see passwords.ts). */
  env?: Readonly<Record<string, string | undefined>>;
  /** A password asked on the terminal without echo; null without a terminal. */
  askPassword?: (prompt: string) => Promise<string | null>;
}

class UsageError extends CliUsageError {}
class RefusedError extends CliRefusedError {}

/** What `print` prints from a ballot grid, by the word the user types. */
const PRINT_KINDS: Record<string, PrintKind> = { report: 'report', ballots: 'blank-ballots', 'tally-sheet': 'tally-sheet' };
/** As many blank ballots as the print request allows at once. */
const MAX_COPIES = 2000;

const OPTIONS = {
  form: { type: 'string' },
  'form-file': { type: 'string' },
  max: { type: 'string' },
  posts: { type: 'string' },
  'second-round': { type: 'string' },
  expected: { type: 'string' },
  present: { type: 'string' },
  issued: { type: 'string' },
  returned: { type: 'string' },
  quorum: { type: 'string' },
  'min-present': { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  title: { type: 'string' },
  unit: { type: 'string' },
  township: { type: 'string' },
  team: { type: 'string' },
  candidates: { type: 'string' },
  copies: { type: 'string' },
  numbered: { type: 'boolean' },
  date: { type: 'string' },
  sheet: { type: 'string' },
  ballots: { type: 'string' },
  grid: { type: 'string' },
  'review-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** "主任=1,委员=4" → posts in order, highest first. */
function parsePosts(text: string): { label: string; maxSelections: number }[] {
  const posts = text.split(/[,，]/).map((part) => {
    const match = /^\s*([^=＝]+?)\s*[=＝]\s*(\d+)\s*$/.exec(part);
    if (!match || Number(match[2]) < 1) throw new UsageError(cliText.badPosts(text));
    return { label: normalizeName(match[1]!), maxSelections: Number(match[2]) };
  });
  if (posts.length === 0 || new Set(posts.map((p) => p.label)).size !== posts.length) throw new UsageError(cliText.badPosts(text));
  return posts;
}

async function resolveForm(args: Parsed, io: CliIo): Promise<BallotForm> {
  let form: BallotForm;
  if ('file' in args.form) {
    const text = new TextDecoder().decode((await readInput(args.form.file, io)).bytes);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new RefusedError(cliText.badFormFile(args.form.file, 'JSON'));
    }
    const { ballotFormSchema } = await import('../../shared/contract/meeting-export');
    const parsed = ballotFormSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RefusedError(cliText.badFormFile(args.form.file, issue ? cliText.formFileField(issue.path.join('.')) : ''));
    }
    const problem = formProblem(parsed.data);
    if (problem) throw new RefusedError(cliText.badFormFile(args.form.file, problem));
    form = parsed.data;
  } else {
    form = args.form;
  }
  if (args.secondRound) {
    if (form.kind !== 'recommend' || !form.recommend) throw new UsageError(cliText.secondRoundOnlyForRecommend);
    form = { ...form, recommend: { ...form.recommend, secondRound: args.secondRound } };
  }
  return form;
}

function nonNegativeInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw new UsageError(cliText.notACount(name, value));
  return Number(value);
}

interface Parsed {
  command: 'tally' | 'export' | 'verify' | 'print' | 'scan';
  /** print: what to print. */
  printKind: PrintKind | null;
  file: string;
  /** The form, or the path of a form file to read (a form saved from the form designer). */
  form: BallotForm | { file: string };
  secondRound: { comparison: Comparison; threshold: Fraction } | null;
  counts: Partial<MeetingCounts>;
  quorum: QuorumRule;
  json: boolean;
  out: string | null;
  /** Replace an existing --out file. */
  force: boolean;
  title: string | null;
  unit: string;
  township: string;
  team: string;
  /** export: the candidate list whose posts (and basic data) go with the names of the grid. */
  candidates: string | null;
  copies: number;
  /** Blank ballots with 票号 1…n printed in (off unless asked for: it can tie a ballot to its voter). */
  numbered: boolean;
  date: string | null;
  /** The worksheet of the grid file to read; without it the first visible one. */
  sheet: string | null;
  /** scan: the scanned images and PDFs, in stack order; the ballots grid is `file`. */
  images: string[];
  /** scan: where to write the pass as a ballot grid too. */
  gridOut: string | null;
  /** scan: decisions made elsewhere, to apply. */
  reviewFile: string | null;
}

function parse(argv: readonly string[]): Parsed | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(cliText.badOption(argsProblem(error)));
  }
  refuseRepeatedOptions(parsed.tokens);
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return 'help';
  const [command, ...afterCommand] = positionals;
  if (command !== 'tally' && command !== 'export' && command !== 'verify' && command !== 'print' && command !== 'scan') throw new UsageError(cliText.unknownCommand(command ?? ''));
  let printKind: PrintKind | null = null;
  let operands = afterCommand;
  if (command === 'print') {
    const [kind, ...rest] = afterCommand;
    if (kind === undefined) throw new UsageError(cliText.print.missingKind);
    printKind = PRINT_KINDS[kind] ?? null;
    if (!printKind) throw new UsageError(cliText.print.unknownKind(kind));
    operands = rest;
  }
  let images: string[] = [];
  if (command === 'scan') {
    // The images are the operands; the grid the ballots were printed from is --ballots.
    if (operands.length === 0) throw new UsageError(cliText.scan.missingImages);
    if (!values.ballots) throw new UsageError(cliText.scan.missingBallots);
    images = operands;
    operands = [values.ballots];
  }
  const [file, ...rest] = operands;
  if (!file) throw new UsageError(command === 'print' ? cliText.print.missingFile(afterCommand[0]!) : command === 'verify' ? cliText.missingExportFile : cliText.missingFile(command));
  if (rest.length > 0) throw new UsageError(cliText.extraArguments(rest.join(' ')));
  if (command === 'verify') {
    if (Object.keys(values).some((k) => k !== 'json')) throw new UsageError(cliText.verifyTakesNoOptions);
    return { command, printKind, file, form: { file: '' }, secondRound: null, counts: {}, quorum: DEFAULT_QUORUM, json: values.json ?? false, out: null, force: false, title: null, unit: '', township: '', team: '', candidates: null, copies: 1, numbered: false, date: null, sheet: null, images: [], gridOut: null, reviewFile: null };
  }
  // Options that shape a written file mean nothing to `tally`, and some only to one kind of output:
  // refused rather than ignored, so a typo never silently prints something else.
  const onlyFor = (option: keyof typeof values, allowed: boolean, commands: string) => {
    if (values[option] !== undefined && !allowed) throw new UsageError(cliText.optionOnlyFor(`--${option}`, commands));
  };
  onlyFor('township', command !== 'tally', 'export、print');
  onlyFor('team', command !== 'tally', 'export、print');
  onlyFor('candidates', command === 'export', 'export');
  onlyFor('copies', printKind === 'blank-ballots', 'print ballots');
  onlyFor('numbered', printKind === 'blank-ballots', 'print ballots');
  onlyFor('json', command !== 'print', 'tally、scan');
  onlyFor('ballots', command === 'scan', 'scan');
  onlyFor('grid', command === 'scan', 'scan');
  onlyFor('review-file', command === 'scan', 'scan');
  onlyFor('force', command !== 'tally', 'export、print');
  if (values.form && values['form-file']) throw new UsageError(cliText.formAndFormFile);
  let form: BallotForm | { file: string };
  if (values['form-file']) {
    if (values.max !== undefined || values.posts !== undefined) throw new UsageError(cliText.maxWithFormFile);
    form = { file: values['form-file'] };
  } else {
    if (!values.form) throw new UsageError(cliText.missingForm(PRESET_IDS.join(', ')));
    if (!isPresetId(values.form)) throw new UsageError(cliText.unknownForm(values.form, PRESET_IDS.join(', ')));
    const max = nonNegativeInteger('--max', values.max);
    if (values.form !== 'recommend' && (max !== undefined || values.posts !== undefined)) throw new UsageError(cliText.maxOnlyForRecommend);
    if (values.posts !== undefined) {
      if (max !== undefined) throw new UsageError(cliText.maxAndPosts);
      form = recommendationForm(parsePosts(values.posts));
    } else {
      if (values.form === 'recommend' && (max === undefined || max < 1)) throw new UsageError(cliText.missingMax);
      form = presetForm(values.form, max === undefined ? {} : { maxSelections: max });
    }
  }
  let secondRound: Parsed['secondRound'] = null;
  if (values['second-round'] !== undefined) {
    const rule = parseFractionRule(values['second-round'], '<=');
    if (!rule) throw new UsageError(cliText.badSecondRound(values['second-round']));
    secondRound = rule;
  }

  const counts: Partial<MeetingCounts> = {};
  for (const field of ['expected', 'present', 'issued', 'returned'] as const) {
    const n = nonNegativeInteger(`--${field}`, values[field]);
    if (n !== undefined) counts[field] = n;
  }
  let quorum: QuorumRule = { ...DEFAULT_QUORUM };
  if (values.quorum !== undefined) {
    const rule = parseFractionRule(values.quorum, '>=');
    if (!rule || (rule.comparison !== '>' && rule.comparison !== '>=') || rule.threshold.numerator > rule.threshold.denominator) {
      throw new UsageError(cliText.badQuorum(values.quorum));
    }
    quorum = { comparison: rule.comparison, threshold: rule.threshold, minPresent: null };
  }
  const minPresent = nonNegativeInteger('--min-present', values['min-present']);
  if (minPresent !== undefined) quorum = { ...quorum, minPresent };
  if (command === 'export') requireOut('export', values.out, '.xlsx');
  if (command === 'print') requireOut(`print ${afterCommand[0]!}`, values.out, '.pdf');
  if (command === 'scan') requireOut('scan', values.out, '.json');
  if (command === 'scan' && values.grid !== undefined && !values.grid.toLowerCase().endsWith('.xlsx')) throw new UsageError(zh.cli.files.outExtension('scan --grid', '.xlsx'));
  if (command === 'tally' && values.out) throw new UsageError(cliText.outOnlyForExport);
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError(cliText.badDate(values.date));

  // The contract's lengths (shared/contract/meeting-export.ts): a heading that would not fit is the command's fault.
  return {
    command,
    printKind,
    file,
    form,
    secondRound,
    counts,
    quorum,
    json: values.json ?? false,
    out: values.out ?? null,
    force: values.force ?? false,
    title: values.title === undefined ? null : textOption('--title', values.title, 200),
    unit: textOption('--unit', values.unit, 100),
    township: textOption('--township', values.township, 100),
    team: textOption('--team', values.team, 100),
    candidates: values.candidates ?? null,
    copies: countOption('--copies', values.copies, 1, MAX_COPIES) ?? 1,
    numbered: values.numbered ?? false,
    date: values.date ?? null,
    sheet: values.sheet === undefined ? null : textOption('--sheet', values.sheet, 100),
    images,
    gridOut: values.grid ?? null,
    reviewFile: values['review-file'] ?? null,
  };
}

/** The named file's bytes, or a refusal that says why it cannot be read. */
async function readInput(file: string, io: CliIo): Promise<{ filePath: string; bytes: Uint8Array }> {
  const filePath = path.resolve(io.cwd, file);
  try {
    return { filePath, bytes: await fs.readFile(filePath) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RefusedError(code === 'ENOENT' ? cliText.fileNotFound(file) : cliText.fileUnreadable(file, code ?? ''));
  }
}

/** A grid file's bytes, read no further than the grid cap (a device or a huge file is stopped at the cap). */
async function readGridInput(file: string, io: CliIo): Promise<{ filePath: string; bytes: Uint8Array }> {
  const filePath = path.resolve(io.cwd, file);
  const read = await readCappedBytes(filePath, path.basename(filePath));
  if (read.ok) return { filePath, bytes: read.value };
  const failure = read.errors[0]!;
  if (failure.reason === 'refused') throw new RefusedError(formatImportProblems([failure.problem]));
  throw new RefusedError(failure.code === 'ENOENT' ? cliText.fileNotFound(file) : cliText.fileUnreadable(file, failure.code));
}

async function loadMeeting(args: Parsed, io: CliIo) {
  const { filePath, bytes } = await readGridInput(args.file, io);
  const form = await resolveForm(args, io);
  const meeting = await meetingFromGridFile(bytes, path.basename(filePath), form, args.counts, args.quorum, args.sheet === null ? {} : { sheet: args.sheet });
  if (!meeting.ok) {
    const hint = meeting.errors.some((e) => e.sheets !== undefined) ? `\n${zh.gridFile.sheetOption}` : '';
    throw new RefusedError(formatImportProblems(meeting.errors) + hint);
  }
  return { ...meeting.value, fileName: path.basename(filePath) };
}

function pad(text: string, width: number, alignRight = false): string {
  const gap = Math.max(0, width - displayWidth(text));
  return alignRight ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}

/** A plain-text table of the result, for a person at a terminal. */
export function formatResultText(result: TallyResult, form: BallotForm, fingerprint: string): string {
  const m = result.meeting;
  const lines = [
    `${cliText.formLine(form.name)}　${cliText.statusLine(zh.statusName[statusWording(result.status, result.meeting)])}`,
    (['expected', 'present', 'issued', 'returned', 'entered', 'valid', 'invalid'] as const)
      .map((field) => `${zh.meetingField[field]} ${m[field]}`)
      .join('　'),
    cliText.checksHeading,
    ...result.checks.map((check) => `  ${check.ok ? '✓' : check.severity === 'error' ? '✗' : '!'} ${check.message}`),
    '',
  ];
  const countKeys = result.candidates[0]?.questions.flatMap((q) =>
    Object.keys(q.counts).map((key) => (result.candidates[0]!.questions.length > 1 ? `${q.label}·${key}` : key)),
  ) ?? [];
  const rateNames = form.rates.map((r) => r.name);
  // With more ballots entered than returned some are there twice: a rate (得票 4 of 2) is no number to read.
  const ratesShown = statusWording(result.status, m) !== 'over-entered';
  const header = [zh.export.name, ...countKeys, ...rateNames, ...(form.kind === 'recommend' ? [zh.export.rank] : []), ...(form.scoring ? [zh.export.score] : []), zh.export.flags];
  const rows = result.candidates.map((c) => [
    c.name,
    ...c.questions.flatMap((q) => Object.values(q.counts).map(String)),
    ...c.rates.map((r) => (ratesShown ? formatPercent(r.numerator, r.denominator) : zh.report.withheld)),
    ...(form.kind === 'recommend' ? [(c.ranks ?? []).join('/')] : []),
    ...(form.scoring ? [c.score?.value === null || c.score === null ? '—' : c.score.value.toFixed(2)] : []),
    c.flags.map((f) => f.message).join('；'),
  ]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i]!, i > 0 && i < cells.length - 1)).join('  ').trimEnd();
  lines.push(line(header), ...rows.map(line));
  if (result.writeIns.length > 0) {
    const multiPost = form.questions.length > 1;
    lines.push('', cliText.writeIns(result.writeIns.map((w) => `${multiPost ? `${form.questions[w.question]?.label}：` : ''}${w.name} ${w.votes}`).join('，')));
  }
  for (const hint of result.secondRound) {
    if (hint.needed) lines.push(cliText.secondRoundNeeded(form.questions[hint.question]?.label ?? ''));
  }
  lines.push('', cliText.fingerprintLine(fingerprint));
  return `${lines.join('\n')}\n`;
}

async function verify(args: Parsed, io: CliIo): Promise<number> {
  const { filePath, bytes } = await readInput(args.file, io);
  const name = path.basename(filePath);
  const { verifyExport } = await import('../services/verify-export');
  const report = await verifyExport(bytes, name);
  if (args.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else if (report.status === 'intact') {
    io.stdout(`${report.kind === 'rollup' ? zh.verify.intactRollup(name, zh.rollup.fingerprintSheet) : zh.verify.intact(name, report.fingerprint ?? '')}\n`);
  } else {
    const heading = report.status === 'changed' ? zh.verify.changed(name, report.messages.length) : report.status === 'earlier' ? zh.verify.earlier(name) : zh.verify.notOurs(name);
    io.stdout(`${heading}\n${report.messages.map((m) => `  ${m}`).join('\n')}\n`);
  }
  // Exit 0 only for an untouched file: a script can rely on it.
  return report.status === 'intact' ? EXIT_DONE : EXIT_REFUSED;
}

/** The files export and print read: `--out` may be none of them. */
function outputRule(args: Parsed, io: CliIo): OutputRule {
  const inputs = [args.file, ...('file' in args.form ? [args.form.file] : []), ...(args.candidates === null ? [] : [args.candidates]), ...args.images, ...(args.reviewFile === null ? [] : [args.reviewFile])];
  return { inputs, force: args.force, cwd: io.cwd };
}

async function run(args: Parsed, io: CliIo): Promise<number> {
  if (args.command === 'verify') return verify(args, io);
  // Refused before the work, not after it: a user learns at once that the name is taken.
  if (args.out !== null) await checkOutput(args.out, outputRule(args, io));
  if (args.gridOut !== null) await checkOutput(args.gridOut, outputRule(args, io));
  const meeting = await loadMeeting(args, io);
  if (args.command === 'tally') {
    // The same MeetingOutcome every screen, sheet and print-out reads.
    const outcome = meetingOutcome({ form: meeting.form, candidates: meeting.candidates, counts: meeting.counts, quorum: meeting.quorum, ballots: meeting.ballots });
    // The file and sheet read are named with the result, so a count is never taken from a sheet nobody meant.
    const source = { file: meeting.fileName, sheet: meeting.sheet };
    io.stdout(
      args.json
        ? `${JSON.stringify({ ...toResultJson(outcome.result, outcome.fingerprint, meeting.form), source }, null, 2)}\n`
        : `${zh.gridFile.sheetUsed(source.file, source.sheet)}\n${formatResultText(outcome.result, meeting.form, outcome.fingerprint)}`,
    );
    return EXIT_DONE;
  }
  // Named with the success line only: a refusal prints nothing on standard output.
  const source = zh.gridFile.sheetUsed(meeting.fileName, meeting.sheet);
  const people = args.candidates === null ? null : await readCandidateList(args.candidates, io);
  const input = meetingExportFrom(args, meeting, io, people === null ? null : postsFromList(meeting, people, args.candidates!, args.file));
  if (args.command === 'print') return print(args, input, io, source);
  if (args.command === 'scan') {
    const { scan } = await import('./scan-command');
    return scan({ images: args.images, out: args.out!, gridOut: args.gridOut, reviewFile: args.reviewFile, json: args.json, rule: outputRule(args, io) }, input, io);
  }
  const { buildMeetingSummary } = await import('../services/summary-xlsx');
  const summary = await buildMeetingSummary(input);
  const outPath = await writeOutput(args.out!, summary.buffer, outputRule(args, io));
  io.stdout(`${source}\n${cliText.exported(outPath, zh.statusName[statusWording(summary.result.status, summary.result.meeting)])}\n`);
  return EXIT_DONE;
}

/** The meeting as an export or print-out states it: the grid's form, names and ballots, with the heading the options give. */
function meetingExportFrom(args: Parsed, meeting: GridMeeting, io: CliIo, candidates: MeetingExport['candidates'] | null): MeetingExport {
  return {
    township: args.township,
    unit: args.unit,
    teamName: args.team,
    meetingTitle: args.title ?? path.basename(args.file).replace(/\.[^.]+$/, ''),
    meetingDate: args.date ?? io.today(),
    form: meeting.form,
    candidates: candidates ?? meeting.candidates.map((name) => ({ name, currentPost: '', proposedPost: '' })),
    counts: meeting.counts,
    quorum: meeting.quorum,
    ballots: meeting.ballots,
  };
}

/** A candidate list read as the app's workbook editor reads one: the same reader, the same located problems. */
async function readCandidateList(file: string, io: CliIo): Promise<CandidateRow[]> {
  const { filePath, bytes } = await readGridInput(file, io);
  const grid = await readGridFile(bytes, path.basename(filePath));
  if (!grid.ok) throw new RefusedError(formatImportProblems(grid.errors));
  const list = parseCandidateList(grid.value);
  if (!list.ok) throw new RefusedError(formatImportProblems(list.errors));
  return list.value.people;
}

/**
 * Each candidate of the grid with the posts the list gives. The two must name the same people:
 * a post written against the wrong name would be printed and signed, so any difference is refused
 * with the names on each side.
 */
function postsFromList(meeting: GridMeeting, people: readonly CandidateRow[], listFile: string, gridFile: string): MeetingExport['candidates'] {
  // Matched as names are compared everywhere (names.ts): （大） in one file is (大) in the other.
  const byName = new NameIndex<CandidateRow>();
  for (const p of people) byName.add(p.name, p);
  const inGrid = new NameIndex<null>();
  for (const name of meeting.candidates) inGrid.add(name, null);
  const notInList = meeting.candidates.filter((name) => !byName.find(name));
  const notInGrid = people.map((p) => p.name).filter((name) => !inGrid.find(name));
  if (notInList.length > 0 || notInGrid.length > 0) {
    throw new RefusedError(cliText.candidates.mismatch(path.basename(listFile), path.basename(gridFile), notInList, notInGrid));
  }
  return meeting.candidates.map((name) => {
    const person = byName.find(name)!.value;
    return { name, currentPost: person.currentPost, proposedPost: person.proposedPost };
  });
}

/** A print-out of the meeting as A4 PDF, laid out by the same templates the app prints with. */
async function print(args: Parsed, input: MeetingExport, io: CliIo, source: string): Promise<number> {
  const kind = args.printKind!;
  const [{ printRequestSchema }, { printHtml }] = await Promise.all([import('../../shared/contract/print'), import('../services/print/print-html')]);
  const request = checkPayload(printRequestSchema, { kind, meeting: input, copies: args.copies, numbered: args.numbered }, zh.print.kindName[kind]);
  // Numbering is allowed, never silent: the warning goes out with every numbered print.
  if (request.numbered) io.stderr(`${zh.print.numberedWarning}\n`);
  const html = printHtml(request.kind, request.meeting, request.copies, { numbered: request.numbered });
  const what =
    kind === 'blank-ballots'
      ? cliText.print.ballots(args.copies)
      : kind === 'tally-sheet'
        ? cliText.print.tallySheet
        : cliText.print.report(zh.statusName[outcomeOfExport(input).wording]);
  const outPath = await writeOutput(args.out!, await pdfOf(html), outputRule(args, io));
  io.stdout(`${source}\n${cliText.print.printed(outPath, what)}\n`);
  return EXIT_DONE;
}

/** merge, rollup, snapshot, ledger, print interviews and export of a workbook file: the same exit codes and message rules. */
async function runFileVerb(
  argv: readonly string[],
  io: CliIo,
  { runFileCommand, filesNamed }: typeof import('./file-commands'),
): Promise<number> {
  try {
    await runFileCommand(argv, io);
    return EXIT_DONE;
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`${error.message}\n\n${cliText.usage}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`${error instanceof CliRefusedError ? error.message : cliText.unexpected(filesNamed(argv).join('、'), error instanceof Error ? error.message : String(error))}\n`);
    return EXIT_REFUSED;
  }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // The workbook-file commands (and their Excel and PDF code) are loaded only when one may be
  // asked for: `tally` never is one, and a count then starts in a fraction of the time.
  if (argv[0] !== 'tally') {
    const fileCommands = await import('./file-commands');
    const { FILE_COMMANDS, isFileCommand } = fileCommands;
    if ((FILE_COMMANDS as readonly string[]).includes(argv[0] ?? '') || isFileCommand(argv)) {
      if (argv.includes('--help') || argv.includes('-h')) {
        io.stdout(`${cliText.usage}\n`);
        return EXIT_DONE;
      }
      return runFileVerb(argv, io, fileCommands);
    }
  }
  let args: Parsed | 'help';
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${cliText.usage}\n`);
    return EXIT_USAGE;
  }
  if (args === 'help') {
    io.stdout(`${cliText.usage}\n`);
    return argv.length === 0 ? EXIT_USAGE : EXIT_DONE;
  }
  try {
    return await run(args, io);
  } catch (error) {
    // Some usage errors can only be seen once a file is read (--second-round on a form file that is not a
    // recommendation, an --out that is the input): still the command's fault, still exit 2.
    if (error instanceof CliUsageError) {
      io.stderr(`${error.message}\n\n${cliText.usage}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CliRefusedError || error instanceof TallyInputError) {
      io.stderr(`${error.message}\n`);
      return EXIT_REFUSED;
    }
    // Unexpected: still one paragraph in Chinese naming the file, no stack trace in front of the user.
    io.stderr(`${cliText.unexpected(args.file, error instanceof Error ? error.message : String(error))}\n`);
    return EXIT_REFUSED;
  }
}
