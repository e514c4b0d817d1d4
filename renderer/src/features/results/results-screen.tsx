/**
 * Results (计票结果): counts, rates, flags, the checks, per-group and weighted results, double-entry
 * status, the 口径说明, the Excel export, and 确认结果 (finalise) / unlock.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GroupedTally } from '../../../../shared/domain/groups';
import { meetingOutcome } from '../../../../shared/domain/outcome';
import type { TallyResult } from '../../../../shared/domain/tally';
import { formatPercent } from '../../../../shared/format/percent';
import { statusWording } from '../../../../shared/domain/meeting';
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
import { meetingExportOf } from '../../../../shared/report/export-payload';
import { planStatement, underPlan } from '../../../../shared/domain/plan';
import { RateChart, rateChartPng } from './rate-chart';
import type { MeetingExport } from '../../../../shared/contract/meeting-export';
import type { PrintRequest } from '../../../../shared/contract/print';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.results;

function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}

/**
 * 按得票: by the count behind the form's first rate (得票、满意、赞同 …), or the score on forms with
 * scoring; equal ones in 姓氏笔画 order, so a tie never reads as a ranking.
 */
function votesOrder(form: MeetingRecord['form'], candidates: TallyResult['candidates']): number[] {
  const rows = candidates.map((candidate, index) => ({ candidate, index }));
  const votesOf = ({ candidate }: (typeof rows)[number]) => (form.scoring ? (candidate.score?.value ?? -1) : (candidate.rates[0]?.numerator ?? 0));
  return byVotesThenStroke(rows, votesOf, (row) => row.candidate.name).map((row) => row.index);
}

