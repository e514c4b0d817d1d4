/** Create or edit a workbook: the team, the village or community, and the people being assessed. */
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { normalizeName } from '../../../../shared/format/text';
import { zh } from '../../../../shared/messages/zh-CN';
import type { PersonRecord, WorkbookRecord } from '../../db/records';
import type { WorkbookInput } from '../../db/repository';
import { repository } from '../../db/repository';
import { navigate } from '../../router';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { FilePickerButton, SheetChoice, readPickedGrid } from '../../ui/files';
import type { CandidateRow } from '../../../../shared/domain/candidate-list';
import { parseCandidateList } from '../../../../shared/domain/candidate-list';
import { formatImportProblems } from '../../../../shared/domain/ballot-grid';
import { typedNamesProblem } from '../../../../shared/domain/names';
import { useLoad } from '../../ui/use-load';
import { KeyHint, submitOnCtrlEnter, useShortcuts } from '../../ui/shortcuts';
import { strokeOrdered } from '../../../../shared/domain/stroke-order';

const t = zh.ui.workbook;
const k = zh.setupKeys;

type PersonDraft = PersonRecord;

function blankPerson(): PersonDraft {
  return { id: crypto.randomUUID(), name: '', gender: '', birthDate: '', currentPost: '', proposedPost: '' };
}

function isBlank(person: PersonDraft): boolean {
  return [person.name, person.gender ?? '', person.birthDate ?? '', person.currentPost, person.proposedPost].every((v) => v.trim() === '');
}

