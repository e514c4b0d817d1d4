/**
 * 个别谈话: the coverage of the plan's must-interview categories, the opinions on each person (谈话同意率
 * on the plan's basis), the records themselves, and the record sheets printed for signature.
 * Keyboard first: N starts a record, digits choose category and opinions, Ctrl+Enter saves, Esc leaves.
 */
import { EditorButtons, editorKeys } from '../../ui/record-editor';
import { useShortcuts } from '../../ui/shortcuts';
import { useEffect, useMemo, useRef, useState } from 'react';
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
  const first = useRef<HTMLInputElement>(null);
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
      <label>
        {t.interviewee}
        <input ref={first} value={interview.interviewee} onChange={(e) => set({ interviewee: e.target.value })} data-testid="interviewee" />
      </label>
      <div className="field-row">
        <span>{t.category}</span>
        <KeyChoice label={t.category} options={categories} value={interview.category || null} onChange={(v) => set({ category: v ?? '' })} testId="interview-category" />
      </div>
      <label>
        {t.date}
        <input value={interview.date} onChange={(e) => set({ date: e.target.value })} placeholder="YYYY-MM-DD" size={11} data-testid="interview-date" />
      </label>
      <label>
        {t.place}
        <input value={interview.place} onChange={(e) => set({ place: e.target.value })} data-testid="interview-place" />
      </label>
      <label>
        {t.interviewers}
        <input value={interviewersText} onChange={(e) => setInterviewersText(e.target.value)} data-testid="interviewers" />
      </label>
      <label>
        {t.recorder}
        <input value={interview.recorder} onChange={(e) => set({ recorder: e.target.value })} data-testid="recorder" />
      </label>
      <p className="muted">{t.opinionKeys}</p>
      <table className="list-table" data-testid="interview-remarks">
        <thead>
          <tr>
            <th>{zh.export.name}</th>
            <th>{t.opinionHeader}</th>
            <th>{t.strengths}</th>
            <th>{t.weaknesses}</th>
            <th>{t.problemsRaised}</th>
          </tr>
        </thead>
        <tbody>
          {workbook.candidates.map((person) => {
            const remark = remarkOf(interview, person.id);
            return (
              <tr key={person.id}>
                <td>{person.name}</td>
                <td>
                  <KeyChoice<InterviewOpinion>
                    label={`${person.name}${t.opinionHeader}`}
                    options={INTERVIEW_OPINIONS.map((o) => ({ value: o, label: t.opinion[o] }))}
                    value={remark.opinion}
                    clearable
                    onChange={(opinion) => setRemark(person.id, { opinion })}
                    testId="opinion"
                  />
                </td>
                <td>
                  <textarea aria-label={`${person.name}${t.strengths}`} value={remark.strengths} onChange={(e) => setRemark(person.id, { strengths: e.target.value })} />
                </td>
                <td>
                  <textarea aria-label={`${person.name}${t.weaknesses}`} value={remark.weaknesses} onChange={(e) => setRemark(person.id, { weaknesses: e.target.value })} />
                </td>
                <td>
                  <textarea aria-label={`${person.name}${t.problemsRaised}`} value={remark.problems} onChange={(e) => setRemark(person.id, { problems: e.target.value })} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
      <table className="list-table">
        <thead>
          <tr>
            <th>{t.category}</th>
            <th className="num">{t.coverageHeader}</th>
          </tr>
        </thead>
        <tbody>
          {coverage.categories.map((c) => (
            <tr key={c.name} className={c.missing > 0 ? 'lacking' : 'covered'} data-testid="coverage-row" data-missing={c.missing}>
              <td>{c.name}</td>
              <td className="num">{t.coverageLine(c.held, c.minimum)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Tallies({ plan, workbook, interviews }: { plan: AssessmentPlan; workbook: WorkbookRecord; interviews: readonly InterviewRecord[] }) {
  const tallies = opinionTallies(plan, workbook.candidates, interviews);
  return (
    <section>
      <h2>{t.tallies}</h2>
      <table className="list-table" data-testid="opinion-tallies">
        <thead>
          <tr>
            <th>{zh.export.name}</th>
            <th className="num">{t.opinion.agree}</th>
            <th className="num">{t.opinion.disagree}</th>
            <th className="num">{t.opinion.other}</th>
            <th className="num">{t.noOpinion}</th>
            <th className="num">{t.approvalRate}</th>
            <th>{zh.judgement.flags}</th>
          </tr>
        </thead>
        <tbody>
          {tallies.map((tally, i) => (
            <tr key={tally.personId} data-testid="opinion-row">
              <td>{workbook.candidates[i]!.name}</td>
              <td className="num">{tally.agree}</td>
              <td className="num">{tally.disagree}</td>
              <td className="num">{tally.other}</td>
              <td className="num">{tally.silent}</td>
              <td className="num">{tally.approval ? formatPercent(tally.approval.numerator, tally.approval.denominator) : '—'}</td>
              <td className={tally.flags.length > 0 ? 'lacking' : ''}>{zh.judgement.list(tally.flags.map((f) => f.message))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t.basis(zh.plan.approvalText(plan.interviewApproval))}</p>
    </section>
  );
}

export function InterviewsScreen({ workbookId }: { workbookId: string }) {
  const [loaded, reload] = useLoad(() => assessmentRepository.load(workbookId), [workbookId]);
  const [editing, setEditing] = useState<InterviewRecord | null>(null);
  const [last, setLast] = useState<InterviewRecord | null>(null);
  const [notice, setNotice] = useState<ScreenNotice>(null);
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

  async function remove(interview: InterviewRecord) {
    if (!window.confirm(t.removeConfirm(interview.interviewee))) return;
    await assessmentRepository.deleteInterview(interview.id);
    reload();
  }

  return (
    <Page
      title={t.title}
      crumbs={crumbs}
      actions={
        <>
          <button type="button" className="primary" ref={addButton} autoFocus onClick={() => setEditing(blankInterview(workbook, last))} data-testid="interview-add" disabled={editing !== null}>
            {t.add} <kbd>N</kbd>
          </button>
          <button type="button" onClick={() => void print(false)} disabled={live.length === 0} data-testid="interview-print">
            {t.print}
          </button>
          <button type="button" onClick={() => void print(true)} data-testid="interview-print-blank">
            {t.printBlank}
          </button>
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
        {live.length === 0 ? (
          <p className="muted">{t.none}</p>
        ) : (
          <table className="list-table" data-testid="interview-list">
            <thead>
              <tr>
                <th>{t.date}</th>
                <th>{t.interviewee}</th>
                <th>{t.category}</th>
                <th>{t.place}</th>
                <th>{t.interviewersShort}</th>
                <th>{t.recorder}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {live.map((interview) => (
                <tr key={interview.id} data-testid="interview-row">
                  <td>{interview.date}</td>
                  <td>{interview.interviewee}</td>
                  <td>{interview.category}</td>
                  <td>{interview.place}</td>
                  <td>{interview.interviewers.join('、')}</td>
                  <td>{interview.recorder}</td>
                  <td>
                    <button type="button" onClick={() => setEditing(interview)}>
                      {t.edit}
                    </button>{' '}
                    <button type="button" onClick={() => void remove(interview)}>
                      {t.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  );
}
