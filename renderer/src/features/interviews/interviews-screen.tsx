/**
 * 个别谈话: the coverage of the plan's must-interview categories, the opinions on each person (谈话同意率
 * on the plan's basis), the records themselves, and the record sheets printed for signature.
 * Keyboard first: N starts a record, digits choose category and opinions, Ctrl+Enter saves, Esc leaves.
 */
import { EditorButtons, editorKeys } from '../../ui/record-editor';
import { KeyHint, useShortcuts } from '../../ui/shortcuts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Form, Input, Space } from 'antd';
import type { InputRef } from 'antd';
import { DataTable } from '../../ui/data-table';
import { useConfirmRemoval } from '../../ui/confirm-removal';
import type { InterviewOpinion, InterviewRecord, InterviewRemark, WorkbookRecord } from '../../db/records';
import type { AssessmentPlan } from '../../../../shared/domain/plan';
import { INTERVIEW_OPINIONS, interviewCoverage, liveInterviews, opinionTallies } from '../../../../shared/domain/interviews';
import { interviewPrintOf } from '../../../../shared/report/ledger-payload';
import { formatPercent } from '../../../../shared/format/percent';
import { zh } from '../../../../shared/messages/zh-CN';
import { assessmentRepository } from '../../db/assessment-repository';
import { host } from '../../platform/host';
import { AssessmentNav, NeedsPlan } from '../../ui/assessment-nav';
import { localToday } from '../../ui/dates';
import { KeyChoice } from '../../ui/key-choice';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { failureText } from '../../../../shared/domain/result';

const t = zh.interviews;

type ScreenNotice = { kind: 'success' | 'error'; text: string } | null;

function blankInterview(workbook: WorkbookRecord, previous: InterviewRecord | null): InterviewRecord {
  return {
    id: '',
    workbookId: workbook.id,
    interviewee: '',
    category: '',
    // What a team keeps from one interview to the next: the day, the room, who talks and who writes.
    date: previous?.date ?? localToday(),
    place: previous?.place ?? '',
    interviewers: previous?.interviewers ?? [],
    recorder: previous?.recorder ?? '',
    remarks: [],
    deleted: false,
    createdAt: '',
    updatedAt: '',
  };
}

function remarkOf(interview: InterviewRecord, personId: string): InterviewRemark {
  return interview.remarks.find((r) => r.personId === personId) ?? { personId, opinion: null, strengths: '', weaknesses: '', problems: '' };
}

