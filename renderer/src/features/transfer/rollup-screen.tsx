/**
 * 汇总: every workbook on this computer (the teams' files merged in) as one view: per village or
 * community its progress, per person the figures of every meeting, and the Excel export of it.
 * Counting 160 meetings takes a moment, so it runs in steps under a progress bar.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
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
              <button type="button" onClick={() => void backToLocal()}>
                {t.backToLocal}
              </button>
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
            <input type="password" value={password} autoComplete="off" onChange={(e) => setPassword(e.target.value)} />
          </label>
          {leftOut.length > 0 && fromFiles ? (
            <button type="button" disabled={reading !== null} onClick={() => void rollupOfFiles(fromFiles.picked)}>
              {t.again}
            </button>
          ) : null}
        </div>
        {reading !== null ? <Progress label={t.readingFiles(reading)} done={0} total={0} /> : null}
        {leftOut.length > 0 ? <Notice kind="warning">{t.leftOut(leftOut.length)}</Notice> : null}
        {fromFiles ? (
          <details open={leftOut.length > 0}>
            <summary>
              {t.fileName}（{fromFiles.reports.length}）
            </summary>
            <table className="list-table" data-testid="rollup-file-reports">
              <thead>
                <tr>
                  <th>{t.fileName}</th>
                  <th>{t.fileResult}</th>
                </tr>
              </thead>
              <tbody>
                {fromFiles.reports.map((report, i) => (
                  <tr key={`${i}-${report.fileName}`} data-testid="rollup-file" data-status={report.status}>
                    <td>{report.fileName}</td>
                    <td className={report.status === 'merged' || report.status === 'nothing-new' ? undefined : 'error-text'}>
                      {report.message}
                      {report.conflicts.length > 0 ? (
                        <ul>
                          {report.conflicts.slice(0, 20).map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
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
              <input value={title} placeholder={t.titlePlaceholder} onChange={(e) => setTitle(e.target.value)} size={40} />
            </label>
            <button type="button" className="primary" disabled={exporting} onClick={() => void exportExcel()} data-testid="export-rollup">
              {exporting ? t.exporting : t.export}
            </button>
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
              <select value={township} onChange={(e) => setTownship(e.target.value)} data-testid="rollup-township">
                <option value="">{t.allTownships}</option>
                {townships.map((name) => (
                  <option key={name} value={name}>
                    {name || zh.rollup.noTownship}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.search}
              <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="rollup-search" />
            </label>
          </div>

          <section>
            <h2>{t.units}</h2>
            <table className="list-table" data-testid="rollup-units">
              <thead>
                <tr>
                  <th>{zh.rollup.township}</th>
                  <th>{zh.rollup.unit}</th>
                  <th>{zh.rollup.team}</th>
                  <th>{zh.rollup.people}</th>
                  <th>{zh.rollup.finalized}</th>
                  <th>{t.progress}</th>
                  <th>{zh.rollup.flagged}</th>
                  <th>{zh.rollup.serious}</th>
                </tr>
              </thead>
              <tbody>
                {units.map((unit) => (
                  <tr key={`${unit.township}-${unit.unit}-${unit.team}`}>
                    <td>{unit.township}</td>
                    <td>{unit.unit}</td>
                    <td>{unit.team}</td>
                    <td className="num">{unit.people}</td>
                    <td>{t.finalized(unit.finalized, unit.meetings)}</td>
                    <td>
                      <progress max={Math.max(1, unit.returned)} value={Math.min(unit.entered, unit.returned)} aria-label={t.progress} /> {t.ballots(unit.entered, unit.returned)}
                    </td>
                    <td className="num">{unit.warnedPeople}</td>
                    <td className={`num${unit.seriousPeople > 0 ? ' error-text' : ''}`}>{unit.seriousPeople}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
