/**
 * Exports written by the host (both shells): a second export of the same meeting never replaces
 * the first, the notice names the file actually written, and what is written is owner-only.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { zh } from '../../shared/messages/zh-CN';
import { teamContent } from '../../tests/support/team-files';
import { smallMeetingExport } from '../../tests/support/meeting-export';
import { mountTinyDisk } from '../../tests/support/tiny-disk';
import { createHostHandlers, dispatchHostCall } from './host-handlers';
import { failureText } from '../../shared/domain/result';

const meeting = smallMeetingExport();

function handlersIn(exportsDir: string) {
  return createHostHandlers({ shell: 'desktop', appVersion: 'test', exportsDir, snapshotsDir: path.join(exportsDir, 'snapshots'), printPdf: async () => Buffer.alloc(0) });
}

describe('exports into the exports folder', () => {
  it('a second and third export of the same meeting take numbered names; the first file is untouched', async () => {
    const exportsDir = path.join(mkdtempSync(path.join(tmpdir(), 'tally-host-writes-')), '导出');
    const handlers = handlersIn(exportsDir);
    const first = await dispatchHostCall(handlers, 'exportMeetingSummary', meeting);
    if (!first.ok) throw new Error(failureText(first));
    const firstBytes = readFileSync((first.value as { savedPath: string }).savedPath);

    const second = await dispatchHostCall(handlers, 'exportMeetingSummary', { ...meeting, counts: { ...meeting.counts, expected: 4 } });
    const third = await dispatchHostCall(handlers, 'exportMeetingSummary', meeting);
    const results = [first, second, third].map((answer) => (answer.ok ? (answer.value as { fileName: string; savedPath: string }) : null));
    const base = results[0]!.fileName.replace(/\.xlsx$/, '');
    expect(results.map((r) => r?.fileName)).toEqual([`${base}.xlsx`, `${base}(2).xlsx`, `${base}(3).xlsx`]);
    expect(results.map((r) => r?.savedPath)).toEqual(results.map((r) => path.join(exportsDir, r!.fileName)));
    expect(readdirSync(exportsDir).sort()).toEqual([`${base}(2).xlsx`, `${base}(3).xlsx`, `${base}.xlsx`]);
    expect(readFileSync(results[0]!.savedPath).equals(firstBytes)).toBe(true);
    // The notice the screens show names the numbered file.
    expect(zh.ui.results.exported(results[1]!.savedPath)).toContain(`${base}(2).xlsx`);
    if (process.platform !== 'win32') {
      expect(statSync(results[1]!.savedPath).mode & 0o777).toBe(0o600);
      expect(statSync(exportsDir).mode & 0o777).toBe(0o700);
    }
  });

  it('a meeting title as long as the form allows still gives a file, and a numbered second one', async () => {
    const exportsDir = mkdtempSync(path.join(tmpdir(), 'tally-host-writes-'));
    const handlers = handlersIn(exportsDir);
    const long = { ...meeting, meetingTitle: '村民代表会议民主测评'.repeat(20) };
    const answers = [await dispatchHostCall(handlers, 'exportMeetingSummary', long), await dispatchHostCall(handlers, 'exportMeetingSummary', long)];
    const names = answers.map((answer) => (answer.ok ? (answer.value as { fileName: string }).fileName : failureText(answer)));
    for (const name of names) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(names[0]).toMatch(/^大同镇红星村-(村民代表会议民主测评)+村?民?代?\.xlsx$/);
    expect(names[1]).toBe(names[0]!.replace(/\.xlsx$/, '(2).xlsx'));
    expect(readdirSync(exportsDir).sort()).toEqual([...names].sort());
  });

  it('an exports folder that cannot be made is a message naming it, and nothing is left behind', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tally-host-writes-'));
    const blocked = path.join(parent, 'exports');
    writeFileSync(blocked, 'a file where the folder should be');
    const answer = await dispatchHostCall(handlersIn(blocked), 'exportMeetingSummary', meeting);
    expect(answer).toEqual({ ok: false, errors: [zh.host.writeFailed(blocked, 'EEXIST')] });
    expect(readdirSync(parent)).toEqual(['exports']);
  });

  it('a snapshot that cannot be written says so of the snapshots folder, not of exports', async () => {
    const exportsDir = mkdtempSync(path.join(tmpdir(), 'tally-host-writes-'));
    writeFileSync(path.join(exportsDir, 'snapshots'), 'a file where the folder should be');
    const content = teamContent({ team: 3, township: '大同镇', people: 2, ballots: 3, device: 'dev003' });
    const answer = await dispatchHostCall(handlersIn(exportsDir), 'writeSnapshot', { content, fromDevice: 'dev003', reason: 'change' });
    expect(answer).toEqual({ ok: false, errors: [zh.host.snapshotWriteFailed(path.join(exportsDir, 'snapshots'), 'EEXIST')] });
    expect(readdirSync(exportsDir)).toEqual(['snapshots']);
  });

  describe('on a full disk', () => {
    const tinyDisk = mountTinyDisk();
    afterAll(() => tinyDisk?.unmount());

    it.skipIf(tinyDisk === null)('says the disk is full, in Chinese, and leaves no temp file taking up the space', async () => {
      const exportsDir = tinyDisk!.path;
      // A meeting whose summary cannot fit in 64 KB.
      const big: MeetingExport = {
        ...meeting,
        candidates: Array.from({ length: 60 }, (_, i) => ({ name: `候选人${i + 1}`, currentPost: '', proposedPost: '' })),
        counts: { expected: 300, present: 300, issued: 300, returned: 300 },
        ballots: Array.from({ length: 300 }, (_, b) => ({ number: b + 1, invalidReason: null, marks: Array.from({ length: 60 }, (_, c) => (b + c) % 4), writeIns: [] })),
      };
      const answer = await dispatchHostCall(handlersIn(exportsDir), 'exportMeetingSummary', big);
      expect(answer).toEqual({ ok: false, errors: [zh.host.writeFailed(exportsDir, 'ENOSPC')] });
      expect(zh.host.writeFailed(exportsDir, 'ENOSPC')).toContain('磁盘空间已满');
      expect(readdirSync(exportsDir)).toEqual([]);
    });
  });
});
