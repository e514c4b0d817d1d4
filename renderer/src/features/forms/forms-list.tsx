/** The form library (表式): the presets to start from, and the forms saved on this computer. */
import { Button } from 'antd';
import type { BallotForm } from '../../../../shared/domain/forms';
import type { PresetId } from '../../../../shared/domain/forms';
import { PRESET_IDS, presetForm } from '../../../../shared/domain/forms';
import { zh } from '../../../../shared/messages/zh-CN';
import type { FormRecord } from '../../db/records';
import { repository } from '../../db/repository';
import { href } from '../../router';
import type { DataColumn } from '../../ui/data-table';
import { DataTable } from '../../ui/data-table';
import { LoadingOrError, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';

const t = zh.ui.forms;

function newFormId(): string {
  return `form-${crypto.randomUUID().slice(0, 8)}`;
}

function questionsOf(form: BallotForm): string {
  return form.questions.map((q) => q.label).join('、');
}

const PRESETS = PRESET_IDS.map((id) => ({ id, form: presetForm(id) }));

const PRESET_COLUMNS: DataColumn<{ id: PresetId; form: BallotForm }>[] = [
  { key: 'name', title: t.formName, width: '20em', render: (preset) => preset.form.name },
  { key: 'questions', title: t.questions, render: (preset) => <span className="muted">{questionsOf(preset.form)}</span> },
  {
    key: 'copy',
    title: t.action,
    width: '9em',
    render: ({ id }) => (
      <Button size="small" href={href({ name: 'form-edit', id: newFormId(), from: id })} data-testid={`copy-${id}`}>
        {t.copy}
      </Button>
    ),
  },
];

const LIBRARY_COLUMNS: DataColumn<FormRecord>[] = [
  // The name opens the form itself; 复制 starts a new one from it.
  { key: 'name', title: t.formName, width: '20em', render: (record) => <a href={href({ name: 'form-edit', id: record.id, from: null })}>{record.form.name}</a> },
  { key: 'questions', title: t.questions, render: (record) => <span className="muted">{questionsOf(record.form)}</span> },
  {
    key: 'copy',
    title: t.action,
    width: '9em',
    render: (record) => (
      <Button size="small" href={href({ name: 'form-edit', id: newFormId(), from: record.id })}>
        {t.copy}
      </Button>
    ),
  },
];

export function FormsList() {
  const [loaded] = useLoad(() => repository.listForms(), []);
  return (
    <Page
      title={t.title}
      actions={
        <>
          <Button type="primary" href={href({ name: 'form-edit', id: newFormId(), from: 'empty-grade' })} data-testid="new-grade-form">
            {t.newGrade}
          </Button>
          <Button href={href({ name: 'form-edit', id: newFormId(), from: 'empty-recommend' })} data-testid="new-recommend-form">
            {t.newRecommend}
          </Button>
        </>
      }
    >
      <p className="muted">{t.hint}</p>
      <h2>{t.presets}</h2>
      <DataTable testId="presets" label={t.presets} rows={PRESETS} rowKey={(preset) => preset.id} columns={PRESET_COLUMNS} />
      <h2>{t.library}</h2>
      {loaded.state !== 'ready' ? (
        <LoadingOrError {...loaded} />
      ) : (
        <DataTable testId="library" label={t.library} rows={loaded.data} rowKey={(record) => record.id} columns={LIBRARY_COLUMNS} empty={t.empty} />
      )}
    </Page>
  );
}
