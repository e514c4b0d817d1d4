/**
 * 资格联审: a person × department matrix. Arrow keys move between cells; 1/2/3 give the conclusion
 * straight away (with the last 经办人 of that department); Enter opens the cell to record the date,
 * the negative-list items found, the decision on a 不宜 item and a note. A 不能 item found marks the
 * person disqualified here, on the workbook page, in the 一览表 and in the ledger.
 */
import type { KeyboardEvent } from 'react';
import { EditorButtons, editorKeys } from '../../ui/record-editor';
import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, Form, Input } from 'antd';
import type { PersonRecord, ReviewConclusion, ReviewEntry, WorkbookRecord } from '../../db/records';
import type { AssessmentPlan } from '../../../../shared/domain/plan';
import { hitCounts, peopleReviews, reviewEntryId } from '../../../../shared/domain/review';
import { reviewLedgerOf } from '../../../../shared/report/ledger-payload';
import { zh } from '../../../../shared/messages/zh-CN';
import { assessmentRepository } from '../../db/assessment-repository';
import { host } from '../../platform/host';
import { AssessmentNav, NeedsPlan } from '../../ui/assessment-nav';
import { localToday } from '../../ui/dates';
import { KeyChoice } from '../../ui/key-choice';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { failureText } from '../../../../shared/domain/result';

const t = zh.review;
const CONCLUSIONS: ReviewConclusion[] = ['pass', 'issue', 'recheck'];

function draftEntry(workbook: WorkbookRecord, person: PersonRecord, department: string, existing: ReviewEntry | undefined, responsible: string): ReviewEntry {
  return (
    existing ?? {
      id: reviewEntryId(workbook.id, person.id, department),
      workbookId: workbook.id,
      personId: person.id,
      department,
      conclusion: 'pass',
      date: localToday(),
      responsible,
      note: '',
      hits: [],
      decision: '',
      createdAt: '',
      updatedAt: '',
    }
  );
}

