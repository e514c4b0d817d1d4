/**
 * merge, rollup, snapshot and export of a workbook file, run as a user runs them: a real process,
 * real files on disk, the exit status, what is printed and the files written (read back).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { ballotFingerprint } from '../../shared/domain/fingerprint';
import { meetingBallots, tallyInputOf } from '../../shared/domain/meeting-state';
import { zh } from '../../shared/messages/zh-CN';
import { projectRoot } from '../../tests/support/examples';
import { teamContent } from '../../tests/support/team-files';
import { writeSnapshot } from '../services/snapshots';
import { contentChecksum, decodeWorkbookFile, encodeWorkbookFile } from '../services/workbook-file';

const tsxLoader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const work = mkdtempSync(path.join(tmpdir(), 'tally-files-cli-'));

function cli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['--import', tsxLoader, path.join(projectRoot, 'electron/cli/main.ts'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: work, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectCleanRefusal(run: { status: number | null; stderr: string; stdout: string }, status = 1) {
  expect(run.status).toBe(status);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/\n\s+at\s|Error:|TypeError|node:internal/);
  expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
}

async function teamFile(name: string, content: TransferContent, password: string | null = null): Promise<string> {
  const target = path.join(work, name);
  writeFileSync(target, await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: `laptop-${name}`, password }));
  return target;
}

async function readOut(name: string, password: string | null = null) {
  const decoded = await decodeWorkbookFile(readFileSync(path.join(work, name)), name, password);
  if (decoded.status !== 'ok') throw new Error(`${name}: ${decoded.status}`);
  return decoded.file;
}

/** Every meeting's fingerprint, as the results page shows it: what a township compares with the teams' sheets. */
function fingerprints(content: TransferContent): Record<string, string> {
  return Object.fromEntries(
    content.meetings.map((meeting) => {
      const input = tallyInputOf(meeting, meetingBallots(meeting, content.ballots.filter((b) => b.meetingId === meeting.id), content.resolutions).counted);
      return [meeting.id, ballotFingerprint(meeting.form, input.candidates, input.ballots)];
    }),
  );
}

const teams = [1, 2, 3, 4].map((team) => teamContent({ team, township: team <= 2 ? '大同镇' : '清泉镇', people: 5, ballots: 30 }));

