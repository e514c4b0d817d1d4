/**
 * The fuzz suite (fast-check): ballot grids, candidate lists and workbook files built at random,
 * then damaged at random. Each case is either refused with a message that says where (file, row,
 * column), or accepted with the right results; nothing throws, and a file refused or in conflict
 * leaves what is stored unchanged. 330 cases in all, every run of `npm test`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLANK, VOID } from '../../shared/domain/ballot';
import { formatImportProblems } from '../../shared/domain/ballot-grid';
import { parseCandidateList } from '../../shared/domain/candidate-list';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { Merger } from '../../shared/domain/merge';
import { tally } from '../../shared/domain/tally';
import { canonicalJson } from '../../shared/format/canonical-json';
import { teamContent } from '../../tests/support/team-files';
import { readGridFile } from './grid-file';
import { meetingFromGridFile } from './meeting-from-grid';
import { decodeWorkbookFile, encodeWorkbookFile } from './workbook-file';

const FORM = presetForm('evaluation-4');
const LABELS = FORM.questions[0]!.options.map((o) => o.label);
const NAMES = ['张明', '王䶮', '𠀾海', '李华', '陈建国', '刘芳'];
const FULL_WIDTH = ['１', '２', '３', '４'];

/** A ballot as the model holds it: a mark per candidate (0…3, BLANK or VOID), or a whole-invalid reason. */
interface ModelBallot {
  marks: number[];
  invalid: string | null;
}

