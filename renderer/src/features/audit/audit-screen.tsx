/**
 * The audit log (操作日志): every change on this computer, newest first, with the result of checking
 * its hash chain. An entry edited or removed behind the app's back (in IndexedDB directly) shows here.
 */
import { useState } from 'react';
import { zh } from '../../../../shared/messages/zh-CN';
import { db } from '../../db/database';
import type { AuditLog } from '../../db/repository';
import { repository } from '../../db/repository';
import { host } from '../../platform/host';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.audit;

interface Names {
  units: Map<string, string>;
  meetings: Map<string, string>;
}

async function loadLog(): Promise<{ log: AuditLog; names: Names }> {
  const [log, workbooks, meetings] = await Promise.all([repository.loadAudit(), db.workbooks.toArray(), db.meetings.toArray()]);
  return {
    log,
    names: {
      units: new Map(workbooks.map((w) => [w.id, w.township + w.unit])),
      meetings: new Map(meetings.map((m) => [m.id, m.title])),
    },
  };
}

export function AuditScreen() {
  const [loaded] = useLoad(loadLog, []);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  const { log, names } = loaded.data;
  const entries = [...log.entries].reverse();

  async function exportLog() {
    const answer = await host.exportAuditLog({
      scope: t.scopeAll,
      entries: log.entries.map((e) => ({
        seq: e.seq,
        at: new Date(e.at).toLocaleString('zh-CN'),
        action: t.actionName[e.action] ?? e.action,
        unit: names.units.get(e.workbookId) ?? '',
        meeting: e.meetingId ? (names.meetings.get(e.meetingId) ?? '') : '',
        detail: e.detail,
        deviceId: e.deviceId,
        hash: e.hash,
      })),
      problems: log.problems.map((p) => p.message),
    });
    setNotice(answer.ok ? { kind: 'success', text: zh.ui.results.exported(answer.value.savedPath) } : { kind: 'error', text: failureText(answer) });
  }

  return (
    <Page
      title={t.title}
      actions={
        <button type="button" className="primary" onClick={() => void exportLog()} data-testid="export-audit">
          {t.export}
        </button>
      }
    >
      <div data-testid="audit-status" data-intact={log.problems.length === 0}>
        {log.problems.length === 0 ? (
          <Notice kind="success">{t.intact(log.entries.length)}</Notice>
        ) : (
          <Notice kind="error">
            <strong>{t.broken}</strong>
            <ul>
              {log.problems.map((p) => (
                <li key={`${p.kind}-${p.seq}`}>{p.message}</li>
              ))}
            </ul>
          </Notice>
        )}
      </div>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <table className="list-table" data-testid="audit-entries">
        <thead>
          <tr>
            <th>{zh.auditExport.seq}</th>
            <th>{zh.auditExport.at}</th>
            <th>{zh.auditExport.unit}</th>
            <th>{zh.auditExport.meeting}</th>
            <th>{zh.auditExport.detail}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const problem = log.problems.find((p) => p.seq === e.seq);
            return (
              <tr key={e.seq} data-seq={e.seq} className={problem ? 'audit-problem' : ''}>
                <td className="num">{e.seq}</td>
                <td>{new Date(e.at).toLocaleString('zh-CN')}</td>
                <td>{names.units.get(e.workbookId) ?? ''}</td>
                <td>{e.meetingId ? (names.meetings.get(e.meetingId) ?? '') : ''}</td>
                <td>
                  {e.detail}
                  {problem ? <span className="flag flag-serious">{problem.message}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Page>
  );
}
