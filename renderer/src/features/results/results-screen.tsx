/**
 * Results (计票结果): counts, rates, flags, the checks, per-group and weighted results, double-entry
 * status, the 口径说明, the Excel export, and 确认结果 (finalise) / unlock.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, Input, Modal, Select, Space } from 'antd';
import type { GroupedTally } from '../../../../shared/domain/groups';
import type { MeetingOutcome } from '../../../../shared/domain/outcome';
import { meetingOutcome } from '../../../../shared/domain/outcome';
import type { ReportColumn, ReportTable } from '../../../../shared/report/model';
import { cellOf } from '../../../../shared/report/model';
import { groupTables, resultScreenTables } from '../../../../shared/report/meeting-report';
import { ReportTableView } from '../../ui/report-table';
import type { TallyResult } from '../../../../shared/domain/tally';
import { zh } from '../../../../shared/messages/zh-CN';
import { byVotesThenStroke } from '../../../../shared/domain/stroke-order';
import type { MeetingBallots } from '../../../../shared/domain/meeting-state';
import { finalizeBlockers, meetingBallots, tallyInputOf } from '../../../../shared/domain/meeting-state';
import type { MeetingRecord } from '../../db/records';
import type { MeetingContext } from '../../db/repository';
import { repository } from '../../db/repository';
import { host } from '../../platform/host';
import { href, navigate } from '../../router';
import { ChecksList, StatusBadge } from '../../ui/checks-list';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { KeyHint } from '../../ui/shortcuts';
import { meetingExportOf } from '../../../../shared/report/export-payload';
import { planStatement, underPlan } from '../../../../shared/domain/plan';
import { RateChart, rateChartPng } from './rate-chart';
import type { MeetingExport } from '../../../../shared/contract/meeting-export';
import type { PrintRequest } from '../../../../shared/contract/print';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.results;

/**
 * 按得票: by the count behind the form's first rate (得票、满意、赞同 …), or the score on forms with
 * scoring; equal ones in 姓氏笔画 order, so a tie never reads as a ranking.
 */
function votesOrder(form: MeetingRecord['form'], candidates: TallyResult['candidates']): number[] {
  const rows = candidates.map((candidate, index) => ({ candidate, index }));
  const votesOf = ({ candidate }: (typeof rows)[number]) => (form.scoring ? (candidate.score?.value ?? -1) : (candidate.rates[0]?.numerator ?? 0));
  return byVotesThenStroke(rows, votesOf, (row) => row.candidate.name).map((row) => row.index);
}

/** The candidate a row of a result table is about: its 姓名 cell. */
function nameOfRow(table: ReportTable, row: number): string {
  const column = table.columns.findIndex((c) => c.kind === 'name');
  const cell = cellOf(table.rows[row]?.cells[column] ?? null);
  return typeof cell.value === 'string' ? cell.value : '';
}

/**
 * What each cell holds, for a reader and for the tests that read the screen: data-count="称职" (on a
 * form of several questions 测评等次·称职, on several posts 主任·得票数), data-rate (满意率, 主任·得票率),
 * data-rank, data-score.
 */
function cellMeaning(question: string | null) {
  return (column: ReportColumn) => {
    const name = [question, column.group, column.header].filter((part) => part !== null && part !== undefined).join('·');
    if (column.header === zh.export.rank) return { 'data-rank': column.group ?? '' };
    if (column.kind === 'count') return { 'data-count': name };
    // A rate's name is the form's own and unique on it: no question before it.
    if (column.kind === 'rate') return { 'data-rate': column.group === undefined ? column.header : `${column.group}·${column.header}` };
    if (column.kind === 'score') return { 'data-score': name };
    return undefined;
  };
}

/**
 * The result table: the 计票结果报告单's own tables (one, or one per question), each 标注 in full. 序号
 * stays the list number (the ballot's order) in either order, so a row is found on the ballot.
 */
function ResultTables({ payload, outcome, order, disqualified }: { payload: MeetingExport; outcome: MeetingOutcome; order: readonly number[]; disqualified: (candidate: number) => boolean }) {
  const tables = resultScreenTables(payload, outcome, order);
  const questions = payload.form.questions;
  // Several questions of an evaluation: a table per question in form order, then the 综合得分 one.
  const perQuestion = payload.form.kind !== 'recommend' && questions.length > 1;
  return (
    <div data-testid="result-table" className="result-tables">
      {tables.map((table, i) => (
        <ReportTableView
          key={i}
          table={table}
          rowData={(row) => ({ 'data-candidate': nameOfRow(table, row) })}
          cellData={cellMeaning(perQuestion ? (questions[i]?.label ?? null) : null)}
          nameExtra={(row) => (disqualified(order[row] ?? row) ? <span className="badge-disqualified">{zh.review.disqualifiedBadge}</span> : null)}
        />
      ))}
    </div>
  );
}

