/**
 * print, ledger and export with a candidate list, run as a user runs them through `npm run cli`:
 * a real process started in the project folder with the user's folder as INIT_CWD, real files,
 * the exit status and what is printed. PDFs are read back with pdfinfo and pdftotext, Excel files
 * with openpyxl, so nothing here trusts the code that wrote them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { zh } from '../../shared/messages/zh-CN';
import { withAssessment } from '../../tests/support/assessment-records';
import { loadExamples, projectRoot } from '../../tests/support/examples';
import { teamContent } from '../../tests/support/team-files';
import type { DumpedSheet } from '../../tests/support/xlsx-independent';
import { readXlsxIndependently, tableColumns } from '../../tests/support/xlsx-independent';
import { encodeWorkbookFile } from '../services/workbook-file';

const tsxLoader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const work = mkdtempSync(path.join(tmpdir(), 'tally-print-cli-'));

/** As `npm run cli` runs: in the project folder, the user's folder as INIT_CWD (relative paths are the user's). */
function cli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['--import', tsxLoader, path.join(projectRoot, 'electron/cli/main.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: work, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const target = path.join(work, name);
  writeFileSync(target, content);
  return target;
}

/** What a person sees: exit status, one paragraph in Chinese, none of a library's English, no stack frames. */
function expectCleanFailure(run: { status: number | null; stderr: string; stdout: string }, status: 1 | 2) {
  expect(run.status).toBe(status);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
  expect(run.stderr).not.toMatch(/\n\s+at\s|Error|node:internal|Unknown option|argument missing|ambiguous|Invalid input|received|undefined|意外错误/);
}

interface Pdf {
  pages: number;
  /** Every page A4 (portrait). */
  a4: boolean;
  /** The text of each page, spaces and line breaks removed (a name is found whatever the layout). */
  pageTexts: string[];
  text: string;
}

function readPdf(name: string): Pdf {
  const pdf = path.join(work, name);
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const pageTexts = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((page) => page.replace(/\s+/g, ''))
    .filter((page, i, all) => page !== '' || i < all.length - 1);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    // A4 is 595.28 × 841.89 pt; Chromium writes 594.96 × 841.92.
    a4: sizes.length > 0 && sizes.every(([w, h]) => Math.abs(w - 595.3) < 1.5 && Math.abs(h - 841.9) < 1.5),
    pageTexts,
    text: pageTexts.join(''),
  };
}

function tallyJson(args: string[]): { fingerprint: string; status: string; candidates: { name: string }[] } {
  const run = cli(['tally', ...args, '--json']);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { fingerprint: string; status: string; candidates: { name: string }[] };
}

/** A day as a layout may write it (2026-11-28, 2026年11月28日): how it is worded is the layout's choice, not the command's. */
const dayPattern = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new RegExp(`${y}(?:-|年)0?${m}(?:-|月)0?${d}日?`);
};

const example = loadExamples().find((e) => e.name === 'evaluation-4-small')!;
const recommendExample = loadExamples().find((e) => e.name === 'recommend-small')!;

/** 28 candidates (three with rare characters) and 60 ballots of evaluation-4, one of them invalid: a large village's meeting. */
function bigGrid(): { path: string; names: string[] } {
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯';
  const given = '明芳建国丽华强军伟敏静磊洋艳勇杰娟涛超秀霞平刚桂英文斌辉';
  const names = Array.from({ length: 28 }, (_, i) => `${surnames[i]}${given[(i * 7) % given.length]}${given[(i * 3 + 1) % given.length]}`);
  names[3] = '王䶮';
  names[7] = '𠀾海';
  names[11] = '欧阳建国';
  const marks = ['优秀', '称职', '称职', '基本称职', '不称职', '', '1', '2'];
  let state = 7;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const rows = [`票号,${names.join(',')},整票无效`];
  for (let b = 1; b <= 60; b++) rows.push(`${b},${names.map(() => marks[next() % marks.length]).join(',')},${b === 17 ? '字迹无法辨认' : ''}`);
  return { path: file('二十八人.csv', `${rows.join('\n')}\n`), names };
}

