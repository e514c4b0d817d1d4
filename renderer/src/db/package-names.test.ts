/**
 * A meeting file (.tally-meeting.json, the second laptop's pass) is a way names come in too: a
 * candidate paper cannot show, two candidates that are one name folded, or a written-in name with
 * an invisible character refuse the file, naming it, the meeting and the name, and change nothing.
 * The real storage code over an in-memory IndexedDB.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetForm } from '../../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../../shared/domain/meeting';
import { canonicalJson } from '../../../shared/format/canonical-json';
import { TallyDatabase } from './database';
import { MeetingExchange, PackageRefused, Repository } from './repository';
import { WorkbookTransfer } from './transfer';

const database = new TallyDatabase('tally-desk-package-names');
const repo = new Repository(database);
const exchange = new MeetingExchange(repo, database);
const transfer = new WorkbookTransfer(repo, database);
let packageJson: Record<string, unknown> = {};

async function everything(): Promise<string> {
  return canonicalJson({ content: await transfer.dump(), counters: await database.counters.toArray() });
}

beforeAll(async () => {
  const workbookId = await repo.createWorkbook({
    teamName: '第一考察组',
    teamMembers: ['王明'],
    township: '大同镇',
    unit: '红星村',
    candidates: ['张明', '李华'].map((name, i) => ({ id: `p${i}`, name, currentPost: '', proposedPost: '' })),
  });
  const workbook = (await repo.getWorkbook(workbookId))!;
  const form = presetForm('recommend', { maxSelections: 2 });
  const meetingId = await repo.createMeeting(workbookId, {
    title: '民主推荐大会',
    date: '2026-11-29',
    formSourceId: form.id,
    form,
    candidates: workbook.candidates.map((p) => ({ personId: p.id, name: p.name, currentPost: p.currentPost, proposedPost: p.proposedPost })),
    counts: { expected: 5, present: 5, issued: 5, returned: 5 },
    quorum: DEFAULT_QUORUM,
    groups: null,
    doubleEntry: true,
    announce: 'open',
  });
  await repo.commitBallot(meetingId, { invalidReason: null, marks: [0, -1], writeIns: [{ question: 0, name: '赵一' }] }, { pass: 1, group: null, correcting: null });
  packageJson = (await exchange.buildPackage(meetingId, 'ballots', 1)) as unknown as Record<string, unknown>;
});

afterAll(async () => {
  database.close();
  await TallyDatabase.delete('tally-desk-package-names');
});

type Edit = (pkg: { meeting: { candidates: { name: string }[] }; ballots: { writeIns: { name: string }[] }[] }) => void;

async function refusal(edit: Edit): Promise<string> {
  const pkg = structuredClone(packageJson) as Parameters<Edit>[0];
  edit(pkg);
  const before = await everything();
  try {
    await exchange.importPackage(JSON.stringify(pkg), '第二遍.tally-meeting.json');
  } catch (error) {
    expect(error).toBeInstanceOf(PackageRefused);
    expect(await everything()).toBe(before);
    return (error as Error).message;
  }
  throw new Error('taken');
}

describe('names in a meeting file', () => {
  it('refuses a candidate with an invisible character, two spellings of one candidate, and a written-in name with a control character', async () => {
    expect(await refusal((p) => (p.meeting.candidates[1]!.name = '李\u2060华'))).toMatch(/第二遍\.tally-meeting\.json.*会议“民主推荐大会”的候选人中的姓名“李⟨U\+2060⟩华”：.*U\+2060/);
    expect(await refusal((p) => (p.meeting.candidates[1]!.name = '张\u3000明'))).toMatch(/会议“民主推荐大会”的候选人中的姓名“张\u3000明”：与“张明”只是写法不同/);
    expect(await refusal((p) => (p.ballots[0]!.writeIns[0]!.name = '赵\u0007一'))).toMatch(/第 1 张选票的另推他人中的姓名“赵⟨U\+0007⟩一”/);
  });
});
