/**
 * 合并工作簿文件: the township's or district's way in for the teams' USB sticks. Every file is read
 * whole and checked first (password, checksum, schema), then shown with what it would add; the
 * merge then applies each file all or nothing, and a file in conflict is listed and left out.
 */
import { useRef, useState } from 'react';
import { Button, Form, Input } from 'antd';
import type { TransferContent } from '../../../../shared/contract/workbook-file';
import { MAX_WORKBOOK_FILE_BYTES } from '../../../../shared/contract/workbook-file';
import type { MergeReport } from '../../../../shared/domain/merge';
import { reportIsEmpty } from '../../../../shared/domain/merge';
import { zh } from '../../../../shared/messages/zh-CN';
import { workbookTransfer } from '../../db/transfer';
import type { MergeSession } from '../../db/transfer';
import { host } from '../../platform/host';
import { href } from '../../router';
import { DataTable } from '../../ui/data-table';
import { fileAsBase64 } from '../../ui/files';
import { Notice, Page } from '../../ui/layout';
import { Progress } from '../../ui/progress';
import { snapshotWriter } from '../../db/snapshot-writer';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.merge;
const MAX_CONFLICTS_SHOWN = 20;

type FileState =
  | { status: 'reading' }
  | { status: 'needs-password' }
  | { status: 'refused'; message: string }
  | { status: 'ready'; content: TransferContent; fromDevice: string; snapshot: boolean; encrypted: boolean; report: MergeReport }
  | { status: 'merged'; content: TransferContent; report: MergeReport };

interface PickedFile {
  file: File;
  state: FileState;
}

function contentLabel(content: TransferContent): string {
  return content.workbooks.map((w) => t.fromTeam(w.township, w.unit, w.teamName)).join('、');
}