/** Per-group results (党员, 群众 …), each with its counts, then the weighted one, as on the summary sheet. */
function GroupResults({ payload, outcome, grouped }: { payload: MeetingExport; outcome: MeetingOutcome; grouped: GroupedTally }) {
  const tables = groupTables(payload, outcome);
  return (
    <section data-testid="group-results">
      <h2>{t.groupsTitle}</h2>
      {tables.map((table, i) => {
        const group = grouped.groups[i]?.group;
        return (
          <ReportTableView
            key={i}
            table={table}
            testId={group ? `group-${group.label}` : 'weighted-results'}
            rowData={(row) => ({ 'data-candidate': nameOfRow(table, row) })}
            cellData={cellMeaning(null)}
          />
        );
      })}
      {grouped.ungrouped > 0 ? <p className="muted">{zh.groups.ungrouped(grouped.ungrouped)}</p> : null}
    </section>
  );
}

function WriteIns({ meeting, result, onMerged }: { meeting: MeetingRecord; result: TallyResult; onMerged: () => void }) {
  const [selected, setSelected] = useState<string[]>([]);
  const [keep, setKeep] = useState<string>('');
  const [problem, setProblem] = useState<string | null>(null);
  const multi = meeting.form.questions.length > 1;
  const key = (question: number, name: string) => `${question}\u0000${name}`;
  // The spelling kept: the one chosen, else the most voted (the shorter on a tie).
  const chosen = result.writeIns
    .filter((w) => selected.includes(key(w.question, w.name)))
    .sort((a, b) => b.votes - a.votes || a.name.length - b.name.length);
  const keptName = chosen.some((w) => w.name === keep) ? keep : (chosen[0]?.name ?? '');

  async function merge() {
    const target = chosen.find((w) => w.name === keptName);
    const others = chosen.filter((w) => w !== target);
    if (!target || others.length === 0) return setProblem(t.mergeNeedsTwo);
    if (others.some((o) => o.question !== target.question)) return setProblem(t.mergeSamePost);
    try {
      for (const other of others) await repository.mergeWriteIns(meeting.id, target.question, other.name, target.name);
      setSelected([]);
      onMerged();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section>
      <h2>{zh.export.writeInsTitle}</h2>
      {result.writeIns.length === 0 ? (
        <p className="muted">{zh.export.noWriteIns}</p>
      ) : (
        <>
          <ul className="write-ins" data-testid="write-ins">
            {result.writeIns.map((w) => (
              <li key={key(w.question, w.name)}>
                <Checkbox
                  disabled={meeting.finalized !== null}
                  checked={selected.includes(key(w.question, w.name))}
                  onChange={(e) =>
                    setSelected((list) => (e.target.checked ? [...list, key(w.question, w.name)] : list.filter((k) => k !== key(w.question, w.name))))
                  }
                >
                  {multi ? `${meeting.form.questions[w.question]?.label ?? ''}：` : ''}
                  {t.writeIn(w.name, w.votes)}
                </Checkbox>
              </li>
            ))}
          </ul>
          {meeting.finalized === null ? (
            <Space wrap className="write-in-merge">
              {chosen.length >= 2 ? (
                <label className="inline-field">
                  {t.keepSpelling}
                  <Select
                    value={keptName}
                    onChange={(value: string) => setKeep(value)}
                    data-testid="keep-spelling"
                    popupMatchSelectWidth={false}
                    options={chosen.map((w) => ({ value: w.name, label: w.name }))}
                  />
                </label>
              ) : null}
              <Button onClick={() => void merge()} disabled={chosen.length < 2} data-testid="merge">
                {t.merge}
              </Button>
              <span className="muted">{t.mergeHint}</span>
            </Space>
          ) : null}
          {meeting.writeInAliases.length > 0 ? <p className="muted">{t.aliases(meeting.writeInAliases.map((a) => `${a.from} → ${a.to}`))}</p> : null}
          {problem ? <Notice kind="error">{problem}</Notice> : null}
        </>
      )}
    </section>
  );
}

function FinalizePanel({
  meeting,
  result,
  ballots,
  onChanged,
}: {
  meeting: MeetingRecord;
  result: TallyResult;
  ballots: MeetingBallots;
  onChanged: () => void;
}) {
  const [waiver, setWaiver] = useState('');
  const [unlockReason, setUnlockReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // Locking and unlocking each wait for a yes in a dialog that restates the counts.
  const [confirming, setConfirming] = useState<'finalize' | 'unlock' | null>(null);
  const h = zh.meetingHall;
  const countsLine = h.countsLine(meeting.counts, result.meeting.entered, result.meeting.valid, result.meeting.invalid);
  const waiverText = waiver.trim() === '' ? null : waiver.trim();
  const blockers = finalizeBlockers(meeting, result, ballots, waiverText);
  const onlyDoubleEntry = meeting.doubleEntry && finalizeBlockers(meeting, result, ballots, '-').length === 0 && blockers.length > 0;

  async function run(action: () => Promise<void>) {
    setConfirming(null);
    setProblem(null);
    try {
      await action();
      onChanged();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  if (meeting.finalized) {
    return (
      <section className="finalize" data-testid="finalize-panel" data-finalized="true">
        <Notice kind="success">{t.finalizedAt(new Date(meeting.finalized.at).toLocaleString('zh-CN'))}</Notice>
        <Space wrap className="finalize-row">
          <label className="inline-field">
            {t.unlockReason}
            <Input value={unlockReason} onChange={(e) => setUnlockReason(e.target.value)} data-testid="unlock-reason" />
          </label>
          <Button disabled={unlockReason.trim() === ''} onClick={() => setConfirming('unlock')} data-testid="unlock">
            {t.unlock}
          </Button>
        </Space>
        {confirming === 'unlock' ? (
          <ConfirmDialog
            title={h.unlockTitle}
            lines={[countsLine, h.unlockBody(unlockReason.trim())]}
            confirmLabel={h.unlockConfirm}
            onConfirm={() => void run(() => repository.unlockMeeting(meeting.id, unlockReason.trim()))}
            onCancel={() => setConfirming(null)}
            testId="unlock-dialog"
          />
        ) : null}
        {problem ? <Notice kind="error">{problem}</Notice> : null}
      </section>
    );
  }
  return (
    <section className="finalize" data-testid="finalize-panel" data-finalized="false">
      <h2>{t.finalizeTitle}</h2>
      {blockers.length > 0 ? (
        <ul className="blockers" data-testid="finalize-blockers">
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      ) : (
        <p>{t.readyToFinalize}</p>
      )}
      <Space wrap className="finalize-row">
        {onlyDoubleEntry || (meeting.doubleEntry && waiverText !== null) ? (
          <label className="inline-field">
            {t.waiver}
            <Input value={waiver} onChange={(e) => setWaiver(e.target.value)} data-testid="waiver" placeholder={t.waiverHint} />
          </label>
        ) : null}
        <Button type="primary" disabled={blockers.length > 0} data-testid="finalize" onClick={() => setConfirming('finalize')}>
          {t.finalize}
        </Button>
      </Space>
      {confirming === 'finalize' && blockers.length === 0 ? (
        <ConfirmDialog
          title={h.finalizeTitle}
          lines={[countsLine, h.finalizeBody]}
          confirmLabel={h.finalizeConfirm}
          onConfirm={() =>
            void run(() => repository.finalizeMeeting(meeting.id, waiverText, t.finalizeSummary(result.meeting.entered, result.meeting.valid, result.meeting.invalid)))
          }
          onCancel={() => setConfirming(null)}
          testId="finalize-dialog"
        />
      ) : null}
      {problem ? <Notice kind="error">{problem}</Notice> : null}
    </section>
  );
}

/**
 * A yes-or-no that restates what is being confirmed. Focus starts on 取消, so Tab, Tab, Enter from
 * the page cannot lock a meeting: the confirming button is a deliberate step further.
 */
function ConfirmDialog({
  title,
  lines,
  confirmLabel,
  onConfirm,
  onCancel,
  testId,
}: {
  title: string;
  lines: readonly string[];
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Modal
      open
      title={title}
      footer={null}
      closable={false}
      maskClosable={false}
      // Escape is ours: it closes the dialog only, and the page's own Escape (back to the tally) must not see it.
      keyboard={false}
      afterOpenChange={(open) => open && cancel.current?.focus()}
      onCancel={onCancel}
    >
      <div
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }}
      >
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <Space className="dialog-buttons">
          <Button ref={cancel} autoFocus onClick={onCancel} data-testid={`${testId}-cancel`}>
            {zh.meetingHall.cancel}
          </Button>
          <Button type="primary" onClick={onConfirm} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </Button>
        </Space>
      </div>
    </Modal>
  );
}

/** Print-outs of the meeting (PDF): blank ballots before it, the tally sheet and the result sheet after. */
function PrintPanel({ payload, defaultCopies }: { payload: MeetingExport; defaultCopies: number }) {
  const [copies, setCopies] = useState(String(defaultCopies));
  // Off by default: a serial printed in advance can tie a ballot to the voter it was handed to.
  const [numbered, setNumbered] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function print(kind: PrintRequest['kind']) {
    const n = Number(copies);
    if (kind === 'blank-ballots' && !(Number.isSafeInteger(n) && n >= 1 && n <= 2000)) return setNotice({ kind: 'error', text: t.copiesInvalid });
    setBusy(true);
    const answer = await host.printDocument({ kind, meeting: payload, copies: kind === 'blank-ballots' ? n : 1, numbered: kind === 'blank-ballots' && numbered });
    setBusy(false);
    setNotice(answer.ok ? { kind: 'success', text: t.exported(answer.value.savedPath) } : { kind: 'error', text: failureText(answer) });
  }
  return (
    <section className="print-panel" data-testid="print-panel">
      <h2>{t.printTitle}</h2>
      <Space wrap>
        <label className="inline-field">
          {t.copies}
          <Input className="copies-input" value={copies} inputMode="numeric" onChange={(e) => setCopies(e.target.value)} data-testid="copies" />
        </label>
        <Checkbox checked={numbered} onChange={(e) => setNumbered(e.target.checked)} data-testid="numbered">
          {t.numbered}
        </Checkbox>
        <Button disabled={busy} onClick={() => void print('blank-ballots')} data-testid="print-blank-ballots">
          {zh.print.kindName['blank-ballots']}
        </Button>
        <Button disabled={busy} onClick={() => void print('tally-sheet')} data-testid="print-tally-sheet">
          {zh.print.kindName['tally-sheet']}
        </Button>
        <Button disabled={busy} onClick={() => void print('report')} data-testid="print-report">
          {zh.print.kindName.report}
        </Button>
      </Space>
      {numbered ? (
        <div data-testid="numbered-warning">
          <Notice kind="warning">{zh.print.numberedWarning}</Notice>
        </div>
      ) : null}
      {notice ? (
        <div data-testid="print-notice">
          <Notice kind={notice.kind}>{notice.text}</Notice>
        </div>
      ) : null}
    </section>
  );
}

function MeetingResults({ context, reload }: { context: MeetingContext; reload: () => void }) {
  const { workbook, rows, resolutions, plan } = context;
  // Judged by the workbook's plan: its thresholds set the flags here, in the exports and on the print-outs.
  const meeting = useMemo(() => underPlan(context.meeting, plan), [context.meeting, plan]);
  const ballots = useMemo(() => meetingBallots(meeting, rows, resolutions), [meeting, rows, resolutions]);
  const input = useMemo(() => tallyInputOf(meeting, ballots.counted), [meeting, ballots]);
  // One outcome for the whole screen: the same one every export and print-out reads.
  const outcome = useMemo(() => meetingOutcome({ ...input, groups: meeting.groups }), [input, meeting.groups]);
  const { result, grouped, fingerprint } = outcome;
  const basis = useMemo(
    () => [...outcome.basis, ...(plan ? planStatement(plan) : [])],
    [outcome, plan],
  );
  const [exporting, setExporting] = useState(false);
  // The list's order by default, as before; 按得票 is a view only (exports keep the list's order).
  const [byVotes, setByVotes] = useState(false);
  const [exportNotice, setExportNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  // What the exports and print-outs say, and so what the screen's tables are built from.
  const payload = useMemo(() => meetingExportOf(workbook, meeting, input.ballots, ballots, plan), [workbook, meeting, input, ballots, plan]);
  const order = useMemo(() => (byVotes ? votesOrder(meeting.form, result.candidates) : result.candidates.map((_, i) => i)), [byVotes, meeting.form, result.candidates]);

  const exportSummary = useCallback(async () => {
    setExporting(true);
    setExportNotice(null);
    const answer = await host.exportMeetingSummary({ ...payload, chartPng: await rateChartPng(meeting.form, result) });
    setExporting(false);
    setExportNotice(answer.ok ? { kind: 'success', text: t.exported(answer.value.savedPath) } : { kind: 'error', text: failureText(answer) });
    exportButton.current?.focus();
  }, [payload, meeting.form, result]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Not while typing, nor while a dialog (finalise, unlock) holds the keys.
      if ((event.target as Element | null)?.closest('input, textarea, select, [role="dialog"]')) return;
      if (event.key === 'F8' || event.key === 'Escape') {
        event.preventDefault();
        navigate({ name: 'tally', id: meeting.id });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [meeting.id]);

  const m = result.meeting;
  return (
    <Page
      title={t.title(meeting.title)}
      crumbs={[{ label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbook.id } }]}
      actions={
        <>
          <StatusBadge status={result.status} totals={result.meeting} />
          <Button type="primary" ref={exportButton} autoFocus onClick={() => void exportSummary()} disabled={exporting} data-testid="export">
            {exporting ? t.exporting : t.export}
          </Button>
          {meeting.doubleEntry ? (
            <Button href={href({ name: 'reconcile', id: meeting.id })} data-testid="to-reconcile">
              {t.reconcile(ballots.unresolved.length)}
            </Button>
          ) : null}
          <Button href={href({ name: 'tally', id: meeting.id })}>
            {t.backToTally}
            <KeyHint keyName="F8" />
          </Button>
        </>
      }
    >
      {result.status === 'void' ? <Notice kind="error">{t.voidBanner}</Notice> : null}
      {result.status === 'incomplete' && result.meeting.entered > result.meeting.returned ? <Notice kind="error">{t.overEnteredBanner}</Notice> : null}
      {result.status === 'incomplete' && result.meeting.entered <= result.meeting.returned ? <Notice kind="warning">{t.incompleteBanner}</Notice> : null}
      {meeting.doubleEntry && ballots.unresolved.length > 0 ? <Notice kind="warning">{zh.ui.finalize.unresolved(ballots.unresolved)}</Notice> : null}
      {exportNotice ? (
        <div data-testid="export-notice">
          <Notice kind={exportNotice.kind}>{exportNotice.text}</Notice>
        </div>
      ) : null}
      <p className="meeting-line">{`${meeting.form.name}　${meeting.date}`}</p>
      <table className="meeting-counts" data-testid="meeting-counts">
        <thead>
          <tr>
            {(['expected', 'present', 'issued', 'returned', 'entered', 'valid', 'invalid'] as const).map((field) => (
              <th key={field}>{zh.meetingField[field]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {(['expected', 'present', 'issued', 'returned', 'entered', 'valid', 'invalid'] as const).map((field) => (
              <td key={field} className="num" data-field={field}>
                {m[field]}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <h2>{zh.ui.checks.title}</h2>
      <ChecksList checks={result.checks} />
      <FinalizePanel meeting={meeting} result={result} ballots={ballots} onChanged={reload} />
      <h2>{t.tableTitle}</h2>
      <Space className="result-order" role="group" aria-label={zh.setupKeys.resultOrder}>
        {`${zh.setupKeys.resultOrder}：`}
        <Button type={byVotes ? 'default' : 'primary'} aria-pressed={!byVotes} onClick={() => setByVotes(false)} data-testid="result-order-list">
          {zh.setupKeys.resultOrderList}
        </Button>
        <Button type={byVotes ? 'primary' : 'default'} aria-pressed={byVotes} onClick={() => setByVotes(true)} title={zh.setupKeys.resultOrderVotesHint(meeting.form.scoring ? zh.export.score : (meeting.form.rates[0]?.name ?? ''))} data-testid="result-order-votes">
          {zh.setupKeys.resultOrderVotes}
        </Button>
      </Space>
      <ResultTables payload={payload} outcome={outcome} order={order} disqualified={(i) => context.disqualified.has(meeting.candidates[i]?.personId ?? '')} />
      <RateChart form={meeting.form} result={result} order={order} />
      {result.secondRound.filter((h) => h.needed).map((h) => (
        <Notice key={h.question} kind="warning">
          {zh.cli.secondRoundNeeded(meeting.form.questions.length > 1 ? (meeting.form.questions[h.question]?.label ?? '') : '')}
        </Notice>
      ))}
      {meeting.form.kind === 'recommend' ? <WriteIns meeting={meeting} result={result} onMerged={reload} /> : null}
      {grouped ? <GroupResults payload={payload} outcome={outcome} grouped={grouped} /> : null}
      <PrintPanel
        payload={payload}
        defaultCopies={meeting.counts.issued || meeting.counts.present || meeting.counts.expected || 1}
      />
      <h2>{zh.basis.title}</h2>
      <ol className="basis" data-testid="basis">
        {basis.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <p className="fingerprint" data-testid="fingerprint">
        {t.fingerprint}
        <code>{fingerprint}</code>
      </p>
    </Page>
  );
}

export function ResultsScreen({ id }: { id: string }) {
  const [loaded, reload] = useLoad<MeetingContext | null>(() => repository.loadMeetingContext(id), [id]);
  if (loaded.state !== 'ready') return <Page title={t.title('')}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title('')}><Notice kind="error">{zh.ui.errors.meetingMissing}</Notice></Page>;
  return <MeetingResults context={loaded.data} reload={reload} />;
}
