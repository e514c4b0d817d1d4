/**
 * The start-up rule: a restore is offered when the database is empty or behind the newest snapshot,
 * never when it is level or ahead; a snapshot is due whenever the database differs from the newest.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../../../shared/contract/transfer-calls';
import type { LocalState } from '../../db/transfer';
import { restoreOffer, snapshotIsStale } from './restore-rule';

const snapshot = (over: Partial<SnapshotSummary>): SnapshotSummary => ({
  fileName: `snapshot-${over.createdAt ?? 'x'}.tallydesk`,
  createdAt: '2026-11-29T08:00:00.000Z',
  fromDevice: 'dev-a',
  reason: 'change',
  workbooks: 1,
  meetings: 2,
  ballots: 120,
  lastAuditSeq: 40,
  ...over,
});
const local = (over: Partial<LocalState>): LocalState => ({ deviceId: 'dev-a', workbooks: 1, ballots: 120, lastAuditSeq: 40, ...over });

describe('restoreOffer', () => {
  it('offers the newest snapshot to a wiped profile, whatever order the list is in', () => {
    const older = snapshot({ createdAt: '2026-11-28T08:00:00.000Z', ballots: 60 });
    const newest = snapshot({});
    const offer = restoreOffer(local({ deviceId: 'dev-new', workbooks: 0, ballots: 0, lastAuditSeq: 0 }), [older, newest]);
    expect(offer).toMatchObject({ kind: 'empty', snapshot: { fileName: newest.fileName } });
  });

  it('offers it when this device’s history is shorter than the snapshot’s (a profile copied back from an old backup)', () => {
    expect(restoreOffer(local({ lastAuditSeq: 35, ballots: 100 }), [snapshot({})])).toMatchObject({ kind: 'behind' });
  });

  it('offers it to another profile that holds fewer ballots or workbooks', () => {
    expect(restoreOffer(local({ deviceId: 'dev-b', ballots: 119, lastAuditSeq: 99 }), [snapshot({})])).toMatchObject({ kind: 'behind' });
    expect(restoreOffer(local({ deviceId: 'dev-b', workbooks: 0, ballots: 500 }), [snapshot({})])).toMatchObject({ kind: 'behind' });
  });

  it('does not offer it when the database is level or ahead, or when no snapshot holds work', () => {
    expect(restoreOffer(local({}), [snapshot({})])).toBeNull();
    expect(restoreOffer(local({ lastAuditSeq: 41, ballots: 121 }), [snapshot({})])).toBeNull();
    expect(restoreOffer(local({ deviceId: 'dev-b', ballots: 120 }), [snapshot({})])).toBeNull();
    expect(restoreOffer(local({ workbooks: 0, ballots: 0 }), [])).toBeNull();
    expect(restoreOffer(local({ workbooks: 0, ballots: 0 }), [snapshot({ workbooks: 0, ballots: 0 })])).toBeNull();
  });

  it('never offers the state saved before a restore: it is what the restore replaced', () => {
    const saved = snapshot({ reason: 'before-restore', createdAt: '2026-11-30T08:00:00.000Z', ballots: 900, lastAuditSeq: 400, pinned: true });
    expect(restoreOffer(local({}), [saved, snapshot({})])).toBeNull();
    expect(restoreOffer(local({ workbooks: 0, ballots: 0 }), [saved])).toBeNull();
  });
});

describe('snapshotIsStale', () => {
  it('is due when the database has work no snapshot holds yet', () => {
    expect(snapshotIsStale(local({}), [])).toBe(true);
    expect(snapshotIsStale(local({ lastAuditSeq: 41 }), [snapshot({})])).toBe(true);
    expect(snapshotIsStale(local({ ballots: 121 }), [snapshot({})])).toBe(true);
    expect(snapshotIsStale(local({ deviceId: 'dev-b' }), [snapshot({})])).toBe(true);
  });

  it('is not due when the newest snapshot matches, or when the database is empty', () => {
    expect(snapshotIsStale(local({}), [snapshot({ createdAt: '2026-11-28T08:00:00.000Z', ballots: 1 }), snapshot({})])).toBe(false);
    expect(snapshotIsStale(local({ workbooks: 0, ballots: 0 }), [])).toBe(false);
  });
});
