/**
 * 汇总: every workbook on this computer (the teams' files merged in) as one view: per village or
 * community its progress, per person the figures of every meeting, and the Excel export of it.
 * Counting 160 meetings takes a moment, so it runs in steps under a progress bar.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Input, Progress as Bar, Select } from 'antd';
import { DataTable } from '../../ui/data-table';
import { localToday } from '../../ui/dates';
import type { RollupExport } from '../../../../shared/contract/rollup';
import type { MergedFileReport } from '../../../../shared/contract/transfer-calls';
import { rollupSteps } from '../../../../shared/report/rollup';
import { ratesTable, reviewRiskTable } from '../../../../shared/report/rollup-report';
import { zh } from '../../../../shared/messages/zh-CN';
import { workbookTransfer } from '../../db/transfer';
import { host } from '../../platform/host';
import { href } from '../../router';
import { fileAsBase64 } from '../../ui/files';
import { Notice, Page } from '../../ui/layout';
import { Progress } from '../../ui/progress';
import { ReportTableView } from '../../ui/report-table';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.rollup;
const TITLE_KEY = 'tally-desk:rollup-title';
/** Meetings counted between two repaints of the progress bar. */
const MEETINGS_PER_STEP = 4;

async function computeRollup(title: string, onProgress: (done: number, total: number) => void): Promise<RollupExport> {
  const content = await workbookTransfer.dump();
  const steps = rollupSteps(content, { title, exportDate: localToday() });
  for (let n = 0; ; n++) {
    const step = steps.next();
    if (step.done) return step.value;
    if (n % MEETINGS_PER_STEP === 0) {
      onProgress(step.value.done, step.value.total);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}

export function RollupScreen() {
  const [title, setTitle] = useState(() => localStorage.getItem(TITLE_KEY) ?? '');
  const [rollup, setRollup] = useState<RollupExport | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>({ done: 0, total: 0 });
  const [error, setError] = useState<string | null>(null);
  const [township, setTownship] = useState('');
  const [query, setQuery] = useState('');
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  /** Null: this computer's database; else the files picked, and what became of each. */
  const [fromFiles, setFromFiles] = useState<{ picked: File[]; reports: MergedFileReport[] } | null>(null);
  const [password, setPassword] = useState('');
  const [reading, setReading] = useState<number | null>(null);
  /** Which roll-up was asked for last (local or files): an answer to an older request is dropped. */
  const latest = useRef(0);

  /** The roll-up of the picked files, merged and counted by the host; nothing is stored here. */
  async function rollupOfFiles(picked: File[]) {
    if (picked.length === 0) return;
    const request = ++latest.current;
    setProgress(null);
    setReading(picked.length);
    setError(null);
    setNotice(null);
    try {
      const files = await Promise.all(picked.map(async (file) => ({ fileName: file.name, contentBase64: await fileAsBase64(file) })));
      const answer = await host.rollupFiles({ files, passwords: password ? [password] : [], title: title.trim(), exportDate: localToday() });
      if (request !== latest.current) return;
      if (!answer.ok) {
        setError(failureText(answer));
        return;
      }
      setRollup(answer.value.rollup);
      setFromFiles({ picked, reports: answer.value.files });
      setTownship('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      if (request === latest.current) setReading(null);
    }
  }

  async function backToLocal() {
    const request = ++latest.current;
    setFromFiles(null);
    setNotice(null);
    setReading(null);
    setProgress({ done: 0, total: 0 });
    try {
      const value = await computeRollup(title.trim(), (done, total) => request === latest.current && setProgress({ done, total }));
      if (request === latest.current) setRollup(value);
    } catch (failure) {
      if (request === latest.current) setError(failure instanceof Error ? failure.message : String(failure));
    }
    if (request === latest.current) setProgress(null);
  }

  const leftOut = fromFiles?.reports.filter((r) => r.status === 'needs-password' || r.status === 'refused' || r.status === 'conflict') ?? [];

  useEffect(() => {
    let live = true;
    const request = ++latest.current;
    const current = () => live && request === latest.current;
    computeRollup(localStorage.getItem(TITLE_KEY) ?? '', (done, total) => current() && setProgress({ done, total })).then(
      (value) => {
        if (!current()) return;
        setRollup(value);
        setProgress(null);
      },
      (failure: unknown) => {
        if (!current()) return;
        setError(failure instanceof Error ? failure.message : String(failure));
        setProgress(null);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const townships = useMemo(() => [...new Set(rollup?.units.map((u) => u.township) ?? [])], [rollup]);
  /** The places in rollup.people of the people shown: the township chosen, the name or place searched. */
  const people = useMemo(() => {
    if (!rollup) return [];
    const q = query.trim();
    return rollup.people.flatMap((person, index) =>
      (!township || person.township === township) && (!q || person.name.includes(q) || person.unit.includes(q) || person.team.includes(q)) ? [index] : [],
    );
  }, [rollup, township, query]);
  // The 测评推荐比率 table of the Excel file, with the 标注: each figure beside the meeting it comes from.
  const peopleTable = useMemo(() => (rollup ? ratesTable(rollup, people, { marks: true }) : null), [rollup, people]);
  const units = useMemo(() => rollup?.units.filter((u) => !township || u.township === township) ?? [], [rollup, township]);

  async function exportExcel() {
    if (!rollup) return;
    localStorage.setItem(TITLE_KEY, title);
    setExporting(true);
    setNotice(null);
    const answer = await host.exportRollup({ ...rollup, title: title.trim(), exportDate: localToday() });
    setExporting(false);
    setNotice(answer.ok ? { kind: 'success', text: t.exported(answer.value.savedPath) } : { kind: 'error', text: failureText(answer) });
  }

  return (
    <Page
      title={t.title}
      actions={
        <a className="button" href={href({ name: 'merge' })}>
          {zh.ui.merge.title}
        </a>
      }
    >
      {fromFiles ? null : <p className="muted">{t.intro}</p>}
      <section className="rollup-source">
        <p data-testid="rollup-source">
          <strong>{fromFiles ? t.sourceFiles(fromFiles.picked.length, fromFiles.reports.filter((r) => r.status === 'merged' || r.status === 'nothing-new').length) : t.sourceLocal}</strong>
          {fromFiles ? (
            <>
              {' '}
              <Button onClick={() => void backToLocal()}>{t.backToLocal}</Button>
            </>
          ) : null}
        </p>
        <p className="muted">{t.fromFilesHint}</p>
        <div className="form-row">
          <label className="button file-button">
            {t.pickFiles}
            <input
              type="file"
              accept=".tallydesk"
              multiple
              hidden
              data-testid="rollup-files"
              onChange={(e) => {
                void rollupOfFiles([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
          </label>
          <label>
            {t.filesPassword}
            <Input.Password value={password} autoComplete="off" onChange={(e) => setPassword(e.target.value)} visibilityToggle={false} style={{ width: '14em' }} />
          </label>
          {leftOut.length > 0 && fromFiles ? (
            <Button disabled={reading !== null} onClick={() => void rollupOfFiles(fromFiles.picked)}>
              {t.again}
            </Button>
          ) : null}
        </div>
        {reading !== null ? <Progress label={t.readingFiles(reading)} done={0} total={0} /> : null}
        {leftOut.length > 0 ? <Notice kind="warning">{t.leftOut(leftOut.length)}</Notice> : null}
        {fromFiles ? (
          <details open={leftOut.length > 0}>
            <summary>
              {t.fileName}（{fromFiles.reports.length}）
            </summary>
            <DataTable
              testId="rollup-file-reports"
              rows={fromFiles.reports}
              rowKey={(report, i) => `${i}-${report.fileName}`}
              rowTestId="rollup-file"
              rowAttributes={(report) => ({ 'data-status': report.status })}
              columns={[
                { key: 'file', title: t.fileName, render: (report) => report.fileName },
                {
                  key: 'result',
                  title: t.fileResult,
                  render: (report) => (
                    <span className={report.status === 'merged' || report.status === 'nothing-new' ? undefined : 'error-text'}>
                      {report.message}
                      {report.conflicts.length > 0 ? (
                        <ul>
                          {report.conflicts.slice(0, 20).map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      ) : null}
                    </span>
                  ),
                },
              ]}
            />
          </details>
        ) : null}
      </section>
      {progress ? <Progress label={t.computing(progress.done, progress.total)} done={progress.done} total={progress.total} /> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {rollup && rollup.units.length === 0 && !fromFiles ? <p className="muted">{t.empty}</p> : null}
      {rollup && rollup.units.length > 0 ? (
        <>
          <div className="form-row rollup-controls">
            <label>
              {t.titleLabel}
              <Input value={title} placeholder={t.titlePlaceholder} onChange={(e) => setTitle(e.target.value)} style={{ width: '26em' }} />
            </label>
            <Button type="primary" disabled={exporting} onClick={() => void exportExcel()} data-testid="export-rollup">
              {exporting ? t.exporting : t.export}
            </Button>
          </div>
          {exporting ? <Progress label={t.exporting} done={0} total={0} /> : null}
          {notice ? (
            <div data-testid="rollup-notice">
              <Notice kind={notice.kind}>{notice.text}</Notice>
            </div>
          ) : null}
          <div className="form-row">
            <label>
              {t.township}
              <Select<string>
                aria-label={t.township}
                value={township}
                onChange={setTownship}
                data-testid="rollup-township"
                style={{ minWidth: '12em' }}
                popupMatchSelectWidth={false}
                options={[{ value: '', label: t.allTownships }, ...townships.map((name) => ({ value: name, label: name || zh.rollup.noTownship }))]}
              />
            </label>
            <label>
              {t.search}
              <Input type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="rollup-search" style={{ width: '14em' }} />
            </label>
          </div>

          <section>
            <h2>{t.units}</h2>
            <DataTable
              testId="rollup-units"
              rows={units}
              rowKey={(unit) => `${unit.township}-${unit.unit}-${unit.team}`}
              columns={[
                { key: 'township', title: zh.rollup.township, render: (unit) => unit.township },
                { key: 'unit', title: zh.rollup.unit, render: (unit) => unit.unit },
                { key: 'team', title: zh.rollup.team, render: (unit) => unit.team },
                { key: 'people', title: zh.rollup.people, numeric: true, render: (unit) => unit.people },
                { key: 'finalized', title: zh.rollup.finalized, render: (unit) => t.finalized(unit.finalized, unit.meetings) },
                {
                  key: 'progress',
                  title: t.progress,
                  render: (unit) => (
                    <span className="unit-progress">
                      <Bar percent={Math.round((Math.min(unit.entered, unit.returned) / Math.max(1, unit.returned)) * 100)} showInfo={false} size="small" aria-label={t.progress} />
                      {t.ballots(unit.entered, unit.returned)}
                    </span>
                  ),
                },
                { key: 'flagged', title: zh.rollup.flagged, numeric: true, render: (unit) => unit.warnedPeople },
                { key: 'serious', title: zh.rollup.serious, numeric: true, render: (unit) => <span className={unit.seriousPeople > 0 ? 'error-text' : undefined}>{unit.seriousPeople}</span> },
              ]}
            />
          </section>

          <section>
            <h2>{zh.rollup.reviewTitle}</h2>
            <ReportTableView table={reviewRiskTable(units)} testId="rollup-review" />
          </section>

          <section>
            <h2>
              {zh.overview.title} <span className="muted">{t.shown(people.length, rollup.people.length)}</span>
            </h2>
            <p className="muted">{zh.rollup.rule}</p>
            <div className="wide-table">
              <ReportTableView table={peopleTable!} testId="rollup-people" rowClass={(r) => (rollup.people[people[r]!]!.marks.some((m) => m.level === 'serious') ? 'serious' : undefined)} />
            </div>
          </section>
        </>
      ) : null}
    </Page>
  );
}
