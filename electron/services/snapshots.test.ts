/**
 * Snapshots: written whole and atomically, listed newest first with what they hold, read back to
 * the same content; the rolling set keeps the newest 20 and the newest of each of the last 30 days.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../shared/contract/transfer-calls';
import { canonicalJson } from '../../shared/format/canonical-json';
import { emptyContent, mergeContent } from '../../shared/domain/merge';
import { teamContent } from '../../tests/support/team-files';
import { zh } from '../../shared/messages/zh-CN';
import { keyFileStore } from './snapshot-seal';
import { encodeWorkbookFile } from './workbook-file';
import { KEEP_DAYS, KEEP_NEWEST, keepSnapshot, listSnapshots, readSnapshot, snapshotsToKeep, writeSnapshot } from './snapshots';
import { failureText } from '../../shared/domain/result';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tally-snapshots-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('snapshots', () => {
  it('are read back exactly, and the list says what each holds', async () => {
    const content = teamContent({ team: 3, township: '大同镇', people: 4, ballots: 9, device: 'dev003' });
    const summary = await writeSnapshot(dir, content, 'dev003', 'change', new Date('2026-11-20T08:00:00.000Z'));
    expect(summary).toMatchObject({ workbooks: 1, meetings: content.meetings.length, ballots: content.ballots.length, fromDevice: 'dev003' });
    expect(summary.lastAuditSeq).toBe(Math.max(...content.audit.map((e) => e.seq)));
    const listed = (await listSnapshots(dir)).snapshots;
    expect(listed.map((s) => s.fileName)).toEqual([summary.fileName]);
    const read = await readSnapshot(dir, summary.fileName);
    expect(read.ok && canonicalJson(read.value.content)).toBe(canonicalJson(mergeContent(emptyContent(), content).content));
    // No temporary file is left behind.
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('are still listed when the index is lost or when files are copied in from another computer', async () => {
    const first = await writeSnapshot(dir, teamContent({ team: 5, township: '大同镇', people: 3, ballots: 4 }), 'dev005', 'change', new Date('2026-11-20T08:00:00.000Z'));
    const other = await fs.mkdtemp(path.join(os.tmpdir(), 'tally-snapshots-other-'));
    // Sealed with this folder's key: a snapshot copied with no key that fits is refused (see the test of encryption at rest).
    const copied = await writeSnapshot(other, teamContent({ team: 6, township: '清泉镇', people: 2, ballots: 7 }), 'dev006', 'before-restore', new Date('2026-11-21T08:00:00.000Z'), keyFileStore(dir));
    await fs.copyFile(path.join(other, copied.fileName), path.join(dir, copied.fileName));
    await fs.rm(other, { recursive: true, force: true });
    await fs.rm(path.join(dir, 'index.json'));
    await fs.writeFile(path.join(dir, 'notes.txt'), '不是快照');
    const listed = (await listSnapshots(dir)).snapshots;
    expect(listed).toEqual([copied, first]);
    // The next snapshot keeps them in the index.
    await writeSnapshot(dir, teamContent({ team: 5, township: '大同镇', people: 3, ballots: 5 }), 'dev005', 'change', new Date('2026-11-22T08:00:00.000Z'));
    const index = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')) as SnapshotSummary[];
    expect(index.map((s) => s.fileName).sort()).toEqual(listed.map((s) => s.fileName).concat((await listSnapshots(dir)).snapshots[0]!.fileName).sort());
  });

  it('refuse a name outside the folder and a damaged file, with a message', async () => {
    expect(await readSnapshot(dir, '../etc/passwd')).toHaveProperty('ok', false);
    const summary = await writeSnapshot(dir, teamContent({ team: 4, township: '清泉镇', people: 2, ballots: 3 }), 'dev004', 'change');
    const file = path.join(dir, summary.fileName);
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, bytes.length / 2));
    const read = await readSnapshot(dir, summary.fileName);
    expect(!read.ok && failureText(read)).toContain('文件不完整');
  });

  it('rotate away only files they wrote: a tampered index naming ../ or other files deletes nothing outside', async () => {
    const outside = path.join(path.dirname(dir), `${path.basename(dir)}-victim.txt`);
    await fs.writeFile(outside, '别删我');
    const beside = path.join(dir, 'notes.txt');
    await fs.writeFile(beside, '不是快照');
    const old = { createdAt: '2020-01-01T00:00:00.000Z', fromDevice: 'x', reason: 'change', workbooks: 0, meetings: 0, ballots: 0, lastAuditSeq: 0 };
    const crafted = [`../${path.basename(outside)}`, 'notes.txt', 'snapshot-20200101-000000-000.tallydesk/../../x', '/etc/hostname'].map((fileName) => ({ ...old, fileName }));
    await fs.writeFile(path.join(dir, 'index.json'), JSON.stringify(crafted));
    // Enough new snapshots that the crafted (old) entries would be rotated out.
    for (let i = 0; i < KEEP_NEWEST + 2; i++) {
      await writeSnapshot(dir, teamContent({ team: 7, township: '大同镇', people: 2, ballots: 2 }), 'dev007', 'change', new Date(Date.UTC(2026, 10, 20, 8, 0, i)));
    }
    expect(await fs.readFile(outside, 'utf8')).toBe('别删我');
    expect(await fs.readFile(beside, 'utf8')).toBe('不是快照');
    const names = (await listSnapshots(dir)).snapshots.map((s) => s.fileName);
    expect(names.every((n) => /^snapshot-\d{8}-\d{6}-\d{3}\.tallydesk$/.test(n))).toBe(true);
    expect(names).toHaveLength(KEEP_NEWEST);
    expect(await readSnapshot(dir, 'notes.txt')).toHaveProperty('ok', false);
    await fs.rm(outside);
  });

  it('are encrypted at rest with a key in a 0600 file beside them; a copy without the key shows nothing; older plain ones still open', async () => {
    const content = teamContent({ team: 9, township: '保密镇', people: 3, ballots: 4, device: 'dev009' });
    const summary = await writeSnapshot(dir, content, 'dev009', 'change', new Date('2026-11-20T08:00:00.000Z'));
    const bytes = await fs.readFile(path.join(dir, summary.fileName));
    const someName = content.workbooks[0]!.candidates[0]!.name;
    for (const secret of ['保密镇', someName, '\\u4fdd']) expect(bytes.toString('utf8')).not.toContain(secret);
    expect((await fs.stat(path.join(dir, 'snapshot-key'))).mode & 0o777).toBe(0o600);
    const read = await readSnapshot(dir, summary.fileName);
    expect(read.ok && read.value.content.workbooks[0]!.township).toBe('保密镇');

    // Copied elsewhere without the key (a USB stick, a backup): refused, saying why.
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'tally-snapshots-copy-'));
    await fs.copyFile(path.join(dir, summary.fileName), path.join(elsewhere, summary.fileName));
    const copy = await readSnapshot(elsewhere, summary.fileName);
    expect(!copy.ok && failureText(copy)).toContain(zh.workbookFile.sealedSnapshot);
    await fs.rm(elsewhere, { recursive: true, force: true });

    // A snapshot written before encryption (a plain workbook file) is still listed and read.
    const plainName = 'snapshot-20261119-080000-000.tallydesk';
    await fs.writeFile(path.join(dir, plainName), await encodeWorkbookFile(content, { purpose: 'snapshot', fromDevice: 'dev009', createdAt: '2026-11-19T08:00:00.000Z' }));
    expect((await listSnapshots(dir)).snapshots.map((s) => s.fileName)).toContain(plainName);
    const plain = await readSnapshot(dir, plainName);
    expect(plain.ok && plain.value.content.ballots.length).toBe(content.ballots.length);
  });

  it('live in a folder only their owner can open', async () => {
    await fs.chmod(dir, 0o755);
    await writeSnapshot(dir, teamContent({ team: 8, township: '大同镇', people: 2, ballots: 2 }), 'dev008', 'change');
    const nested = path.join(dir, 'deeper', 'snapshots');
    await writeSnapshot(nested, teamContent({ team: 8, township: '大同镇', people: 2, ballots: 2 }), 'dev008', 'change');
    for (const folder of [dir, nested]) expect((await fs.stat(folder)).mode & 0o777).toBe(0o700);
  });

  it('keep the newest 20 and one a day for 30 days', async () => {
    const start = Date.UTC(2026, 9, 1, 9);
    const content = teamContent({ team: 5, township: '大同镇', people: 2, ballots: 2 });
    // Forty days, three snapshots a day.
    let last = new Date(start);
    for (let day = 0; day < 40; day++) {
      for (let hour = 0; hour < 3; hour++) {
        last = new Date(start + day * 86_400_000 + hour * 3_600_000);
        await writeSnapshot(dir, content, 'dev005', 'change', last);
      }
    }
    const kept = (await listSnapshots(dir)).snapshots;
    const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.tallydesk'));
    expect(files.length).toBe(kept.length);
    const days = new Set(kept.map((s) => s.createdAt.slice(0, 10)));
    // The newest 20 span the last 7 days; the 30-day rule adds one for each of the other 23 days.
    expect(kept.length).toBe(KEEP_NEWEST + (KEEP_DAYS - 7));
    expect(days.size).toBe(KEEP_DAYS);
    expect(kept[0]!.createdAt).toBe(last.toISOString());
  });

  it('choose by rule, not by file order', () => {
    const now = new Date('2026-11-29T12:00:00Z');
    const at = (iso: string, i: number): SnapshotSummary => ({ fileName: `s${i}`, createdAt: iso, fromDevice: 'd', reason: 'change', workbooks: 1, meetings: 1, ballots: i, lastAuditSeq: i });
    const old = at('2026-09-01T10:00:00.000Z', 1);
    const recent = Array.from({ length: 25 }, (_, i) => at(new Date(now.getTime() - i * 60_000).toISOString(), i + 2));
    const keep = snapshotsToKeep([old, ...recent].reverse(), now);
    expect(keep.has('s1')).toBe(false);
    expect(keep.size).toBe(20);
    expect(keep.has('s2')).toBe(true);
  });
});

describe('kept snapshots', () => {
  it('outlive the rolling set: the state a restore replaced, and one the user chose not to restore yet', async () => {
    const content = teamContent({ team: 6, township: '大同镇', people: 2, ballots: 2 });
    const start = Date.UTC(2026, 10, 1, 8);
    const before = await writeSnapshot(dir, content, 'dev006', 'before-restore', new Date(start));
    const declined = await writeSnapshot(dir, content, 'dev006', 'change', new Date(start + 1000));
    expect(await keepSnapshot(dir, declined.fileName)).toBe(true);
    expect(await keepSnapshot(dir, 'no-such.tallydesk')).toBe(false);
    for (let i = 0; i < 30; i++) await writeSnapshot(dir, content, 'dev006', 'change', new Date(start + 60_000 * (i + 1)));
    const names = (await listSnapshots(dir)).snapshots.map((s) => s.fileName);
    expect(names).toContain(before.fileName);
    expect(names).toContain(declined.fileName);
    expect(names.length).toBe(KEEP_NEWEST + 2);
  });
});
