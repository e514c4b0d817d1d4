/**
 * The start-up check, once per page load: if IndexedDB is empty or behind the newest snapshot (a
 * wiped profile, a reinstall), a banner offers the restore. Snapshots start being written only
 * after the check, so a wiped profile never pushes the good snapshot out of the rolling set.
 */
import { useEffect, useState } from 'react';
import { Button, Space } from 'antd';
import { zh } from '../../../../shared/messages/zh-CN';
import { workbookTransfer } from '../../db/transfer';
import { host } from '../../platform/host';
import { Notice } from '../../ui/layout';
import type { RestoredNote } from './restore';
import { restoreSnapshot, takeRestoredNote } from './restore';
import type { RestoreOffer } from './restore-rule';
import { restoreOffer, snapshotIsStale } from './restore-rule';
import { snapshotWriter } from '../../db/snapshot-writer';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.snapshots;

let check: Promise<RestoreOffer | null> | null = null;

function startUpCheck(): Promise<RestoreOffer | null> {
  check ??= (async () => {
    const listed = await host.listSnapshots();
    if (!listed.ok) {
      snapshotWriter.start();
      return null;
    }
    const local = await workbookTransfer.localState();
    const offer = restoreOffer(local, listed.value.snapshots);
    if (!offer) {
      snapshotWriter.start();
      if (snapshotIsStale(local, listed.value.snapshots)) snapshotWriter.changed();
    }
    return offer;
  })();
  return check;
}

/** Read once when the page loads: a restore reloads the page and leaves this note for it. */
const restoredNote: RestoredNote | null = takeRestoredNote();

export const formatTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

export function RestoreBanner() {
  const [offer, setOffer] = useState<RestoreOffer | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    void startUpCheck().then((found) => {
      if (live) setOffer(found);
    });
    return () => {
      live = false;
    };
  }, []);

  async function restore(current: RestoreOffer) {
    setBusy(true);
    try {
      await restoreSnapshot(current.snapshot);
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
      setBusy(false);
    }
  }

  async function later(current: RestoreOffer) {
    const kept = await host.keepSnapshot({ fileName: current.snapshot.fileName });
    setOffer(null);
    setMessage(kept.ok ? { kind: 'info', text: t.offerKept } : { kind: 'error', text: failureText(kept) });
    snapshotWriter.start();
  }

  return (
    <div className="app-banners">
      {restoredNote ? (
        <div data-testid="restored-note">
          <Notice kind="success">
            {t.restored(formatTime(restoredNote.createdAt))}
            {restoredNote.savedBefore ? ` ${t.savedBefore(restoredNote.savedBefore)}` : ''}
          </Notice>
        </div>
      ) : null}
      {offer ? (
        <div className="restore-offer" data-testid="restore-offer">
          <Notice kind="warning">
            <p>
              {offer.kind === 'empty'
                ? t.offerEmpty(formatTime(offer.snapshot.createdAt), offer.snapshot.workbooks, offer.snapshot.ballots)
                : t.offerBehind(formatTime(offer.snapshot.createdAt), offer.snapshot.ballots, offer.local.ballots)}
            </p>
            <Space className="actions">
              <Button type="primary" disabled={busy} onClick={() => void restore(offer)}>
                {busy ? t.restoring : t.offerRestore}
              </Button>
              <Button disabled={busy} onClick={() => void later(offer)}>
                {t.offerLater}
              </Button>
            </Space>
          </Notice>
        </div>
      ) : null}
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </div>
  );
}
