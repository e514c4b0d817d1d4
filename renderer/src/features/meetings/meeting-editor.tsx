/**
 * Set up a meeting (form, candidates, meeting counts, quorum rule, respondent groups, double entry,
 * how results are announced) or edit it later. The form and candidate list can change only while
 * no ballot has been entered, so ballots never change meaning.
 */
import { useState } from 'react';
import { Button, Checkbox, ConfigProvider, Form, Input, Select, Space } from 'antd';
import type { ThemeConfig } from 'antd';
import { localToday } from '../../ui/dates';
import type { FormEvent } from 'react';
import type { BallotForm } from '../../../../shared/domain/forms';
import { PRESET_IDS, isPresetId, presetForm } from '../../../../shared/domain/forms';
import { fraction, parseFractionRule } from '../../../../shared/domain/fraction';
import type { RespondentGroup } from '../../../../shared/domain/groups';
import { DEFAULT_GROUP_LABELS } from '../../../../shared/domain/groups';
import type { MeetingCounts, QuorumRule } from '../../../../shared/domain/meeting';
import { DEFAULT_QUORUM, MEETING_COUNT_FIELDS } from '../../../../shared/domain/meeting';
import { normalizeName, toHalfWidthDigits } from '../../../../shared/format/text';
import { zh } from '../../../../shared/messages/zh-CN';
import type { AnnounceMode, FormRecord, MeetingRecord, WorkbookRecord } from '../../db/records';
import { repository } from '../../db/repository';
import { href, navigate } from '../../router';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { KeyHint, submitOnCtrlEnter, useShortcuts } from '../../ui/shortcuts';
import { strokeOrdered } from '../../../../shared/domain/stroke-order';
import { EditableTable } from '../../ui/editable-table';
import { APP_THEME } from '../../ui/component-frame';

const t = zh.ui.meeting;
const k = zh.setupKeys;

const QUORUM_FRACTIONS = [fraction(2, 3), fraction(1, 2), fraction(3, 4), fraction(4, 5)];

/** A confirmed meeting's fields are there to be read: disabled, but in the app's text colour rather than the library's pale grey. */
const READ_ONLY_THEME: ThemeConfig = { token: { colorTextDisabled: APP_THEME.token?.colorText } };

type CountTexts = Record<(typeof MEETING_COUNT_FIELDS)[number], string>;

function parseCounts(texts: CountTexts): MeetingCounts | string {
  const counts: Partial<MeetingCounts> = {};
  for (const field of MEETING_COUNT_FIELDS) {
    const text = toHalfWidthDigits(texts[field].trim());
    if (!/^\d+$/.test(text)) return t.countInvalid(zh.meetingField[field]);
    counts[field] = Number(text);
  }
  return counts as MeetingCounts;
}

interface GroupDraft {
  id: string;
  label: string;
  weight: string;
}

function defaultGroups(): GroupDraft[] {
  return DEFAULT_GROUP_LABELS.map((label) => ({ id: crypto.randomUUID().slice(0, 8), label, weight: '' }));
}

/** "preset:evaluation-4" or "form:<id>": where a meeting's form comes from. */
function sourceKey(meeting: MeetingRecord | null): string {
  if (!meeting) return 'preset:evaluation-4';
  return isPresetId(meeting.formSourceId) ? `preset:${meeting.formSourceId}` : `form:${meeting.formSourceId}`;
}

function formFor(source: string, library: readonly FormRecord[], maxSelections: number): BallotForm | null {
  const [kind, id = ''] = source.split(':');
  if (kind === 'preset' && isPresetId(id)) return presetForm(id, { maxSelections });
  return library.find((f) => f.id === id)?.form ?? null;
}

