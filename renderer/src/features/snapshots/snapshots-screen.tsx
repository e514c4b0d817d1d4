/** 快照与恢复: every snapshot kept, what it holds, and a restore for each. */
import { useState } from 'react';
import type { SnapshotSummary } from '../../../../shared/contract/transfer-calls';
import { zh } from '../../../../shared/messages/zh-CN';
import { repository } from '../../db/repository';
import { host } from '../../platform/host';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { formatTime } from './restore-banner';
import { restoreSnapshot } from './restore';
import { backupStatusText, snapshotWriter, useBackupStatus } from '../../db/snapshot-writer';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.snapshots;

export function SnapshotsScreen() {
  const status = useBackupStatus();
  const [loaded, reload] = useLoad(async () => {
    const listed = await host.listSnapshots();
    if (!listed.ok) throw new Error(failureText(listed));
    return { ...listed.value, deviceId: await repository.deviceId() };
  }, []);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<SnapshotSummary | null>(null);

  async function restore(snapshot: SnapshotSummary) {
    setAsking(null);
    setBusy(snapshot.fileName);
    setError(null);
    try {
      await restoreSnapshot(snapshot);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(null);
    }
  }

  async function backupNow() {
    await snapshotWriter.write('change');
    reload();
  }

  return (
    <Page
      title={t.title}
      actions={
        <button type="button" onClick={() => void backupNow()} data-testid="backup-now">
          {t.backupNow}
        </button>
      }
    >
      <p className="muted" data-testid="backup-status-line">
        {backupStatusText(status)}
      </p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {asking ? (
        <div data-testid="restore-confirm">
          <Notice kind="warning">
            <p>{t.confirm(formatTime(asking.createdAt), asking.ballots)}</p>
            <div className="actions">
              <button type="button" className="primary" autoFocus onClick={() => void restore(asking)}>
                {t.restoreLabel(formatTime(asking.createdAt))}
              </button>
              <button type="button" onClick={() => setAsking(null)}>
                {zh.ui.cancel}
              </button>
            </div>
          </Notice>
        </div>
      ) : null}
      {loaded.state !== 'ready' ? (
        <LoadingOrError {...loaded} />
      ) : (
        <>
          <p>{t.intro(loaded.data.folder)}</p>
          {loaded.data.snapshots.length === 0 ? (
            <p className="muted">{t.none}</p>
          ) : (
            <table className="list-table" data-testid="snapshots">
              <thead>
                <tr>
                  <th>{t.time}</th>
                  <th>{t.reason}</th>
                  <th>{t.workbooks}</th>
                  <th>{t.meetings}</th>
                  <th>{t.ballots}</th>
                  <th>{t.device}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {loaded.data.snapshots.map((snapshot) => (
                  <tr key={snapshot.fileName} title={snapshot.fileName}>
                    <td>{formatTime(snapshot.createdAt)}</td>
                    <td>
                      {t.reasonName[snapshot.reason]}
                      {snapshot.pinned ? t.pinned : ''}
                    </td>
                    <td className="num">{snapshot.workbooks}</td>
                    <td className="num">{snapshot.meetings}</td>
                    <td className="num">{snapshot.ballots}</td>
                    <td>{snapshot.fromDevice === loaded.data.deviceId ? t.thisDevice : snapshot.fromDevice}</td>
                    <td>
                      <button
                        type="button"
                        disabled={busy !== null}
                        onClick={() => setAsking(snapshot)}
                      >
                        {busy === snapshot.fileName ? t.restoring : t.restore}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Page>
  );
}
