/**
 * 导入选票表: ballots from a grid file into an existing meeting. The file is read and checked first;
 * the preview shows every problem with its row and column, or the ballots and their counts;
 * nothing is stored until the user confirms, and a refused file changes nothing.
 */
import { useRef, useState } from 'react';
import { Button, Select, Space } from 'antd';
import type { BallotRecord } from '../../../../shared/domain/ballot';
import { formatImportProblems, parseBallotGrid } from '../../../../shared/domain/ballot-grid';
import { tally } from '../../../../shared/domain/tally';
import { formatPercent } from '../../../../shared/format/percent';
import { zh } from '../../../../shared/messages/zh-CN';
import type { EntryPass, MeetingRecord } from '../../db/records';
import type { MeetingContext } from '../../db/repository';
import { repository } from '../../db/repository';
import { href, navigate } from '../../router';
import { DataTable } from '../../ui/data-table';
import { SheetChoice, readPickedGrid } from '../../ui/files';
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
  const picker = useRef<HTMLInputElement>(null);

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
      {/* Native and hidden: the library's button opens it, and tests hand it a file. */}
      <input
        ref={picker}
        type="file"
        accept=".xlsx,.csv"
        hidden
        data-testid="ballot-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void read(file);
        }}
      />
      <Space wrap>
        <Button type="primary" onClick={() => picker.current?.click()}>
          {t.pick}
        </Button>
        {meeting.doubleEntry ? (
          <Select<EntryPass>
            aria-label={t.passChoice}
            popupMatchSelectWidth={false}
            value={pass}
            options={([1, 2] as const).map((p) => ({ value: p, label: t.pass(zh.ui.entry.passName(p)) }))}
            onChange={setPass}
            data-testid="import-pass"
          />
        ) : null}
      </Space>
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
          <DataTable
            testId="import-counts"
            label={t.title}
            rows={result.candidates}
            rowKey={(c) => c.name}
            columns={[
              { key: 'name', title: zh.export.name, render: (c) => c.name },
              ...meeting.form.rates.map((rule) => ({
                key: rule.id,
                title: rule.name,
                numeric: true,
                render: (c: (typeof result.candidates)[number]) => {
                  const rate = c.rates.find((r) => r.ruleId === rule.id);
                  return rate ? formatPercent(rate.numerator, rate.denominator) : '';
                },
              })),
            ]}
          />
          <Space className="editor-buttons">
            <Button type="primary" disabled={meeting.finalized !== null} onClick={() => void confirm(preview.fileName, preview.ballots)} data-testid="import-confirm">
              {t.confirm}
            </Button>
            <Button href={href({ name: 'tally', id: meeting.id })}>{zh.ui.cancel}</Button>
          </Space>
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
