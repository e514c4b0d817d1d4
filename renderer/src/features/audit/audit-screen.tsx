/**
 * The audit log (操作日志): every change on this computer, newest first, with the result of checking
 * its hash chain. An entry edited or removed behind the app's back (in IndexedDB directly) shows here.
 * It can be narrowed to one meeting and one kind of change; a correction shows the key that opened
 * the ballot and each mark it changed, before and after.
 */
import { useState } from 'react';
import { Button, Form, Select } from 'antd';
import { zh } from '../../../../shared/messages/zh-CN';
import { db } from '../../db/database';
import type { AuditEntry, MeetingRecord } from '../../db/records';
import type { AuditLog } from '../../db/repository';
import { repository } from '../../db/repository';
import { host } from '../../platform/host';
import { DataTable } from '../../ui/data-table';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { failureText } from '../../../../shared/domain/result';
import { entryItems, markLabel } from '../../ballot-entry/ballot-view';

const t = zh.ui.audit;
const h = zh.meetingHall.audit;
const NO_MEETING = '\u0000none';

interface Names {
  units: Map<string, string>;
  meetings: Map<string, string>;
  records: Map<string, MeetingRecord>;
}

async function loadLog(): Promise<{ log: AuditLog; names: Names }> {
  const [log, workbooks, meetings] = await Promise.all([repository.loadAudit(), db.workbooks.toArray(), db.meetings.toArray()]);
  return {
    log,
    names: {
      units: new Map(workbooks.map((w) => [w.id, w.township + w.unit])),
      meetings: new Map(meetings.map((m) => [m.id, m.title])),
      records: new Map(meetings.map((m) => [m.id, m])),
    },
  };
}

/** A correction in words: the key that opened the ballot, then each item whose mark changed (名单 as the meeting has it). */
function correctionDetails(entry: AuditEntry, meeting: MeetingRecord | undefined): string[] {
  const correction = entry.correction;
  if (!correction) return [];
  const items = meeting ? entryItems(meeting.form, meeting.candidates.map((c) => c.name)) : [];
  const changes: string[] = [];
  for (let item = 0; item < Math.max(correction.before.length, correction.after.length); item++) {
    const before = correction.before[item];
    const after = correction.after[item];
    if (before === after) continue;
    const entryItem = items[item];
    const name = entryItem ? `${entryItem.candidateName}${entryItem.questionLabel ? `·${entryItem.questionLabel}` : ''}` : String(item + 1);
    const label = (mark: number | undefined) => (mark === undefined ? '' : meeting ? markLabel(meeting.form, item, mark) : String(mark));
    changes.push(h.change(name, label(before), label(after)));
  }
  return [h.openedBy[correction.openedBy], ...(changes.length > 0 ? changes : [h.unchanged])];
}

function FilterChoice({
  label,
  value,
  onChange,
  options,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  testId: string;
}) {
  return (
    <Form.Item label={label} htmlFor={testId}>
      <Select<string>
        id={testId}
        className="audit-filter"
        // A meeting's name is a unit and a title: shown in full in the list, never cut.
        popupMatchSelectWidth={false}
        value={value}
        onChange={onChange}
        options={options.map((o) => ({ value: o.value, label: o.label }))}
        data-testid={testId}
      />
    </Form.Item>
  );
}

export function AuditScreen() {
  const [loaded] = useLoad(loadLog, []);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  // '' is every meeting (or kind); NO_MEETING the entries that belong to none (workbooks, forms, plans).
  const [meetingFilter, setMeetingFilter] = useState('');
  const [kindFilter, setKindFilter] = useState('');
  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  const { log, names } = loaded.data;
  const entries = [...log.entries]
    .reverse()
    .filter((e) => meetingFilter === '' || (meetingFilter === NO_MEETING ? e.meetingId === null : e.meetingId === meetingFilter))
    .filter((e) => kindFilter === '' || e.action === kindFilter);
  const problemOf = (e: AuditEntry) => log.problems.find((p) => p.seq === e.seq);
  const meetingsInLog = [...new Set(log.entries.flatMap((e) => (e.meetingId ? [e.meetingId] : [])))];
  const kindsInLog = [...new Set(log.entries.map((e) => e.action))];
  const meetingName = (id: string) => {
    const meeting = names.records.get(id);
    return meeting ? `${names.units.get(meeting.workbookId) ?? ''} ${meeting.title}` : id;
  };

  async function exportLog() {
    const answer = await host.exportAuditLog({
      scope: t.scopeAll,
      entries: log.entries.map((e) => ({
        seq: e.seq,
        at: new Date(e.at).toLocaleString('zh-CN'),
        action: t.actionName[e.action] ?? e.action,
        unit: names.units.get(e.workbookId) ?? '',
        meeting: e.meetingId ? (names.meetings.get(e.meetingId) ?? '') : '',
        detail: [e.detail, ...correctionDetails(e, e.meetingId ? names.records.get(e.meetingId) : undefined)].join('；'),
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
        <Button type="primary" onClick={() => void exportLog()} data-testid="export-audit">
          {t.export}
        </Button>
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
      <Form layout="inline" component="div" className="toolbar audit-filters" data-testid="audit-filters">
        <FilterChoice
          label={h.meetingFilter}
          value={meetingFilter}
          onChange={setMeetingFilter}
          options={[
            { value: '', label: h.allMeetings },
            ...meetingsInLog.map((id) => ({ value: id, label: meetingName(id) })),
            { value: NO_MEETING, label: h.noMeeting },
          ]}
          testId="audit-meeting-filter"
        />
        <FilterChoice
          label={h.kindFilter}
          value={kindFilter}
          onChange={setKindFilter}
          options={[{ value: '', label: h.allKinds }, ...kindsInLog.map((kind) => ({ value: kind, label: t.actionName[kind] ?? kind }))]}
          testId="audit-kind-filter"
        />
        <Form.Item>
          <span className="muted" data-testid="audit-shown">
            {h.shown(entries.length, log.entries.length)}
          </span>
        </Form.Item>
      </Form>
      <DataTable<AuditEntry>
        testId="audit-entries"
        label={t.title}
        rows={entries}
        rowKey={(e) => String(e.seq)}
        rowAttributes={(e) => ({ 'data-seq': e.seq, 'data-action': e.action, className: problemOf(e) ? 'audit-problem' : '' })}
        columns={[
          { key: 'seq', title: zh.auditExport.seq, numeric: true, render: (e) => e.seq },
          { key: 'at', title: zh.auditExport.at, render: (e) => new Date(e.at).toLocaleString('zh-CN') },
          { key: 'unit', title: zh.auditExport.unit, render: (e) => names.units.get(e.workbookId) ?? '' },
          { key: 'meeting', title: zh.auditExport.meeting, render: (e) => (e.meetingId ? (names.meetings.get(e.meetingId) ?? '') : '') },
          { key: 'action', title: zh.auditExport.action, render: (e) => t.actionName[e.action] ?? e.action },
          {
            key: 'detail',
            title: zh.auditExport.detail,
            render: (e) => {
              const problem = problemOf(e);
              return (
                <>
                  {e.detail}
                  {e.correction ? (
                    <ul className="audit-details" data-testid="audit-correction">
                      {correctionDetails(e, e.meetingId ? names.records.get(e.meetingId) : undefined).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  ) : null}
                  {problem ? <span className="flag flag-serious">{problem.message}</span> : null}
                </>
              );
            },
          },
        ]}
      />
    </Page>
  );
}
