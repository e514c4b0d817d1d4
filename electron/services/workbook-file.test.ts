/**
 * Workbook files and merging: files read back whole; a wrong password, a truncated, edited, newer
 * or foreign file is refused with a clear message; merging is idempotent, independent of order,
 * and all or nothing per file.
 */
import { describe, expect, it } from 'vitest';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { WORKBOOK_FILE_FORMAT, WORKBOOK_FILE_VERSION } from '../../shared/contract/workbook-file';
import { ballotFingerprint } from '../../shared/domain/fingerprint';
import { Merger, emptyContent, mergeContent, reportIsEmpty } from '../../shared/domain/merge';
import { canonicalJson } from '../../shared/format/canonical-json';
import { teamContent } from '../../tests/support/team-files';
import { currentRows } from '../../shared/domain/meeting-state';
import { contentChecksum, decodeWorkbookFile, encodeWorkbookFile } from './workbook-file';
import { presetPlan } from '../../shared/domain/plan';

const team = (n: number) => teamContent({ team: n, township: n % 2 ? '大同镇' : '清泉镇', people: 5, ballots: 12 });

function fingerprints(content: TransferContent): string[] {
  return content.meetings.map((m) =>
    ballotFingerprint(
      m.form,
      m.candidates.map((c) => c.name),
      currentRows(content.ballots.filter((b) => b.meetingId === m.id)),
    ),
  );
}

