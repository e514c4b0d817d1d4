/** Home: every workbook on this computer, newest first; N starts a new one. */
import { useState } from 'react';
import { zh } from '../../../../shared/messages/zh-CN';
import { meetingExchange, repository } from '../../db/repository';
import { FilePickerButton } from '../../ui/files';
import { href, navigate } from '../../router';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { useShortcuts } from '../../ui/shortcuts';

const t = zh.ui.home;

export function WorkbookList() {
  const [loaded] = useLoad(() => repository.listWorkbooks(), []);
  const [notice, setNotice] = useState<string | null>(null);

  async function importFile(text: string, name: string) {
    try {
      const imported = await meetingExchange.importPackage(text, name);
      navigate(imported.kind === 'meeting-received' ? { name: 'tally', id: imported.meetingId } : { name: 'reconcile', id: imported.meetingId });
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  }

  useShortcuts({ n: () => navigate({ name: 'workbook-new' }) });

  return (
    <Page
      title={t.title}
      actions={
        <>
          <a className="button primary" href={href({ name: 'workbook-new' })} id="new-workbook">
            {t.newWorkbook} <kbd>N</kbd>
          </a>
          <FilePickerButton label={zh.exchange.importMeeting} accept=".json" onFile={(text, name) => void importFile(text, name)} testId="import-meeting" />
        </>
      }
    >
      {notice ? <Notice kind="error">{notice}</Notice> : null}
      {loaded.state !== 'ready' ? (
        <LoadingOrError {...loaded} />
      ) : loaded.data.length === 0 ? (
        <div className="empty">
          <p>{t.empty}</p>
          <p className="muted">{t.emptyHint}</p>
        </div>
      ) : (
        <table className="list-table">
          <thead>
            <tr>
              <th>{t.unit}</th>
              <th>{t.team}</th>
              <th>{t.people}</th>
              <th>{t.updated}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.map((workbook, index) => (
              <tr key={workbook.id}>
                <td>
                  <a href={href({ name: 'workbook', id: workbook.id })} autoFocus={index === 0} data-testid="workbook-link">
                    {workbook.township}
                    {workbook.unit}
                  </a>
                </td>
                <td>{workbook.teamName}</td>
                <td className="num">{workbook.candidates.length}</td>
                <td>{new Date(workbook.updatedAt).toLocaleString('zh-CN')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
