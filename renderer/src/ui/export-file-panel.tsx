/** 导出工作簿文件: the team's whole workbook as a .tallydesk file, encrypted when a password is set. */
import { useState } from 'react';
import { Button, Form, Input, Space } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { localToday } from './dates';
import { zh } from '../../../shared/messages/zh-CN';
import type { WorkbookRecord } from '../db/records';
import { repository } from '../db/repository';
import { workbookTransfer } from '../db/transfer';
import { host } from '../platform/host';
import { failureText } from '../../../shared/domain/result';
import { editorKeys } from './record-editor';
import { KeyHint } from './shortcuts';

const t = zh.ui.workbookPage;
export const MIN_PASSWORD_LENGTH = 6;

/** The library's eye icons name themselves in English to a screen reader; the field's label says what it is. */
const eye = (visible: boolean) => (visible ? <EyeOutlined aria-hidden /> : <EyeInvisibleOutlined aria-hidden />);

export function ExportFilePanel({ workbook, onDone }: { workbook: WorkbookRecord; onDone: (result: { kind: 'success' | 'error'; text: string } | null) => void }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  // Shown under the field it is about: too short under the first, a mismatch under the second.
  const [problem, setProblem] = useState<{ field: 'password' | 'again'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function write() {
    if (busy) return;
    if (password && password.length < MIN_PASSWORD_LENGTH) return setProblem({ field: 'password', text: t.passwordTooShort });
    if (password !== again) return setProblem({ field: 'again', text: t.passwordsDiffer });
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

  const cancel = () => onDone(null);
  const help = (field: 'password' | 'again') =>
    problem?.field === field ? { validateStatus: 'error' as const, help: <span role="alert">{problem.text}</span> } : {};

  return (
    <form
      className="panel export-file-panel"
      data-testid="export-file-panel"
      onKeyDown={editorKeys(() => void write(), cancel)}
      onSubmit={(e) => {
        e.preventDefault();
        void write();
      }}
    >
      <h2>{t.exportFileTitle}</h2>
      <p className="muted">{t.exportFileHint}</p>
      <Form layout="vertical" component="div" className="record-form">
        <Form.Item label={t.password} htmlFor="export-file-password" {...help('password')}>
          <Input.Password id="export-file-password" autoComplete="new-password" value={password} autoFocus onChange={(e) => setPassword(e.target.value)} iconRender={eye} />
        </Form.Item>
        <Form.Item label={t.passwordAgain} htmlFor="export-file-again" {...help('again')}>
          <Input.Password id="export-file-again" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} iconRender={eye} />
        </Form.Item>
      </Form>
      <Space className="editor-buttons">
        <Button type="primary" htmlType="submit" disabled={busy} data-testid="export-file-write">
          {t.writeFile}
          <KeyHint keyName={zh.setupKeys.saveKey} />
        </Button>
        <Button onClick={cancel}>
          {zh.ui.cancel}
          <KeyHint keyName="Esc" />
        </Button>
      </Space>
    </form>
  );
}
