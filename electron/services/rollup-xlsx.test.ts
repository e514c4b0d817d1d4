/**
 * The district roll-up: three teams' files (the example meetings) merged, rolled up and written to
 * Excel; every figure in the 一览表 is the example's independently computed one, as a numeric cell,
 * read back with openpyxl.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TransferContent } from '../../shared/contract/workbook-file';
import type { PresetId } from '../../shared/domain/forms';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { emptyContent, mergeContent } from '../../shared/domain/merge';
import { buildRollup, townshipTotals } from '../../shared/report/rollup';
import { zh } from '../../shared/messages/zh-CN';
import { fraction } from '../../shared/domain/fraction';
import { presetPlan } from '../../shared/domain/plan';
import { loadExamples } from '../../tests/support/examples';
import { meetingTeamContent } from '../../tests/support/team-files';
import { readXlsxIndependently } from '../../tests/support/xlsx-independent';
import { meetingFromGridFile } from './meeting-from-grid';
import { buildRollupWorkbook, rollupFileName } from './rollup-xlsx';

interface Expected {
  meeting: { entered: number };
  candidates: { name: string; counts: Record<string, number>; rates: Record<string, { value: number }> }[];
}

const option = (args: string[], name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);

async function exampleFiles(): Promise<{ content: TransferContent; expected: Expected; township: string; unit: string }[]> {
  const townships = ['大同镇', '大同镇', '清泉镇'];
  return Promise.all(
    loadExamples().map(async (example, i) => {
      const max = option(example.args, 'max');
      const form = presetForm(option(example.args, 'form') as PresetId, max ? { maxSelections: Number(max) } : {});
      const meeting = await meetingFromGridFile(readFileSync(example.gridPath), path.basename(example.gridPath), form, {}, DEFAULT_QUORUM);
      if (!meeting.ok) throw new Error(`example ${example.name} refused`);
      const unit = `${example.name}村`;
      const content = meetingTeamContent({ team: i + 1, township: townships[i]!, unit, ...meeting.value, form });
      return { content, expected: example.expected as unknown as Expected, township: townships[i]!, unit };
    }),
  );
}

describe('the district roll-up', () => {
  it('gives every person the figures of their meeting, as the examples say, and adds up per township', async () => {
    const files = await exampleFiles();
    const merged = files.reduce((base, file) => mergeContent(base, file.content).content, emptyContent());
    const rollup = buildRollup(merged, { title: '某区', exportDate: '2026-11-29' });
    expect(rollup.people.length).toBe(files.reduce((n, f) => n + f.expected.candidates.length, 0));
    for (const file of files) {
      const unit = rollup.units.find((u) => u.unit === file.unit)!;
      expect(unit).toMatchObject({ township: file.township, people: file.expected.candidates.length, meetings: 1, finalized: 1, entered: file.expected.meeting.entered });
      const form = file.content.meetings[0]!.form;
      for (const candidate of file.expected.candidates) {
        const person = rollup.people.find((p) => p.unit === file.unit && p.name === candidate.name)!;
        const value = (header: string) => person.values[rollup.columns.findIndex((c) => c.group === form.name && c.header === header)];
        for (const [rate, expected] of Object.entries(candidate.rates)) expect(value(rate)).toBeCloseTo(expected.value, 12);
        if (form.kind === 'recommend') expect(value(zh.export.votes)).toBe(candidate.counts['得票']);
      }
    }
    const totals = townshipTotals(rollup.units);
    expect(totals.map((t) => [t.township, t.units])).toEqual([['大同镇', 2], ['清泉镇', 1]]);
    expect(totals.reduce((n, t) => n + t.entered, 0)).toBe(files.reduce((n, f) => n + f.expected.meeting.entered, 0));
  });

  it('reads back from Excel with the same numbers, as numeric cells, every name a text cell', async () => {
    const files = await exampleFiles();
    const merged = files.reduce((base, file) => mergeContent(base, file.content).content, emptyContent());
    const rollup = buildRollup(merged, { title: '某区2026年换届考察', exportDate: '2026-11-29' });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tally-rollup-')), rollupFileName(rollup));
    writeFileSync(file, await buildRollupWorkbook(rollup));
    expect(path.basename(file)).toBe('某区2026年换届考察-考察工作总汇总-2026-11-29.xlsx');
    const [summary, list, fingerprints] = readXlsxIndependently(file);
    expect([summary!.title, list!.title, fingerprints!.title]).toEqual([zh.rollup.summarySheet, zh.overview.sheet, zh.rollup.fingerprintSheet]);
    expect(list!.orientation).toBe('landscape');
    expect(list!.printTitleRows).toBe('$4:$5');

    // A figure's group is the merged heading above it: the nearest filled cell of row 4 at or left of it.
    const groupOf = (column: number) => list!.cells.filter((c) => c.row === 4 && c.column <= column && c.value !== '').sort((a, b) => b.column - a.column)[0]?.value;
    for (const example of files) {
      const form = example.content.meetings[0]!.form;
      for (const candidate of example.expected.candidates) {
        const nameCell = list!.cells.find((c) => c.column === 5 && c.value === candidate.name && list!.cells.some((u) => u.row === c.row && u.column === 3 && u.value === example.unit))!;
        expect(nameCell.type).toBe('s');
        for (const [rate, expected] of Object.entries(candidate.rates)) {
          const column = list!.cells.find((c) => c.row === 5 && c.value === rate && groupOf(c.column) === form.name)!.column;
          const cell = list!.cells.find((c) => c.row === nameCell.row && c.column === column)!;
          expect(cell.type).toBe('n');
          expect(cell.format).toBe('0.00%');
          expect(Number(cell.value)).toBeCloseTo(expected.value, 12);
        }
      }
    }
    // The summary's grand total of ballots, and every meeting's fingerprint.
    const total = summary!.cells.find((c) => c.value === zh.rollup.total)!;
    const enteredColumn = summary!.cells.find((c) => c.value === zh.rollup.entered)!.column;
    expect(summary!.cells.find((c) => c.row === total.row && c.column === enteredColumn)!.value).toBe(files.reduce((n, f) => n + f.expected.meeting.entered, 0));
    expect(fingerprints!.cells.filter((c) => String(c.value).startsWith('sha256:')).length).toBe(files.length);
  });

  it('judges each team by its own plan, and carries a disqualification from the joint review', async () => {
    const files = await exampleFiles();
    const evaluation = files.find((f) => f.content.meetings[0]!.form.id === 'evaluation-4')!;
    const workbook = evaluation.content.workbooks[0]!;
    const plan = presetPlan('village', workbook.id, '2026-11-20T08:00:00.000Z');
    // A plan that flags every 优秀率 below 100%: the roll-up's warnings follow it.
    const strict = { ...plan, rateRules: [...plan.rateRules, { rateName: '优秀率', flag: { comparison: '<' as const, threshold: fraction(1, 1), severity: 'warning' as const } }] };
    const person = workbook.candidates[0]!;
    const crime = plan.negativeList.find((n) => n.kind === 'cannot')!;
    const review = {
      id: `${workbook.id}:${person.id}:公安`,
      workbookId: workbook.id,
      personId: person.id,
      department: '公安',
      conclusion: 'issue' as const,
      date: '2026-11-20',
      responsible: '周警官',
      note: '',
      hits: [{ itemId: crime.id, kind: crime.kind, text: crime.text, eventMonth: '' }],
      decision: '',
      createdAt: '2026-11-20T08:00:00.000Z',
      updatedAt: '2026-11-20T08:00:00.000Z',
    };
    const withPlan = { ...evaluation.content, plans: [strict], reviews: [review] };
    const before = buildRollup(evaluation.content, { title: '某区', exportDate: '2026-11-29' });
    const after = buildRollup(withPlan, { title: '某区', exportDate: '2026-11-29' });
    const flagsOf = (rollup: typeof before, name: string) => rollup.people.find((p) => p.name === name)!.flags.join('；');
    const other = workbook.candidates[1]!.name;
    expect(flagsOf(before, other)).not.toContain('优秀率');
    expect(flagsOf(after, other)).toContain('优秀率');
    const disqualified = after.people.find((p) => p.name === person.name)!;
    expect(disqualified.flags[0]).toContain(zh.review.statusName.disqualified);
    expect(disqualified.serious).toBe(true);
    expect(after.units[0]!.seriousPeople).toBeGreaterThanOrEqual(1);
  });
});