describe('print from a ballot grid', () => {
  it('the 计票结果报告单: A4, the heading given, every candidate, and the fingerprint tally --json gives for the grid', () => {
    const run = cli(['print', 'report', example.gridPath, ...example.args, '--out', '报告单.pdf', '--township', '大同镇', '--unit', '红星村', '--team', '第三考察组', '--title', '民主测评大会', '--date', '2026-11-28']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const json = tallyJson([example.gridPath, ...example.args]);
    expect(run.stdout).toContain(zh.cli.print.printed(path.join(work, '报告单.pdf'), zh.cli.print.report(zh.statusName.valid)));
    const pdf = readPdf('报告单.pdf');
    expect(pdf.a4).toBe(true);
    expect(pdf.pages).toBe(1);
    for (const text of [zh.export.reportTitle, '大同镇红星村', '第三考察组', '民主测评大会', ...json.candidates.map((c) => c.name)]) expect(pdf.text).toContain(text);
    expect(pdf.text).toMatch(dayPattern('2026-11-28'));
    expect(json.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pdf.text).toContain(json.fingerprint);
  });

  it('a 28-candidate evaluation-4 report fits on at most 2 pages and names every candidate, rare characters included', () => {
    const grid = bigGrid();
    const run = cli(['print', 'report', grid.path, '--form', 'evaluation-4', '--expected', '65', '--out', '二十八人.pdf']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const pdf = readPdf('二十八人.pdf');
    expect(pdf.a4).toBe(true);
    expect(pdf.pages).toBeLessThanOrEqual(2);
    for (const name of grid.names) expect(pdf.text).toContain(name);
    expect(pdf.text).toContain(tallyJson([grid.path, '--form', 'evaluation-4', '--expected', '65']).fingerprint);
  });

  it('a 德能勤绩廉 report of a village committee (6 candidates) fits on at most 2 pages with every column and the fingerprint', () => {
    const names = ['张明', '刘芳', '陈建国', '欧阳华', '王䶮', '李静'];
    const questions = ['德', '能', '勤', '绩', '廉', '总体评价'];
    const labels = (q: string) => (q === '总体评价' ? ['优秀', '称职', '基本称职', '不称职'] : ['好', '较好', '一般', '差']);
    const rows = [`票号,${names.flatMap((n) => questions.map((q) => `${n}/${q}`)).join(',')}`];
    for (let b = 1; b <= 30; b++) rows.push(`${b},${names.flatMap((_, c) => questions.map((q, k) => labels(q)[(b + c + k) % 4])).join(',')}`);
    const grid = file('德能勤绩廉.csv', `${rows.join('\n')}\n`);
    const run = cli(['print', 'report', grid, '--form', 'dimensions-5', '--out', '德能勤绩廉.pdf']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const pdf = readPdf('德能勤绩廉.pdf');
    expect(pdf.a4).toBe(true);
    expect(pdf.pages).toBeLessThanOrEqual(2);
    // Every question's block, every option, 弃权 and 无效, and every rate of the form.
    for (const text of [...names, ...questions, '好', '较好', '一般', '差', '优秀', '称职', '基本称职', '不称职', '弃权', '无效', '德好评率', '廉好评率', '总体称职以上率', '总体不称职率']) {
      expect(pdf.text, text).toContain(text);
    }
    expect(pdf.text).toContain(tallyJson([grid, '--form', 'dimensions-5']).fingerprint);
  });

  it('blank ballots: one A4 page per copy, each with every candidate and every option of the form', () => {
    const run = cli(['print', 'ballots', example.gridPath, '--form', 'evaluation-4', '--copies', '3', '--out', '选票.pdf']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(zh.cli.print.ballots(3));
    const pdf = readPdf('选票.pdf');
    expect(pdf.a4).toBe(true);
    expect(pdf.pages).toBe(3);
    const names = tallyJson([example.gridPath, ...example.args]).candidates.map((c) => c.name);
    for (const page of pdf.pageTexts) for (const text of [...names, '优秀', '称职', '基本称职', '不称职']) expect(page).toContain(text);

    // A recommendation ballot from an .xlsx grid: one copy unless asked, the maximum stated.
    const recommend = cli(['print', 'ballots', recommendExample.gridPath, ...recommendExample.args, '--out', '推荐票.pdf']);
    expect(recommend.stderr).toBe('');
    const ballot = readPdf('推荐票.pdf');
    expect(ballot.pages).toBe(1);
    const max = recommendExample.args[recommendExample.args.indexOf('--max') + 1]!;
    expect(ballot.text).toContain(`最多推荐${max}人`);
    for (const c of tallyJson([recommendExample.gridPath, ...recommendExample.args]).candidates) expect(ballot.text).toContain(c.name);
  });

  it('blank ballots carry no serial unless --numbered asks, and then the warning goes with them', () => {
    const plain = cli(['print', 'ballots', example.gridPath, '--form', 'evaluation-4', '--copies', '2', '--out', '无号.pdf']);
    expect(plain.stderr).toBe('');
    const unnumbered = readPdf('无号.pdf');
    for (const page of unnumbered.pageTexts) {
      expect(page).toContain(zh.print.ballotNumberBlank.replace(/\s/g, ''));
      expect(page).not.toMatch(/票号：\d/);
    }
    const numbered = cli(['print', 'ballots', example.gridPath, '--form', 'evaluation-4', '--copies', '2', '--numbered', '--out', '有号.pdf']);
    expect(numbered.status).toBe(0);
    expect(numbered.stderr).toContain(zh.print.numberedWarning);
    const pages = readPdf('有号.pdf').pageTexts;
    expect(pages[0]).toMatch(/票号：1(?!\d)/);
    expect(pages[1]).toMatch(/票号：2(?!\d)/);
  });

  it('the tally sheet (计票登记表): every candidate and the signature lines', () => {
    const grid = bigGrid();
    const run = cli(['print', 'tally-sheet', grid.path, '--form', 'evaluation-4', '--out', '登记表.pdf', '--unit', '红星村']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const pdf = readPdf('登记表.pdf');
    expect(pdf.a4).toBe(true);
    for (const text of [zh.print.tallySheetTitle, '红星村', '唱票人（签名）', '监票人（签名）', ...grid.names]) expect(pdf.text).toContain(text);
  });
});

async function workbookFile(name: string, content: TransferContent, password: string | null = null): Promise<string> {
  writeFileSync(path.join(work, name), await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: `laptop-${name}`, password }));
  return name;
}

const team = teamContent({ team: 7, township: '大同镇', people: 5, ballots: 20 });
const assessed = withAssessment(team);
const people = team.workbooks[0]!.candidates.map((p) => p.name);

describe('print interviews from a workbook file', () => {
  it('prints each interview not removed on its own A4 page, in date order, with every person; --blank N prints N blank sheets', async () => {
    await workbookFile('谈话.tallydesk', assessed.content, '考察组2026');
    const run = cli(['print', 'interviews', '谈话.tallydesk', '--out', '谈话记录.pdf'], { TALLY_DESK_PASSWORD: '考察组2026' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(zh.cli.files.interviews(3));
    const pdf = readPdf('谈话记录.pdf');
    expect(pdf.a4).toBe(true);
    expect(pdf.pages).toBe(assessed.facts.liveInterviews.length);
    assessed.facts.liveInterviews.forEach((interview, i) => {
      const page = pdf.pageTexts[i]!;
      for (const text of [zh.interviews.sheetTitle, interview.interviewee, interview.category, '大同镇第7村', ...people]) expect(page).toContain(text);
      expect(page).toMatch(dayPattern(interview.date));
    });
    expect(pdf.pageTexts[1]).toContain('群众反映作风粗暴');
    expect(pdf.text).not.toContain(assessed.facts.removedInterview.interviewee);

    const blank = cli(['print', 'interviews', '谈话.tallydesk', '--blank', '2', '--out', '空白谈话记录.pdf'], { TALLY_DESK_PASSWORD: '考察组2026' });
    expect(blank.status).toBe(0);
    const sheets = readPdf('空白谈话记录.pdf');
    expect(sheets.pages).toBe(2);
    for (const page of sheets.pageTexts) for (const name of people) expect(page).toContain(name);
    expect(sheets.text).not.toContain(assessed.facts.liveInterviews[0]!.interviewee);
  });

  it('refuses a workbook with no interviews unless blank sheets are asked for, and a locked file without its password', async () => {
    await workbookFile('无谈话.tallydesk', team);
    const none = cli(['print', 'interviews', '无谈话.tallydesk', '--out', '无.pdf']);
    expectCleanFailure(none, 1);
    expect(none.stderr).toContain(zh.cli.files.noInterviews('大同镇第7村'));
    expect(existsSync(path.join(work, '无.pdf'))).toBe(false);
    expect(cli(['print', 'interviews', '无谈话.tallydesk', '--blank', '1', '--out', '一份.pdf']).status).toBe(0);

    await workbookFile('锁住.tallydesk', assessed.content, '考察组2026');
    const locked = cli(['print', 'interviews', '锁住.tallydesk', '--out', '锁住.pdf']);
    expectCleanFailure(locked, 1);
    expect(locked.stderr).toContain(zh.cli.files.needsPassword('锁住.tallydesk'));
    expect(existsSync(path.join(work, '锁住.pdf'))).toBe(false);
  });
});

/** Each row of a dumped sheet as its cells' texts, by row number. */
function rows(sheet: DumpedSheet): Map<number, { texts: string[]; colors: (string | null)[] }> {
  const byRow = new Map<number, { texts: string[]; colors: (string | null)[] }>();
  for (const cell of sheet.cells) {
    const row = byRow.get(cell.row) ?? { texts: [], colors: [] };
    row.texts.push(String(cell.value));
    row.colors.push(cell.color);
    byRow.set(cell.row, row);
  }
  return byRow;
}

const rowWith = (sheet: DumpedSheet, text: string) => [...rows(sheet).values()].find((r) => r.texts.includes(text));
const rowContaining = (sheet: DumpedSheet, text: string) => [...rows(sheet).values()].find((r) => r.texts.some((t) => t.includes(text)));
const RED = 'FFC00000';

describe('ledgers from a workbook file', () => {
  it('联审台账: every person against every department, the disqualified person in red with the item, each conclusion in the detail', async () => {
    await workbookFile('联审.tallydesk', assessed.content);
    const run = cli(['ledger', 'review', '联审.tallydesk', '--out', '联审台账.xlsx', '--date', '2026-11-29']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const entries = assessed.content.reviews.length;
    expect(run.stdout).toContain(zh.cli.files.reviewLedger(path.join(work, '联审台账.xlsx'), people.length, assessed.facts.departments.length, entries));
    const [matrix, detail] = readXlsxIndependently(path.join(work, '联审台账.xlsx'));
    expect(matrix!.title).toBe(zh.review.ledgerMatrix);
    expect(detail!.title).toBe(zh.review.ledgerDetail);
    expect(matrix!.paperSize).toBe(9);
    const header = rowWith(matrix!, zh.export.name)!;
    for (const department of assessed.facts.departments) expect(header.texts).toContain(department);
    for (const name of people) expect(rowWith(matrix!, name)).toBeDefined();

    const { name, item, department } = assessed.facts.disqualified;
    const disqualified = rowWith(matrix!, name)!;
    expect(disqualified.texts.some((t) => t.startsWith(zh.review.statusName.disqualified) && t.includes(item))).toBe(true);
    expect(disqualified.colors).toContain(RED);
    // The last person still waits on one department: the matrix shows the gap and says so.
    const waiting = rowWith(matrix!, people[people.length - 1]!)!;
    expect(waiting.texts).toContain(zh.review.empty);
    expect(waiting.texts.some((t) => t.startsWith(zh.review.statusName.incomplete))).toBe(true);

    // The detail: one row per conclusion recorded, the 不能 item with its department, and the 不宜 decision.
    const detailRows = [...rows(detail!).values()].filter((r) => people.includes(r.texts[1] ?? ''));
    expect(detailRows).toHaveLength(entries);
    const hit = rowContaining(detail!, item)!;
    expect(hit.texts).toContain(name);
    expect(hit.texts).toContain(department);
    expect(rowContaining(detail!, '经镇党委研究，可以提名')!.texts).toContain(people[1]);
  });

  it('风险台账: every item not removed in the order recorded, the overdue one in red, the closed one with its date', async () => {
    await workbookFile('风险.tallydesk', assessed.content, '考察组2026');
    const run = cli(['ledger', 'risks', '风险.tallydesk', '--out', '风险台账.xlsx', '--date', '2026-11-29'], { TALLY_DESK_PASSWORD: '考察组2026' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(zh.cli.files.riskLedger(path.join(work, '风险台账.xlsx'), 3, 1, 1));
    const [sheet] = readXlsxIndependently(path.join(work, '风险台账.xlsx'));
    expect(sheet!.title).toBe(zh.risks.ledgerTitle);
    const descriptions = sheet!.cells.filter((c) => String(c.value).startsWith('风险事项')).sort((a, b) => a.row - b.row);
    expect(descriptions.map((c) => c.value)).toEqual(assessed.facts.liveRisks.map((r) => r.description));
    expect(rowContaining(sheet!, assessed.facts.removedRisk.description)).toBeUndefined();
    const overdue = rowWith(sheet!, assessed.facts.overdueRisk.description)!;
    expect(overdue.texts).toContain(zh.risks.statusWithOverdue(zh.risks.statusName['in-progress']));
    expect(overdue.colors).toContain(RED);
    const closed = rowWith(sheet!, assessed.facts.liveRisks[0]!.description)!;
    expect(closed.texts).toEqual(expect.arrayContaining([zh.risks.statusName.closed, '已公开账目，群众无异议']));
    expect(closed.texts.some((text) => dayPattern('2026-11-25').test(text))).toBe(true);
    expect(closed.colors).not.toContain(RED);
  });

  it('refuses the 联审台账 of a workbook without a plan (exit 1); a file of several workbooks needs --unit (exit 2)', async () => {
    await workbookFile('无方案.tallydesk', team);
    const noPlan = cli(['ledger', 'review', '无方案.tallydesk', '--out', '无方案.xlsx']);
    expectCleanFailure(noPlan, 1);
    expect(noPlan.stderr).toContain(zh.cli.files.noPlan('大同镇第7村'));
    expect(existsSync(path.join(work, '无方案.xlsx'))).toBe(false);

    const other = withAssessment(teamContent({ team: 8, township: '清泉镇', people: 3, ballots: 10 })).content;
    const both: TransferContent = Object.fromEntries(Object.keys(assessed.content).map((key) => [key, [...assessed.content[key as keyof TransferContent], ...other[key as keyof TransferContent]]])) as unknown as TransferContent;
    await workbookFile('两村.tallydesk', both);
    const ambiguous = cli(['ledger', 'risks', '两村.tallydesk', '--out', '两村.xlsx']);
    expectCleanFailure(ambiguous, 2);
    expect(ambiguous.stderr).toContain(zh.cli.files.chooseUnit('大同镇第7村、清泉镇第8村'));
    const chosen = cli(['ledger', 'review', '两村.tallydesk', '--unit', '清泉镇第8村', '--out', '第8村.xlsx']);
    expect(chosen.stderr).toBe('');
    const [matrix] = readXlsxIndependently(path.join(work, '第8村.xlsx'));
    for (const person of other.workbooks[0]!.candidates) expect(rowWith(matrix!, person.name)).toBeDefined();
    expect(rowWith(matrix!, people[0]!)).toBeUndefined();
  });
});

describe('export with a candidate list', () => {
  async function listXlsx(name: string, rowsOfList: string[][]): Promise<string> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    for (const row of rowsOfList) sheet.addRow(row);
    const target = path.join(work, name);
    await book.xlsx.writeFile(target);
    return target;
  }

  it('puts each person’s posts in 现任职务 and 拟任职务, and the township and team in the heading', async () => {
    const names = tallyJson([example.gridPath, ...example.args]).candidates.map((c) => c.name);
    // The list in its own order, with the headers a township's file has.
    const list = [
      ['序号', '姓名', '性别', '出生年月', '现任职务', '拟任职务'],
      // The first typed with 全角 spaces between its characters (王　明), as a padded list has it: the same name.
      ...[...names].reverse().map((name, i) => [String(i + 1), ` ${i === 0 ? [...name].join('\u3000') : name} `, i % 2 ? '女' : '男', '1980.05', `现任${name}`, `拟任${name}`]),
    ];
    for (const [kind, listFile] of [
      ['csv', file('名单.csv', `\ufeff${list.map((r) => r.join(',')).join('\r\n')}\r\n`)],
      ['xlsx', await listXlsx('名单.xlsx', list)],
    ] as const) {
      const out = `带名单-${kind}.xlsx`;
      const run = cli(['export', example.gridPath, ...example.args, '--candidates', listFile, '--township', '大同镇', '--unit', '红星村', '--team', '第三考察组', '--out', out]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const sheet = readXlsxIndependently(path.join(work, out))[0]!;
      expect(sheet.title).toBe(zh.export.evaluationSheet);
      const heading = sheet.cells.filter((c) => c.row <= 3).map((c) => String(c.value)).join(' ');
      expect(heading).toContain('大同镇红星村');
      expect(heading).toContain('第三考察组');
      const { firstDataRow, columns } = tableColumns(sheet, 2);
      const nameColumn = columns.get(zh.export.name)!;
      for (const name of names) {
        const row = sheet.cells.find((c) => c.row >= firstDataRow && c.column === nameColumn && c.value === name)!.row;
        const at = (header: string) => sheet.cells.find((c) => c.row === row && c.column === columns.get(header))?.value;
        expect(at(zh.export.currentPost)).toBe(`现任${name}`);
        expect(at(zh.export.proposedPost)).toBe(`拟任${name}`);
      }
    }
  });

  it('refuses a list whose names differ from the grid’s candidates, naming them on each side, and writes nothing', () => {
    const names = tallyJson([example.gridPath, ...example.args]).candidates.map((c) => c.name);
    const listFile = file('不符的名单.csv', ['姓名,现任职务', ...names.slice(1).map((n) => `${n},委员`), '王不在,委员'].join('\n'));
    const run = cli(['export', example.gridPath, ...example.args, '--candidates', listFile, '--out', '不符.xlsx']);
    expectCleanFailure(run, 1);
    expect(run.stderr).toContain(zh.cli.candidates.mismatch('不符的名单.csv', path.basename(example.gridPath), [names[0]!], ['王不在']));
    expect(existsSync(path.join(work, '不符.xlsx'))).toBe(false);

    const broken = cli(['export', example.gridPath, ...example.args, '--candidates', file('无姓名.csv', '职务\n委员\n'), '--out', '不符.xlsx']);
    expectCleanFailure(broken, 1);
    expect(broken.stderr).toContain('无姓名.csv');
    expect(existsSync(path.join(work, '不符.xlsx'))).toBe(false);
  });
});

describe('what is wrong with a new command: exit 2 with the reason, or exit 1 for an input refused', () => {
  const grid = () => example.gridPath;
  const t = zh.cli;
  const usage: [string, () => string[], string][] = [
    ['print without what to print', () => ['print'], t.print.missingKind],
    ['print of something unknown', () => ['print', 'poster', grid(), '--form', 'evaluation-4', '--out', 'x.pdf'], t.print.unknownKind('poster')],
    ['print report without a grid', () => ['print', 'report', '--form', 'evaluation-4', '--out', 'x.pdf'], t.print.missingFile('report')],
    ['print report without --out', () => ['print', 'report', grid(), '--form', 'evaluation-4'], t.files.missingOut('print report', '.pdf')],
    ['print report to an .xlsx', () => ['print', 'report', grid(), '--form', 'evaluation-4', '--out', 'x.xlsx'], t.files.outExtension('print report', '.pdf')],
    ['--out without its value', () => ['print', 'report', grid(), '--form', 'evaluation-4', '--out'], t.optionNeedsValue('--out')],
    ['an unknown option', () => ['print', 'ballots', grid(), '--form', 'evaluation-4', '--out', 'x.pdf', '--colour'], t.unknownOption('--colour')],
    ['zero copies', () => ['print', 'ballots', grid(), '--form', 'evaluation-4', '--out', 'x.pdf', '--copies', '0'], t.notInRange('--copies', '0', 1, 2000)],
    ['copies of a report', () => ['print', 'report', grid(), '--form', 'evaluation-4', '--out', 'x.pdf', '--copies', '2'], t.optionOnlyFor('--copies', 'print ballots')],
    ['a candidate list for a print-out', () => ['print', 'report', grid(), '--form', 'evaluation-4', '--out', 'x.pdf', '--candidates', 'l.csv'], t.optionOnlyFor('--candidates', 'export')],
    ['a township for tally', () => ['tally', grid(), '--form', 'evaluation-4', '--township', '大同镇'], t.optionOnlyFor('--township', 'export、print')],
    ['a township name too long', () => ['export', grid(), '--form', 'evaluation-4', '--out', 'x.xlsx', '--township', '镇'.repeat(101)], t.tooLong('--township', 100)],
    ['export to a .pdf', () => ['export', grid(), '--form', 'evaluation-4', '--out', 'x.pdf'], t.files.outExtension('export', '.xlsx')],
    ['print interviews without a file', () => ['print', 'interviews', '--out', 'x.pdf'], t.files.missingWorkbookFile('print interviews')],
    ['print interviews of many blank sheets', () => ['print', 'interviews', 'a.tallydesk', '--out', 'x.pdf', '--blank', '501'], t.notInRange('--blank', '501', 1, 500)],
    ['print interviews with a date', () => ['print', 'interviews', 'a.tallydesk', '--out', 'x.pdf', '--date', '2026-11-29'], t.files.optionNotFor('print interviews', '--date')],
    ['print interviews with --copies', () => ['print', 'interviews', 'a.tallydesk', '--out', 'x.pdf', '--copies', '2'], t.unknownOption('--copies')],
    ['ledger of something unknown', () => ['ledger', 'summary', 'a.tallydesk', '--out', 'x.xlsx'], t.files.ledgerKind('summary')],
    ['ledger without a file', () => ['ledger', 'review', '--out', 'x.xlsx'], t.files.missingWorkbookFile('ledger review')],
    ['ledger without --out', () => ['ledger', 'risks', 'a.tallydesk'], t.files.missingOut('ledger risks', '.xlsx')],
    ['ledger to a .pdf', () => ['ledger', 'risks', 'a.tallydesk', '--out', 'x.pdf'], t.files.outExtension('ledger risks', '.xlsx')],
    ['ledger with a bad date', () => ['ledger', 'risks', 'a.tallydesk', '--out', 'x.xlsx', '--date', '29/11/2026'], t.badDate('29/11/2026')],
    ['ledger with --password without its value', () => ['ledger', 'risks', 'a.tallydesk', '--out', 'x.xlsx', '--password'], t.optionNeedsValue('--password')],
  ];
  for (const [what, args, message] of usage) {
    it(`usage: ${what}`, () => {
      const run = cli(args());
      expectCleanFailure(run, 2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain(t.usage.split('\n')[0]!);
    });
  }

  const refused: [string, () => Promise<string[]> | string[], string, string][] = [
    ['a missing grid', () => ['print', 'report', 'nope.csv', '--form', 'evaluation-4', '--out', 'r1.pdf'], t.fileNotFound('nope.csv'), 'r1.pdf'],
    ['a grid with an unknown mark', () => ['print', 'ballots', file('坏.csv', '票号,张三,李四\n1,优秀,良好\n'), '--form', 'evaluation-4', '--out', 'r2.pdf'], '第 2 行 C 列（李四）：值“良好”', 'r2.pdf'],
    [
      'a cut-short workbook file',
      async () => {
        const bytes = await encodeWorkbookFile(assessed.content, { purpose: 'transfer', fromDevice: 'x', password: null });
        file('半截.tallydesk', bytes.subarray(0, Math.floor(bytes.length / 2)));
        return ['print', 'interviews', '半截.tallydesk', '--out', 'r3.pdf'];
      },
      zh.workbookFile.refused('半截.tallydesk', zh.workbookFile.truncated),
      'r3.pdf',
    ],
    ['a missing workbook file', () => ['ledger', 'review', '没有.tallydesk', '--out', 'r4.xlsx'], t.fileNotFound('没有.tallydesk'), 'r4.xlsx'],
    [
      'a wrong password',
      async () => {
        await workbookFile('密码.tallydesk', assessed.content, 'right-password');
        return ['ledger', 'risks', '密码.tallydesk', '--password', 'wrong-password', '--out', 'r5.xlsx'];
      },
      zh.workbookFile.refused('密码.tallydesk', zh.workbookFile.wrongPassword),
      'r5.xlsx',
    ],
  ];
  for (const [what, args, message, out] of refused) {
    it(`refused: ${what}`, async () => {
      const run = cli(await args());
      expectCleanFailure(run, 1);
      expect(run.stderr).toContain(message);
      expect(existsSync(path.join(work, out))).toBe(false);
    });
  }

  it('the usage text and the README name every new command', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    for (const text of ['print  report|ballots|tally-sheet', 'print  interviews', 'ledger review|risks', '--candidates', '--township', '--copies', '--blank']) {
      expect(t.usage).toContain(text);
    }
    for (const text of ['print report', 'print interviews', 'ledger review', '--candidates']) expect(readme).toContain(text);
  });
});
