/** One workbook: its people and its meetings, with the way into each meeting's tally and results. */
import { useState } from 'react';
import { zh } from '../../../../shared/messages/zh-CN';
import { finalizeBlockers, meetingBallots, tallyInputOf } from '../../../../shared/domain/meeting-state';
import { meetingOutcome } from '../../../../shared/domain/outcome';
import { underPlan } from '../../../../shared/domain/plan';
import { meetingListStatus } from './meeting-list-status';
import './meeting-list-status.css';
import { host } from '../../platform/host';
import { workbookExportOf } from '../../../../shared/report/export-payload';
import { repository } from '../../db/repository';
import { assessmentRepository } from '../../db/assessment-repository';
import { peopleReviews } from '../../../../shared/domain/review';
import { AssessmentNav } from '../../ui/assessment-nav';
import { ExportFilePanel } from '../../ui/export-file-panel';
import { href, navigate } from '../../router';
import { KeyHint, useShortcuts } from '../../ui/shortcuts';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { localToday } from '../../ui/dates';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.workbookPage;
const k = zh.setupKeys;

export function WorkbookPage({ id }: { id: string }) {
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [exportingFile, setExportingFile] = useState(false);
  const [includeNotes, setIncludeNotes] = useState(false);
  const [loaded] = useLoad(async () => {
    const assessment = await assessmentRepository.load(id);
    if (!assessment) return null;
    const { workbook, meetings } = assessment;
    // Each meeting's status as its results screen works it out: under the plan, from the ballots that count.
    const statuses = await Promise.all(
      meetings.map(async (m) => {
        const context = await repository.loadMeetingContext(m.id);
        if (!context) return null;
        const judged = underPlan(context.meeting, context.plan ?? undefined);
        const ballots = meetingBallots(judged, context.rows, context.resolutions);
        const outcome = meetingOutcome({ ...tallyInputOf(judged, ballots.counted), groups: judged.groups });
        // No waiver yet: one is given, with its reason, only when confirming on the results page.
        return meetingListStatus(judged, outcome, finalizeBlockers(judged, outcome.result, ballots, null));
      }),
    );
    return { workbook, meetings, statuses, assessment };
  }, [id]);
  // Single keys for the page's two main ways on; not while typing (the shared hook sees to that).
  useShortcuts({
    [k.newMeetingKey]: () => navigate({ name: 'meeting-new', workbookId: id }),
    [k.editWorkbookKey]: () => navigate({ name: 'workbook-edit', id }),
  });

  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.workbookMissing}</Notice></Page>;
  const { workbook, meetings, statuses, assessment } = loaded.data;
  const reviews = assessment.plan ? peopleReviews(assessment.plan, workbook.candidates, assessment.reviews) : null;

  async function exportAll() {
    const contexts = [];
    for (const meeting of meetings) {
      const context = await repository.loadMeetingContext(meeting.id);
      if (context) contexts.push({ meeting: context.meeting, state: meetingBallots(context.meeting, context.rows, context.resolutions) });
    }
    const date = localToday();
    const answer = await host.exportWorkbook(
      workbookExportOf(workbook, contexts, date, {
        plan: assessment.plan,
        interviews: assessment.interviews,
        reviews: assessment.reviews,
        conclusions: assessment.conclusions,
        includeInterviewNotes: includeNotes,
      }),
    );
    setNotice(
      answer.ok
        ? { kind: 'success', text: `${zh.ui.results.exported(answer.value.savedPath)}${answer.value.companion ? zh.ui.workbookPage.notesApart(answer.value.companion.savedPath) : ''}` }
        : { kind: 'error', text: failureText(answer) },
    );
  }

  return (
    <Page
      title={workbook.township + workbook.unit}
      actions={
        <>
          <a className="button primary" href={href({ name: 'meeting-new', workbookId: id })} autoFocus={meetings.length === 0}>
            {t.newMeeting}
            <KeyHint keyName={k.newMeetingKey} />
          </a>
          <a className="button" href={href({ name: 'workbook-edit', id })}>
            {t.edit}
            <KeyHint keyName={k.editWorkbookKey} />
          </a>
          <button type="button" onClick={() => void exportAll()} data-testid="export-workbook">
            {t.exportAll}
          </button>
          <label className="inline-option">
            <input type="checkbox" checked={includeNotes} onChange={(e) => setIncludeNotes(e.target.checked)} data-testid="include-interview-notes" />
            {t.includeInterviewNotes}
          </label>
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
      <AssessmentNav workbookId={id} />
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
                <th>{zh.statusViews.meetingList.status}</th>
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
                  <td className="num" data-testid="meeting-progress">
                    {statuses[i] ? t.enteredOf(statuses[i].progress.entered, statuses[i].progress.returned) : null}
                  </td>
                  <td data-testid="meeting-status">
                    {statuses[i] ? (
                      <span className={`meeting-status meeting-status-${statuses[i].tone}`} role={statuses[i].tone === 'error' ? 'alert' : undefined}>
                        {statuses[i].text}
                        {statuses[i].reasons.length > 0 ? <span className="meeting-status-reasons">{zh.statusViews.meetingList.reasons(statuses[i].reasons)}</span> : null}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <a href={href({ name: 'results', id: meeting.id })}>{t.results}</a>
                    {' · '}
                    <a href={href({ name: 'meeting-edit', id: meeting.id })}>{meeting.finalized ? zh.statusViews.meetingList.viewMeeting : t.editMeeting}</a>
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
              {reviews ? <th>{zh.review.overall}</th> : null}
            </tr>
          </thead>
          <tbody data-testid="people">
            {workbook.candidates.map((person, i) => (
              <tr key={person.id}>
                <td className="num">{i + 1}</td>
                <td>
                  {person.name}
                  {reviews?.get(person.id)?.status === 'disqualified' ? <span className="badge-disqualified">{zh.review.disqualifiedBadge}</span> : null}
                </td>
                <td>{person.gender}</td>
                <td>{person.birthDate}</td>
                <td>{person.currentPost}</td>
                <td>{person.proposedPost}</td>
                {reviews ? <td data-testid="person-review">{reviews.get(person.id)?.summary}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Page>
  );
}
