/** 快照与恢复: every snapshot kept, what it holds, and a restore for each. */
import { useState } from 'react';
import { Button, Space } from 'antd';
import type { SnapshotSummary } from '../../../../shared/contract/transfer-calls';
import { zh } from '../../../../shared/messages/zh-CN';
import { repository } from '../../db/repository';
import { host } from '../../platform/host';
import { DataTable } from '../../ui/data-table';
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
        <Button onClick={() => void backupNow()} data-testid="backup-now">
          {t.backupNow}
        </Button>
      }
    >
      <p className="muted" data-testid="backup-status-line">
        {backupStatusText(status)}
      </p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {asking ? (
        <div className="restore-offer" data-testid="restore-confirm">
          <Notice kind="warning">
            <p>{t.confirm(formatTime(asking.createdAt), asking.ballots)}</p>
            <Space className="actions">
              <Button type="primary" autoFocus onClick={() => void restore(asking)}>
                {t.restoreLabel(formatTime(asking.createdAt))}
              </Button>
              <Button onClick={() => setAsking(null)}>{zh.ui.cancel}</Button>
            </Space>
          </Notice>
        </div>
      ) : null}
      {loaded.state !== 'ready' ? (
        <LoadingOrError {...loaded} />
      ) : (
        <>
          <p>{t.intro(loaded.data.folder)}</p>
          <DataTable<SnapshotSummary>
            testId="snapshots"
            label={t.title}
            rows={loaded.data.snapshots}
            rowKey={(snapshot) => snapshot.fileName}
            rowAttributes={(snapshot) => ({ title: snapshot.fileName })}
            empty={<span className="muted">{t.none}</span>}
            columns={[
              { key: 'time', title: t.time, render: (snapshot) => formatTime(snapshot.createdAt) },
              { key: 'reason', title: t.reason, render: (snapshot) => `${t.reasonName[snapshot.reason]}${snapshot.pinned ? t.pinned : ''}` },
              { key: 'workbooks', title: t.workbooks, numeric: true, render: (snapshot) => snapshot.workbooks },
              { key: 'meetings', title: t.meetings, numeric: true, render: (snapshot) => snapshot.meetings },
              { key: 'ballots', title: t.ballots, numeric: true, render: (snapshot) => snapshot.ballots },
              { key: 'device', title: t.device, render: (snapshot) => (snapshot.fromDevice === loaded.data.deviceId ? t.thisDevice : snapshot.fromDevice) },
              {
                key: 'restore',
                title: '',
                render: (snapshot) => (
                  <Button size="small" disabled={busy !== null} onClick={() => setAsking(snapshot)}>
                    {busy === snapshot.fileName ? t.restoring : t.restore}
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
    </Page>
  );
}
