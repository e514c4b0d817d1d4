/**
 * Usage errors and the last-resort wording, through runCli as `npm run cli` calls it (cli.test.ts
 * and out-rule.test.ts run the real process): every command's wrong option, missing value, missing
 * file or contradiction exits 2 with the reason in Chinese and the usage text; an unexpected failure
 * names the file it was working on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zh } from '../../shared/messages/zh-CN';
import { filesNamed } from './file-commands';
import { OPEN_PASSWORD_ENV } from './passwords';
import { EXIT_REFUSED, EXIT_USAGE, runCli } from './run-cli';

const work = mkdtempSync(path.join(tmpdir(), 'tally-usage-'));
writeFileSync(path.join(work, 'g.csv'), '票号,张明,王芳\n1,1,2\n2,1,1\n3,2,1\n');

async function run(argv: string[], stdout: (text: string) => void = () => undefined) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (text) => {
      out += text;
      stdout(text);
    },
    stderr: (text) => {
      err += text;
    },
    cwd: work,
    today: () => '2026-12-02',
  });
  return { code, out, err };
}

const t = zh.cli;
const form = ['--form', 'evaluation-4'];

describe('usage errors exit 2 with the reason and the usage text', () => {
  const cases: [string, string[], string][] = [
    ['tally: an unknown option', ['tally', 'g.csv', ...form, '--bogus'], t.badOption(t.unknownOption('--bogus'))],
    ['tally: an option without its value', ['tally', 'g.csv', '--form'], t.badOption(t.optionNeedsValue('--form'))],
    ['tally: the same option twice', ['tally', 'g.csv', ...form, '--form', 'approval-3'], t.badOption(t.optionRepeated('--form'))],
    ['tally: a switch twice', ['tally', 'g.csv', ...form, '--json', '--json'], t.badOption(t.optionRepeated('--json'))],
    ['tally: no file', ['tally'], t.missingFile('tally')],
    ['tally: --out', ['tally', 'g.csv', ...form, '--out', 'x.xlsx'], t.outOnlyForExport],
    ['export: --form and --form-file', ['export', 'g.csv', ...form, '--form-file', 'f.json', '--out', 'x.xlsx'], t.formAndFormFile],
    ['export: no --out', ['export', 'g.csv', ...form], t.files.missingOut('export', '.xlsx')],
    ['export: a file after the file', ['export', 'g.csv', 'h.csv', ...form, '--out', 'x.xlsx'], t.extraArguments('h.csv')],
    ['verify: no file', ['verify'], t.missingExportFile],
    ['verify: an option', ['verify', 'x.xlsx', '--out', 'y.xlsx'], t.verifyTakesNoOptions],
    ['print: nothing to print', ['print'], t.print.missingKind],
    ['print: an unknown kind', ['print', 'posters', 'g.csv'], t.print.unknownKind('posters')],
    ['print ballots: --copies 0', ['print', 'ballots', 'g.csv', ...form, '--copies', '0', '--out', 'b.pdf'], t.notInRange('--copies', '0', 1, 2000)],
    ['print interviews: no file', ['print', 'interviews'], t.files.missingWorkbookFile('print interviews')],
    ['print interviews: an unknown option', ['print', 'interviews', 'a.tallydesk', '--copies', '2'], t.badOption(t.unknownOption('--copies'))],
    ['merge: no files', ['merge', '--out', 'm.tallydesk'], t.files.missingFiles('merge')],
    ['merge: --out twice', ['merge', 'a.tallydesk', '--out', 'm.tallydesk', '--out', 'n.tallydesk'], t.badOption(t.optionRepeated('--out'))],
    ['merge: --out without its value', ['merge', 'a.tallydesk', '--out'], t.badOption(t.optionNeedsValue('--out'))],
    ['rollup: an option of another command', ['rollup', 'a.tallydesk', '--out', 'r.xlsx', '--encrypt', 'abcdefg'], t.files.optionNotFor('rollup', '--encrypt')],
    ['rollup: a wrong --out', ['rollup', 'a.tallydesk', '--out', 'r.pdf'], t.files.outExtension('rollup', '.xlsx')],
    ['snapshot: no action', ['snapshot'], t.files.snapshotAction('')],
    ['snapshot list: an extra word', ['snapshot', 'list', 'extra'], t.extraArguments('extra')],
    ['snapshot restore: no name', ['snapshot', 'restore', '--out', 'a.tallydesk'], t.files.missingSnapshotName],
    ['ledger: no kind', ['ledger'], t.files.ledgerKind('')],
    ['ledger review: no file', ['ledger', 'review'], t.files.missingWorkbookFile('ledger review')],
    ['export of a workbook file: two files', ['export', 'a.tallydesk', 'b.tallydesk', '--out', 'x.xlsx'], t.extraArguments('b.tallydesk')],
    ['an unknown command', ['count', 'g.csv'], t.unknownCommand('count')],
    ['an unknown option before any command', ['--version'], t.badOption(t.unknownOption('--version'))],
  ];
  for (const [name, argv, reason] of cases) {
    it(name, async () => {
      const result = await run(argv);
      expect(result.code).toBe(EXIT_USAGE);
      expect(result.out).toBe('');
      expect(result.err).toBe(`${reason}\n\n${t.usage}\n`);
    });
  }

  it('--password may be given several times (each is tried), and is no usage error', async () => {
    const result = await run(['merge', 'a.tallydesk', '--password', 'one', '--password', 'two', '--out', 'm.tallydesk']);
    expect(result.code).toBe(EXIT_REFUSED);
    // Warned once that a password on the command line shows in `ps`, then the file's own refusal.
    expect(result.err).toBe(`${t.passwordInArguments('--password', OPEN_PASSWORD_ENV)}\n${t.fileNotFound('a.tallydesk')}\n`);
  });
});

describe('an unexpected failure', () => {
  it('names the file being processed, in Chinese, with nothing written', async () => {
    // The terminal goes away as the result is printed (a closed pipe): the one failure no check foresees.
    const result = await run(['tally', 'g.csv', ...form], () => {
      throw new Error('EPIPE');
    });
    expect(result.code).toBe(EXIT_REFUSED);
    expect(result.err).toBe(`${t.unexpected('g.csv', 'EPIPE')}\n`);
    expect(result.err).toContain('文件“g.csv”');
  });

  it('of a workbook-file command names the files it was given, never the option values', () => {
    expect(filesNamed(['ledger', 'review', '一组.tallydesk', '--out', '台账.xlsx', '--password', '密码'])).toEqual(['一组.tallydesk']);
    expect(filesNamed(['merge', '--password', 'p', '一组.tallydesk', '二组.tallydesk', '--out', '合并.tallydesk'])).toEqual(['一组.tallydesk', '二组.tallydesk']);
    expect(filesNamed(['print', 'interviews', '四组.tallydesk', '--blank', '2', '--out', 'a.pdf'])).toEqual(['四组.tallydesk']);
    expect(filesNamed(['snapshot', 'restore', 'snapshot-1.tallydesk', '--out', 'r.tallydesk'])).toEqual(['snapshot-1.tallydesk']);
    expect(filesNamed(['export', '四组.tallydesk', '--out', 'x.xlsx'])).toEqual(['四组.tallydesk']);
  });
});

describe('verify says what it compared', () => {
  it('prints the kind of both values of a changed cell and the whole fingerprints', async () => {
    expect((await run(['export', 'g.csv', ...form, '--out', 'v.xlsx'])).code).toBe(0);
    const tally = JSON.parse((await run(['tally', 'g.csv', ...form, '--json'])).out) as { fingerprint: string };
    expect(tally.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    const intact = await run(['verify', 'v.xlsx']);
    expect(intact.code).toBe(0);
    expect(intact.out).toBe(`${zh.verify.intact('v.xlsx', tally.fingerprint)}\n`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(work, 'v.xlsx'));
    // A count typed over as text (it looks the same on screen), and one ballot's mark changed.
    let count: ExcelJS.Cell | null = null;
    workbook.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        if (!count && typeof cell.value === 'number' && Number.isInteger(cell.value)) count = cell;
      }),
    );
    const number = count!.value as number;
    count!.value = String(number);
    const ballots = workbook.getWorksheet('选票数据')!;
    let mark: ExcelJS.Cell | null = null;
    ballots.getRow(2).eachCell((cell, column) => {
      if (!mark && column > 1 && cell.value === '优秀') mark = cell;
    });
    mark!.value = '称职';
    await workbook.xlsx.writeFile(path.join(work, 'v-edited.xlsx'));

    const changed = await run(['verify', 'v-edited.xlsx']);
    expect(changed.code).toBe(EXIT_REFUSED);
    expect(changed.out).toContain(zh.verify.cellChanged(workbook.worksheets[0]!.name, count!.address, `数值 ${number}`, `文本“${number}”`));
    const line = changed.out.split('\n').find((l) => l.includes('选票数据指纹不符'))!;
    const fingerprints = line.match(/sha256:[0-9a-f]+/g)!;
    expect(fingerprints).toHaveLength(2);
    expect(fingerprints[0]).toBe(tally.fingerprint);
    expect(fingerprints[1]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fingerprints[1]).not.toBe(tally.fingerprint);
  });
});
