/** One workbook: its people and its meetings, with the way into each meeting's tally and results. */
import { useState } from 'react';
import { Button, Checkbox, Descriptions, Progress, Space, Tag } from 'antd';
import type { TagProps } from 'antd';
import { zh } from '../../../../shared/messages/zh-CN';
import { finalizeBlockers, meetingBallots, tallyInputOf } from '../../../../shared/domain/meeting-state';
import { meetingOutcome } from '../../../../shared/domain/outcome';
import { underPlan } from '../../../../shared/domain/plan';
import type { MeetingListStatus, MeetingListTone } from './meeting-list-status';
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
import { DataTable } from '../../ui/data-table';
import { useLoad } from '../../ui/use-load';
import { localToday } from '../../ui/dates';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.workbookPage;
const k = zh.setupKeys;

/** The library's tag colours for a meeting's state: an error reads as one at a glance, a confirmed meeting as done. */
const TONE_COLOR: Record<MeetingListTone, TagProps['color']> = { confirmed: 'success', ready: 'warning', progress: 'default', error: 'error' };

/** Ballots entered against ballots returned, as a bar and as the figures; more entered than returned is the error it is. */
function MeetingProgress({ status }: { status: MeetingListStatus }) {
  const { entered, returned } = status.progress;
  const over = entered > returned;
  return (
    <span className="meeting-progress" data-testid="meeting-progress">
      <Progress
        percent={returned > 0 ? Math.round((Math.min(entered, returned) / returned) * 100) : 0}
        status={over || status.tone === 'error' ? 'exception' : status.tone === 'confirmed' ? 'success' : 'normal'}
        showInfo={false}
        size="small"
        aria-label={t.entered}
      />
      {t.enteredOf(entered, returned)}
    </span>
  );
}

function MeetingStatus({ status }: { status: MeetingListStatus }) {
  return (
    <span className="meeting-status" data-testid="meeting-status" data-tone={status.tone}>
      <span role={status.tone === 'error' ? 'alert' : undefined}>
        <Tag color={TONE_COLOR[status.tone]}>{status.text}</Tag>
        {status.reasons.length > 0 ? <span className="meeting-status-reasons">{zh.statusViews.meetingList.reasons(status.reasons)}</span> : null}
      </span>
    </span>
  );
}

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
          <Button type="primary" href={href({ name: 'meeting-new', workbookId: id })} autoFocus={meetings.length === 0}>
            {t.newMeeting}
            <KeyHint keyName={k.newMeetingKey} />
          </Button>
          <Button href={href({ name: 'workbook-edit', id })}>
            {t.edit}
            <KeyHint keyName={k.editWorkbookKey} />
          </Button>
          <Button onClick={() => void exportAll()} data-testid="export-workbook">
            {t.exportAll}
          </Button>
          <Checkbox checked={includeNotes} onChange={(e) => setIncludeNotes(e.target.checked)} data-testid="include-interview-notes">
            {t.includeInterviewNotes}
          </Checkbox>
          <Button onClick={() => setExportingFile(true)} data-testid="export-workbook-file">
            {t.exportFile}
          </Button>
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
      <Descriptions
        className="workbook-facts"
        size="small"
        column={1}
        items={[
          { key: 'team', label: t.team, children: workbook.teamName || '—' },
          { key: 'members', label: t.members, children: workbook.teamMembers.join('、') || '—' },
        ]}
      />

      <section>
        <h2>{t.meetings}</h2>
        {meetings.length === 0 ? (
          <p className="muted">{t.noMeetings}</p>
        ) : (
          <DataTable
            testId="meetings"
            label={t.meetings}
            rows={meetings}
            rowKey={(meeting) => meeting.id}
            columns={[
              {
                key: 'title',
                title: t.meetingTitle,
                render: (meeting, i) => (
                  <a href={href({ name: 'tally', id: meeting.id })} autoFocus={i === meetings.length - 1} data-testid="meeting-link">
                    {meeting.title}
                  </a>
                ),
              },
              { key: 'date', title: t.meetingDate, width: '7.5em', render: (meeting) => meeting.date },
              { key: 'form', title: t.form, render: (meeting) => meeting.form.name },
              { key: 'entered', title: t.entered, render: (_meeting, i) => (statuses[i] ? <MeetingProgress status={statuses[i]} /> : null) },
              { key: 'status', title: zh.statusViews.meetingList.status, render: (_meeting, i) => (statuses[i] ? <MeetingStatus status={statuses[i]} /> : null) },
              {
                key: 'links',
                title: '',
                render: (meeting) => (
                  <Space size="middle" className="meeting-links">
                    <a href={href({ name: 'results', id: meeting.id })}>{t.results}</a>
                    <a href={href({ name: 'meeting-edit', id: meeting.id })}>{meeting.finalized ? zh.statusViews.meetingList.viewMeeting : t.editMeeting}</a>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </section>

      <section>
        <h2>{t.people(workbook.candidates.length)}</h2>
        <DataTable
          testId="people"
          label={t.people(workbook.candidates.length)}
          rows={workbook.candidates}
          rowKey={(person) => person.id}
          columns={[
            { key: 'index', title: zh.export.index, numeric: true, width: '4em', render: (_person, i) => i + 1 },
            {
              key: 'name',
              title: zh.export.name,
              render: (person) => (
                <>
                  {person.name}
                  {reviews?.get(person.id)?.status === 'disqualified' ? <span className="badge-disqualified">{zh.review.disqualifiedBadge}</span> : null}
                </>
              ),
            },
            { key: 'gender', title: zh.ui.workbook.gender, render: (person) => person.gender },
            { key: 'birthDate', title: zh.ui.workbook.birthDate, render: (person) => person.birthDate },
            { key: 'currentPost', title: zh.export.currentPost, render: (person) => person.currentPost },
            { key: 'proposedPost', title: zh.export.proposedPost, render: (person) => person.proposedPost },
            ...(reviews ? [{ key: 'review', title: zh.review.overall, render: (person: (typeof workbook.candidates)[number]) => <span data-testid="person-review">{reviews.get(person.id)?.summary}</span> }] : []),
          ]}
        />
      </section>
    </Page>
  );
}
