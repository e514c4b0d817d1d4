/**
 * Files merged are held to what the app itself would accept: a meeting whose file holds two
 * ballots under one 票号, or names paper cannot show, is a conflict reported by merge, naming the
 * meeting, the 票号 and the ballots, and nothing of that file is merged.
 */
import { describe, expect, it } from 'vitest';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { teamContent } from '../../tests/support/team-files';
import { mergeWorkbookFiles } from './merge-files';
import { encodeWorkbookFile } from './workbook-file';

const team = (n: number) => teamContent({ team: n, township: '大同镇', people: 4, ballots: 6 });

async function mergeOne(content: TransferContent, fileName: string) {
  const bytes = await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: 'dev009' });
  return mergeWorkbookFiles([{ fileName, bytes }], []);
}

describe('merging files that cannot be counted', () => {
  it('refuses a meeting holding two ballots with one 票号 under different ids, naming both', async () => {
    const content = team(1);
    const first = content.ballots[0]!;
    const twin = { ...first, id: `${first.id}-twin`, seq: 999 };
    const merged = await mergeOne({ ...content, ballots: [...content.ballots, twin] }, '第一组.tallydesk');
    const report = merged.files[0]!;
    expect(report.status).toBe('conflict');
    expect(report.conflicts).toEqual([expect.stringMatching(new RegExp(`会议“民主测评大会”中票号 ${first.number} 有两张选票（${first.id}、${twin.id}）`))]);
    // All or nothing: not one ballot of the file is taken.
    expect(merged.content.ballots).toEqual([]);
  });

  it('refuses a second file whose ballot takes a 票号 already merged, and takes the first file whole', async () => {
    const content = team(2);
    const later = team(2);
    const ballot = later.ballots[3]!;
    const clash = { ...ballot, id: `${ballot.id}-other-laptop`, deviceId: 'dev777' };
    const firstBytes = await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: 'dev002' });
    const secondBytes = await encodeWorkbookFile({ ...later, ballots: [clash] }, { purpose: 'transfer', fromDevice: 'dev777' });
    const merged = await mergeWorkbookFiles(
      [
        { fileName: 'a.tallydesk', bytes: firstBytes },
        { fileName: 'b.tallydesk', bytes: secondBytes },
      ],
      [],
    );
    expect(merged.files.map((f) => f.status)).toEqual(['merged', 'conflict']);
    expect(merged.files[1]!.conflicts).toEqual([expect.stringContaining(`票号 ${ballot.number} 有两张选票`)]);
    expect(merged.content.ballots.length).toBe(content.ballots.length);
  });

  it('takes a correction of a ballot (it supersedes the earlier one) as one ballot, not a conflict', async () => {
    const content = team(3);
    const first = content.ballots[0]!;
    const correction = { ...first, id: `${first.id}-fix`, seq: 999, supersedes: first.id, marks: first.marks.map(() => 0) };
    const merged = await mergeOne({ ...content, ballots: [...content.ballots, correction] }, '第三组.tallydesk');
    expect(merged.files[0]!.status).toBe('merged');
  });

  it('refuses names paper cannot show and two spellings of one person, saying where in the file', async () => {
    const content = team(4);
    const [workbook] = content.workbooks;
    const people = workbook!.candidates.map((p, i) => (i === 1 ? { ...p, name: `${p.name}\u200b` } : p));
    const meeting = content.meetings[0]!;
    const candidates = meeting.candidates.map((c, i) => (i === 2 ? { ...c, name: meeting.candidates[0]!.name.replace(/\d/, (d) => String.fromCharCode(0xff10 + Number(d))) } : c));
    const merged = await mergeOne(
      { ...content, workbooks: [{ ...workbook!, candidates: people }], meetings: [{ ...meeting, candidates }, ...content.meetings.slice(1)] },
      '第四组.tallydesk',
    );
    const report = merged.files[0]!;
    expect(report.status).toBe('conflict');
    expect(report.conflicts).toEqual([
      expect.stringMatching(/工作簿“第4村”的考察对象中的姓名“.*⟨U\+200B⟩”：姓名中有看不见的字符（U\+200B，零宽空格）/),
      expect.stringMatching(new RegExp(`会议“民主测评大会”的候选人中的姓名“.*”：与“${meeting.candidates[0]!.name}”只是写法不同`)),
    ]);
    expect(merged.content.workbooks).toEqual([]);
  });
});