const modelGrid = fc.integer({ min: 1, max: 6 }).chain((people) =>
  fc.record({
    people: fc.constant(people),
    ballots: fc.array(
      fc.record({
        marks: fc.array(fc.constantFrom(0, 1, 2, 3, BLANK, VOID), { minLength: people, maxLength: people }),
        invalid: fc.option(fc.constantFrom('多画了记号', '无法辨认'), { freq: 6 }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
    /** How each mark is written: the label, its number, or its full-width number. */
    spelling: fc.constantFrom('label', 'number', 'full-width'),
    bom: fc.boolean(),
  }),
);

function cellOf(mark: number, spelling: string): string {
  if (mark === BLANK) return '';
  if (mark === VOID) return '废';
  return spelling === 'label' ? LABELS[mark]! : spelling === 'number' ? String(mark + 1) : FULL_WIDTH[mark]!;
}

function gridCsv(model: { people: number; ballots: ModelBallot[]; spelling: string }): string[][] {
  return [
    ['票号', ...NAMES.slice(0, model.people), '整票无效'],
    ...model.ballots.map((b, i) => [String(i + 1), ...b.marks.map((m) => cellOf(m, model.spelling)), b.invalid ?? '']),
  ];
}

const csvText = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
const bytesOf = (text: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);

/** The model's own count, independent of the app: per candidate, per option, blanks and voids over valid ballots. */
function modelCounts(model: { people: number; ballots: ModelBallot[] }) {
  const valid = model.ballots.filter((b) => b.invalid === null);
  return NAMES.slice(0, model.people).map((_, c) => {
    const counts: Record<string, number> = Object.fromEntries([...LABELS, '弃权', '无效'].map((k) => [k, 0]));
    for (const ballot of valid) {
      const mark = ballot.marks[c]!;
      counts[mark === BLANK ? '弃权' : mark === VOID ? '无效' : LABELS[mark]!]! += 1;
    }
    return counts;
  });
}

const damage = fc.oneof(
  fc.record({ kind: fc.constant('none' as const) }),
  fc.record({ kind: fc.constant('unknown-value' as const), row: fc.nat(), column: fc.nat(), value: fc.constantFrom('很好', '5', '0.5', '优 秀x', '√√', '=1+1') }),
  fc.record({ kind: fc.constant('duplicate-header' as const), column: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('random-bytes' as const), bytes: fc.uint8Array({ minLength: 0, maxLength: 400 }) }),
);

describe('fuzz: ballot grids (150 cases)', () => {
  it('accepts every valid grid with the model’s counts, and refuses every damaged one saying where', async () => {
    await fc.assert(
      fc.asyncProperty(modelGrid, damage, async (model, hurt) => {
        const rows = gridCsv(model);
        const fileName = '选票.csv';
        let bytes = bytesOf(csvText(rows), model.bom);
        let badCell: { row: number; column: string } | null = null;
        if (hurt.kind === 'unknown-value') {
          const row = 1 + (hurt.row % model.ballots.length);
          const column = 1 + (hurt.column % model.people);
          rows[row]![column] = hurt.value;
          badCell = { row: row + 1, column: String.fromCharCode(65 + column) };
          bytes = bytesOf(csvText(rows), model.bom);
        } else if (hurt.kind === 'duplicate-header') {
          rows[0]![1 + (hurt.column % model.people)] = rows[0]![1 + ((hurt.column + 1) % model.people)]!;
          bytes = bytesOf(csvText(rows), model.bom);
        } else if (hurt.kind === 'truncate') {
          bytes = bytes.subarray(0, Math.floor(bytes.length * hurt.at));
        } else if (hurt.kind === 'random-bytes') {
          bytes = Buffer.from(hurt.bytes);
        }
        const result = await meetingFromGridFile(bytes, fileName, FORM, {}, DEFAULT_QUORUM);

        if (hurt.kind === 'none' || (hurt.kind === 'duplicate-header' && model.people === 1)) {
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const counted = tally({ form: FORM, candidates: result.value.candidates, counts: result.value.counts, quorum: DEFAULT_QUORUM, ballots: result.value.ballots });
          expect(counted.candidates.map((c) => c.questions[0]!.counts)).toEqual(modelCounts(model));
          expect(counted.meeting.invalid).toBe(model.ballots.filter((b) => b.invalid !== null).length);
          return;
        }
        if (result.ok) {
          // Only a cut at a row boundary (or a lucky byte string) still reads: then every invariant holds.
          expect(['truncate', 'random-bytes']).toContain(hurt.kind);
          const counted = tally({ form: FORM, candidates: result.value.candidates, counts: result.value.counts, quorum: DEFAULT_QUORUM, ballots: result.value.ballots });
          for (const c of counted.candidates) expect(Object.values(c.questions[0]!.counts).reduce((a, b) => a + b, 0)).toBe(counted.meeting.valid);
          return;
        }
        const message = formatImportProblems(result.errors);
        expect(message).toContain(fileName);
        expect(message).not.toMatch(/at .+\.(ts|js):\d+/);
        if (badCell) expect(message).toContain(`第 ${badCell.row} 行 ${badCell.column} 列`);
        if (hurt.kind === 'duplicate-header') expect(result.errors.some((e) => e.row === 1 && e.column !== null)).toBe(true);
      }),
      { numRuns: 150, seed: 20261129 },
    );
  });
});

describe('fuzz: candidate lists (60 cases)', () => {
  it('takes a clean list whole, and refuses an empty name or a duplicate at its row', async () => {
    const person = fc.record({ name: fc.constantFrom(...NAMES, '赵敏', '周𠀾', '孙䶮', '吴一'), gender: fc.constantFrom('男', '女', ''), birth: fc.constantFrom('1980.05', '1975-11', '199001', '') });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(person, { minLength: 1, maxLength: 10, selector: (p) => p.name }), fc.constantFrom('none', 'empty-name', 'duplicate'), fc.nat(), async (people, hurt, at) => {
        const rows = [['姓名', '性别', '出生年月'], ...people.map((p) => [p.name, p.gender, p.birth])];
        const index = 1 + (at % people.length);
        // A row with nothing in it is skipped; one with a gender but no name is a problem.
        if (hurt === 'empty-name') rows[index] = ['', rows[index]![1] || '男', rows[index]![2]!];
        if (hurt === 'duplicate') rows.push([...rows[index]!]);
        const grid = await readGridFile(bytesOf(csvText(rows), false), '名单.csv');
        expect(grid.ok).toBe(true);
        if (!grid.ok) return;
        const parsed = parseCandidateList(grid.value);
        if (hurt === 'none') {
          expect(parsed.ok && parsed.value.people.map((p) => p.name)).toEqual(people.map((p) => p.name));
          return;
        }
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        const row = hurt === 'empty-name' ? index + 1 : rows.length;
        expect(formatImportProblems(parsed.errors)).toContain(`第 ${row} 行 A 列`);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('fuzz: workbook files (80 cases) and merges in conflict (40 cases)', () => {
  const content = teamContent({ team: 9, township: '清泉镇', people: 4, ballots: 12 });

  it('refuses a file with any byte changed, cut or added, or reads exactly the same content', async () => {
    const bytes = await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: 'fz01' });
    // The content as the undamaged file holds it (records in key order): a "change" that puts back
    // the byte already there must read exactly this.
    const intact = await decodeWorkbookFile(bytes, '第九组.tallydesk');
    if (intact.status !== 'ok') throw new Error('the undamaged file must read');
    const original = canonicalJson(intact.file.content);
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.integer({ min: 32, max: 126 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(' ', '0', '"', '}', ',"x":1', '\n') }),
    );
    await fc.assert(
      fc.asyncProperty(edit, async (e) => {
        const at = e.at % bytes.length;
        const damaged =
          e.kind === 'replace'
            ? Buffer.concat([bytes.subarray(0, at), Buffer.from([e.byte]), bytes.subarray(at + 1)])
            : e.kind === 'cut'
              ? bytes.subarray(0, at)
              : Buffer.concat([bytes.subarray(0, at), Buffer.from(e.text), bytes.subarray(at)]);
        const read = await decodeWorkbookFile(damaged, '第九组.tallydesk');
        if (read.status === 'ok') {
          // Only what the checksum does not cover (the header: when, which device) may differ.
          expect(canonicalJson(read.file.content)).toBe(original);
        } else {
          expect(read.status).toBe('refused');
          if (read.status === 'refused') {
            expect(read.message).toContain('第九组.tallydesk');
            expect(read.message).toContain('本机数据没有任何改动');
          }
        }
      }),
      { numRuns: 80, seed: 99 },
    );
  });

  it('lists a record changed under the same id as a conflict and changes nothing stored', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('mark', 'reason', 'resolution-free'), (pick, what) => {
        const merger = new Merger(content);
        const before = canonicalJson(merger.content());
        const ballots = content.ballots.map((b) => ({ ...b, marks: [...b.marks] }));
        const target = ballots[pick % ballots.length]!;
        if (what === 'mark') target.marks[0] = target.marks[0] === 0 ? 1 : 0;
        else if (what === 'reason') target.invalidReason = target.invalidReason ? null : '字迹无法辨认';
        else target.note = `${target.note ?? ''}改`;
        const { report } = merger.apply({ ...content, ballots });
        expect(report.conflicts.length).toBeGreaterThan(0);
        expect(report.conflicts[0]!.message).toContain(`第 ${target.number} 张选票`);
        expect(canonicalJson(merger.content())).toBe(before);
      }),
      { numRuns: 40, seed: 3 },
    );
  });
});
