/**
 * Set up a meeting (form, candidates, meeting counts, quorum rule) or edit its counts later. The
 * form and candidate list are fixed once the meeting exists, so ballots never change meaning.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { PresetId } from '../../../../shared/domain/forms';
import { PRESET_IDS, presetForm } from '../../../../shared/domain/forms';
import { fraction } from '../../../../shared/domain/fraction';
import type { MeetingCounts, QuorumRule } from '../../../../shared/domain/meeting';
import { DEFAULT_QUORUM, MEETING_COUNT_FIELDS } from '../../../../shared/domain/meeting';
import { normalizeName } from '../../../../shared/format/text';
import { zh } from '../../../../shared/messages/zh-CN';
import type { MeetingRecord, WorkbookRecord } from '../../db/records';
import { repository } from '../../db/repository';
import { navigate } from '../../router';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';

const t = zh.ui.meeting;

const QUORUM_FRACTIONS = [fraction(2, 3), fraction(1, 2), fraction(3, 4), fraction(4, 5)];

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

type CountTexts = Record<(typeof MEETING_COUNT_FIELDS)[number], string>;

function parseCounts(texts: CountTexts): MeetingCounts | string {
  const counts: Partial<MeetingCounts> = {};
  for (const field of MEETING_COUNT_FIELDS) {
    const text = texts[field].trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    if (!/^\d+$/.test(text)) return t.countInvalid(zh.meetingField[field]);
    counts[field] = Number(text);
  }
  return counts as MeetingCounts;
}

function Editor({ workbook, meeting }: { workbook: WorkbookRecord; meeting: MeetingRecord | null }) {
  const [presetId, setPresetId] = useState<PresetId>(meeting?.presetId ?? 'evaluation-4');
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [date, setDate] = useState(meeting?.date ?? today());
  const [maxSelections, setMaxSelections] = useState(String(meeting?.form.recommend?.maxSelections ?? 1));
  const [selected, setSelected] = useState<Set<string>>(
    () => new Set(meeting ? meeting.candidates.map((c) => c.personId) : workbook.candidates.map((c) => c.id)),
  );
  const [counts, setCounts] = useState<CountTexts>(() => ({
    expected: meeting ? String(meeting.counts.expected) : '',
    present: meeting ? String(meeting.counts.present) : '',
    issued: meeting ? String(meeting.counts.issued) : '',
    returned: meeting ? String(meeting.counts.returned) : '',
  }));
  const [quorum, setQuorum] = useState<QuorumRule>(meeting?.quorum ?? DEFAULT_QUORUM);
  const [minPresent, setMinPresent] = useState(meeting?.quorum.minPresent === null || !meeting ? '' : String(meeting.quorum.minPresent));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const isRecommend = presetId === 'recommend';

  async function save(event: FormEvent) {
    event.preventDefault();
    const parsed = parseCounts(counts);
    if (typeof parsed === 'string') return setProblem(parsed);
    const min = minPresent.trim() === '' ? null : Number(minPresent.trim());
    if (min !== null && !Number.isSafeInteger(min)) return setProblem(t.minPresentInvalid);
    const rule: QuorumRule = { ...quorum, minPresent: min };
    const meetingTitle = normalizeName(title) || (isRecommend ? t.defaultRecommendTitle : t.defaultEvaluationTitle);
    setSaving(true);
    try {
      if (meeting) {
        await repository.updateMeeting(meeting.id, { title: meetingTitle, date, counts: parsed, quorum: rule });
        navigate({ name: 'tally', id: meeting.id });
        return;
      }
      const candidates = workbook.candidates
        .filter((c) => selected.has(c.id))
        .map((c) => ({ personId: c.id, name: c.name, currentPost: c.currentPost, proposedPost: c.proposedPost }));
      if (candidates.length === 0) {
        setSaving(false);
        return setProblem(t.noCandidates);
      }
      const max = Number(maxSelections);
      if (isRecommend && !(Number.isSafeInteger(max) && max >= 1)) {
        setSaving(false);
        return setProblem(t.maxInvalid);
      }
      const id = await repository.createMeeting(workbook.id, {
        title: meetingTitle,
        date,
        presetId,
        maxSelections: isRecommend ? max : null,
        candidates,
        counts: parsed,
        quorum: rule,
      });
      navigate({ name: 'tally', id });
    } catch (error) {
      setProblem(zh.ui.errors.saveFailed(error instanceof Error ? error.message : String(error)));
      setSaving(false);
    }
  }

  return (
    <form className="editor" onSubmit={save}>
      <fieldset>
        <legend>{t.basics}</legend>
        <label>
          {t.form}
          <select name="preset" value={presetId} disabled={meeting !== null} onChange={(e) => setPresetId(e.target.value as PresetId)} autoFocus={meeting === null}>
            {PRESET_IDS.map((id) => (
              <option key={id} value={id}>
                {presetForm(id).name}
              </option>
            ))}
          </select>
        </label>
        {isRecommend ? (
          <label>
            {t.maxSelections}
            <input name="maxSelections" inputMode="numeric" value={maxSelections} disabled={meeting !== null} onChange={(e) => setMaxSelections(e.target.value)} />
          </label>
        ) : null}
        <label>
          {t.title}
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={isRecommend ? t.defaultRecommendTitle : t.defaultEvaluationTitle} autoFocus={meeting !== null} />
        </label>
        <label>
          {t.date}
          <input name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
      </fieldset>

      <fieldset>
        <legend>{t.countsSection}</legend>
        <div className="counts-row">
          {MEETING_COUNT_FIELDS.map((field) => (
            <label key={field}>
              {zh.meetingField[field]}
              <input name={field} inputMode="numeric" value={counts[field]} onChange={(e) => setCounts((c) => ({ ...c, [field]: e.target.value }))} />
            </label>
          ))}
        </div>
        <p className="muted">{t.countsHint}</p>
        <div className="counts-row">
          <label>
            {t.quorum}
            <select
              name="quorumComparison"
              value={quorum.comparison}
              onChange={(e) => setQuorum((q) => ({ ...q, comparison: e.target.value === '>' ? '>' : '>=' }))}
            >
              <option value=">=">{t.atLeast}</option>
              <option value=">">{t.moreThan}</option>
            </select>
          </label>
          <label>
            {t.quorumFraction}
            <select
              name="quorumFraction"
              value={`${quorum.threshold.numerator}/${quorum.threshold.denominator}`}
              onChange={(e) => {
                const [n, d] = e.target.value.split('/').map(Number);
                setQuorum((q) => ({ ...q, threshold: fraction(n ?? 2, d ?? 3) }));
              }}
            >
              {QUORUM_FRACTIONS.map((f) => (
                <option key={`${f.numerator}/${f.denominator}`} value={`${f.numerator}/${f.denominator}`}>
                  {f.numerator}/{f.denominator}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.minPresent}
            <input name="minPresent" inputMode="numeric" value={minPresent} onChange={(e) => setMinPresent(e.target.value)} placeholder={t.minPresentHint} />
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t.candidates}</legend>
        {meeting ? (
          <p className="muted">{t.candidatesFixed}</p>
        ) : workbook.candidates.length === 0 ? (
          <Notice kind="warning">{t.noPeopleInWorkbook}</Notice>
        ) : null}
        <ul className="candidate-choices">
          {(meeting ? meeting.candidates.map((c) => ({ id: c.personId, name: c.name, proposedPost: c.proposedPost })) : workbook.candidates).map((person) => (
            <li key={person.id}>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={selected.has(person.id)}
                  disabled={meeting !== null}
                  onChange={(e) =>
                    setSelected((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(person.id);
                      else next.delete(person.id);
                      return next;
                    })
                  }
                />
                {person.name}
                {person.proposedPost ? <span className="muted">（{person.proposedPost}）</span> : null}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      {problem ? <Notice kind="error">{problem}</Notice> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {meeting ? t.saveChanges : t.createAndEnter}
        </button>
        <button type="button" onClick={() => navigate(meeting ? { name: 'tally', id: meeting.id } : { name: 'workbook', id: workbook.id })}>
          {zh.ui.cancel}
        </button>
      </div>
    </form>
  );
}

export function MeetingEditor({ workbookId, meetingId }: { workbookId: string | null; meetingId: string | null }) {
  const [loaded] = useLoad(async () => {
    const meeting = meetingId ? ((await repository.getMeeting(meetingId)) ?? null) : null;
    const workbook = await repository.getWorkbook(meeting?.workbookId ?? workbookId ?? '');
    return workbook ? { workbook, meeting } : null;
  }, [workbookId, meetingId]);
  if (loaded.state !== 'ready') return <Page title={t.newTitle}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null || (meetingId !== null && loaded.data.meeting === null)) {
    return <Page title={t.newTitle}><Notice kind="error">{zh.ui.errors.meetingMissing}</Notice></Page>;
  }
  const { workbook, meeting } = loaded.data;
  return (
    <Page title={meeting ? t.editTitle : t.newTitle} crumbs={[{ label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbook.id } }]}>
      <Editor workbook={workbook} meeting={meeting} />
    </Page>
  );
}
