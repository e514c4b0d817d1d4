/**
 * 导入选票表: ballots from a grid file into an existing meeting. The file is read and checked first;
 * the preview shows every problem with its row and column, or the ballots and their counts;
 * nothing is stored until the user confirms, and a refused file changes nothing.
 */
import { useState } from 'react';
import type { BallotRecord } from '../../../../shared/domain/ballot';
import { formatImportProblems, parseBallotGrid } from '../../../../shared/domain/ballot-grid';
import { tally } from '../../../../shared/domain/tally';
import { formatPercent } from '../../../../shared/format/percent';
import { zh } from '../../../../shared/messages/zh-CN';
import type { EntryPass, MeetingRecord } from '../../db/records';
import type { MeetingContext } from '../../db/repository';
import { repository } from '../../db/repository';
import { href, navigate } from '../../router';
import { FilePickerButton, SheetChoice, readPickedGrid } from '../../ui/files';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';

const t = zh.ballotImport;

type Preview =
  | { fileName: string; sheet: string | null; ballots: BallotRecord[] }
  | { fileName: string; problems: string; sheetsOf?: { file: File; sheets: readonly string[] } }
  | null;

/** The file's ballots in the meeting's candidate order, or why they cannot be. */
function alignToMeeting(meeting: MeetingRecord, candidates: string[], ballots: BallotRecord[]): BallotRecord[] | string {
  const names = meeting.candidates.map((c) => c.name);
  const missing = names.filter((n) => !candidates.includes(n));
  const extra = candidates.filter((n) => !names.includes(n));
  if (missing.length > 0 || extra.length > 0) return t.candidatesDiffer(missing, extra);
  const q = meeting.form.questions.length;
  const order = names.map((n) => candidates.indexOf(n));
  return ballots.map((b) => ({ ...b, marks: order.flatMap((c) => b.marks.slice(c * q, c * q + q)) }));
}

function BallotImportPreview({ context }: { context: MeetingContext }) {
  const { meeting, workbook } = context;
  const [preview, setPreview] = useState<Preview>(null);
  const [pass, setPass] = useState<EntryPass>(meeting.entryPass ?? 1);
  const [problem, setProblem] = useState<string | null>(null);

  async function read(file: File, sheet?: string) {
    setProblem(null);
    const read = await readPickedGrid(file, sheet);
    if ('problems' in read) return setPreview({ fileName: file.name, problems: read.problems, ...(read.sheets ? { sheetsOf: { file, sheets: read.sheets } } : {}) });
    const parsed = parseBallotGrid(read.grid, meeting.form, { groups: meeting.groups });
    if (!parsed.ok) return setPreview({ fileName: file.name, problems: formatImportProblems(parsed.errors) });
    const aligned = alignToMeeting(meeting, parsed.value.candidates, parsed.value.ballots);
    setPreview(typeof aligned === 'string' ? { fileName: file.name, problems: aligned } : { fileName: file.name, sheet: read.grid.sheet, ballots: aligned });
  }

  async function confirm(fileName: string, ballots: BallotRecord[]) {
    try {
      await repository.importBallots(meeting.id, ballots, pass, fileName);
      navigate({ name: 'tally', id: meeting.id });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  const result =
    preview && 'ballots' in preview
      ? tally({ form: meeting.form, candidates: meeting.candidates.map((c) => c.name), counts: meeting.counts, quorum: meeting.quorum, ballots: preview.ballots })
      : null;

  return (
    <Page
      title={t.title}
      crumbs={[
        { label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbook.id } },
        { label: meeting.title, route: { name: 'tally', id: meeting.id } },
      ]}
    >
      {meeting.finalized ? <Notice kind="info">{zh.ui.errors.meetingFinalized}</Notice> : null}
      <p className="muted">{t.hint}</p>
      <p>
        <FilePickerButton label={t.pick} accept=".xlsx,.csv" onPicked={(file) => void read(file)} testId="ballot-file" />
        {meeting.doubleEntry ? (
          <label>
            {' '}
            <select value={pass} onChange={(e) => setPass(Number(e.target.value) === 2 ? 2 : 1)} data-testid="import-pass">
              {([1, 2] as const).map((p) => (
                <option key={p} value={p}>
                  {t.pass(zh.ui.entry.passName(p))}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </p>
      {preview && 'problems' in preview ? (
        <Notice kind="error">
          <pre className="problems" data-testid="import-problems">
            {preview.problems}
          </pre>
          {preview.sheetsOf ? <SheetChoice sheets={preview.sheetsOf.sheets} onChoose={(sheet) => void read(preview.sheetsOf!.file, sheet)} /> : null}
        </Notice>
      ) : null}
      {preview && 'ballots' in preview && result ? (
        <>
          <p className="muted" data-testid="import-source">
            {zh.gridFile.sheetUsed(preview.fileName, preview.sheet)}
          </p>
          <p data-testid="import-summary">{t.ready(preview.fileName, preview.ballots.length, result.meeting.valid, result.meeting.invalid)}</p>
          <table className="list-table" data-testid="import-counts">
            <thead>
              <tr>
                <th>{zh.export.name}</th>
                {meeting.form.rates.map((r) => (
                  <th key={r.id}>{r.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.candidates.map((c) => (
                <tr key={c.name}>
                  <td>{c.name}</td>
                  {c.rates.map((r) => (
                    <td key={r.ruleId} className="num">
                      {formatPercent(r.numerator, r.denominator)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" className="primary" disabled={meeting.finalized !== null} onClick={() => void confirm(preview.fileName, preview.ballots)} data-testid="import-confirm">
              {t.confirm}
            </button>{' '}
            <a className="button" href={href({ name: 'tally', id: meeting.id })}>
              {zh.ui.cancel}
            </a>
          </p>
        </>
      ) : null}
      {problem ? <Notice kind="error">{problem}</Notice> : null}
    </Page>
  );
}

export function BallotImportScreen({ id }: { id: string }) {
  const [loaded] = useLoad<MeetingContext | null>(() => repository.loadMeetingContext(id), [id]);
  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.meetingMissing}</Notice></Page>;
  return <BallotImportPreview context={loaded.data} />;
}