describe('merge', () => {
  it('merges four teams (one file encrypted) to the same content in any order, and again changes nothing', async () => {
    const files = [
      await teamFile('t1.tallydesk', teams[0]!),
      await teamFile('t2.tallydesk', teams[1]!, '大同镇2026'),
      await teamFile('t3.tallydesk', teams[2]!),
      await teamFile('t4.tallydesk', teams[3]!),
    ];
    // The password from the environment: nothing in the arguments, nothing to warn about.
    const forward = cli(['merge', ...files, '--out', 'forward.tallydesk'], { TALLY_DESK_PASSWORD: '大同镇2026' });
    expect(forward.stderr).toBe('');
    expect(forward.status).toBe(0);
    expect(forward.stdout).toContain(zh.merge.summary('t2.tallydesk', { workbooks: 1, meetings: 2, ballots: 60 }));
    const backward = cli(['merge', ...[...files].reverse(), '--password', 'not-this-one', '--password', '大同镇2026', '--out', 'backward.tallydesk', '--encrypt', '区汇总密码2026']);
    expect(backward.status).toBe(0);
    expect(backward.stdout).toContain('加密');
    // Passwords in the arguments still work, with a warning that `ps` shows them.
    expect(backward.stderr).toContain(zh.cli.passwordInArguments('--password', 'TALLY_DESK_PASSWORD'));
    expect(backward.stderr).toContain(zh.cli.passwordInArguments('--encrypt', 'TALLY_DESK_ENCRYPT_PASSWORD'));
    const fromEnv = cli(['merge', 'backward.tallydesk', '--out', 'env.tallydesk'], { TALLY_DESK_PASSWORD: '区汇总密码2026', TALLY_DESK_ENCRYPT_PASSWORD: '另一个密码2026' });
    expect(fromEnv.stderr).toBe('');
    expect(fromEnv.status).toBe(0);
    expect(contentChecksum((await readOut('env.tallydesk', '另一个密码2026')).content)).toBe(contentChecksum((await readOut('backward.tallydesk', '区汇总密码2026')).content));

    const a = await readOut('forward.tallydesk');
    const b = await readOut('backward.tallydesk', '区汇总密码2026');
    expect(contentChecksum(b.content)).toBe(contentChecksum(a.content));
    expect(a.content.ballots).toHaveLength(4 * 60);
    const expected = Object.assign({}, ...teams.map(fingerprints)) as Record<string, string>;
    expect(fingerprints(a.content)).toEqual(expected);

    // The merged file with a team's file again: nothing new, the same content.
    const again = cli(['merge', 'forward.tallydesk', files[2]!, '--out', 'again.tallydesk']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(zh.merge.nothingNew('t3.tallydesk'));
    expect(contentChecksum((await readOut('again.tallydesk')).content)).toBe(contentChecksum(a.content));
  });

  it('refuses a file in conflict with a report naming the ballot, and writes nothing', async () => {
    const changed = structuredClone(teams[0]!);
    const ballot = changed.ballots[7]!;
    ballot.marks = ballot.marks.map((m) => (m === 0 ? 1 : 0));
    const original = await teamFile('c1.tallydesk', teams[0]!);
    const conflicting = await teamFile('c1-edited.tallydesk', changed);
    const run = cli(['merge', original, conflicting, '--out', 'conflict.tallydesk']);
    expectCleanRefusal(run);
    expect(run.stderr).toContain(zh.merge.refused('c1-edited.tallydesk', 1));
    expect(run.stderr).toContain(zh.merge.ballotConflict(ballot.number, ballot.id));
    expect(run.stderr).toContain(zh.cli.files.nothingWritten);
    expect(existsSync(path.join(work, 'conflict.tallydesk'))).toBe(false);
  });

  it('refuses a locked file without its password, a wrong password, a cut-short, edited or foreign file, and writes nothing', async () => {
    const plain = await teamFile('r1.tallydesk', teams[0]!);
    const locked = await teamFile('r2.tallydesk', teams[1]!, 'right-password');
    const bytes = readFileSync(plain);
    writeFileSync(path.join(work, 'cut.tallydesk'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    writeFileSync(path.join(work, 'edited.tallydesk'), Buffer.from(bytes.toString('utf8').replace('"number":5,', '"number":6,'), 'utf8'));
    writeFileSync(path.join(work, 'foreign.tallydesk'), JSON.stringify({ hello: '不是计票台的文件' }));
    const cases: [string[], string][] = [
      [[plain, locked], zh.cli.files.needsPassword('r2.tallydesk')],
      [[plain, locked, '--password', 'wrong-password'], zh.workbookFile.refused('r2.tallydesk', zh.workbookFile.wrongPassword)],
      [[plain, 'cut.tallydesk'], zh.workbookFile.refused('cut.tallydesk', zh.workbookFile.truncated)],
      [[plain, 'edited.tallydesk'], zh.workbookFile.refused('edited.tallydesk', zh.workbookFile.checksum)],
      [[plain, 'foreign.tallydesk'], zh.workbookFile.refused('foreign.tallydesk', zh.workbookFile.notOurs)],
      [[plain, 'missing.tallydesk'], zh.cli.fileNotFound('missing.tallydesk')],
    ];
    for (const [args, message] of cases) {
      const run = cli(['merge', ...args, '--out', 'refused.tallydesk']);
      expectCleanRefusal(run);
      expect(run.stderr).toContain(message);
      expect(existsSync(path.join(work, 'refused.tallydesk'))).toBe(false);
    }
  });

  it('says what is wrong with the command itself (exit 2)', () => {
    expectCleanRefusal(cli(['merge', 't1.tallydesk']), 2);
    expectCleanRefusal(cli(['merge', 't1.tallydesk', '--out', 'x.xlsx']), 2);
    expectCleanRefusal(cli(['merge', 't1.tallydesk', '--out', 'x.tallydesk', '--title', '某区']), 2);
    expectCleanRefusal(cli(['merge', 't1.tallydesk', '--out', 'x.tallydesk', '--encrypt', '123']), 2);
    expect(cli(['merge', '--out', 'x.tallydesk']).stderr).toContain(zh.cli.files.missingFiles('merge'));
  });
});

describe('rollup and export of a workbook file', () => {
  it('writes the district summary from the teams’ files: every unit and every person, figures as numbers', async () => {
    const files = [await teamFile('u1.tallydesk', teams[0]!), await teamFile('u2.tallydesk', teams[1]!, '大同镇2026'), await teamFile('u3.tallydesk', teams[2]!)];
    const run = cli(['rollup', ...files, '--title', '某区', '--date', '2026-11-29', '--out', '总汇总.xlsx'], { TALLY_DESK_PASSWORD: '大同镇2026' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(zh.cli.files.rolledUp(path.join(work, '总汇总.xlsx'), 3, 15));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(work, '总汇总.xlsx'));
    const list = book.getWorksheet(zh.overview.sheet)!;
    const names = teams.slice(0, 3).flatMap((team) => team.workbooks[0]!.candidates.map((p) => p.name));
    const cells: string[] = [];
    list.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    for (const name of names) expect(cells).toContain(name);
    expect(cells).not.toContain(teams[3]!.workbooks[0]!.candidates[0]!.name);

    // The roll-up carries its own check data: `verify` accepts it, and names a count changed in it.
    const intact = cli(['verify', '总汇总.xlsx']);
    expect(intact.stderr).toBe('');
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain(zh.verify.intactRollup('总汇总.xlsx', zh.rollup.fingerprintSheet));
    const summary = book.getWorksheet(zh.rollup.summarySheet)!;
    let count: ExcelJS.Cell | null = null;
    summary.eachRow((row) => row.eachCell((cell) => void (!count && typeof cell.value === 'number' ? (count = cell) : undefined)));
    const before = count!.value as number;
    count!.value = before + 1;
    await book.xlsx.writeFile(path.join(work, '改过的汇总.xlsx'));
    const changed = cli(['verify', '改过的汇总.xlsx']);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain(zh.verify.changed('改过的汇总.xlsx', 1));
    expect(changed.stdout).toContain(zh.verify.cellChanged(zh.rollup.summarySheet, count!.address, `数值 ${before}`, `数值 ${before + 1}`));
  });

  it('exports one workbook of a file; a merged file needs --unit', async () => {
    await teamFile('e1.tallydesk', teams[0]!);
    const one = cli(['export', 'e1.tallydesk', '--out', '第1村.xlsx', '--date', '2026-11-29']);
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(work, '第1村.xlsx'));
    expect(book.worksheets.map((s) => s.name)[0]).toBe(zh.overview.sheet);
    expect(book.worksheets.length).toBeGreaterThan(2);

    expect(cli(['merge', 'e1.tallydesk', await teamFile('e2.tallydesk', teams[1]!), '--out', 'e12.tallydesk']).status).toBe(0);
    const ambiguous = cli(['export', 'e12.tallydesk', '--out', 'x.xlsx']);
    expectCleanRefusal(ambiguous, 2);
    expect(ambiguous.stderr).toContain('大同镇第2村');
    expect(cli(['export', 'e12.tallydesk', '--unit', '第2村', '--out', '第2村.xlsx']).status).toBe(0);
    expect(existsSync(path.join(work, 'x.xlsx'))).toBe(false);
  });
});

describe('snapshot list and restore', () => {
  it('lists the snapshots of a data folder and takes one out as a file the app can import', async () => {
    const dataDir = path.join(work, 'profile');
    const folder = path.join(dataDir, 'snapshots');
    mkdirSync(folder, { recursive: true });
    const older = await writeSnapshot(folder, teams[0]!, 'dev001', 'change', new Date('2026-11-28T08:00:00Z'));
    const both = structuredClone(teams[0]!);
    both.ballots.push(...teams[1]!.ballots);
    both.workbooks.push(...teams[1]!.workbooks);
    both.meetings.push(...teams[1]!.meetings);
    const newer = await writeSnapshot(folder, both, 'dev001', 'change', new Date('2026-11-29T08:00:00Z'));

    const list = cli(['snapshot', 'list', '--data-dir', dataDir]);
    expect(list.status).toBe(0);
    expect(list.stdout.indexOf(newer.fileName)).toBeGreaterThan(-1);
    expect(list.stdout.indexOf(newer.fileName)).toBeLessThan(list.stdout.indexOf(older.fileName));
    expect(list.stdout).toContain(zh.cli.files.holds(2, 4, 120));
    const json = JSON.parse(cli(['snapshot', 'list', '--data-dir', dataDir, '--json']).stdout) as { snapshots: { fileName: string }[] }[];
    expect(json[0]!.snapshots.map((s) => s.fileName)).toEqual([newer.fileName, older.fileName]);

    const restored = cli(['snapshot', 'restore', 'newest', '--data-dir', dataDir, '--out', '恢复.tallydesk']);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    const file = await readOut('恢复.tallydesk');
    expect(file.purpose).toBe('snapshot');
    expect(file.fromDevice).toBe('dev001');
    expect(fingerprints(file.content)).toEqual(fingerprints(both));

    expect(cli(['snapshot', 'restore', older.fileName, '--data-dir', dataDir, '--out', 'older.tallydesk']).status).toBe(0);
    expect((await readOut('older.tallydesk')).content.ballots).toHaveLength(60);

    const missing = cli(['snapshot', 'restore', 'no-such.tallydesk', '--data-dir', dataDir, '--out', 'none.tallydesk']);
    expectCleanRefusal(missing);
    expect(missing.stderr).toContain(zh.ui.snapshots.missing('no-such.tallydesk'));
    expect(existsSync(path.join(work, 'none.tallydesk'))).toBe(false);
    expectCleanRefusal(cli(['snapshot', 'restore', '--data-dir', dataDir, '--out', 'none.tallydesk']), 2);
    expectCleanRefusal(cli(['snapshot', 'list', '--data-dir', path.join(work, 'no-profile')]), 0 + 1);
  });
});
