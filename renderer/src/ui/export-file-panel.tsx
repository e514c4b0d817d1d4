/** 导出工作簿文件: the team's whole workbook as a .tallydesk file, encrypted when a password is set. */
import { useState } from 'react';
import { localToday } from './dates';
import { zh } from '../../../shared/messages/zh-CN';
import type { WorkbookRecord } from '../db/records';
import { repository } from '../db/repository';
import { workbookTransfer } from '../db/transfer';
import { host } from '../platform/host';
import { failureText } from '../../../shared/domain/result';

const t = zh.ui.workbookPage;
export const MIN_PASSWORD_LENGTH = 6;


export function ExportFilePanel({ workbook, onDone }: { workbook: WorkbookRecord; onDone: (result: { kind: 'success' | 'error'; text: string } | null) => void }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function write() {
    if (password && password.length < MIN_PASSWORD_LENGTH) return setProblem(t.passwordTooShort);
    if (password !== again) return setProblem(t.passwordsDiffer);
    setBusy(true);
    try {
      const content = await workbookTransfer.dump(workbook.id);
      const baseName = [workbook.township + workbook.unit, workbook.teamName, localToday()].filter(Boolean).join('-');
      const answer = await host.writeWorkbookFile({ content, fromDevice: await repository.deviceId(), password: password || null, baseName });
      onDone(answer.ok ? { kind: 'success', text: t.fileWritten(answer.value.savedPath, Boolean(password)) } : { kind: 'error', text: failureText(answer) });
    } catch (error) {
      onDone({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <form
      className="panel export-file-panel"
      data-testid="export-file-panel"
      onSubmit={(e) => {
        e.preventDefault();
        void write();
      }}
    >
      <h2>{t.exportFileTitle}</h2>
      <p className="muted">{t.exportFileHint}</p>
      <div className="form-row">
        <label>
          {t.password}
          <input type="password" autoComplete="new-password" value={password} autoFocus onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          {t.passwordAgain}
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </label>
      </div>
      {problem ? <p className="error-text" role="alert">{problem}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t.writeFile}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {zh.ui.cancel}
        </button>
      </div>
    </form>
  );
}