function InterviewEditor({
  workbook,
  plan,
  initial,
  onSaved,
  onCancel,
}: {
  workbook: WorkbookRecord;
  plan: AssessmentPlan;
  initial: InterviewRecord;
  onSaved: (saved: InterviewRecord) => void;
  onCancel: () => void;
}) {
  const [interview, setInterview] = useState(initial);
  const [interviewersText, setInterviewersText] = useState(initial.interviewers.join('、'));
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<InputRef>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (change: Partial<InterviewRecord>) => setInterview((i) => ({ ...i, ...change }));
  const setRemark = (personId: string, change: Partial<InterviewRemark>) =>
    setInterview((i) => {
      const others = i.remarks.filter((r) => r.personId !== personId);
      return { ...i, remarks: [...others, { ...remarkOf(i, personId), ...change }] };
    });
  const categories = plan.interviewCategories.map((c) => ({ value: c.name, label: c.name }));
  if (interview.category && !categories.some((c) => c.value === interview.category)) categories.push({ value: interview.category, label: interview.category });

  async function save() {
    const order = new Map(workbook.candidates.map((p, i) => [p.id, i]));
    const record: InterviewRecord = {
      ...interview,
      interviewers: interviewersText.split(t.nameSeparators).filter(Boolean),
      // Only what was said is kept: a person nobody spoke about has no remark.
      remarks: interview.remarks
        .filter((r) => order.has(r.personId) && (r.opinion !== null || r.strengths.trim() || r.weaknesses.trim() || r.problems.trim()))
        .sort((a, b) => order.get(a.personId)! - order.get(b.personId)!),
    };
    try {
      const id = await assessmentRepository.saveInterview(record);
      onSaved({ ...record, id });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  const onKeyDown = editorKeys(() => void save(), onCancel);

  return (
    <section className="editor-panel" onKeyDown={onKeyDown} data-testid="interview-editor">
      {problem ? (
        <div data-testid="interview-problem">
          <Notice kind="error">{problem}</Notice>
        </div>
      ) : null}
      <Form layout="vertical" className="record-form" component="div">
        <Form.Item label={t.interviewee} htmlFor="interviewee">
          <Input id="interviewee" ref={first} value={interview.interviewee} onChange={(e) => set({ interviewee: e.target.value })} data-testid="interviewee" />
        </Form.Item>
        <Form.Item label={t.category} className="wide">
          <KeyChoice label={t.category} options={categories} value={interview.category || null} onChange={(v) => set({ category: v ?? '' })} testId="interview-category" />
        </Form.Item>
        <Form.Item label={t.date} htmlFor="interview-date">
          <Input id="interview-date" value={interview.date} onChange={(e) => set({ date: e.target.value })} placeholder="YYYY-MM-DD" style={{ width: '9em' }} data-testid="interview-date" />
        </Form.Item>
        <Form.Item label={t.place} htmlFor="interview-place">
          <Input id="interview-place" value={interview.place} onChange={(e) => set({ place: e.target.value })} data-testid="interview-place" />
        </Form.Item>
        <Form.Item label={t.interviewers} htmlFor="interviewers">
          <Input id="interviewers" value={interviewersText} onChange={(e) => setInterviewersText(e.target.value)} data-testid="interviewers" />
        </Form.Item>
        <Form.Item label={t.recorder} htmlFor="recorder">
          <Input id="recorder" value={interview.recorder} onChange={(e) => set({ recorder: e.target.value })} data-testid="recorder" />
        </Form.Item>
      </Form>
      <p className="muted">{t.opinionKeys}</p>
      <DataTable
        testId="interview-remarks"
        rows={workbook.candidates}
        rowKey={(person) => person.id}
        columns={[
          { key: 'name', title: zh.export.name, width: '7em', render: (person) => person.name },
          {
            key: 'opinion',
            title: t.opinionHeader,
            render: (person) => (
              <KeyChoice<InterviewOpinion>
                label={`${person.name}${t.opinionHeader}`}
                options={INTERVIEW_OPINIONS.map((o) => ({ value: o, label: t.opinion[o] }))}
                value={remarkOf(interview, person.id).opinion}
                clearable
                onChange={(opinion) => setRemark(person.id, { opinion })}
                testId="opinion"
              />
            ),
          },
          ...(['strengths', 'weaknesses', 'problems'] as const).map((field) => ({
            key: field,
            title: t[field === 'problems' ? 'problemsRaised' : field],
            render: (person: WorkbookRecord['candidates'][number]) => (
              <Input.TextArea
                // Fixed rows: autoSize measures with a style attribute, which the CSP refuses (style-src-attr).
                rows={2}
                aria-label={`${person.name}${t[field === 'problems' ? 'problemsRaised' : field]}`}
                value={remarkOf(interview, person.id)[field]}
                onChange={(e) => setRemark(person.id, { [field]: e.target.value })}
              />
            ),
          })),
        ]}
      />
      <EditorButtons saveLabel={t.save} onSave={() => void save()} onCancel={onCancel} saveTestId="interview-save" />
    </section>
  );
}

function Coverage({ plan, interviews }: { plan: AssessmentPlan; interviews: readonly InterviewRecord[] }) {
  const coverage = interviewCoverage(plan, interviews);
  return (
    <section data-testid="coverage">
      <h2>{t.coverage}</h2>
      <p className={coverage.lacking.length > 0 ? 'lacking' : 'covered'} data-testid="coverage-summary">
        {coverage.lacking.length > 0 ? t.lacking(coverage.lacking.map((c) => c.name)) : t.allCovered}
        {'　'}
        {t.total(coverage.total)}
        {coverage.outsidePlan > 0 ? `　${t.outsidePlan(coverage.outsidePlan)}` : ''}
      </p>
      <DataTable
        rows={coverage.categories}
        rowKey={(c) => c.name}
        rowTestId="coverage-row"
        rowAttributes={(c) => ({ className: c.missing > 0 ? 'lacking' : 'covered', 'data-missing': c.missing })}
        columns={[
          { key: 'category', title: t.category, render: (c) => c.name },
          { key: 'coverage', title: t.coverageHeader, numeric: true, render: (c) => t.coverageLine(c.held, c.minimum) },
        ]}
      />
    </section>
  );
}

function Tallies({ plan, workbook, interviews }: { plan: AssessmentPlan; workbook: WorkbookRecord; interviews: readonly InterviewRecord[] }) {
  const tallies = opinionTallies(plan, workbook.candidates, interviews);
  return (
    <section>
      <h2>{t.tallies}</h2>
      <DataTable
        testId="opinion-tallies"
        rows={tallies}
        rowKey={(tally) => tally.personId}
        rowTestId="opinion-row"
        columns={[
          { key: 'name', title: zh.export.name, render: (_tally, i) => workbook.candidates[i]!.name },
          { key: 'agree', title: t.opinion.agree, numeric: true, render: (tally) => tally.agree },
          { key: 'disagree', title: t.opinion.disagree, numeric: true, render: (tally) => tally.disagree },
          { key: 'other', title: t.opinion.other, numeric: true, render: (tally) => tally.other },
          { key: 'silent', title: t.noOpinion, numeric: true, render: (tally) => tally.silent },
          { key: 'approval', title: t.approvalRate, numeric: true, render: (tally) => (tally.approval ? formatPercent(tally.approval.numerator, tally.approval.denominator) : '—') },
          {
            key: 'flags',
            title: zh.judgement.flags,
            render: (tally) => <span className={tally.flags.length > 0 ? 'lacking' : ''}>{zh.judgement.list(tally.flags.map((f) => f.message))}</span>,
          },
        ]}
      />
      <p className="muted">{t.basis(zh.plan.approvalText(plan.interviewApproval))}</p>
    </section>
  );
}

export function InterviewsScreen({ workbookId }: { workbookId: string }) {
  const [loaded, reload] = useLoad(() => assessmentRepository.load(workbookId), [workbookId]);
  const [editing, setEditing] = useState<InterviewRecord | null>(null);
  const [last, setLast] = useState<InterviewRecord | null>(null);
  const [notice, setNotice] = useState<ScreenNotice>(null);
  const confirmRemoval = useConfirmRemoval();
  const addButton = useRef<HTMLButtonElement>(null);
  // Back from the editor (saved or left), the next record is one N or Enter away.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && editing === null) addButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);
  const state = loaded.state === 'ready' ? loaded.data : null;
  const live = useMemo(() => (state ? liveInterviews(state.interviews) : []), [state]);

  useShortcuts({ n: () => state && setEditing(blankInterview(state.workbook, last)) }, editing === null && Boolean(state?.plan));

  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.workbookMissing}</Notice></Page>;
  const { workbook, plan } = loaded.data;
  const crumbs = [{ label: workbook.township + workbook.unit, route: { name: 'workbook' as const, id: workbookId } }];
  if (!plan) {
    return (
      <Page title={t.title} crumbs={crumbs}>
        <AssessmentNav workbookId={workbookId} current="interviews" />
        <NeedsPlan workbookId={workbookId} />
      </Page>
    );
  }

  async function print(blank: boolean) {
    const answer = await host.printInterviews(interviewPrintOf(workbook, live, blank ? 10 : 0));
    setNotice(answer.ok ? { kind: 'success', text: zh.ui.results.exported(answer.value.savedPath) } : { kind: 'error', text: failureText(answer) });
  }

  function remove(interview: InterviewRecord) {
    confirmRemoval(t.removeConfirm(interview.interviewee), t.remove, async () => {
      await assessmentRepository.deleteInterview(interview.id);
      reload();
    });
  }

  return (
    <Page
      title={t.title}
      crumbs={crumbs}
      actions={
        <>
          <Button type="primary" ref={addButton} autoFocus onClick={() => setEditing(blankInterview(workbook, last))} data-testid="interview-add" disabled={editing !== null}>
            {t.add}
            <KeyHint keyName="N" />
          </Button>
          <Button onClick={() => void print(false)} disabled={live.length === 0} data-testid="interview-print">
            {t.print}
          </Button>
          <Button onClick={() => void print(true)} data-testid="interview-print-blank">
            {t.printBlank}
          </Button>
        </>
      }
    >
      <AssessmentNav workbookId={workbookId} current="interviews" />
      <p className="muted">{t.confidential}</p>
      {notice ? (
        <div data-testid="interview-notice">
          <Notice kind={notice.kind}>{notice.text}</Notice>
        </div>
      ) : null}
      {editing ? (
        <InterviewEditor
          key={editing.id || 'new'}
          workbook={workbook}
          plan={plan}
          initial={editing}
          onSaved={(saved) => {
            setEditing(null);
            setLast(saved);
            setNotice({ kind: 'success', text: t.saved(saved.interviewee) });
            reload();
          }}
          onCancel={() => {
            setEditing(null);
          }}
        />
      ) : null}
      <Coverage plan={plan} interviews={loaded.data.interviews} />
      <Tallies plan={plan} workbook={workbook} interviews={loaded.data.interviews} />
      <section>
        <h2>{t.title}</h2>
        <DataTable
          testId="interview-list"
          rows={live}
          rowKey={(interview) => interview.id}
          rowTestId="interview-row"
          empty={t.none}
          columns={[
            { key: 'date', title: t.date, render: (i) => i.date },
            { key: 'interviewee', title: t.interviewee, render: (i) => i.interviewee },
            { key: 'category', title: t.category, render: (i) => i.category },
            { key: 'place', title: t.place, render: (i) => i.place },
            { key: 'interviewers', title: t.interviewersShort, render: (i) => i.interviewers.join('、') },
            { key: 'recorder', title: t.recorder, render: (i) => i.recorder },
            {
              key: 'actions',
              title: '',
              render: (interview) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(interview)}>
                    {t.edit}
                  </Button>
                  <Button size="small" danger onClick={() => remove(interview)}>
                    {t.remove}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </section>
    </Page>
  );
}
