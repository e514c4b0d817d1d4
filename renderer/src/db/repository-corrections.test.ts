/**
 * Corrections and entry against the real storage code (Dexie over fake-indexeddb): a correction's
 * audit entry keeps the key that opened the ballot and its marks before and after, the chain stays
 * intact, and entering or deleting a ballot moves the workbook's 最近修改.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetForm } from '../../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../../shared/domain/meeting';
import { TallyDatabase } from './database';
import { Repository } from './repository';

const database = new TallyDatabase('tally-desk-corrections');
const repo = new Repository(database);
let workbookId = '';
let meetingId = '';

beforeAll(async () => {
  const people = ['张明', '李华'].map((name, i) => ({ id: `p${i}`, name, currentPost: '', proposedPost: '村委会委员' }));
  const team = { teamName: '第一考察组', teamMembers: ['王明'], township: '大同镇', unit: '红星村' };
  workbookId = await repo.createWorkbook({ ...team, candidates: people });
  const form = presetForm('evaluation-4');
  const candidates = people.map(({ id, ...person }) => ({ personId: id, ...person }));
  const counts = { expected: 10, present: 10, issued: 10, returned: 10 };
  const setup = { form, formSourceId: form.id, candidates, counts, quorum: DEFAULT_QUORUM, groups: null, doubleEntry: false, announce: 'open' as const };
  meetingId = await repo.createMeeting(workbookId, { title: '民主测评大会', date: '2026-12-02', ...setup });
});

afterAll(async () => {
  database.close();
  await TallyDatabase.delete('tally-desk-corrections');
});

describe('corrections in the audit log', () => {
  it('keeps the opening key and the marks before and after, in an intact chain; entry moves 最近修改', async () => {
    const before = (await repo.getWorkbook(workbookId))!.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const first = await repo.commitBallot(meetingId, { invalidReason: null, marks: [0, 1], writeIns: [] }, { pass: 1, group: null, correcting: null });
    const afterEntry = (await repo.getWorkbook(workbookId))!.updatedAt;
    expect(afterEntry > before).toBe(true);
    expect(afterEntry).toBe(first.enteredAt);

    const corrected = await repo.commitBallot(
      meetingId,
      { invalidReason: null, marks: [3, 1], writeIns: [] },
      { pass: 1, group: null, correcting: { ballotId: first.id, note: '按票号打开更正', openedBy: 'ctrl-g' } },
    );
    const again = await repo.commitBallot(
      meetingId,
      { invalidReason: null, marks: [3, 2], writeIns: [] },
      { pass: 1, group: null, correcting: { ballotId: corrected.id, note: '取回更正', openedBy: 'ctrl-z' } },
    );
    const log = await repo.loadAudit();
    expect(log.problems).toEqual([]);
    const corrections = log.entries.filter((e) => e.action === 'ballot-corrected');
    expect(corrections.map((e) => [e.ballotId, e.correction])).toEqual([
      [corrected.id, { openedBy: 'ctrl-g', before: [0, 1], after: [3, 1] }],
      [again.id, { openedBy: 'ctrl-z', before: [3, 1], after: [3, 2] }],
    ]);
    // A new ballot has no correction field at all.
    expect(log.entries.find((e) => e.action === 'ballot-added')).not.toHaveProperty('correction');

    await new Promise((resolve) => setTimeout(resolve, 5));
    const deleted = await repo.deleteBallot(meetingId, again.id, '误录');
    expect((await repo.getWorkbook(workbookId))!.updatedAt).toBe(deleted.enteredAt);
  });
});