function EntryEditor({
  plan,
  person,
  initial,
  onSave,
  onCancel,
  needsResponsible = false,
}: {
  plan: AssessmentPlan;
  person: PersonRecord;
  initial: ReviewEntry;
  onSave: (entry: ReviewEntry) => Promise<string | null>;
  onCancel: () => void;
  /** Opened by 1/2/3 with no 经办人 to reuse: the conclusion is set, the 经办人 is what is missing. */
  needsResponsible?: boolean;
}) {
  const [entry, setEntry] = useState(initial);
  const [problem, setProblem] = useState<string | null>(needsResponsible ? zh.setupKeys.reviewNeedsResponsible : null);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.querySelector<HTMLElement>(needsResponsible ? '[data-testid="review-responsible"]' : '[role="radiogroup"]')?.focus(), [needsResponsible]);
  const set = (change: Partial<ReviewEntry>) => setEntry((e) => ({ ...e, ...change }));
  const hitOf = (itemId: string) => entry.hits.find((h) => h.itemId === itemId);
  const toggle = (item: AssessmentPlan['negativeList'][number], on: boolean) =>
    set({
      hits: on ? [...entry.hits, { itemId: item.id, kind: item.kind, text: item.text, eventMonth: '' }] : entry.hits.filter((h) => h.itemId !== item.id),
      ...(on && entry.conclusion === 'pass' ? { conclusion: 'issue' as const } : {}),
    });
  const setMonth = (itemId: string, eventMonth: string) => set({ hits: entry.hits.map((h) => (h.itemId === itemId ? { ...h, eventMonth } : h)) });
  // Items of an older plan stay listed with what was found.
  const items = [...plan.negativeList, ...entry.hits.filter((h) => !plan.negativeList.some((n) => n.id === h.itemId)).map((h) => ({ id: h.itemId, kind: h.kind, text: h.text, windowYears: null }))];

  async function save() {
    const message = await onSave(entry);
    setProblem(message);
  }
  const onKeyDown = editorKeys(() => void save(), onCancel);
  return (
    <section className="editor-panel" ref={first} onKeyDown={onKeyDown} data-testid="review-editor">
      <h3>{`${person.name} / ${entry.department}`}</h3>
      {problem ? (
        <div data-testid="review-problem">
          <Notice kind="error">{problem}</Notice>
        </div>
      ) : null}
      <Form layout="vertical" component="div" className="record-form">
        <Form.Item label={t.conclusionKeys} className="wide">
          <KeyChoice label={t.overall} options={CONCLUSIONS.map((c) => ({ value: c, label: t.conclusion[c] }))} value={entry.conclusion} onChange={(c) => c && set({ conclusion: c })} testId="review-conclusion" />
        </Form.Item>
        <Form.Item label={t.date} htmlFor="review-date">
          <Input id="review-date" value={entry.date} onChange={(e) => set({ date: e.target.value })} style={{ width: '9em' }} data-testid="review-date" />
        </Form.Item>
        <Form.Item label={t.responsible} htmlFor="review-responsible">
          <Input id="review-responsible" value={entry.responsible} onChange={(e) => set({ responsible: e.target.value })} data-testid="review-responsible" />
        </Form.Item>
        <Form.Item label={t.hits} className="wide">
          <ul className="hit-list" aria-label={t.hits}>
            {items.map((item) => {
              const hit = hitOf(item.id);
              const expired = hit ? !hitCounts(hit, plan, entry.date) : false;
              return (
                <li key={item.id} className={item.kind === 'cannot' && hit ? 'lacking' : ''}>
                  <Checkbox checked={hit !== undefined} onChange={(e) => toggle(item, e.target.checked)} data-testid={`hit-${item.id}`}>
                    {`【${zh.plan.negativeKind[item.kind]}】${item.text}`}
                    {item.windowYears ? t.windowLabel(item.windowYears) : ''}
                  </Checkbox>
                  {hit ? (
                    <>
                      <Input aria-label={t.eventMonth} placeholder="YYYY-MM" value={hit.eventMonth} onChange={(e) => setMonth(item.id, e.target.value)} style={{ width: '8em' }} />
                      {expired ? <span className="muted">{` ${t.expired}`}</span> : null}
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </Form.Item>
        {entry.hits.some((h) => h.kind === 'unsuitable') ? (
          <Form.Item label={t.decision} htmlFor="review-decision" className="wide">
            <Input.TextArea id="review-decision" rows={2} value={entry.decision} onChange={(e) => set({ decision: e.target.value })} data-testid="review-decision" />
          </Form.Item>
        ) : null}
        <Form.Item label={t.note} htmlFor="review-note" className="wide">
          <Input.TextArea id="review-note" rows={2} value={entry.note} onChange={(e) => set({ note: e.target.value })} data-testid="review-note" />
        </Form.Item>
      </Form>
      <EditorButtons saveLabel={t.save} onSave={() => void save()} onCancel={onCancel} saveTestId="review-save" />
    </section>
  );
}

export function ReviewScreen({ workbookId }: { workbookId: string }) {
  const [loaded, reload] = useLoad(() => assessmentRepository.load(workbookId), [workbookId]);
  const [editing, setEditing] = useState<{ row: number; column: number; entry: ReviewEntry; needsResponsible?: boolean } | null>(null);
  const [responsibleBy, setResponsibleBy] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const matrix = useRef<HTMLTableElement>(null);
  const [focus, setFocus] = useState<{ row: number; column: number } | null>(null);

  useEffect(() => {
    if (!focus || editing) return;
    matrix.current?.querySelector<HTMLButtonElement>(`button[data-row="${focus.row}"][data-column="${focus.column}"]`)?.focus();
  }, [focus, editing, loaded]);

  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.workbookMissing}</Notice></Page>;
  const { workbook, plan, reviews } = loaded.data;
  const crumbs = [{ label: workbook.township + workbook.unit, route: { name: 'workbook' as const, id: workbookId } }];
  if (!plan) {
    return (
      <Page title={t.title} crumbs={crumbs}>
        <AssessmentNav workbookId={workbookId} current="review" />
        <NeedsPlan workbookId={workbookId} />
      </Page>
    );
  }
  const people = workbook.candidates;
  const departments = plan.departments;
  const statuses = peopleReviews(plan, people, reviews);
  const entryAt = (row: number, column: number) => reviews.find((e) => e.personId === people[row]?.id && e.department === departments[column]);

  async function store(entry: ReviewEntry, person: PersonRecord): Promise<string | null> {
    try {
      await assessmentRepository.saveReview(entry, person.name);
      setResponsibleBy((r) => ({ ...r, [entry.department]: entry.responsible.trim(), '': entry.responsible.trim() }));
      setNotice({ kind: 'success', text: t.saved(person.name, entry.department) });
      reload();
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  // The 经办人 a new cell starts with: the last one of that department, typed here or saved before
  // (so 1/2/3 go straight in after reopening the screen too), else the last one of any department.
  function lastResponsible(department: string): string {
    const latest = (list: ReviewEntry[]) => list.reduce<ReviewEntry | undefined>((a, e) => (e.responsible.trim() !== '' && (!a || e.updatedAt > a.updatedAt) ? e : a), undefined)?.responsible.trim();
    return responsibleBy[department] ?? latest(reviews.filter((e) => e.department === department)) ?? responsibleBy[''] ?? latest(reviews) ?? '';
  }

  function open(row: number, column: number, conclusion?: ReviewConclusion, needsResponsible = false) {
    const person = people[row]!;
    const department = departments[column]!;
    const base = draftEntry(workbook, person, department, entryAt(row, column), lastResponsible(department));
    setEditing({ row, column, entry: conclusion ? { ...base, conclusion } : base, needsResponsible });
  }

  async function quick(row: number, column: number, conclusion: ReviewConclusion) {
    const person = people[row]!;
    const department = departments[column]!;
    const base = draftEntry(workbook, person, department, entryAt(row, column), lastResponsible(department));
    // The very first conclusion has no 经办人 to reuse (a review needs one): the cell opens with the
    // conclusion already set and the 经办人 field focused. Items found that "通过" would contradict
    // open the cell too.
    if (base.responsible.trim() === '' || (conclusion === 'pass' && base.hits.length > 0)) {
      open(row, column, conclusion, base.responsible.trim() === '');
      return;
    }
    const message = await store({ ...base, conclusion, date: base.date || localToday() }, person);
    if (message) setNotice({ kind: 'error', text: message });
  }

  function onCellKey(event: KeyboardEvent<HTMLButtonElement>, row: number, column: number) {
    if (event.nativeEvent.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
    const move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
    if (move) {
      event.preventDefault();
      setFocus({ row: Math.min(people.length - 1, Math.max(0, row + move[0]!)), column: Math.min(departments.length - 1, Math.max(0, column + move[1]!)) });
      return;
    }
    const digit = Number.parseInt(event.key, 10);
    if (digit >= 1 && digit <= CONCLUSIONS.length) {
      event.preventDefault();
      setFocus({ row, column });
      void quick(row, column, CONCLUSIONS[digit - 1]!);
    }
  }

  async function exportLedger() {
    const answer = await host.exportLedger(reviewLedgerOf(workbook, plan!, reviews, localToday()));
    setNotice(answer.ok ? { kind: 'success', text: zh.ui.results.exported(answer.value.savedPath) } : { kind: 'error', text: failureText(answer) });
  }

  return (
    <Page
      title={t.title}
      crumbs={crumbs}
      actions={
        <Button onClick={() => void exportLedger()} data-testid="review-export">
          {t.export}
        </Button>
      }
    >
      <AssessmentNav workbookId={workbookId} current="review" />
      {notice ? (
        <div data-testid="review-notice">
          <Notice kind={notice.kind}>{notice.text}</Notice>
        </div>
      ) : null}
      {editing ? (
        <EntryEditor
          key={editing.entry.id}
          plan={plan}
          person={people[editing.row]!}
          initial={editing.entry}
          needsResponsible={editing.needsResponsible ?? false}
          onSave={async (entry) => {
            const message = await store(entry, people[editing.row]!);
            if (!message) {
              setFocus({ row: editing.row, column: editing.column });
              setEditing(null);
            }
            return message;
          }}
          onCancel={() => {
            setFocus({ row: editing.row, column: editing.column });
            setEditing(null);
          }}
        />
      ) : null}
      <p className="muted">{t.matrixHint}</p>
      {people.length === 0 ? (
        <p className="muted">{t.noPeople}</p>
      ) : (
        <div className="table-scroll">
          <table className="list-table review-matrix" ref={matrix} data-testid="review-matrix">
            <thead>
              <tr>
                <th>{t.person}</th>
                {/* Beside the name, never past the right edge of a 14-department matrix: the conclusion is what is read first. */}
                <th className="review-overall">{t.overall}</th>
                {departments.map((d) => (
                  <th key={d}>{d}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {people.map((person, row) => {
                const review = statuses.get(person.id)!;
                return (
                  <tr key={person.id} data-testid="review-row" data-status={review.status}>
                    <th scope="row">
                      {person.name}
                      {review.status === 'disqualified' ? <span className="badge-disqualified">{t.disqualifiedBadge}</span> : null}
                    </th>
                    <td className="review-overall" data-testid="review-overall">
                      {review.summary}
                    </td>
                    {departments.map((department, column) => {
                      const entry = entryAt(row, column);
                      const cannot = entry?.hits.some((h) => h.kind === 'cannot' && hitCounts(h, plan, entry.date));
                      return (
                        <td key={department}>
                          <button
                            type="button"
                            className={`${entry?.conclusion ?? ''}${cannot ? ' hit-cannot' : ''}`}
                            data-row={row}
                            data-column={column}
                            aria-label={`${person.name} ${department} ${entry ? t.conclusion[entry.conclusion] : t.empty}`}
                            tabIndex={row === (focus?.row ?? 0) && column === (focus?.column ?? 0) ? 0 : -1}
                            onFocus={() => setFocus({ row, column })}
                            onClick={() => open(row, column)}
                            onKeyDown={(event) => onCellKey(event, row, column)}
                            data-testid="review-cell"
                          >
                            {entry ? t.conclusion[entry.conclusion] : t.empty}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