function ResultTable({
  meeting,
  result,
  testId,
  disqualified = new Set(),
  byVotes = false,
}: {
  meeting: MeetingRecord;
  result: TallyResult;
  testId: string;
  disqualified?: ReadonlySet<string>;
  byVotes?: boolean;
}) {
  const form = meeting.form;
  // A void meeting must be held again, and one with more ballots entered than returned holds some
  // twice (a 得票率 of 4/2): their counts stay visible for checking, their rates and flags are no result.
  const standing = !['void', 'over-entered'].includes(statusWording(result.status, result.meeting));
  const multi = form.questions.length > 1;
  // 序号 stays the list number (the ballot's order) in either order, so a row is found on the ballot.
  const rowOrder = byVotes ? votesOrder(form, result.candidates) : result.candidates.map((_, i) => i);
  const keys =
    result.candidates[0]?.questions.flatMap((q, qi) =>
      Object.keys(q.counts).map((key) => ({ question: qi, key, label: multi ? `${q.label}·${key}` : key })),
    ) ?? [];
  return (
    <table className="result-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{zh.export.index}</th>
          <th>{zh.export.name}</th>
          <th>{zh.export.proposedPost}</th>
          {keys.map((k) => (
            <th key={k.label}>{k.label}</th>
          ))}
          {form.rates.map((rule) => (
            <th key={rule.id}>{rule.name}</th>
          ))}
          {form.kind === 'recommend' ? <th>{zh.export.rank}</th> : null}
          {form.scoring ? <th>{zh.export.score}</th> : null}
          <th>{zh.export.flags}</th>
        </tr>
      </thead>
      <tbody>
        {rowOrder.map((i) => ({ candidate: result.candidates[i]!, i })).map(({ candidate, i }) => (
          <tr key={candidate.name} data-candidate={candidate.name}>
            <td className="num">{i + 1}</td>
            <th scope="row">
              {candidate.name}
              {disqualified.has(meeting.candidates[i]?.personId ?? '') ? <span className="badge-disqualified">{zh.review.disqualifiedBadge}</span> : null}
            </th>
            <td>{meeting.candidates[i]?.proposedPost}</td>
            {keys.map((k) => (
              <td key={k.label} className="num" data-count={k.label}>
                {candidate.questions[k.question]?.counts[k.key]}
              </td>
            ))}
            {candidate.rates.map((rate) => (
              <td key={rate.ruleId} className="num" data-rate={rate.name} title={`${rate.numerator} / ${rate.denominator}`}>
                {standing ? formatPercent(rate.numerator, rate.denominator) : zh.report.withheld}
              </td>
            ))}
            {form.kind === 'recommend' ? (
              <td className="num" data-rank>
                {(candidate.ranks ?? []).join(' / ')}
              </td>
            ) : null}
            {form.scoring ? (
              <td className="num" data-score>
                {formatScore(candidate.score?.value)}
              </td>
            ) : null}
            <td className="flags">
              {(standing ? candidate.flags : []).map((flag) => (
                <span key={flag.rate} className={`flag flag-${flag.severity}`}>
                  {flag.message}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function GroupResults({ meeting, grouped }: { meeting: MeetingRecord; grouped: GroupedTally }) {
  return (
    <section data-testid="group-results">
      <h2>{t.groupsTitle}</h2>
      {grouped.groups.map(({ group, result }) => (
        <div key={group.id} data-group={group.label}>
          <h3>{zh.export.groupTitle(group.label, result.meeting.entered, result.meeting.valid)}</h3>
          <ResultTable meeting={meeting} result={result} testId={`group-${group.label}`} />
        </div>
      ))}
      {grouped.ungrouped > 0 ? <p className="muted">{zh.groups.ungrouped(grouped.ungrouped)}</p> : null}
      {grouped.weighted ? (
        <>
          <h3>{zh.export.weightedTitle}</h3>
          <table className="result-table" data-testid="weighted-results">
            <thead>
              <tr>
                <th>{zh.export.name}</th>
                {meeting.form.rates.map((rule) => (
                  <th key={rule.id}>{zh.export.weightedRate(rule.name)}</th>
                ))}
                <th>{zh.export.flags}</th>
              </tr>
            </thead>
            <tbody>
              {grouped.weighted.map((entry) => (
                <tr key={entry.candidate} data-candidate={entry.candidate}>
                  <th scope="row">{entry.candidate}</th>
                  {entry.rates.map((rate) => (
                    <td key={rate.name} className="num" data-rate={rate.name}>
                      {rate.value === null ? '—' : `${(rate.value * 100).toFixed(2)}%`}
                    </td>
                  ))}
                  <td className="flags">
                    {entry.rates.flatMap((r) => (r.flagged ? [<span key={r.name} className={`flag flag-${r.flagged.severity}`}>{r.flagged.message}</span>] : []))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
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
                <label className="inline">
                  <input
                    type="checkbox"
                    disabled={meeting.finalized !== null}
                    checked={selected.includes(key(w.question, w.name))}
                    onChange={(e) =>
                      setSelected((list) => (e.target.checked ? [...list, key(w.question, w.name)] : list.filter((k) => k !== key(w.question, w.name))))
                    }
                  />
                  {multi ? `${meeting.form.questions[w.question]?.label ?? ''}：` : ''}
                  {t.writeIn(w.name, w.votes)}
                </label>
              </li>
            ))}
          </ul>
          {meeting.finalized === null ? (
            <p>
              {chosen.length >= 2 ? (
                <label>
                  {t.keepSpelling}
                  <select value={keptName} onChange={(e) => setKeep(e.target.value)} data-testid="keep-spelling">
                    {chosen.map((w) => (
                      <option key={key(w.question, w.name)} value={w.name}>
                        {w.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}{' '}
              <button type="button" onClick={() => void merge()} disabled={chosen.length < 2} data-testid="merge">
                {t.merge}
              </button>{' '}
              <span className="muted">{t.mergeHint}</span>
            </p>
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
        <label>
          {t.unlockReason}
          <input value={unlockReason} onChange={(e) => setUnlockReason(e.target.value)} data-testid="unlock-reason" />
        </label>{' '}
        <button type="button" disabled={unlockReason.trim() === ''} onClick={() => setConfirming('unlock')} data-testid="unlock">
          {t.unlock}
        </button>
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
      {onlyDoubleEntry || (meeting.doubleEntry && waiverText !== null) ? (
        <label>
          {t.waiver}
          <input value={waiver} onChange={(e) => setWaiver(e.target.value)} data-testid="waiver" placeholder={t.waiverHint} />
        </label>
      ) : null}{' '}
      <button
        type="button"
        className="primary"
        disabled={blockers.length > 0}
        data-testid="finalize"
        onClick={() => setConfirming('finalize')}
      >
        {t.finalize}
      </button>
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
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="dialog"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      data-testid={testId}
      onKeyDown={(event) => {
        // Escape closes the dialog only: the page's own Escape (back to the tally) must not see it.
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onCancel();
      }}
    >
      <h2>{title}</h2>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <button type="button" ref={cancel} onClick={onCancel} data-testid={`${testId}-cancel`}>
        {zh.meetingHall.cancel}
      </button>{' '}
      <button type="button" className="primary" onClick={onConfirm} data-testid={`${testId}-confirm`}>
        {confirmLabel}
      </button>
    </div>
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
      <label>
        {t.copies}
        <input value={copies} inputMode="numeric" onChange={(e) => setCopies(e.target.value)} data-testid="copies" />
      </label>{' '}
      <label>
        <input type="checkbox" checked={numbered} onChange={(e) => setNumbered(e.target.checked)} data-testid="numbered" /> {t.numbered}
      </label>{' '}
      <button type="button" disabled={busy} onClick={() => void print('blank-ballots')} data-testid="print-blank-ballots">
        {zh.print.kindName['blank-ballots']}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => void print('tally-sheet')} data-testid="print-tally-sheet">
        {zh.print.kindName['tally-sheet']}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => void print('report')} data-testid="print-report">
        {zh.print.kindName.report}
      </button>
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

  const exportSummary = useCallback(async () => {
    setExporting(true);
    setExportNotice(null);
    const answer = await host.exportMeetingSummary({ ...meetingExportOf(workbook, meeting, input.ballots, ballots, plan), chartPng: await rateChartPng(meeting.form, result) });
    setExporting(false);
    setExportNotice(answer.ok ? { kind: 'success', text: t.exported(answer.value.savedPath) } : { kind: 'error', text: failureText(answer) });
    exportButton.current?.focus();
  }, [workbook, meeting, input, ballots, result, plan]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as Element | null)?.closest('input, textarea, select')) return;
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
          <button type="button" className="primary" ref={exportButton} autoFocus onClick={() => void exportSummary()} disabled={exporting} data-testid="export">
            {exporting ? t.exporting : t.export}
          </button>
          {meeting.doubleEntry ? (
            <a className="button" href={href({ name: 'reconcile', id: meeting.id })} data-testid="to-reconcile">
              {t.reconcile(ballots.unresolved.length)}
            </a>
          ) : null}
          <a className="button" href={href({ name: 'tally', id: meeting.id })}>
            {t.backToTally} <kbd>F8</kbd>
          </a>
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
      <p className="result-order" role="group" aria-label={zh.setupKeys.resultOrder}>
        {`${zh.setupKeys.resultOrder}：`}
        <button type="button" className={byVotes ? '' : 'primary'} aria-pressed={!byVotes} onClick={() => setByVotes(false)} data-testid="result-order-list">
          {zh.setupKeys.resultOrderList}
        </button>{' '}
        <button type="button" className={byVotes ? 'primary' : ''} aria-pressed={byVotes} onClick={() => setByVotes(true)} title={zh.setupKeys.resultOrderVotesHint(meeting.form.scoring ? zh.export.score : (meeting.form.rates[0]?.name ?? ''))} data-testid="result-order-votes">
          {zh.setupKeys.resultOrderVotes}
        </button>
      </p>
      <ResultTable meeting={meeting} result={result} testId="result-table" disqualified={context.disqualified} byVotes={byVotes} />
      <RateChart form={meeting.form} result={result} />
      {result.secondRound.filter((h) => h.needed).map((h) => (
        <Notice key={h.question} kind="warning">
          {zh.cli.secondRoundNeeded(meeting.form.questions.length > 1 ? (meeting.form.questions[h.question]?.label ?? '') : '')}
        </Notice>
      ))}
      {meeting.form.kind === 'recommend' ? <WriteIns meeting={meeting} result={result} onMerged={reload} /> : null}
      {grouped ? <GroupResults meeting={meeting} grouped={grouped} /> : null}
      <PrintPanel
        payload={meetingExportOf(workbook, meeting, input.ballots, ballots, plan)}
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
