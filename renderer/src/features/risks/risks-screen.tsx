/**
 * 风险台账: the unit's risk items with their leader, measures and deadline, tracked until closed
 * (销号, with the date and a note). Overdue open items stand out. N adds an item; Ctrl+Enter saves.
 */
import { EditorButtons, editorKeys } from '../../ui/record-editor';
import { useShortcuts } from '../../ui/shortcuts';
import { useEffect, useRef, useState } from 'react';
import type { RiskItem, RiskStatus, WorkbookRecord } from '../../db/records';
import { DEFAULT_RISK_TYPES, foundOnOf, isOverdue, liveRisks, riskSummary } from '../../../../shared/domain/risks';
import { riskLedgerOf } from '../../../../shared/report/ledger-payload';
import { zh } from '../../../../shared/messages/zh-CN';
import { assessmentRepository } from '../../db/assessment-repository';
import { host } from '../../platform/host';
import { AssessmentNav } from '../../ui/assessment-nav';
import { localToday } from '../../ui/dates';
import { KeyChoice } from '../../ui/key-choice';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { failureText } from '../../../../shared/domain/result';

const t = zh.risks;
const STATUSES: RiskStatus[] = ['open', 'in-progress', 'closed'];

function blankRisk(workbook: WorkbookRecord): RiskItem {
  return {
    id: '',
    workbookId: workbook.id,
    type: '',
    description: '',
    leader: '',
    owner: '',
    foundOn: localToday(),
    measures: '',
    deadline: '',
    status: 'open',
    closedOn: null,
    closeNote: '',
    deleted: false,
    createdAt: '',
    updatedAt: '',
  };
}

