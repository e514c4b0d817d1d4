/**
 * 分析研判: for each person, what the meetings, interviews and joint review found (flags by the
 * plan's thresholds), and the team's notes on 德、能、勤、绩、廉 with its overall view.
 */
import { editorKeys } from '../../ui/record-editor';
import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { KeyHint } from '../../ui/shortcuts';
import type { PersonConclusion, PersonRecord, WorkbookRecord } from '../../db/records';
import { opinionTallies } from '../../../../shared/domain/interviews';
import type { OpinionTally } from '../../../../shared/domain/interviews';
import { meetingBallots, tallyInputOf } from '../../../../shared/domain/meeting-state';
import { underPlan } from '../../../../shared/domain/plan';
import type { PersonReview } from '../../../../shared/domain/review';
import { peopleReviews } from '../../../../shared/domain/review';
import type { MeetingOutcome } from '../../../../shared/domain/outcome';
import { meetingOutcome } from '../../../../shared/domain/outcome';
import { formatPercent } from '../../../../shared/format/percent';
import { zh } from '../../../../shared/messages/zh-CN';
import { assessmentRepository } from '../../db/assessment-repository';
import { repository } from '../../db/repository';
import { AssessmentNav } from '../../ui/assessment-nav';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';

const t = zh.judgement;
const DIMENSIONS = ['de', 'neng', 'qin', 'ji', 'lian'] as const;

function PersonCard({
  workbook,
  person,
  results,
  review,
  opinions,
  initial,
  onSaved,
}: {
  workbook: WorkbookRecord;
  person: PersonRecord;
  results: { title: string; outcome: MeetingOutcome }[];
  review: PersonReview | null;
  opinions: OpinionTally | null;
  initial: PersonConclusion | undefined;
  onSaved: (text: string) => void;
}) {
  const [draft, setDraft] = useState<PersonConclusion>(
    () => initial ?? { id: `${workbook.id}:${person.id}`, workbookId: workbook.id, personId: person.id, de: '', neng: '', qin: '', ji: '', lian: '', overall: '', createdAt: '', updatedAt: '' },
  );
  const [problem, setProblem] = useState<string | null>(null);
  async function save() {
    try {
      await assessmentRepository.saveConclusion(draft, person.name);
      setProblem(null);
      onSaved(t.saved(person.name));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }
  const onKeyDown = editorKeys(() => void save());
  const flags = [
    // A meeting whose results do not stand gives no 标注; it says why under 测评情况.
    ...results.flatMap(({ title, outcome }) => {
      const candidate = outcome.resultsStand ? outcome.candidates.find((c) => c.name === person.name) : undefined;
      return candidate ? [...candidate.warnings, ...candidate.notes].map((f) => t.meetingItem(title, f.message)) : [];
    }),
    ...(opinions?.flags.map((f) => f.message) ?? []),
  ];
  return (
    <section className="editor-panel" onKeyDown={onKeyDown} data-testid="judgement-person">
      <h2>
        {person.name}
        {review?.status === 'disqualified' ? <span className="badge-disqualified">{zh.review.disqualifiedBadge}</span> : null}
        <span className="muted">{`　${person.proposedPost}`}</span>
      </h2>
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      <dl className="facts">
        <dt>{t.rates}</dt>
        <dd>
          {t.list(
            results.flatMap(({ title, outcome }) => {
              const candidate = outcome.result.candidates.find((c) => c.name === person.name);
              if (!candidate) return [];
              if (!outcome.resultsStand) return [t.meetingItem(title, zh.report.notStanding(zh.export.statusShort[outcome.wording], outcome.statusReasons.join('；')))];
              return [t.meetingItem(title, t.rateItems(candidate.rates.map((r) => t.rateItem(r.name, formatPercent(r.numerator, r.denominator)))))];
            }),
          ) || '—'}
        </dd>
        <dt>{t.interviews}</dt>
        <dd>
          {opinions
            ? t.interviewLine(opinions.agree, opinions.disagree, opinions.other, opinions.approval ? formatPercent(opinions.approval.numerator, opinions.approval.denominator) : '—')
            : '—'}
        </dd>
        <dt>{t.review}</dt>
        <dd data-testid="judgement-review">{review?.summary ?? '—'}</dd>
        <dt>{t.flags}</dt>
        <dd className={flags.length > 0 ? 'lacking' : ''} data-testid="judgement-flags">
          {t.list(flags) || t.noFlags}
        </dd>
      </dl>
      <Form layout="vertical" component="div" className="record-form">
        {DIMENSIONS.map((key) => (
          <Form.Item key={key} label={t.dimensions[key]} htmlFor={`judgement-${person.id}-${key}`}>
            <Input.TextArea
              id={`judgement-${person.id}-${key}`}
              rows={3}
              aria-label={`${person.name}${t.dimensions[key]}`}
              value={draft[key]}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            />
          </Form.Item>
        ))}
        <Form.Item label={t.overall} htmlFor={`judgement-${person.id}-overall`} className="wide">
          <Input.TextArea
            id={`judgement-${person.id}-overall`}
            rows={3}
            aria-label={`${person.name}${t.overall}`}
            value={draft.overall}
            onChange={(e) => setDraft({ ...draft, overall: e.target.value })}
          />
        </Form.Item>
      </Form>
      <Button type="primary" onClick={() => void save()} data-testid="judgement-save">
        {t.save}
        <KeyHint keyName={zh.setupKeys.saveKey} />
      </Button>
    </section>
  );
}

export function JudgementScreen({ workbookId }: { workbookId: string }) {
  const [loaded, reload] = useLoad(async () => {
    const state = await assessmentRepository.load(workbookId);
    if (!state) return null;
    const results: { title: string; outcome: MeetingOutcome }[] = [];
    for (const [m, meeting] of state.meetings.entries()) {
      const context = await repository.loadMeetingContext(meeting.id);
      if (!context) continue;
      const judged = underPlan(context.meeting, state.plan);
      const ballots = meetingBallots(judged, context.rows, context.resolutions);
      results.push({ title: `${m + 1}.${meeting.title}`, outcome: meetingOutcome({ ...tallyInputOf(judged, ballots.counted), groups: judged.groups }) });
    }
    return { state, results };
  }, [workbookId]);
  const [notice, setNotice] = useState<string | null>(null);
  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.workbookMissing}</Notice></Page>;
  const { state, results } = loaded.data;
  const { workbook, plan } = state;
  const reviews = plan ? peopleReviews(plan, workbook.candidates, state.reviews) : null;
  const opinions = plan ? new Map(opinionTallies(plan, workbook.candidates, state.interviews).map((o) => [o.personId, o])) : null;
  return (
    <Page title={t.title} crumbs={[{ label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbookId } }]}>
      <AssessmentNav workbookId={workbookId} current="judgement" />
      {plan ? null : <Notice kind="warning">{zh.plan.noPlan}</Notice>}
      {notice ? (
        <div data-testid="judgement-notice">
          <Notice kind="success">{notice}</Notice>
        </div>
      ) : null}
      {workbook.candidates.map((person) => (
        <PersonCard
          key={`${person.id}-${state.conclusions.find((c) => c.personId === person.id)?.updatedAt ?? ''}`}
          workbook={workbook}
          person={person}
          results={results}
          review={reviews?.get(person.id) ?? null}
          opinions={opinions?.get(person.id) ?? null}
          initial={state.conclusions.find((c) => c.personId === person.id)}
          onSaved={(text) => {
            setNotice(text);
            reload();
          }}
        />
      ))}
    </Page>
  );
}
