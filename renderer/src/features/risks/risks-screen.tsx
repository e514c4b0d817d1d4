/**
 * 风险台账: the unit's risk items with their leader, measures and deadline, tracked until closed
 * (销号, with the date and a note). Overdue open items stand out. N adds an item; Ctrl+Enter saves.
 */
import { EditorButtons, editorKeys } from '../../ui/record-editor';
import { KeyHint, useShortcuts } from '../../ui/shortcuts';
import { useEffect, useRef, useState } from 'react';
import { Button, Form, Input, Space } from 'antd';
import { DataTable } from '../../ui/data-table';
import { useConfirmRemoval } from '../../ui/confirm-removal';
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
      <Form layout="vertical" component="div" className="record-form">
        <Form.Item label={t.type} htmlFor="risk-type">
          <Input id="risk-type" list="risk-types" value={item.type} onChange={(e) => set({ type: e.target.value })} data-testid="risk-type" />
          <datalist id="risk-types">
            {DEFAULT_RISK_TYPES.map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
        </Form.Item>
        <Form.Item label={t.description} htmlFor="risk-description" className="wide">
          <Input.TextArea id="risk-description" rows={2} value={item.description} onChange={(e) => set({ description: e.target.value })} data-testid="risk-description" />
        </Form.Item>
        <Form.Item label={t.leader} htmlFor="risk-leader">
          <Input id="risk-leader" value={item.leader} onChange={(e) => set({ leader: e.target.value })} data-testid="risk-leader" />
        </Form.Item>
        <Form.Item label={t.owner} htmlFor="risk-owner">
          <Input id="risk-owner" value={item.owner ?? ''} onChange={(e) => set({ owner: e.target.value })} data-testid="risk-owner" />
        </Form.Item>
        <Form.Item label={t.foundOn} htmlFor="risk-found-on">
          <Input id="risk-found-on" value={item.foundOn ?? ''} placeholder="YYYY-MM-DD" style={{ width: '9em' }} onChange={(e) => set({ foundOn: e.target.value })} data-testid="risk-found-on" />
        </Form.Item>
        <Form.Item label={t.measures} htmlFor="risk-measures" className="wide">
          <Input.TextArea id="risk-measures" rows={2} value={item.measures} onChange={(e) => set({ measures: e.target.value })} data-testid="risk-measures" />
        </Form.Item>
        <Form.Item label={t.deadline} htmlFor="risk-deadline">
          <Input id="risk-deadline" value={item.deadline} placeholder="YYYY-MM-DD" style={{ width: '9em' }} onChange={(e) => set({ deadline: e.target.value })} data-testid="risk-deadline" />
        </Form.Item>
        <Form.Item label={t.status} className="wide">
          <KeyChoice
            label={t.status}
            options={STATUSES.map((s) => ({ value: s, label: t.statusName[s] }))}
            value={item.status}
            onChange={(status) => status && set({ status, closedOn: status === 'closed' ? (item.closedOn ?? localToday()) : null })}
            testId="risk-status"
          />
        </Form.Item>
        {item.status === 'closed' ? (
          <>
            <Form.Item label={t.closedOn} htmlFor="risk-closed-on">
              <Input id="risk-closed-on" value={item.closedOn ?? ''} placeholder="YYYY-MM-DD" style={{ width: '9em' }} onChange={(e) => set({ closedOn: e.target.value })} data-testid="risk-closed-on" />
            </Form.Item>
            <Form.Item label={t.closeNote} htmlFor="risk-close-note" className="wide">
              <Input.TextArea id="risk-close-note" rows={2} value={item.closeNote} onChange={(e) => set({ closeNote: e.target.value })} data-testid="risk-close-note" />
            </Form.Item>
          </>
        ) : null}
      </Form>
      <EditorButtons saveLabel={t.save} onSave={() => void save()} onCancel={onCancel} saveTestId="risk-save" />
    </section>
  );
}

export function RisksScreen({ workbookId }: { workbookId: string }) {
  const [loaded, reload] = useLoad(() => assessmentRepository.load(workbookId), [workbookId]);
  const [editing, setEditing] = useState<RiskItem | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const confirmRemoval = useConfirmRemoval();
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

  function remove(item: RiskItem) {
    confirmRemoval(t.removeConfirm(item.description), t.remove, async () => {
      await assessmentRepository.deleteRisk(item.id);
      reload();
    });
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
          <Button type="primary" ref={addButton} autoFocus onClick={() => setEditing(blankRisk(state.workbook))} disabled={editing !== null} data-testid="risk-add">
            {t.add}
            <KeyHint keyName="N" />
          </Button>
          <Button onClick={() => void exportLedger()} data-testid="risk-export">
            {t.export}
          </Button>
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
      <DataTable
        testId="risk-list"
        rows={items}
        rowKey={(item) => item.id}
        rowTestId="risk-row"
        empty={t.none}
        rowAttributes={(item) => {
          const overdue = isOverdue(item, today);
          return { className: overdue ? 'overdue' : undefined, 'data-overdue': String(overdue) };
        }}
        columns={[
          { key: 'type', title: t.type, render: (item) => item.type },
          { key: 'description', title: t.description, render: (item) => item.description },
          { key: 'found', title: t.foundOn, render: (item) => foundOnOf(item) },
          { key: 'leader', title: t.leader, render: (item) => item.leader },
          { key: 'owner', title: t.owner, render: (item) => item.owner ?? '' },
          { key: 'measures', title: t.measures, render: (item) => item.measures },
          { key: 'deadline', title: t.deadline, render: (item) => item.deadline },
          { key: 'status', title: t.status, render: (item) => (isOverdue(item, today) ? t.statusWithOverdue(t.statusName[item.status]) : t.statusName[item.status]) },
          { key: 'closed', title: t.closedOn, render: (item) => item.closedOn ?? '' },
          {
            key: 'actions',
            title: '',
            render: (item) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(item)}>
                  {t.edit}
                </Button>
                {item.status !== 'closed' ? (
                  <Button size="small" onClick={() => setEditing({ ...item, status: 'closed', closedOn: today })} data-testid="risk-close">
                    {t.close}
                  </Button>
                ) : null}
                <Button size="small" danger onClick={() => remove(item)}>
                  {t.remove}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Page>
  );
}
