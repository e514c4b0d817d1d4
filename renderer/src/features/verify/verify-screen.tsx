/** 核验文件: pick an exported xlsx; the host rebuilds it from the data it carries and names every edited cell. */
import { useState } from 'react';
import type { VerifyResult } from '../../../../shared/contract/verify';
import { zh } from '../../../../shared/messages/zh-CN';
import { host } from '../../platform/host';
import { FilePickerButton, fileAsBase64 } from '../../ui/files';
import { Notice, Page } from '../../ui/layout';
import { failureText } from '../../../../shared/domain/result';

const t = zh.ui.verify;

export function VerifyScreen() {
  const [report, setReport] = useState<{ fileName: string; result: VerifyResult } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(file: File) {
    setBusy(true);
    setProblem(null);
    setReport(null);
    const answer = await host.verifyExport({ fileName: file.name, contentBase64: await fileAsBase64(file) });
    setBusy(false);
    if (answer.ok) setReport({ fileName: file.name, result: answer.value });
    else setProblem(failureText(answer));
  }

  return (
    <Page title={t.title} actions={<FilePickerButton label={t.pick} accept=".xlsx" onPicked={(file) => void check(file)} testId="verify-file" />}>
      <p className="muted">{t.hint}</p>
      {busy ? <p className="muted">{t.checking}</p> : null}
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      {report ? (
        <div data-testid="verify-report" data-status={report.result.status}>
          {report.result.status === 'intact' ? (
            <Notice kind="success">
              {report.result.kind === 'rollup'
                ? zh.verify.intactRollup(report.fileName, zh.rollup.fingerprintSheet)
                : zh.verify.intact(report.fileName, report.result.fingerprint ?? '')}
            </Notice>
          ) : (
            <Notice kind="error">
              {report.result.status === 'changed'
                ? zh.verify.changed(report.fileName, report.result.messages.length)
                : report.result.status === 'earlier'
                  ? zh.verify.earlier(report.fileName)
                  : zh.verify.notOurs(report.fileName)}
              <ul>
                {report.result.messages.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </Notice>
          )}
        </div>
      ) : null}
    </Page>
  );
}