/** The preview of a candidate list: every problem with its place, or the people it would add. */
function CandidateImport({ existing, onConfirm, onClose }: { existing: string[]; onConfirm: (people: CandidateRow[]) => void; onClose: () => void }) {
  const [preview, setPreview] = useState<
    { fileName: string; people: CandidateRow[]; ignored: string[] } | { fileName: string; problems: string; sheetsOf?: { file: File; sheets: readonly string[] } } | null
  >(null);
  const [reading, setReading] = useState(false);

  async function read(file: File, sheet?: string) {
    setReading(true);
    const read = await readPickedGrid(file, sheet);
    setReading(false);
    if ('problems' in read) return setPreview({ fileName: file.name, problems: read.problems, ...(read.sheets ? { sheetsOf: { file, sheets: read.sheets } } : {}) });
    const parsed = parseCandidateList(read.grid, existing);
    setPreview(parsed.ok ? { fileName: file.name, people: parsed.value.people, ignored: parsed.value.ignoredColumns } : { fileName: file.name, problems: formatImportProblems(parsed.errors) });
  }

  return (
    <div className="import-preview" data-testid="candidate-import">
      <p>
        <FilePickerButton label={t.importPick} accept=".xlsx,.csv" onPicked={(file) => void read(file)} testId="candidate-file" /> <span className="muted">{t.importHint}</span>
      </p>
      {reading ? <p className="muted">{zh.ui.loading}</p> : null}
      {preview && 'problems' in preview ? (
        <Notice kind="error">
          <pre className="problems" data-testid="import-problems">
            {preview.problems}
          </pre>
          {preview.sheetsOf ? <SheetChoice sheets={preview.sheetsOf.sheets} onChoose={(sheet) => void read(preview.sheetsOf!.file, sheet)} /> : null}
        </Notice>
      ) : null}
      {preview && 'people' in preview ? (
        <>
          <p data-testid="import-summary">{t.importReady(preview.fileName, preview.people.length)}</p>
          {preview.ignored.length > 0 ? <p className="muted">{t.importIgnored(preview.ignored)}</p> : null}
          <table className="list-table" data-testid="import-people">
            <thead>
              <tr>
                <th>{zh.export.name}</th>
                <th>{t.gender}</th>
                <th>{t.birthDate}</th>
                <th>{zh.export.currentPost}</th>
                <th>{zh.export.proposedPost}</th>
              </tr>
            </thead>
            <tbody>
              {preview.people.map((p) => (
                <tr key={p.name}>
                  <td>{p.name}</td>
                  <td>{p.gender}</td>
                  <td>{p.birthDate}</td>
                  <td>{p.currentPost}</td>
                  <td>{p.proposedPost}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="primary" onClick={() => onConfirm(preview.people)} data-testid="import-confirm">
            {t.importConfirm}
          </button>{' '}
        </>
      ) : null}
      <button type="button" onClick={onClose}>
        {zh.ui.cancel}
      </button>
    </div>
  );
}

/** Splits "张三、李四,王五" into names. */
function splitNames(text: string): string[] {
  return text
    .split(/[、，,;；\s]+/)
    .map(normalizeName)
    .filter((name) => name !== '');
}

function validate(draft: { township: string; unit: string; people: PersonDraft[] }): { input: Omit<WorkbookInput, 'teamName' | 'teamMembers'>; problem: string | null } {
  const candidates: PersonRecord[] = draft.people
    .map((p) => ({ ...p, name: normalizeName(p.name), currentPost: p.currentPost.trim(), proposedPost: p.proposedPost.trim(), gender: (p.gender ?? '').trim(), birthDate: (p.birthDate ?? '').trim() }))
    .filter((p) => !isBlank(p));
  const unnamed = candidates.findIndex((p) => p.name === '');
  // Names held to what paper can be, and 王伟 / 王　伟 / ＷＡＮＧ one name whichever row they are on.
  const problem =
    normalizeName(draft.unit) === '' ? t.unitRequired : unnamed >= 0 ? t.nameRequired(unnamed + 1) : typedNamesProblem(candidates.map((p) => p.name));
  return { input: { township: normalizeName(draft.township), unit: normalizeName(draft.unit), candidates }, problem };
}

function WorkbookForm({ existing }: { existing: WorkbookRecord | null }) {
  const [teamName, setTeamName] = useState(existing?.teamName ?? '');
  const [teamMembers, setTeamMembers] = useState(existing?.teamMembers.join('、') ?? '');
  const [township, setTownship] = useState(existing?.township ?? '');
  const [unit, setUnit] = useState(existing?.unit ?? '');
  const [people, setPeople] = useState<PersonDraft[]>(existing && existing.candidates.length > 0 ? existing.candidates : [blankPerson()]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);

  const updatePerson = (index: number, field: 'name' | 'gender' | 'birthDate' | 'currentPost' | 'proposedPost', value: string) =>
    setPeople((list) => list.map((p, i) => (i === index ? { ...p, [field]: value } : p)));

  const addPersonAfterLast = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    // Enter in the last row's last field adds a row, so a list is typed without the mouse.
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.nativeEvent.isComposing && index === people.length - 1) {
      event.preventDefault();
      setPeople((list) => [...list, blankPerson()]);
      requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-person-row="${index + 1}"] input`)?.focus());
    }
  };

  // Blank rows stay at the end, where the next name is typed.
  const orderByStroke = () => setPeople((list) => [...strokeOrdered(list.filter((p) => !isBlank(p)), (p) => normalizeName(p.name)), ...list.filter(isBlank)]);
  useShortcuts({ [k.strokeOrderKey]: orderByStroke });

  async function save(event: FormEvent) {
    event.preventDefault();
    const { input, problem: found } = validate({ township, unit, people });
    setProblem(found);
    if (found) return;
    setSaving(true);
    const full: WorkbookInput = { ...input, teamName: normalizeName(teamName), teamMembers: splitNames(teamMembers) };
    try {
      if (existing) {
        await repository.updateWorkbook(existing.id, full);
        navigate({ name: 'workbook', id: existing.id });
      } else {
        const id = await repository.createWorkbook(full);
        navigate({ name: 'workbook', id });
      }
    } catch (error) {
      setProblem(zh.ui.errors.saveFailed(error instanceof Error ? error.message : String(error)));
      setSaving(false);
    }
  }

  return (
    <form className="editor" onSubmit={save} onKeyDownCapture={submitOnCtrlEnter}>
      <fieldset>
        <legend>{t.unitSection}</legend>
        <label>
          {t.township}
          <input name="township" value={township} onChange={(e) => setTownship(e.target.value)} autoFocus placeholder={t.townshipHint} />
        </label>
        <label>
          {t.unit}
          <input name="unit" value={unit} onChange={(e) => setUnit(e.target.value)} placeholder={t.unitHint} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t.teamSection}</legend>
        <label>
          {t.teamName}
          <input name="teamName" value={teamName} onChange={(e) => setTeamName(e.target.value)} placeholder={t.teamNameHint} />
        </label>
        <label>
          {t.teamMembers}
          <input name="teamMembers" value={teamMembers} onChange={(e) => setTeamMembers(e.target.value)} placeholder={t.teamMembersHint} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t.peopleSection}</legend>
        <table className="grid-table">
          <thead>
            <tr>
              <th>{zh.export.index}</th>
              <th>{zh.export.name}</th>
              <th>{t.gender}</th>
              <th>{t.birthDate}</th>
              <th>{zh.export.currentPost}</th>
              <th>{zh.export.proposedPost}</th>
              <th aria-label={t.removePerson} />
            </tr>
          </thead>
          <tbody>
            {people.map((person, index) => (
              <tr key={person.id} data-person-row={index}>
                <td className="num">{index + 1}</td>
                <td>
                  <input name="personName" aria-label={t.personName(index + 1)} value={person.name} onChange={(e) => updatePerson(index, 'name', e.target.value)} />
                </td>
                <td>
                  <input className="narrow" aria-label={t.personGender(index + 1)} value={person.gender ?? ''} onChange={(e) => updatePerson(index, 'gender', e.target.value)} />
                </td>
                <td>
                  <input className="narrow" aria-label={t.personBirthDate(index + 1)} value={person.birthDate ?? ''} onChange={(e) => updatePerson(index, 'birthDate', e.target.value)} />
                </td>
                <td>
                  <input aria-label={t.personCurrentPost(index + 1)} value={person.currentPost} onChange={(e) => updatePerson(index, 'currentPost', e.target.value)} />
                </td>
                <td>
                  <input
                    aria-label={t.personProposedPost(index + 1)}
                    value={person.proposedPost}
                    onChange={(e) => updatePerson(index, 'proposedPost', e.target.value)}
                    onKeyDown={(e) => addPersonAfterLast(e, index)}
                  />
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => setPeople((list) => (list.length > 1 ? list.filter((_, i) => i !== index) : [blankPerson()]))}>
                    {t.removePerson}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setPeople((list) => [...list, blankPerson()])}>
          {t.addPerson}
        </button>{' '}
        <button type="button" onClick={() => setImporting(true)} data-testid="open-candidate-import">
          {t.importOpen}
        </button>{' '}
        <button type="button" onClick={orderByStroke} data-testid="stroke-order">
          {k.strokeOrder}
          <KeyHint keyName={k.strokeOrderKey} />
        </button>
        <p className="muted">{t.peopleHint}</p>
        <p className="muted">{k.strokeOrderHint}</p>
        {importing ? (
          <CandidateImport
            existing={people.map((p) => normalizeName(p.name)).filter((n) => n !== '')}
            onClose={() => setImporting(false)}
            onConfirm={(rows) => {
              setPeople((list) => [...list.filter((p) => !isBlank(p)), ...rows.map((row) => ({ id: crypto.randomUUID(), ...row }))]);
              setImporting(false);
            }}
          />
        ) : null}
      </fieldset>
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {existing ? t.saveChanges : t.create}
          <KeyHint keyName={k.saveKey} />
        </button>
        <button type="button" onClick={() => navigate(existing ? { name: 'workbook', id: existing.id } : { name: 'home' })}>
          {zh.ui.cancel}
        </button>
      </div>
    </form>
  );
}

export function WorkbookEditor({ id }: { id: string | null }) {
  const [loaded] = useLoad(async () => (id === null ? null : ((await repository.getWorkbook(id)) ?? null)), [id]);
  if (loaded.state !== 'ready') return <Page title={t.editTitle}>{<LoadingOrError {...loaded} />}</Page>;
  if (id !== null && loaded.data === null) return <Page title={t.editTitle}><Notice kind="error">{zh.ui.errors.workbookMissing}</Notice></Page>;
  const workbook = loaded.data;
  return (
    <Page
      title={workbook ? t.editTitle : t.newTitle}
      crumbs={workbook ? [{ label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbook.id } }] : []}
    >
      <WorkbookForm existing={workbook} />
    </Page>
  );
}
