/** The form library (表式): the presets to start from, and the forms saved on this computer. */
import { PRESET_IDS, presetForm } from '../../../../shared/domain/forms';
import { zh } from '../../../../shared/messages/zh-CN';
import { repository } from '../../db/repository';
import { href } from '../../router';
import { LoadingOrError, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';

const t = zh.ui.forms;

function newFormId(): string {
  return `form-${crypto.randomUUID().slice(0, 8)}`;
}

export function FormsList() {
  const [loaded] = useLoad(() => repository.listForms(), []);
  return (
    <Page
      title={t.title}
      actions={
        <>
          <a className="button" href={href({ name: 'form-edit', id: newFormId(), from: 'empty-grade' })} data-testid="new-grade-form">
            {t.newGrade}
          </a>
          <a className="button" href={href({ name: 'form-edit', id: newFormId(), from: 'empty-recommend' })} data-testid="new-recommend-form">
            {t.newRecommend}
          </a>
        </>
      }
    >
      <p className="muted">{t.hint}</p>
      <h2>{t.presets}</h2>
      <table className="list-table">
        <tbody>
          {PRESET_IDS.map((id) => {
            const form = presetForm(id);
            return (
              <tr key={id}>
                <td>{form.name}</td>
                <td className="muted">{form.questions.map((q) => q.label).join('、')}</td>
                <td>
                  <a href={href({ name: 'form-edit', id: newFormId(), from: id })} data-testid={`copy-${id}`}>
                    {t.copy}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{t.library}</h2>
      {loaded.state !== 'ready' ? (
        <LoadingOrError {...loaded} />
      ) : loaded.data.length === 0 ? (
        <p className="muted">{t.empty}</p>
      ) : (
        <table className="list-table" data-testid="library">
          <tbody>
            {loaded.data.map((record) => (
              <tr key={record.id}>
                <td>
                  <a href={href({ name: 'form-edit', id: record.id, from: null })}>{record.form.name}</a>
                </td>
                <td className="muted">{record.form.questions.map((q) => q.label).join('、')}</td>
                <td>
                  <a href={href({ name: 'form-edit', id: newFormId(), from: record.id })}>{t.copy}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
