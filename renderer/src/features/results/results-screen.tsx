/** Results (计票结果): counts, rates, flags, the checks, the 口径说明 and the Excel export. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { basisStatement } from '../../../../shared/domain/basis';
import { ballotFingerprint } from '../../../../shared/domain/fingerprint';
import { tally } from '../../../../shared/domain/tally';
import type { TallyResult } from '../../../../shared/domain/tally';
import { formatPercent } from '../../../../shared/format/percent';
import { zh } from '../../../../shared/messages/zh-CN';
import type { BallotRow, MeetingRecord, WorkbookRecord } from '../../db/records';
import { repository } from '../../db/repository';
import { host } from '../../platform/host';
import { href, navigate } from '../../router';
import { ChecksList, StatusBadge } from '../../ui/checks-list';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { meetingExportOf } from '../exports/meeting-export';

const t = zh.ui.results;

function ResultTable({ meeting, result }: { meeting: MeetingRecord; result: TallyResult }) {
  const form = meeting.form;
  const single = form.questions.length === 1;
  const keys = result.candidates[0]?.questions.flatMap((q) => Object.keys(q.counts).map((key) => ({ question: q.questionId, key, label: single ? key : `${q.label}·${key}` }))) ?? [];
  return (
    <table className="result-table" data-testid="result-table">
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
          <th>{zh.export.flags}</th>
        </tr>
      </thead>
      <tbody>
        {result.candidates.map((candidate, i) => (
          <tr key={candidate.name} data-candidate={candidate.name}>
            <td className="num">{i + 1}</td>
            <th scope="row">{candidate.name}</th>
            <td>{meeting.candidates[i]?.proposedPost}</td>
            {keys.map((k) => (
              <td key={k.label} className="num" data-count={k.label}>
                {candidate.questions.find((q) => q.questionId === k.question)?.counts[k.key]}
              </td>
            ))}
            {candidate.rates.map((rate) => (
              <td key={rate.ruleId} className="num" data-rate={rate.name} title={`${rate.numerator} / ${rate.denominator}`}>
                {formatPercent(rate.numerator, rate.denominator)}
              </td>
            ))}
            {form.kind === 'recommend' ? <td className="num" data-rank>{candidate.rank}</td> : null}
            <td className="flags">
              {candidate.flags.map((flag) => (
                <span key={flag.rate} className={`flag flag-${flag.severity}`}>
                  {zh.severityName[flag.severity]}：{flag.message}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Screen({ workbook, meeting, ballots }: { workbook: WorkbookRecord; meeting: MeetingRecord; ballots: BallotRow[] }) {
  const names = useMemo(() => meeting.candidates.map((c) => c.name), [meeting]);
  const result = useMemo(() => tally({ form: meeting.form, candidates: names, counts: meeting.counts, quorum: meeting.quorum, ballots }), [meeting, names, ballots]);
  const fingerprint = useMemo(() => ballotFingerprint(meeting.form, names, ballots), [meeting, names, ballots]);
  const basis = useMemo(() => basisStatement(meeting.form, meeting.quorum), [meeting]);
  const [exporting, setExporting] = useState(false);
  const [exportNotice, setExportNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const exportButton = useRef<HTMLButtonElement>(null);

  async function exportSummary() {
    setExporting(true);
    setExportNotice(null);
    const answer = await host.exportMeetingSummary(meetingExportOf(workbook, meeting, ballots));
    setExporting(false);
    setExportNotice(answer.ok ? { kind: 'success', text: t.exported(answer.value.savedPath) } : { kind: 'error', text: answer.message });
    exportButton.current?.focus();
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
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
          <StatusBadge status={result.status} />
          <button type="button" className="primary" ref={exportButton} autoFocus onClick={() => void exportSummary()} disabled={exporting} data-testid="export">
            {exporting ? t.exporting : t.export}
          </button>
          <a className="button" href={href({ name: 'tally', id: meeting.id })}>
            {t.backToTally} <kbd>F8</kbd>
          </a>
        </>
      }
    >
      {result.status === 'void' ? <Notice kind="error">{t.voidBanner}</Notice> : null}
      {result.status === 'incomplete' ? <Notice kind="warning">{t.incompleteBanner}</Notice> : null}
      {exportNotice ? (
        <div data-testid="export-notice">
          <Notice kind={exportNotice.kind}>{exportNotice.text}</Notice>
        </div>
      ) : null}
      <p className="meeting-line">
        {`${meeting.form.name}　${meeting.date}`}
      </p>
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
      <h2>{t.tableTitle}</h2>
      <ResultTable meeting={meeting} result={result} />
      {meeting.form.kind === 'recommend' ? (
        <>
          <h2>{zh.export.writeInsTitle}</h2>
          {result.writeIns.length === 0 ? (
            <p className="muted">{zh.export.noWriteIns}</p>
          ) : (
            <ul>
              {result.writeIns.map((w) => (
                <li key={w.name}>{t.writeIn(w.name, w.votes)}</li>
              ))}
            </ul>
          )}
        </>
      ) : null}
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
  const [loaded] = useLoad(() => repository.loadMeetingContext(id), [id]);
  if (loaded.state !== 'ready') return <Page title={t.title('')}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title('')}><Notice kind="error">{zh.ui.errors.meetingMissing}</Notice></Page>;
  return <Screen {...loaded.data} />;
}
