/** Create or edit a workbook: the team, the village or community, and the people being assessed. */
import { useState } from 'react';
import { Button, Form, Input, Space } from 'antd';
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
import { DataTable } from '../../ui/data-table';
import { EditableTable } from '../../ui/editable-table';

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
          <DataTable
            testId="import-people"
            rows={preview.people}
            rowKey={(p) => p.name}
            columns={[
              { key: 'name', title: zh.export.name, render: (p) => p.name },
              { key: 'gender', title: t.gender, render: (p) => p.gender },
              { key: 'birthDate', title: t.birthDate, render: (p) => p.birthDate },
              { key: 'currentPost', title: zh.export.currentPost, render: (p) => p.currentPost },
              { key: 'proposedPost', title: zh.export.proposedPost, render: (p) => p.proposedPost },
            ]}
          />
        </>
      ) : null}
      <Space className="import-buttons">
        {preview && 'people' in preview ? (
          <Button type="primary" onClick={() => onConfirm(preview.people)} data-testid="import-confirm">
            {t.importConfirm}
          </Button>
        ) : null}
        <Button onClick={onClose}>{zh.ui.cancel}</Button>
      </Space>
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

  const addPersonAfterLast = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    // Enter in the last row's last field adds a row, so a list is typed without the mouse.
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.nativeEvent.isComposing && index === people.length - 1) {
      event.preventDefault();
      setPeople((list) => [...list, blankPerson()]);
      requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`input[aria-label="${t.personName(index + 2)}"]`)?.focus());
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
    <form className="workbook-editor" onSubmit={save} onKeyDownCapture={submitOnCtrlEnter}>
      <h2>{t.unitSection}</h2>
      <Form layout="vertical" component="div" className="record-form">
        <Form.Item label={t.township} htmlFor="workbook-township">
          <Input id="workbook-township" name="township" value={township} onChange={(e) => setTownship(e.target.value)} autoFocus placeholder={t.townshipHint} />
        </Form.Item>
        <Form.Item label={t.unit} htmlFor="workbook-unit">
          <Input id="workbook-unit" name="unit" value={unit} onChange={(e) => setUnit(e.target.value)} placeholder={t.unitHint} />
        </Form.Item>
      </Form>
      <h2>{t.teamSection}</h2>
      <Form layout="vertical" component="div" className="record-form">
        <Form.Item label={t.teamName} htmlFor="workbook-team-name">
          <Input id="workbook-team-name" name="teamName" value={teamName} onChange={(e) => setTeamName(e.target.value)} placeholder={t.teamNameHint} />
        </Form.Item>
        <Form.Item label={t.teamMembers} htmlFor="workbook-team-members">
          <Input id="workbook-team-members" name="teamMembers" value={teamMembers} onChange={(e) => setTeamMembers(e.target.value)} placeholder={t.teamMembersHint} />
        </Form.Item>
      </Form>
      <h2>{t.peopleSection}</h2>
      <EditableTable<PersonDraft>
        testId="workbook-people"
        rows={people}
        rowKey={(person) => person.id}
        // The list is never empty: removing the only row leaves a blank one to type into.
        onChange={(rows) => setPeople(rows.length > 0 ? rows : [blankPerson()])}
        newRow={blankPerson}
        addLabel={t.addPerson}
        columns={[
          { key: 'index', title: zh.export.index, width: '4em', render: (_person, _change, index) => index + 1 },
          {
            key: 'name',
            title: zh.export.name,
            // Names are short; the posts (村党组织书记、村委会主任) take the room.
            width: '8em',
            render: (person, change, index) => <Input name="personName" aria-label={t.personName(index + 1)} value={person.name} onChange={(e) => change({ name: e.target.value })} />,
          },
          {
            key: 'gender',
            title: t.gender,
            width: '5.5em',
            render: (person, change, index) => <Input aria-label={t.personGender(index + 1)} value={person.gender ?? ''} onChange={(e) => change({ gender: e.target.value })} />,
          },
          {
            key: 'birthDate',
            title: t.birthDate,
            width: '7.5em',
            render: (person, change, index) => <Input aria-label={t.personBirthDate(index + 1)} value={person.birthDate ?? ''} onChange={(e) => change({ birthDate: e.target.value })} />,
          },
          {
            key: 'currentPost',
            title: zh.export.currentPost,
            render: (person, change, index) => <Input aria-label={t.personCurrentPost(index + 1)} value={person.currentPost} onChange={(e) => change({ currentPost: e.target.value })} />,
          },
          {
            key: 'proposedPost',
            title: zh.export.proposedPost,
            render: (person, change, index) => (
              <Input
                aria-label={t.personProposedPost(index + 1)}
                value={person.proposedPost}
                onChange={(e) => change({ proposedPost: e.target.value })}
                onKeyDown={(e) => addPersonAfterLast(e, index)}
              />
            ),
          },
        ]}
      />
      <Space wrap className="people-tools">
        <Button onClick={() => setImporting(true)} data-testid="open-candidate-import">
          {t.importOpen}
        </Button>
        <Button onClick={orderByStroke} data-testid="stroke-order">
          {k.strokeOrder}
          <KeyHint keyName={k.strokeOrderKey} />
        </Button>
      </Space>
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
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      <Space className="editor-buttons">
        <Button type="primary" htmlType="submit" disabled={saving}>
          {existing ? t.saveChanges : t.create}
          <KeyHint keyName={k.saveKey} />
        </Button>
        <Button onClick={() => navigate(existing ? { name: 'workbook', id: existing.id } : { name: 'home' })}>{zh.ui.cancel}</Button>
      </Space>
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
