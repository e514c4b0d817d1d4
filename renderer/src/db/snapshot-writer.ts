/**
 * Keeps a snapshot file of the whole database no more than a few seconds behind it: every write to
 * IndexedDB (whichever screen makes it) schedules one; writes that come while one is being saved
 * are gathered into the next. The host writes the file atomically and keeps the rolling set.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SnapshotSummary } from '../../../shared/contract/transfer-calls';
import { zh } from '../../../shared/messages/zh-CN';
import { onDatabaseChange } from './database';
import { repository } from './repository';
import { snapshotSource } from './snapshot-source';
import { host } from '../platform/host';
import { failureText } from '../../../shared/domain/result';
import { backupTimeText } from './backup-time';

/**
 * Long enough to gather a burst of ballots into one file (each snapshot copies the whole database,
 * and holds new ballots back while it reads), short enough that with the write itself a change is
 * in a snapshot within 5 s.
 */
export const SNAPSHOT_DELAY_MS = 3000;

export type BackupStatus =
  | { state: 'off' }
  | { state: 'pending' }
  | { state: 'writing' }
  | { state: 'saved'; at: string; fileName: string }
  | { state: 'failed'; message: string };

class SnapshotWriter {
  private status: BackupStatus = { state: 'off' };
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<SnapshotSummary | null> | null = null;
  private dirty = false;
  private unsubscribe: (() => void) | null = null;
  private holds = 0;

  /** Starts watching the database. Until then nothing is written (the start-up check may still restore). */
  start(): void {
    if (this.unsubscribe) return;
    snapshotSource.start();
    this.unsubscribe = onDatabaseChange(() => this.changed());
  }

  /** Stops watching (before a restore replaces the database). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    snapshotSource.stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get running(): boolean {
    return this.unsubscribe !== null;
  }

  current = (): BackupStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(status: BackupStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }

  /**
   * Runs a burst of writes (a merge of many files) and snapshots once when it is over, rather than
   * copying the growing database again and again while it runs.
   */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.holds++;
    try {
      return await work();
    } finally {
      this.holds--;
      if (this.holds === 0 && this.dirty && this.running) void this.write('change');
    }
  }

  /** Something changed: a snapshot follows within SNAPSHOT_DELAY_MS (or right after the one being written). */
  changed(): void {
    this.dirty = true;
    if (this.timer || this.writing || this.holds > 0) return;
    this.set({ state: 'pending' });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write('change');
    }, SNAPSHOT_DELAY_MS);
  }

  /** Writes a snapshot now, after any in progress; resolves with what was written (null: nothing to write, or it failed). */
  async write(reason: SnapshotSummary['reason']): Promise<SnapshotSummary | null> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.writing) await this.writing;
    this.dirty = false;
    this.writing = this.writeOnce(reason);
    const written = await this.writing;
    this.writing = null;
    if (this.dirty && this.running) this.changed();
    return written;
  }

  private async writeOnce(reason: SnapshotSummary['reason']): Promise<SnapshotSummary | null> {
    this.set({ state: 'writing' });
    try {
      // Checked against the file schema and sorted by the host, which refuses anything else.
      const content = await snapshotSource.content();
      // An empty database is never written: it would only push a real snapshot out of the rolling set.
      if (content.workbooks.length === 0 && content.forms.length === 0) {
        this.set({ state: 'off' });
        return null;
      }
      const answer = await host.writeSnapshot({ content, fromDevice: await repository.deviceId(), reason });
      if (!answer.ok) {
        this.set({ state: 'failed', message: failureText(answer) });
        return null;
      }
      this.set({ state: 'saved', at: answer.value.createdAt, fileName: answer.value.fileName });
      return answer.value;
    } catch (error) {
      this.set({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }
}

export const snapshotWriter = new SnapshotWriter();

export function useBackupStatus(): BackupStatus {
  return useSyncExternalStore(snapshotWriter.subscribe, snapshotWriter.current);
}

export function backupStatusText(status: BackupStatus): string {
  const t = zh.ui.backup;
  switch (status.state) {
    case 'off':
      return t.off;
    case 'pending':
      return t.pending;
    case 'writing':
      return t.writing;
    case 'saved':
      return t.saved(new Date(status.at).toLocaleTimeString('zh-CN', { hour12: false }));
    case 'failed':
      return t.failed(status.message);
  }
}

/**
 * The newest snapshot file on disk, asked of the host once per page load (as the snapshots screen
 * asks): after a restart nothing has been written this session, yet the last backup is there. A
 * refusal (a session token from before the host restarted) is kept too: no backup can be written
 * until the page is opened again, and the header must say so rather than 尚未备份.
 */
type OnDisk = { newest: string | null } | { refused: string };
let onDiskAnswer: Promise<OnDisk> | null = null;

function snapshotsOnDisk(): Promise<OnDisk> {
  onDiskAnswer ??= host.listSnapshots().then(
    (listed) => (listed.ok ? { newest: listed.value.snapshots[0]?.createdAt ?? null } : { refused: failureText(listed) }),
    (error: unknown) => ({ refused: error instanceof Error ? error.message : String(error) }),
  );
  return onDiskAnswer;
}

/** The header's indicator: this session's writer, or, before its first write, what is on disk. */
export function useBackupIndicator(): { text: string; state: BackupStatus['state'] } {
  const status = useBackupStatus();
  const [onDisk, setOnDisk] = useState<OnDisk | null>(null);
  const idle = status.state === 'off';
  useEffect(() => {
    if (!idle) return;
    let live = true;
    void snapshotsOnDisk().then((answer) => {
      if (live) setOnDisk(answer);
    });
    return () => {
      live = false;
    };
  }, [idle]);
  if (idle && onDisk) {
    if ('refused' in onDisk) return { text: zh.ui.backup.failed(onDisk.refused), state: 'failed' };
    if (onDisk.newest) return { text: zh.statusViews.backup.lastOnDisk(backupTimeText(onDisk.newest)), state: 'saved' };
  }
  return { text: backupStatusText(status), state: status.state };
}