function MeetingForm({
  workbook,
  meeting,
  library,
  hasBallots,
  readOnly = false,
}: {
  workbook: WorkbookRecord;
  meeting: MeetingRecord | null;
  library: FormRecord[];
  hasBallots: boolean;
  /** A confirmed meeting: every field shown, none can change, nothing saves. */
  readOnly?: boolean;
}) {
  const formLocked = hasBallots;
  const [source, setSource] = useState(sourceKey(meeting));
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [date, setDate] = useState(meeting?.date ?? localToday());
  const [maxSelections, setMaxSelections] = useState(String(meeting?.form.questions[0]?.maxSelections ?? 1));
  const [secondRound, setSecondRound] = useState(() => {
    const rule = meeting?.form.recommend?.secondRound;
    return rule ? `${rule.comparison}${rule.threshold.numerator}/${rule.threshold.denominator}` : '';
  });
  const [selected, setSelected] = useState<Set<string>>(
    () => new Set(meeting ? meeting.candidates.map((c) => c.personId) : workbook.candidates.map((c) => c.id)),
  );
  // The meeting's candidate order (its ballots and tables follow it): a meeting keeps its own order,
  // people added to the workbook since come after; a new meeting starts in the workbook's order.
  const [order, setOrder] = useState<string[]>(() => {
    const inWorkbook = new Set(workbook.candidates.map((c) => c.id));
    const first = meeting ? meeting.candidates.map((c) => c.personId).filter((id) => inWorkbook.has(id)) : [];
    return [...first, ...workbook.candidates.map((c) => c.id).filter((id) => !first.includes(id))];
  });
  const [counts, setCounts] = useState<CountTexts>(() => ({
    expected: meeting ? String(meeting.counts.expected) : '',
    present: meeting ? String(meeting.counts.present) : '',
    issued: meeting ? String(meeting.counts.issued) : '',
    returned: meeting ? String(meeting.counts.returned) : '',
  }));
  const [quorum, setQuorum] = useState<QuorumRule>(meeting?.quorum ?? DEFAULT_QUORUM);
  const [minPresent, setMinPresent] = useState(meeting?.quorum.minPresent === null || meeting?.quorum.minPresent === undefined ? '' : String(meeting.quorum.minPresent));
  const [grouped, setGrouped] = useState(meeting?.groups !== null && meeting?.groups !== undefined);
  const [groups, setGroups] = useState<GroupDraft[]>(
    () => meeting?.groups?.map((g) => ({ id: g.id, label: g.label, weight: g.weight === null ? '' : String(g.weight) })) ?? defaultGroups(),
  );
  const [doubleEntry, setDoubleEntry] = useState(meeting?.doubleEntry ?? false);
  const [announce, setAnnounce] = useState<AnnounceMode>(meeting?.announce ?? 'open');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const baseForm = formFor(source, library, 1);
  const isRecommend = baseForm?.kind === 'recommend';
  const isPresetRecommend = source === 'preset:recommend';

  const orderedPeople = order.map((id) => workbook.candidates.find((c) => c.id === id)).filter((c) => c !== undefined);
  const orderByStroke = () => {
    if (formLocked || readOnly) return;
    setOrder(strokeOrdered(orderedPeople, (p) => p.name).map((p) => p.id));
  };
  useShortcuts({ [k.strokeOrderKey]: orderByStroke });

  function parseGroups(): RespondentGroup[] | string | null {
    if (!grouped) return null;
    const result: RespondentGroup[] = [];
    for (const g of groups) {
      const label = normalizeName(g.label);
      if (label === '') continue;
      const weightText = toHalfWidthDigits(g.weight.trim());
      const weight = weightText === '' ? null : Number(weightText);
      if (weight !== null && !(Number.isFinite(weight) && weight >= 0)) return t.groupWeightInvalid(label);
      if (result.some((r) => r.label === label)) return t.groupDuplicate(label);
      result.push({ id: g.id, label, weight, counts: meeting?.groups?.find((m) => m.id === g.id)?.counts ?? null });
    }
    return result.length > 0 ? result : t.groupsEmpty;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    // Ctrl+Enter from a link of a confirmed meeting's page still submits the form: it must change nothing.
    if (readOnly) return;
    const parsed = parseCounts(counts);
    if (typeof parsed === 'string') return setProblem(parsed);
    const min = minPresent.trim() === '' ? null : Number(toHalfWidthDigits(minPresent.trim()));
    if (min !== null && !Number.isSafeInteger(min)) return setProblem(t.minPresentInvalid);
    const groupList = parseGroups();
    if (typeof groupList === 'string') return setProblem(groupList);
    const rule: QuorumRule = { ...quorum, minPresent: min };
    const meetingTitle = normalizeName(title) || (isRecommend ? t.defaultRecommendTitle : t.defaultEvaluationTitle);

    const max = Number(toHalfWidthDigits(maxSelections.trim()));
    if (isPresetRecommend && !(Number.isSafeInteger(max) && max >= 1)) return setProblem(t.maxInvalid);
    let form = formFor(source, library, isPresetRecommend ? max : 1);
    if (!form) return setProblem(t.formMissing);
    if (form.recommend) {
      const text = secondRound.trim();
      const parsedRule = text === '' ? null : parseFractionRule(text, '<=');
      if (text !== '' && !parsedRule) return setProblem(t.secondRoundInvalid);
      form = { ...form, recommend: { ...form.recommend, secondRound: parsedRule } };
    }
    const candidates = (meeting && formLocked ? meeting.candidates : orderedPeople.filter((c) => selected.has(c.id)).map((c) => ({
      personId: c.id,
      name: c.name,
      currentPost: c.currentPost,
      proposedPost: c.proposedPost,
    })));
    if (candidates.length === 0) return setProblem(t.noCandidates);

    setSaving(true);
    try {
      const common = { title: meetingTitle, date, counts: parsed, quorum: rule, groups: groupList, doubleEntry, announce };
      if (meeting) {
        await repository.updateMeeting(meeting.id, formLocked ? common : { ...common, form, formSourceId: source.split(':')[1]!, candidates });
        navigate({ name: 'tally', id: meeting.id });
        return;
      }
      const id = await repository.createMeeting(workbook.id, { ...common, formSourceId: source.split(':')[1]!, form, candidates });
      navigate({ name: 'tally', id });
    } catch (error) {
      setProblem(zh.ui.errors.saveFailed(error instanceof Error ? error.message : String(error)));
      setSaving(false);
    }
  }

  const candidateList = meeting && formLocked ? meeting.candidates.map((c) => ({ id: c.personId, name: c.name, proposedPost: c.proposedPost })) : orderedPeople;
  const formOptions = [
    { label: t.presets, title: t.presets, options: PRESET_IDS.map((id) => ({ value: `preset:${id}`, label: presetForm(id).name })) },
    ...(library.length > 0 ? [{ label: t.library, title: t.library, options: library.map((f) => ({ value: `form:${f.id}`, label: f.form.name })) }] : []),
  ];
  const setGroup = (index: number, change: Partial<GroupDraft>) => setGroups((list) => list.map((x, j) => (j === index ? { ...x, ...change } : x)));

  return (
    // Read-only (a confirmed meeting): every control of the library disabled at once (a control's own disabled wins over it, so
    // those say readOnly too), its words kept dark enough to read.
    <ConfigProvider componentDisabled={readOnly} theme={readOnly ? READ_ONLY_THEME : undefined}>
      <form className="meeting-editor" onSubmit={save} onKeyDownCapture={submitOnCtrlEnter}>
        <h2>{t.basics}</h2>
        <Form layout="vertical" component="div" className="record-form">
          <Form.Item label={t.form} htmlFor="meeting-form-source" className="meeting-form-source">
            <Select
              id="meeting-form-source"
              value={source}
              disabled={formLocked || readOnly}
              onChange={setSource}
              autoFocus={meeting === null && !readOnly}
              options={formOptions}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          {isPresetRecommend ? (
            <Form.Item label={t.maxSelections} htmlFor="meeting-max-selections">
              <Input id="meeting-max-selections" name="maxSelections" inputMode="numeric" value={maxSelections} disabled={formLocked || readOnly} onChange={(e) => setMaxSelections(e.target.value)} />
            </Form.Item>
          ) : null}
          {isRecommend ? (
            <Form.Item label={t.secondRound} htmlFor="meeting-second-round">
              <Input id="meeting-second-round" name="secondRound" value={secondRound} disabled={formLocked || readOnly} onChange={(e) => setSecondRound(e.target.value)} placeholder={t.secondRoundHint} />
            </Form.Item>
          ) : null}
          <Form.Item label={t.title} htmlFor="meeting-title">
            <Input
              id="meeting-title"
              name="title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={isRecommend ? t.defaultRecommendTitle : t.defaultEvaluationTitle}
              autoFocus={meeting !== null && !readOnly}
            />
          </Form.Item>
          <Form.Item label={t.date} htmlFor="meeting-date">
            <Input id="meeting-date" name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
          </Form.Item>
        </Form>
        {isRecommend && baseForm && baseForm.questions.length > 1 ? (
          <p className="muted">{t.postsLine(baseForm.questions.map((q) => `${q.label} ${q.maxSelections ?? 1} 人`).join('，'))}</p>
        ) : null}
        <p className="muted">
          {formLocked ? t.formFixed : t.formHint} <a href={href({ name: 'forms' })}>{t.toDesigner}</a>
        </p>

        <h2>{t.countsSection}</h2>
        <Form layout="vertical" component="div" className="record-form meeting-counts-form">
          {MEETING_COUNT_FIELDS.map((field) => (
            <Form.Item key={field} label={zh.meetingField[field]} htmlFor={`meeting-count-${field}`}>
              <Input id={`meeting-count-${field}`} name={field} inputMode="numeric" value={counts[field]} onChange={(e) => setCounts((c) => ({ ...c, [field]: e.target.value }))} />
            </Form.Item>
          ))}
        </Form>
        <p className="muted">{t.countsHint}</p>
        <Form layout="vertical" component="div" className="record-form meeting-counts-form">
          <Form.Item label={t.quorum} htmlFor="meeting-quorum-comparison">
            <Select<QuorumRule['comparison']>
              id="meeting-quorum-comparison"
              value={quorum.comparison}
              onChange={(comparison) => setQuorum((q) => ({ ...q, comparison }))}
              options={[
                { value: '>=', label: t.atLeast },
                { value: '>', label: t.moreThan },
              ]}
            />
          </Form.Item>
          <Form.Item label={t.quorumFraction} htmlFor="meeting-quorum-fraction">
            <Select
              id="meeting-quorum-fraction"
              value={`${quorum.threshold.numerator}/${quorum.threshold.denominator}`}
              onChange={(value) => {
                const [n, d] = value.split('/').map(Number);
                setQuorum((q) => ({ ...q, threshold: fraction(n ?? 2, d ?? 3) }));
              }}
              options={QUORUM_FRACTIONS.map((f) => ({ value: `${f.numerator}/${f.denominator}`, label: `${f.numerator}/${f.denominator}` }))}
            />
          </Form.Item>
          <Form.Item label={t.minPresent} htmlFor="meeting-min-present">
            <Input id="meeting-min-present" name="minPresent" inputMode="numeric" value={minPresent} onChange={(e) => setMinPresent(e.target.value)} placeholder={t.minPresentHint} />
          </Form.Item>
        </Form>

        <h2>{t.countingSection}</h2>
        <div className="meeting-option">
          <Checkbox name="doubleEntry" checked={doubleEntry} onChange={(e) => setDoubleEntry(e.target.checked)}>
            {t.doubleEntry}
          </Checkbox>
          <p className="muted">{t.doubleEntryHint}</p>
        </div>
        <div className="meeting-option">
          <Checkbox name="sealed" checked={announce === 'sealed'} onChange={(e) => setAnnounce(e.target.checked ? 'sealed' : 'open')}>
            {t.sealed}
          </Checkbox>
          <p className="muted">{t.sealedHint}</p>
        </div>
        <div className="meeting-option">
          <Checkbox name="grouped" checked={grouped} disabled={readOnly || (formLocked && !grouped)} onChange={(e) => setGrouped(e.target.checked)}>
            {t.grouped}
          </Checkbox>
        </div>
        {grouped ? (
          <div className="groups-table">
            <EditableTable<GroupDraft>
              rows={groups}
              rowKey={(g) => g.id}
              onChange={setGroups}
              newRow={() => ({ id: crypto.randomUUID().slice(0, 8), label: '', weight: '' })}
              addLabel={t.addGroup}
              columns={[
                { key: 'label', title: t.groupLabel, render: (g, _change, i) => <Input aria-label={t.groupLabelOf(i + 1)} value={g.label} onChange={(e) => setGroup(i, { label: e.target.value })} /> },
                {
                  key: 'weight',
                  title: t.groupWeight,
                  width: '12em',
                  render: (g, _change, i) => (
                    <Input aria-label={t.groupWeightOf(i + 1)} inputMode="decimal" value={g.weight} placeholder={t.groupWeightHint} onChange={(e) => setGroup(i, { weight: e.target.value })} />
                  ),
                },
              ]}
            />
            <p className="muted">{t.groupsHint}</p>
          </div>
        ) : null}

        <h2>{t.candidates}</h2>
        {formLocked ? <p className="muted">{t.candidatesFixed}</p> : workbook.candidates.length === 0 ? <Notice kind="warning">{t.noPeopleInWorkbook}</Notice> : null}
        {formLocked ? null : (
          <p>
            <Button onClick={orderByStroke} data-testid="stroke-order">
              {k.strokeOrder}
              <KeyHint keyName={k.strokeOrderKey} />
            </Button>{' '}
            <span className="muted">{k.strokeOrderHint}</span>
          </p>
        )}
        <ul className="candidate-choices" data-testid="meeting-candidates">
          {candidateList.map((person) => (
            <li key={person.id}>
              <Checkbox
                checked={selected.has(person.id)}
                disabled={formLocked || readOnly}
                onChange={(e) =>
                  setSelected((s) => {
                    const next = new Set(s);
                    if (e.target.checked) next.add(person.id);
                    else next.delete(person.id);
                    return next;
                  })
                }
              >
                {person.name}
                {person.proposedPost ? <span className="muted">（{person.proposedPost}）</span> : null}
              </Checkbox>
            </li>
          ))}
        </ul>

        {problem ? <Notice kind="error">{problem}</Notice> : null}
        {readOnly ? null : (
          <Space className="editor-buttons">
            <Button type="primary" htmlType="submit" disabled={saving}>
              {meeting ? t.saveChanges : t.createAndEnter}
              <KeyHint keyName={k.saveKey} />
            </Button>
            <Button onClick={() => navigate(meeting ? { name: 'tally', id: meeting.id } : { name: 'workbook', id: workbook.id })}>{zh.ui.cancel}</Button>
          </Space>
        )}
      </form>
    </ConfigProvider>
  );
}