export function MergeScreen() {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [password, setPassword] = useState('');
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [session] = useState<MergeSession>(() => workbookTransfer.mergeSession());
  const picker = useRef<HTMLInputElement>(null);

  async function check(file: File, secret: string | null): Promise<FileState> {
    // Refused before reading: a huge file would otherwise be read whole into this page first.
    if (file.size > MAX_WORKBOOK_FILE_BYTES) return { status: 'refused', message: zh.workbookFile.refused(file.name, zh.workbookFile.tooLarge(MAX_WORKBOOK_FILE_BYTES / 1024 / 1024)) };
    const answer = await host.readWorkbookFile({ fileName: file.name, contentBase64: await fileAsBase64(file), password: secret });
    if (!answer.ok) return { status: 'refused', message: failureText(answer) };
    if (answer.value.status === 'needs-password') return { status: 'needs-password' };
    const { content, fromDevice, purpose, encrypted } = answer.value;
    try {
      return { status: 'ready', content, fromDevice, snapshot: purpose === 'snapshot', encrypted, report: await session.preview(content) };
    } catch (error) {
      return { status: 'refused', message: error instanceof Error ? error.message : String(error) };
    }
  }

  async function checkAll(list: PickedFile[], secret: string | null) {
    setSummary(null);
    const next = [...list];
    const todo = next.map((item, i) => [item, i] as const).filter(([item]) => item.state.status === 'reading' || item.state.status === 'needs-password' || item.state.status === 'refused');
    for (const [n, [item, i]] of todo.entries()) {
      setProgress({ label: t.reading(n + 1, todo.length), done: n, total: todo.length });
      next[i] = { file: item.file, state: await check(item.file, secret) };
      setFiles([...next]);
    }
    setProgress(null);
  }

  function pick(picked: FileList | null) {
    if (!picked || picked.length === 0) return;
    const known = new Set(files.map((f) => `${f.file.name}\u0000${f.file.size}`));
    const added = [...picked].filter((f) => !known.has(`${f.name}\u0000${f.size}`)).map((file): PickedFile => ({ file, state: { status: 'reading' } }));
    const list = [...files, ...added];
    setFiles(list);
    void checkAll(list, password || null);
  }

  const ready = files.filter((f) => f.state.status === 'ready' && f.state.report.conflicts.length === 0 && !reportIsEmpty(f.state.report));

  async function applyAll() {
    await snapshotWriter.hold(applyEach);
  }

  async function applyEach() {
    const next = [...files];
    let merged = 0;
    const todo = next.map((item, i) => [item, i] as const).filter(([item]) => ready.includes(item));
    for (const [n, [item, i]] of todo.entries()) {
      if (item.state.status !== 'ready') continue;
      setProgress({ label: t.applying(n + 1, todo.length), done: n, total: todo.length });
      try {
        const report = await session.apply(item.state.content, item.file.name, item.state.fromDevice);
        if (report.conflicts.length > 0) {
          next[i] = { file: item.file, state: { ...item.state, report } };
        } else {
          merged++;
          next[i] = { file: item.file, state: { status: 'merged', content: item.state.content, report } };
        }
      } catch (error) {
        next[i] = { file: item.file, state: { status: 'refused', message: error instanceof Error ? error.message : String(error) } };
      }
      setFiles([...next]);
    }
    setProgress(null);
    const left = next.filter((f) => f.state.status === 'refused' || f.state.status === 'needs-password' || (f.state.status === 'ready' && f.state.report.conflicts.length > 0));
    setSummary(t.done(merged, left.length));
  }

  const waiting = files.some((f) => f.state.status === 'needs-password' || (f.state.status === 'refused' && password));
  const canRetry = waiting && progress === null;
  // Enter in the password field does what the button beside it does.
  const retry = () => {
    if (canRetry) void checkAll(files, password || null);
  };

  return (
    <Page title={t.title} actions={<Button href={href({ name: 'rollup' })}>{t.toRollup}</Button>}>
      <p>{t.intro}</p>
      {/* Native, hidden, and outside the form (whose styles would show it): the library's button opens it, and tests hand it files. */}
      <input
        ref={picker}
        type="file"
        accept=".tallydesk"
        multiple
        hidden
        data-testid="merge-files"
        onChange={(e) => {
          pick(e.target.files);
          e.target.value = '';
        }}
      />
      <Form layout="vertical" component="div" className="merge-controls">
        <Form.Item>
          <Button type="primary" onClick={() => picker.current?.click()}>
            {t.pick}
          </Button>
        </Form.Item>
        <Form.Item label={t.password} htmlFor="merge-password">
          <Input id="merge-password" type="password" className="merge-password" value={password} autoComplete="off" onChange={(e) => setPassword(e.target.value)} onPressEnter={retry} />
        </Form.Item>
        <Form.Item>
          <Button disabled={!canRetry} onClick={retry}>
            {t.retry}
          </Button>
        </Form.Item>
      </Form>
      {progress ? <Progress label={progress.label} done={progress.done} total={progress.total} /> : null}
      {summary ? (
        <div data-testid="merge-summary">
          <Notice kind="success">{summary}</Notice>
        </div>
      ) : null}
      {files.length > 0 ? (
        <DataTable<PickedFile>
          testId="merge-files-table"
          label={t.title}
          rows={files}
          rowKey={({ file }) => `${file.name}-${file.size}`}
          rowTestId="merge-file"
          rowAttributes={({ state }) => ({ 'data-status': state.status })}
          columns={[
            { key: 'file', title: t.file, width: '28%', render: ({ file }) => <span className="merge-file-name">{file.name}</span> },
            {
              key: 'content',
              title: t.content,
              width: '28%',
              render: ({ state }) => (
                <>
                  {state.status === 'ready' || state.status === 'merged' ? contentLabel(state.content) : ''}
                  {state.status === 'ready' && state.snapshot ? t.snapshotFile : ''}
                  {state.status === 'ready' && !state.encrypted && !state.snapshot ? <div className="muted">{t.unauthenticated}</div> : null}
                </>
              ),
            },
            { key: 'status', title: t.status, render: ({ state }) => <FileStatus state={state} /> },
          ]}
        />
      ) : null}
      {ready.length > 0 && progress === null ? (
        <p>
          <Button type="primary" onClick={() => void applyAll()} data-testid="merge-apply">
            {t.apply(ready.length)}
          </Button>
        </p>
      ) : null}
    </Page>
  );
}

function FileStatus({ state }: { state: FileState }) {
  switch (state.status) {
    case 'reading':
      return <span className="muted">{zh.ui.loading}</span>;
    case 'needs-password':
      return <span className="warning-text">{t.needsPassword}</span>;
    case 'refused':
      return <span className="error-text">{state.message}</span>;
    case 'merged':
      return <span className="ok-text">{t.merged(state.report.added)}</span>;
    case 'ready': {
      const { report } = state;
      if (report.conflicts.length > 0) {
        return (
          <div className="error-text" data-testid="merge-conflicts">
            {t.conflicts(report.conflicts.length)}
            <ul>
              {report.conflicts.slice(0, MAX_CONFLICTS_SHOWN).map((c) => (
                <li key={`${c.kind}-${c.id}`}>{c.message}</li>
              ))}
              {report.conflicts.length > MAX_CONFLICTS_SHOWN ? <li>{t.moreConflicts(report.conflicts.length - MAX_CONFLICTS_SHOWN)}</li> : null}
            </ul>
            <p className="muted">{t.conflictHint}</p>
          </div>
        );
      }
      if (reportIsEmpty(report)) return <span className="muted">{t.nothingNew}</span>;
      const updates = report.updated.workbooks + report.updated.meetings + report.updated.forms + report.updated.assessment;
      return (
        <span>
          {t.willAdd(report.added)}
          {updates > 0 ? t.willUpdate(updates) : ''}
        </span>
      );
    }
  }
}
