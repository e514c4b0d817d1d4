/** One workbook: its people and its meetings, with the way into each meeting's tally and results. */
import { useState } from 'react';
import { zh } from '../../../../shared/messages/zh-CN';
import { meetingBallots } from '../../../../shared/domain/meeting-state';
import { host } from '../../platform/host';
import { workbookExportOf } from '../../../../shared/domain/export-payload';
import { repository } from '../../db/repository';
import { ExportFilePanel } from '../transfer/export-file-panel';
import { href } from '../../router';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';

const t = zh.ui.workbookPage;

export function WorkbookPage({ id }: { id: string }) {
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [exportingFile, setExportingFile] = useState(false);
  const [loaded] = useLoad(async () => {
    const workbook = await repository.getWorkbook(id);
    if (!workbook) return null;
    const meetings = await repository.listMeetings(id);
    const ballotCounts = await Promise.all(meetings.map(async (m) => (await repository.loadBallots(m.id)).length));
    return { workbook, meetings, ballotCounts };
  }, [id]);

  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.workbookMissing}</Notice></Page>;
  const { workbook, meetings, ballotCounts } = loaded.data;

  async function exportAll() {
    const contexts = [];
    for (const meeting of meetings) {
      const context = await repository.loadMeetingContext(meeting.id);
      if (context) contexts.push({ meeting: context.meeting, state: meetingBallots(context.meeting, context.rows, context.resolutions) });
    }
    const d = new Date();
    const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const answer = await host.exportWorkbook(workbookExportOf(workbook, contexts, date));
    setNotice(answer.ok ? { kind: 'success', text: zh.ui.results.exported(answer.value.savedPath) } : { kind: 'error', text: answer.message });
  }

  return (
    <Page
      title={workbook.township + workbook.unit}
      actions={
        <>
          <a className="button primary" href={href({ name: 'meeting-new', workbookId: id })} autoFocus={meetings.length === 0}>
            {t.newMeeting}
          </a>
          <a className="button" href={href({ name: 'workbook-edit', id })}>
            {t.edit}
          </a>
          <button type="button" onClick={() => void exportAll()} data-testid="export-workbook">
            {t.exportAll}
          </button>
          <button type="button" onClick={() => setExportingFile(true)} data-testid="export-workbook-file">
            {t.exportFile}
          </button>
        </>
      }
    >
      {notice ? (
        <div data-testid="export-notice">
          <Notice kind={notice.kind}>{notice.text}</Notice>
        </div>
      ) : null}
      {exportingFile ? (
        <ExportFilePanel
          workbook={workbook}
          onDone={(result) => {
            setExportingFile(false);
            if (result) setNotice(result);
          }}
        />
      ) : null}
      <dl className="facts">
        <dt>{t.team}</dt>
        <dd>{workbook.teamName || '—'}</dd>
        <dt>{t.members}</dt>
        <dd>{workbook.teamMembers.join('、') || '—'}</dd>
      </dl>

      <section>
        <h2>{t.meetings}</h2>
        {meetings.length === 0 ? (
          <p className="muted">{t.noMeetings}</p>
        ) : (
          <table className="list-table">
            <thead>
              <tr>
                <th>{t.meetingTitle}</th>
                <th>{t.meetingDate}</th>
                <th>{t.form}</th>
                <th>{t.entered}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {meetings.map((meeting, i) => (
                <tr key={meeting.id}>
                  <td>
                    <a href={href({ name: 'tally', id: meeting.id })} autoFocus={i === meetings.length - 1} data-testid="meeting-link">
                      {meeting.title}
                    </a>
                  </td>
                  <td>{meeting.date}</td>
                  <td>{meeting.form.name}</td>
                  <td className="num">
                    {t.enteredOf(ballotCounts[i] ?? 0, meeting.counts.returned)}
                  </td>
                  <td>
                    <a href={href({ name: 'results', id: meeting.id })}>{t.results}</a>
                    {' · '}
                    <a href={href({ name: 'meeting-edit', id: meeting.id })}>{t.editMeeting}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section>
        <h2>{t.people(workbook.candidates.length)}</h2>
        <table className="list-table">
          <thead>
            <tr>
              <th>{zh.export.index}</th>
              <th>{zh.export.name}</th>
              <th>{zh.ui.workbook.gender}</th>
              <th>{zh.ui.workbook.birthDate}</th>
              <th>{zh.export.currentPost}</th>
              <th>{zh.export.proposedPost}</th>
            </tr>
          </thead>
          <tbody data-testid="people">
            {workbook.candidates.map((person, i) => (
              <tr key={person.id}>
                <td className="num">{i + 1}</td>
                <td>{person.name}</td>
                <td>{person.gender}</td>
                <td>{person.birthDate}</td>
                <td>{person.currentPost}</td>
                <td>{person.proposedPost}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Page>
  );
}
