/** Home: every workbook on this computer, newest first; N starts a new one. */
import { useState } from 'react';
import { Button } from 'antd';
import { zh } from '../../../../shared/messages/zh-CN';
import { meetingExchange, repository } from '../../db/repository';
import { FilePickerButton } from '../../ui/files';
import { href, navigate } from '../../router';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { KeyHint, useShortcuts } from '../../ui/shortcuts';
import { DataTable } from '../../ui/data-table';

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
          <Button type="primary" href={href({ name: 'workbook-new' })} id="new-workbook">
            {t.newWorkbook}
            <KeyHint keyName="N" />
          </Button>
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
        <DataTable
          testId="workbooks"
          label={t.title}
          rows={loaded.data}
          rowKey={(workbook) => workbook.id}
          columns={[
            {
              key: 'unit',
              title: t.unit,
              render: (workbook, index) => (
                <a href={href({ name: 'workbook', id: workbook.id })} autoFocus={index === 0} data-testid="workbook-link">
                  {workbook.township}
                  {workbook.unit}
                </a>
              ),
            },
            { key: 'team', title: t.team, render: (workbook) => workbook.teamName },
            { key: 'people', title: t.people, numeric: true, render: (workbook) => workbook.candidates.length },
            { key: 'updated', title: t.updated, render: (workbook) => new Date(workbook.updatedAt).toLocaleString('zh-CN') },
          ]}
        />
      )}
    </Page>
  );
}
