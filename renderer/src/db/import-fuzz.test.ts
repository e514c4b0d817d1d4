/**
 * The fuzz suite against the real storage code: Dexie over an in-memory IndexedDB (fake-indexeddb),
 * the app's own Repository, MeetingExchange and WorkbookTransfer. Meeting files (.tally-meeting.json)
 * damaged at random are refused with a message naming the file, or taken whole; a workbook file in
 * conflict is refused. Every refusal leaves every stored record exactly as it was. 80 cases.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotShapeProblem } from '../../../shared/domain/ballot';
import { presetForm } from '../../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../../shared/domain/meeting';
import { canonicalJson } from '../../../shared/format/canonical-json';
import { TallyDatabase } from './database';
import { MeetingExchange, PackageRefused, Repository } from './repository';
import { WorkbookTransfer } from './transfer';

const database = new TallyDatabase('tally-desk-fuzz');
const repo = new Repository(database);
const exchange = new MeetingExchange(repo, database);
const transfer = new WorkbookTransfer(repo, database);
let meetingId = '';
let packageText = '';

/** Everything stored, as one string: a refusal must leave it identical. */
async function everything(): Promise<string> {
  return canonicalJson({ content: await transfer.dump(), counters: await database.counters.toArray(), settings: await database.settings.toArray() });
}

beforeAll(async () => {
  const workbookId = await repo.createWorkbook({
    teamName: '第一考察组',
    teamMembers: ['王明'],
    township: '大同镇',
    unit: '红星村',
    candidates: ['张明', '王䶮', '𠀾海'].map((name, i) => ({ id: `p${i}`, name, currentPost: '', proposedPost: '村委会委员' })),
  });
  const workbook = (await repo.getWorkbook(workbookId))!;
  const form = presetForm('evaluation-4');
  meetingId = await repo.createMeeting(workbookId, {
    title: '民主测评大会',
    date: '2026-11-29',
    formSourceId: form.id,
    form,
    candidates: workbook.candidates.map((p) => ({ personId: p.id, name: p.name, currentPost: p.currentPost, proposedPost: p.proposedPost })),
    counts: { expected: 10, present: 10, issued: 10, returned: 10 },
    quorum: DEFAULT_QUORUM,
    groups: null,
    doubleEntry: true,
    announce: 'open',
  });
  for (const marks of [[0, 0, 0], [1, 0, 2], [0, -1, 3], [2, 2, 2], [0, 1, 0]]) {
    await repo.commitBallot(meetingId, { invalidReason: null, marks, writeIns: [] }, { pass: 1, group: null, correcting: null });
  }
  packageText = JSON.stringify(await exchange.buildPackage(meetingId, 'ballots', 1));
});

afterAll(async () => {
  database.close();
  await TallyDatabase.delete('tally-desk-fuzz');
});

const damage = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: fc.constantFrom('0', '9', '"', '{', ']', 'x', ' ', '-') }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('field' as const), pick: fc.nat(), value: fc.constantFrom<unknown>(9, -7, null, '', '优秀', [], {}, 1e9, 'x'.repeat(400)) }),
);

/** Every leaf path of a JSON value, to damage one field. */
function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, [...at, Array.isArray(value) ? Number(key) : key]));
}

function withField(json: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(json) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

describe('fuzz: meeting files into the real database (60 cases)', () => {
  it('refuses a damaged file naming it and changing nothing, or takes it whole with every stored ballot well-formed', async () => {
    const paths = leaves(JSON.parse(packageText));
    const outcomes = { refused: 0, taken: 0 };
    await fc.assert(
      fc.asyncProperty(damage, async (hurt) => {
        let text = packageText;
        if (hurt.kind === 'replace') {
          const at = hurt.at % text.length;
          text = text.slice(0, at) + hurt.char + text.slice(at + 1);
        } else if (hurt.kind === 'cut') {
          text = text.slice(0, hurt.at % text.length);
        } else {
          text = JSON.stringify(withField(JSON.parse(packageText), paths[hurt.pick % paths.length]!, hurt.value));
        }
        const before = await everything();
        try {
          await exchange.importPackage(text, '第二遍.tally-meeting.json');
        } catch (error) {
          expect(error).toBeInstanceOf(PackageRefused);
          expect((error as Error).message).toContain('第二遍.tally-meeting.json');
          expect(await everything()).toBe(before);
          outcomes.refused++;
          return;
        }
        outcomes.taken++;
        // Taken: whatever it stored is well-formed, and the audit chain still holds.
        const meeting = (await database.meetings.get(meetingId))!;
        for (const row of await database.ballots.where('meetingId').equals(meetingId).toArray()) {
          expect(ballotShapeProblem(meeting.form, meeting.candidates.length, row)).toBeNull();
        }
        expect((await repo.loadAudit()).problems).toEqual([]);
      }),
      { numRuns: 60, seed: 42 },
    );
    // Both ways were exercised: most damage is refused, some (a changed note, a time) is harmless.
    expect(outcomes.refused).toBeGreaterThan(20);
    console.log(`meeting-file fuzz: ${JSON.stringify(outcomes)}`);
  });
});

describe('fuzz: workbook files in conflict (20 cases)', () => {
  it('refuses a file whose ballot says otherwise under the same id, and changes nothing', async () => {
    const session = transfer.mergeSession();
    const original = await transfer.dump();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat({ max: 2 }), async (pick, candidate) => {
        const ballots = original.ballots.map((b) => ({ ...b, marks: [...b.marks] }));
        const target = ballots[pick % ballots.length]!;
        target.marks[candidate] = target.marks[candidate] === 3 ? 0 : 3;
        const before = await everything();
        const report = await session.apply({ ...original, ballots }, '冲突.tallydesk', 'other');
        expect(report.conflicts.length).toBeGreaterThan(0);
        expect(await everything()).toBe(before);
      }),
      { numRuns: 20, seed: 5 },
    );
  });
});