export function MeetingEditor({ workbookId, meetingId }: { workbookId: string | null; meetingId: string | null }) {
  const [loaded] = useLoad(async () => {
    const context = meetingId ? await repository.loadMeetingContext(meetingId) : null;
    const workbook = context?.workbook ?? (await repository.getWorkbook(workbookId ?? ''));
    if (!workbook) return null;
    return { workbook, meeting: context?.meeting ?? null, hasBallots: (context?.rows.length ?? 0) > 0, library: await repository.listForms() };
  }, [workbookId, meetingId]);
  if (loaded.state !== 'ready') return <Page title={t.newTitle}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null || (meetingId !== null && loaded.data.meeting === null)) {
    return <Page title={t.newTitle}><Notice kind="error">{zh.ui.errors.meetingMissing}</Notice></Page>;
  }
  const { workbook, meeting, library, hasBallots } = loaded.data;
  if (meeting?.finalized) {
    // Confirmed: the same fields, to read, all disabled (nothing can be saved from here).
    const r = zh.statusViews.readOnlyMeeting;
    return (
      <Page title={r.title} crumbs={[{ label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbook.id } }]}>
        <div data-testid="meeting-read-only">
          <Notice kind="info">
            {r.why} <a href={href({ name: 'results', id: meeting.id })}>{r.toResults}</a>
          </Notice>
          <MeetingForm workbook={workbook} meeting={meeting} library={library} hasBallots={hasBallots} readOnly />
        </div>
      </Page>
    );
  }
  return (
    <Page title={meeting ? t.editTitle : t.newTitle} crumbs={[{ label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbook.id } }]}>
      <MeetingForm workbook={workbook} meeting={meeting} library={library} hasBallots={hasBallots} />
    </Page>
  );
}