describe('workbook files', () => {
  it('read back exactly what was written, plain or with a password', async () => {
    const content = team(1);
    const plain = await decodeWorkbookFile(await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: 'dev001' }), 'team.tallydesk');
    expect(plain.status).toBe('ok');
    if (plain.status !== 'ok') return;
    expect(canonicalJson(plain.file.content)).toBe(canonicalJson(mergeContent(emptyContent(), content).content));
    const sealed = await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: 'dev001', password: '红星村2026' });
    expect(sealed.toString('utf8')).not.toContain('民主测评大会');
    expect((await decodeWorkbookFile(sealed, 'team.tallydesk')).status).toBe('needs-password');
    const opened = await decodeWorkbookFile(sealed, 'team.tallydesk', '红星村2026');
    expect(opened.status === 'ok' && opened.encrypted && canonicalJson(opened.file.content)).toBe(canonicalJson(plain.file.content));
  });

  it('are canonical JSON; the checksum refuses records put in another order, while a re-indented copy still opens', async () => {
    const content = team(3);
    const bytes = await encodeWorkbookFile(content, { purpose: 'snapshot', fromDevice: 'dev003', createdAt: '2026-11-29T08:00:00.000Z' });
    const parsed = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    expect(bytes.toString('utf8')).toBe(canonicalJson(parsed));
    expect(Object.keys(parsed)).toEqual(['checksum', 'content', 'createdAt', 'format', 'fromDevice', 'purpose', 'version']);
    // Indentation is not content; the order of records is (it is part of what was checksummed).
    const pretty = Buffer.from(JSON.stringify(parsed, null, 1));
    const result = await decodeWorkbookFile(pretty, 'pretty.tallydesk');
    expect(result.status).toBe('ok');
    const reordered = Buffer.from(JSON.stringify({ ...parsed, content: { ...(parsed.content as object), ballots: [...(parsed.content as TransferContent).ballots].reverse() } }));
    const refused = await decodeWorkbookFile(reordered, 'reordered.tallydesk');
    expect(refused.status === 'refused' && refused.message).toContain('被改动过');
  });

  it('refuses a wrong password, a truncated, edited, newer or foreign file, saying which', async () => {
    const content = team(2);
    const plain = await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: 'dev002' });
    const sealed = await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: 'dev002', password: 'right' });
    const refusal = async (bytes: Uint8Array, password: string | null = null) => {
      const result = await decodeWorkbookFile(bytes, '第二组.tallydesk', password);
      return result.status === 'refused' ? result.message : result.status;
    };
    expect(await refusal(sealed, 'wrong')).toContain('密码不对');
    expect(await refusal(plain.subarray(0, plain.length - 300))).toContain('文件不完整');
    const edited = Buffer.from(plain.toString('utf8').replace('"number":3,', '"number":4,'));
    expect(await refusal(edited)).toContain('被改动过');
    const editedSealed = Buffer.from(sealed.toString('utf8').replace(/"ciphertext":"(.)/, (_, c: string) => `"ciphertext":"${c === 'A' ? 'B' : 'A'}`));
    expect(await refusal(editedSealed, 'right')).toContain('密码不对，或文件在加密后被改动过');
    expect(await refusal(Buffer.from(plain.toString('utf8').replace(`"version":${WORKBOOK_FILE_VERSION}`, '"version":9')))).toContain('较新版本');
    expect(await refusal(Buffer.from('{"hello":"world"}'))).toContain('不是计票台的工作簿文件');
    expect(await refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe]))).toContain('不是计票台的工作簿文件');
    for (const message of [await refusal(sealed, 'wrong'), await refusal(edited)]) expect(message).toContain('本机数据没有任何改动');
  });
});

describe('merging', () => {
  it('is idempotent: the same file twice changes nothing the second time', () => {
    const once = mergeContent(team(1), team(2));
    const twice = mergeContent(once.content, team(2));
    expect(reportIsEmpty(twice.report)).toBe(true);
    expect(canonicalJson(twice.content)).toBe(canonicalJson(once.content));
  });

  it('gives the same content and fingerprints in every order of four files', () => {
    const files = [1, 2, 3, 4].map(team);
    // Team 3's file also carries a later copy of team 1's workbook, edited (as if passed along).
    files[2] = { ...files[2]!, workbooks: [...files[2]!.workbooks, { ...files[0]!.workbooks[0]!, teamName: '改名后的第1考察组', updatedAt: '2026-11-25T00:00:00.000Z' }] };
    const orders: number[][] = [];
    const permute = (rest: number[], done: number[]) => (rest.length === 0 ? orders.push(done) : rest.forEach((x, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...done, x])));
    permute([0, 1, 2, 3], []);
    expect(orders).toHaveLength(24);
    const results = orders.map((order) => order.reduce((acc, i) => mergeContent(acc, files[i]!).content, emptyContent()));
    const first = canonicalJson(results[0]);
    for (const result of results) expect(canonicalJson(result)).toBe(first);
    expect(new Set(results.map((r) => fingerprints(r).join()))).toHaveProperty('size', 1);
    expect(results[0]!.workbooks.find((w) => w.id === 'wb-1')!.teamName).toBe('改名后的第1考察组');
    expect(results[0]!.ballots).toHaveLength(4 * 24);
  });

  it('merges file after file with one set of indexes: a file in conflict leaves them as they were', () => {
    const merger = new Merger();
    expect(merger.check(team(1)).added.ballots).toBe(24);
    expect(merger.content().ballots).toHaveLength(0);
    const first = merger.apply(team(1));
    expect(first.changes.ballots).toHaveLength(24);
    const before = canonicalJson(merger.content());
    const forged = team(1);
    forged.ballots[0] = { ...forged.ballots[0]!, marks: forged.ballots[0]!.marks.map((m) => (m === 0 ? 2 : 0)) };
    const withNew = { ...forged, workbooks: [...forged.workbooks, ...team(6).workbooks], meetings: [...forged.meetings, ...team(6).meetings], ballots: [...forged.ballots, ...team(6).ballots] };
    const refused = merger.apply(withNew);
    expect(refused.report.conflicts).toHaveLength(1);
    expect(refused.changes.ballots).toHaveLength(0);
    expect(canonicalJson(merger.content())).toBe(before);
    // The same file again adds nothing; other teams' files go on as if nothing had happened.
    expect(reportIsEmpty(merger.apply(team(1)).report)).toBe(true);
    for (const n of [2, 6]) merger.apply(team(n));
    expect(canonicalJson(merger.content())).toBe(canonicalJson([1, 2, 6].map(team).reduce((acc, file) => mergeContent(acc, file).content, emptyContent())));
  });

  it('refuses a file with conflicting records whole, listing each conflict', () => {
    const base = mergeContent(team(1), team(2)).content;
    const forged = team(2);
    forged.ballots[3] = { ...forged.ballots[3]!, marks: forged.ballots[3]!.marks.map((m) => (m === 0 ? 1 : 0)) };
    forged.meetings[0] = { ...forged.meetings[0]!, finalized: { at: '2026-11-21T00:00:00.000Z', doubleEntryWaived: null } };
    const withNew = { ...forged, workbooks: [...forged.workbooks, ...team(5).workbooks], meetings: [...forged.meetings, ...team(5).meetings], ballots: [...forged.ballots, ...team(5).ballots] };
    const result = mergeContent(base, withNew);
    expect(result.report.conflicts.map((c) => c.kind)).toEqual(['ballot']);
    expect(result.report.conflicts[0]!.message).toContain('第 4 张选票');
    expect(canonicalJson(result.content)).toBe(canonicalJson(base));
    // Two different finalisations of one meeting are a conflict too.
    const finalisedHere = { ...base, meetings: base.meetings.map((m) => (m.id === forged.meetings[0]!.id ? { ...m, finalized: { at: '2026-11-22T00:00:00.000Z', doubleEntryWaived: null } } : m)) };
    const clash = mergeContent(finalisedHere, { ...team(2), meetings: [forged.meetings[0]!, team(2).meetings[1]!] });
    expect(clash.report.conflicts.map((c) => c.kind)).toEqual(['meeting-finalized']);
  });

  it('reads a version-1 file (from before the assessment records) with none of them, and refuses it once edited', async () => {
    const { plans: _p, interviews: _i, reviews: _r, risks: _k, conclusions: _c, ...v1Content } = teamContent({ team: 3, township: '城关镇', people: 3, ballots: 4 });
    const header = { format: WORKBOOK_FILE_FORMAT, version: 1, createdAt: '2026-06-01T08:00:00.000Z', fromDevice: 'old1', purpose: 'transfer' };
    const checksum = contentChecksum(v1Content as TransferContent);
    const text = canonicalJson({ ...header, checksum, content: v1Content });
    const read = await decodeWorkbookFile(Buffer.from(text), '旧版.tallydesk');
    expect(read.status === 'refused' ? read.message : read.status).toBe('ok');
    if (read.status !== 'ok') return;
    expect(read.file.version).toBe(WORKBOOK_FILE_VERSION);
    expect(read.file.content.ballots).toHaveLength(8);
    expect([read.file.content.plans, read.file.content.interviews, read.file.content.reviews, read.file.content.risks, read.file.content.conclusions]).toEqual([[], [], [], [], []]);
    // Laid out another way (spaces), the checksum is taken over the content as it stands in the file.
    const spaced = JSON.stringify({ ...header, checksum, content: v1Content }, null, 1);
    expect((await decodeWorkbookFile(Buffer.from(spaced), '旧版.tallydesk')).status).toBe('ok');
    const edited = await decodeWorkbookFile(Buffer.from(spaced.replace('"number": 2', '"number": 3')), '旧版.tallydesk');
    expect(edited.status === 'refused' && edited.message).toContain('被改动过');
  });

  it('carries the assessment records, and merges them by the later edit in any order, a removal included', async () => {
    const base = teamContent({ team: 4, township: '城关镇', people: 3, ballots: 3 });
    const workbookId = base.workbooks[0]!.id;
    const personId = base.workbooks[0]!.candidates[0]!.id;
    const plan = presetPlan('village', workbookId, '2026-11-20T08:00:00.000Z');
    const interview = {
      id: 'iv-1',
      workbookId,
      interviewee: '陈𠀾',
      category: plan.interviewCategories[5]!.name,
      date: '2026-11-20',
      place: '村部',
      interviewers: ['王明', '李华'],
      recorder: '赵敏',
      remarks: [{ personId, opinion: 'agree' as const, strengths: '办事公道', weaknesses: '', problems: '' }],
      deleted: false,
      createdAt: '2026-11-20T09:00:00.000Z',
      updatedAt: '2026-11-20T09:00:00.000Z',
    };
    const first: TransferContent = { ...base, plans: [plan], interviews: [interview] };
    const edited: TransferContent = { ...first, interviews: [{ ...interview, remarks: [{ ...interview.remarks[0]!, opinion: 'other' as const }], updatedAt: '2026-11-21T09:00:00.000Z' }] };
    const removed: TransferContent = { ...first, interviews: [{ ...interview, deleted: true, updatedAt: '2026-11-22T09:00:00.000Z' }] };

    const bytes = await encodeWorkbookFile(first, { purpose: 'transfer', fromDevice: 'd4', password: 'pw123456' });
    const read = await decodeWorkbookFile(bytes, 'team4.tallydesk', 'pw123456');
    expect(read.status === 'ok' && read.file.content.interviews[0]!.interviewee).toBe('陈𠀾');
    expect(read.status === 'ok' && read.file.content.plans[0]!.departments).toHaveLength(14);

    const merged = (order: TransferContent[]) => {
      const merger = new Merger();
      for (const content of order) merger.apply(content);
      return canonicalJson(merger.content());
    };
    const orders = [
      [first, edited, removed],
      [removed, first, edited],
      [edited, removed, first],
    ];
    const results = new Set(orders.map(merged));
    expect(results.size).toBe(1);
    const final = new Merger();
    for (const content of orders[0]!) final.apply(content);
    expect(final.content().interviews[0]!.deleted).toBe(true);
    const report = new Merger(first).check(edited);
    expect(report.updated.assessment).toBe(1);
    expect(report.conflicts).toEqual([]);
  });
});