function RiskEditor({ initial, onSaved, onCancel }: { initial: RiskItem; onSaved: () => void; onCancel: () => void }) {
  const [item, setItem] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    // Closing an item goes straight to its date; anything else starts at the top.
    const target = initial.status === 'closed' && initial.id ? '[data-testid="risk-closed-on"]' : 'input';
    panel.current?.querySelector<HTMLElement>(target)?.focus();
  }, [initial]);
  const set = (change: Partial<RiskItem>) => setItem((i) => ({ ...i, ...change }));

  async function save() {
    try {
      await assessmentRepository.saveRisk(item);
      onSaved();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }
  const onKeyDown = editorKeys(() => void save(), onCancel);
  return (
    <section className="editor-panel" ref={panel} onKeyDown={onKeyDown} data-testid="risk-editor">
      {problem ? (
        <div data-testid="risk-problem">
          <Notice kind="error">{problem}</Notice>
        </div>
      ) : null}
      <label>
        {t.type}
        <input list="risk-types" value={item.type} onChange={(e) => set({ type: e.target.value })} data-testid="risk-type" />
        <datalist id="risk-types">
          {DEFAULT_RISK_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
      </label>
      <label>
        {t.description}
        <textarea value={item.description} onChange={(e) => set({ description: e.target.value })} data-testid="risk-description" />
      </label>
      <label>
        {t.leader}
        <input value={item.leader} onChange={(e) => set({ leader: e.target.value })} data-testid="risk-leader" />
      </label>
      <label>
        {t.owner}
        <input value={item.owner ?? ''} onChange={(e) => set({ owner: e.target.value })} data-testid="risk-owner" />
      </label>
      <label>
        {t.foundOn}
        <input value={item.foundOn ?? ''} placeholder="YYYY-MM-DD" size={11} onChange={(e) => set({ foundOn: e.target.value })} data-testid="risk-found-on" />
      </label>
      <label>
        {t.measures}
        <textarea value={item.measures} onChange={(e) => set({ measures: e.target.value })} data-testid="risk-measures" />
      </label>
      <label>
        {t.deadline}
        <input value={item.deadline} placeholder="YYYY-MM-DD" size={11} onChange={(e) => set({ deadline: e.target.value })} data-testid="risk-deadline" />
      </label>
      <div className="field-row">
        <span>{t.status}</span>
        <KeyChoice
          label={t.status}
          options={STATUSES.map((s) => ({ value: s, label: t.statusName[s] }))}
          value={item.status}
          onChange={(status) => status && set({ status, closedOn: status === 'closed' ? (item.closedOn ?? localToday()) : null })}
          testId="risk-status"
        />
      </div>
      {item.status === 'closed' ? (
        <>
          <label>
            {t.closedOn}
            <input value={item.closedOn ?? ''} placeholder="YYYY-MM-DD" size={11} onChange={(e) => set({ closedOn: e.target.value })} data-testid="risk-closed-on" />
          </label>
          <label>
            {t.closeNote}
            <textarea value={item.closeNote} onChange={(e) => set({ closeNote: e.target.value })} data-testid="risk-close-note" />
          </label>
        </>
      ) : null}
      <EditorButtons saveLabel={t.save} onSave={() => void save()} onCancel={onCancel} saveTestId="risk-save" />
    </section>
  );
}

export function RisksScreen({ workbookId }: { workbookId: string }) {
  const [loaded, reload] = useLoad(() => assessmentRepository.load(workbookId), [workbookId]);
  const [editing, setEditing] = useState<RiskItem | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  // Back from the editor (saved or left), the next record is one N or Enter away.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && editing === null) addButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);
  const workbook = loaded.state === 'ready' ? loaded.data?.workbook : undefined;

  useShortcuts({ n: () => workbook && setEditing(blankRisk(workbook)) }, editing === null && workbook !== undefined);

  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.workbookMissing}</Notice></Page>;
  const state = loaded.data;
  const today = localToday();
  const items = liveRisks(state.risks);
  const summary = riskSummary(state.risks, today);

  async function remove(item: RiskItem) {
    if (!window.confirm(t.removeConfirm(item.description))) return;
    await assessmentRepository.deleteRisk(item.id);
    reload();
  }

  async function exportLedger() {
    const answer = await host.exportLedger(riskLedgerOf(state.workbook, state.plan, state.risks, today));
    setNotice(answer.ok ? { kind: 'success', text: zh.ui.results.exported(answer.value.savedPath) } : { kind: 'error', text: failureText(answer) });
  }

  const backToList = () => {
    setEditing(null);
  };

  return (
    <Page
      title={t.title}
      crumbs={[{ label: state.workbook.township + state.workbook.unit, route: { name: 'workbook', id: workbookId } }]}
      actions={
        <>
          <button type="button" className="primary" ref={addButton} autoFocus onClick={() => setEditing(blankRisk(state.workbook))} disabled={editing !== null} data-testid="risk-add">
            {t.add} <kbd>N</kbd>
          </button>
          <button type="button" onClick={() => void exportLedger()} data-testid="risk-export">
            {t.export}
          </button>
        </>
      }
    >
      <AssessmentNav workbookId={workbookId} current="risks" />
      {notice ? (
        <div data-testid="risk-notice">
          <Notice kind={notice.kind}>{notice.text}</Notice>
        </div>
      ) : null}
      {editing ? (
        <RiskEditor
          key={editing.id || 'new'}
          initial={editing}
          onSaved={() => {
            setNotice({ kind: 'success', text: t.saved });
            reload();
            backToList();
          }}
          onCancel={backToList}
        />
      ) : null}
      <p data-testid="risk-summary" className={summary.overdue > 0 ? 'lacking' : ''}>
        {t.summary(summary.total, summary.closed, summary.overdue)}
      </p>
      {items.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <table className="list-table" data-testid="risk-list">
          <thead>
            <tr>
              <th>{t.type}</th>
              <th>{t.description}</th>
              <th>{t.foundOn}</th>
              <th>{t.leader}</th>
              <th>{t.owner}</th>
              <th>{t.measures}</th>
              <th>{t.deadline}</th>
              <th>{t.status}</th>
              <th>{t.closedOn}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const overdue = isOverdue(item, today);
              return (
                <tr key={item.id} className={overdue ? 'overdue' : ''} data-testid="risk-row" data-overdue={overdue}>
                  <td>{item.type}</td>
                  <td>{item.description}</td>
                  <td>{foundOnOf(item)}</td>
                  <td>{item.leader}</td>
                  <td>{item.owner ?? ''}</td>
                  <td>{item.measures}</td>
                  <td>{item.deadline}</td>
                  <td>{overdue ? t.statusWithOverdue(t.statusName[item.status]) : t.statusName[item.status]}</td>
                  <td>{item.closedOn ?? ''}</td>
                  <td>
                    <button type="button" onClick={() => setEditing(item)}>
                      {t.edit}
                    </button>{' '}
                    {item.status !== 'closed' ? (
                      <button type="button" onClick={() => setEditing({ ...item, status: 'closed', closedOn: today })} data-testid="risk-close">
                        {t.close}
                      </button>
                    ) : null}{' '}
                    <button type="button" onClick={() => void remove(item)}>
                      {t.remove}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Page>
  );
}
