/**
 * The form designer (表式设计): clone a preset or start empty; questions and their options in key
 * order; posts with their maximum on recommendation forms; rates as numerator options over a
 * stated base, with a comparison, threshold and severity; optional weighted score. A meeting keeps
 * its own copy of the form, so saving here never changes a meeting that has ballots.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { BallotForm, BallotQuestion, DenominatorBase, FlagSeverity, RateRule } from '../../../../shared/domain/forms';
import { ABSTAIN_LABEL, MAX_OPTIONS, formProblem, isPresetId, presetForm, recommendationForm } from '../../../../shared/domain/forms';
import type { Comparison } from '../../../../shared/domain/fraction';
import { formatThreshold, parseFractionRule } from '../../../../shared/domain/fraction';
import { zh } from '../../../../shared/messages/zh-CN';
import type { FormRecord } from '../../db/records';
import { repository } from '../../db/repository';
import { href } from '../../router';
import { downloadText } from '../../ui/files';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { KeyHint, submitOnCtrlEnter } from '../../ui/shortcuts';

const t = zh.ui.designer;
const BASES: DenominatorBase[] = ['valid', 'returned', 'issued', 'present', 'expected'];
const COMPARISONS: Comparison[] = ['<', '<=', '>', '>='];
const SEVERITIES: FlagSeverity[] = ['serious', 'warning', 'info'];

function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

function emptyForm(kind: 'grade' | 'recommend'): BallotForm {
  if (kind === 'recommend') return { ...recommendationForm([{ label: '推荐', maxSelections: 1 }], t.newRecommendName), id: newId('form') };
  return {
    id: newId('form'),
    name: t.newGradeName,
    kind: 'grade',
    questions: [{ id: newId('q'), label: '评价', options: [{ label: '同意', short: '同' }, { label: '不同意', short: '否' }] }],
    rates: [],
    recommend: null,
    scoring: null,
  };
}

/** The form to start from: a saved one, a copy of a preset or saved form, or an empty one. */
function startingForm(id: string, from: string | null, library: readonly FormRecord[]): BallotForm | null {
  const saved = library.find((f) => f.id === id);
  if (saved) return structuredClone(saved.form);
  if (from === 'empty-grade') return emptyForm('grade');
  if (from === 'empty-recommend') return emptyForm('recommend');
  const base = from && isPresetId(from) ? presetForm(from) : library.find((f) => f.id === from)?.form;
  if (!base) return null;
  return { ...structuredClone(base), id, name: t.copyName(base.name) };
}

function thresholdText(rule: RateRule): string {
  return rule.flag ? formatThreshold(rule.flag.threshold) : '';
}

function move<T>(list: readonly T[], index: number, by: number): T[] {
  const target = index + by;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

function Designer({ initial }: { initial: BallotForm }) {
  const [form, setForm] = useState<BallotForm>(initial);
  const [thresholds, setThresholds] = useState<string[]>(() => initial.rates.map(thresholdText));
  const [secondRound, setSecondRound] = useState(() => {
    const rule = initial.recommend?.secondRound;
    return rule ? `${rule.comparison}${formatThreshold(rule.threshold)}` : '';
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const isRecommend = form.kind === 'recommend';

  const update = (change: (f: BallotForm) => BallotForm) => {
    setSaved(false);
    setForm((f) => change(structuredClone(f)));
  };
  const updateQuestion = (q: number, change: (question: BallotQuestion) => void) =>
    update((f) => {
      change(f.questions[q]!);
      return f;
    });
  const updateRate = (r: number, change: (rule: RateRule) => void) =>
    update((f) => {
      change(f.rates[r]!);
      return f;
    });

  function assemble(): BallotForm | string {
    const rates: RateRule[] = [];
    for (const [r, rule] of form.rates.entries()) {
      if (!rule.flag) {
        rates.push(rule);
        continue;
      }
      const parsed = parseFractionRule(thresholds[r] ?? '', rule.flag.comparison);
      if (!parsed) return t.thresholdInvalid(rule.name);
      rates.push({ ...rule, flag: { ...rule.flag, threshold: parsed.threshold } });
    }
    let recommend = form.recommend;
    if (recommend) {
      const text = secondRound.trim();
      const rule = text === '' ? null : parseFractionRule(text, '<=');
      if (text !== '' && !rule) return t.secondRoundInvalid;
      recommend = { ...recommend, secondRound: rule };
    }
    const assembled = { ...form, rates, recommend, name: form.name.trim() };
    return formProblem(assembled) ?? assembled;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const assembled = assemble();
    if (typeof assembled === 'string') return setProblem(assembled);
    try {
      await repository.saveForm(assembled);
      setProblem(null);
      setSaved(true);
    } catch (error) {
      setProblem(zh.ui.errors.saveFailed(error instanceof Error ? error.message : String(error)));
    }
  }

  function downloadFormFile() {
    const assembled = assemble();
    if (typeof assembled === 'string') return setProblem(assembled);
    downloadText(`${assembled.name}.form.json`, JSON.stringify(assembled, null, 2));
  }

  return (
    <form className="editor designer" onSubmit={save} onKeyDownCapture={submitOnCtrlEnter} data-testid="designer">
      <fieldset>
        <legend>{t.basics}</legend>
        <label>
          {t.name}
          <input name="formName" value={form.name} onChange={(e) => update((f) => ({ ...f, name: e.target.value }))} autoFocus />
        </label>
        <p className="muted">{isRecommend ? t.recommendKind : t.gradeKind}</p>
      </fieldset>

      <fieldset>
        <legend>{isRecommend ? t.posts : t.questions}</legend>
        <p className="muted">{isRecommend ? t.postsHint : t.questionsHint}</p>
        {form.questions.map((question, q) => (
          <div className="designer-question" key={question.id} data-question={question.label}>
            <div className="designer-row">
              <label>
                {isRecommend ? t.postLabel(q + 1) : t.questionLabel(q + 1)}
                <input aria-label={isRecommend ? t.postLabel(q + 1) : t.questionLabel(q + 1)} value={question.label} onChange={(e) => updateQuestion(q, (x) => void (x.label = e.target.value))} />
              </label>
              {isRecommend ? (
                <label>
                  {t.maxSelections}
                  <input
                    aria-label={t.maxOf(q + 1)}
                    inputMode="numeric"
                    value={question.maxSelections ?? 1}
                    onChange={(e) => updateQuestion(q, (x) => void (x.maxSelections = Number(e.target.value.replace(/\D/g, '')) || 0))}
                  />
                </label>
              ) : null}
              {form.scoring ? (
                <label>
                  {t.weight}
                  <input aria-label={t.weightOf(q + 1)} inputMode="decimal" value={question.weight ?? 1} onChange={(e) => updateQuestion(q, (x) => void (x.weight = Number(e.target.value)))} />
                </label>
              ) : null}
              <button type="button" onClick={() => update((f) => ({ ...f, questions: move(f.questions, q, -1) }))} aria-label={t.moveUp}>
                ↑
              </button>
              <button type="button" onClick={() => update((f) => ({ ...f, questions: move(f.questions, q, 1) }))} aria-label={t.moveDown}>
                ↓
              </button>
              <button
                type="button"
                className="link-button"
                disabled={form.questions.length <= 1}
                onClick={() => update((f) => ({ ...f, questions: f.questions.filter((_, i) => i !== q), rates: f.rates.filter((r) => r.questionId !== question.id) }))}
              >
                {t.remove}
              </button>
            </div>
            {isRecommend ? null : (
              <ol className="designer-options">
                {question.options.map((option, o) => (
                  <li key={o}>
                    <kbd>{o + 1}</kbd>
                    <input aria-label={t.optionOf(q + 1, o + 1)} value={option.label} onChange={(e) => updateQuestion(q, (x) => void (x.options[o]!.label = e.target.value))} />
                    <input
                      aria-label={t.shortOf(q + 1, o + 1)}
                      className="short"
                      maxLength={2}
                      value={option.short}
                      onChange={(e) => updateQuestion(q, (x) => void (x.options[o]!.short = e.target.value))}
                    />
                    {form.scoring ? (
                      <input
                        aria-label={t.scoreOf(q + 1, o + 1)}
                        className="short"
                        inputMode="decimal"
                        value={option.score ?? ''}
                        onChange={(e) => updateQuestion(q, (x) => void (x.options[o]!.score = e.target.value === '' ? undefined : Number(e.target.value)))}
                      />
                    ) : null}
                    <button type="button" aria-label={t.moveUp} onClick={() => updateQuestion(q, (x) => void (x.options = move(x.options, o, -1)))}>
                      ↑
                    </button>
                    <button type="button" aria-label={t.moveDown} onClick={() => updateQuestion(q, (x) => void (x.options = move(x.options, o, 1)))}>
                      ↓
                    </button>
                    <button type="button" className="link-button" disabled={question.options.length <= 2} onClick={() => updateQuestion(q, (x) => void x.options.splice(o, 1))}>
                      {t.remove}
                    </button>
                  </li>
                ))}
                <li>
                  <button
                    type="button"
                    disabled={question.options.length >= MAX_OPTIONS}
                    onClick={() => updateQuestion(q, (x) => void x.options.push({ label: t.newOption(x.options.length + 1), short: '' }))}
                  >
                    {t.addOption}
                  </button>
                </li>
              </ol>
            )}
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            update((f) => {
              const id = newId('q');
              if (isRecommend) {
                const label = t.newPost(f.questions.length + 1);
                f.questions.push({ id, label, options: [{ label: '得票', short: '√' }], maxSelections: 1 });
                f.rates.push({ id: `${id}-share`, name: `${label}得票率`, questionId: id, numerator: ['得票'], base: 'returned', flag: { comparison: '>', threshold: { numerator: 1, denominator: 2 }, severity: 'info' } });
                setThresholds((list) => [...list, '1/2']);
              } else {
                f.questions.push({ id, label: t.newQuestion(f.questions.length + 1), options: [{ label: '同意', short: '同' }, { label: '不同意', short: '否' }, { label: '弃权', short: '弃' }] });
              }
              return f;
            })
          }
        >
          {isRecommend ? t.addPost : t.addQuestion}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t.rates}</legend>
        <p className="muted">{t.ratesHint}</p>
        {form.rates.map((rule, r) => {
          const question = form.questions.find((q) => q.id === rule.questionId);
          return (
            <div className="designer-rate" key={rule.id} data-rate={rule.name}>
              <div className="designer-row">
                <label>
                  {t.rateName}
                  <input aria-label={t.rateNameOf(r + 1)} value={rule.name} onChange={(e) => updateRate(r, (x) => void (x.name = e.target.value))} />
                </label>
                <label>
                  {t.rateQuestion}
                  <select
                    aria-label={t.rateQuestionOf(r + 1)}
                    value={rule.questionId}
                    onChange={(e) =>
                      updateRate(r, (x) => {
                        x.questionId = e.target.value;
                        x.numerator = [];
                      })
                    }
                  >
                    {form.questions.map((q) => (
                      <option key={q.id} value={q.id}>
                        {q.label}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t.base}
                  <select aria-label={t.baseOf(r + 1)} value={rule.base} onChange={(e) => updateRate(r, (x) => void (x.base = e.target.value as DenominatorBase))}>
                    {BASES.map((base) => (
                      <option key={base} value={base}>
                        {zh.baseName[base]}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    update((f) => ({ ...f, rates: f.rates.filter((_, i) => i !== r) }));
                    setThresholds((list) => list.filter((_, i) => i !== r));
                  }}
                >
                  {t.remove}
                </button>
              </div>
              <div className="designer-row">
                <span>{t.numerator}</span>
                {question?.options.map((option) => (
                  <label className="inline" key={option.label}>
                    <input
                      type="checkbox"
                      aria-label={t.numeratorOf(r + 1, option.label)}
                      checked={rule.numerator.includes(option.label)}
                      onChange={(e) =>
                        updateRate(r, (x) => {
                          x.numerator = e.target.checked ? [...x.numerator, option.label] : x.numerator.filter((l) => l !== option.label);
                        })
                      }
                    />
                    {option.label}
                  </label>
                ))}
              </div>
              <div className="designer-row">
                <label className="inline">
                  <input
                    type="checkbox"
                    aria-label={t.flagOf(r + 1)}
                    checked={rule.flag !== null}
                    onChange={(e) =>
                      updateRate(r, (x) => {
                        x.flag = e.target.checked ? { comparison: '<', threshold: { numerator: 2, denominator: 3 }, severity: 'warning' } : null;
                      })
                    }
                  />
                  {t.flag}
                </label>
                {rule.flag ? (
                  <>
                    <select aria-label={t.comparisonOf(r + 1)} value={rule.flag.comparison} onChange={(e) => updateRate(r, (x) => void (x.flag!.comparison = e.target.value as Comparison))}>
                      {COMPARISONS.map((c) => (
                        <option key={c} value={c}>
                          {t.comparisonName[c]}
                        </option>
                      ))}
                    </select>
                    <input
                      aria-label={t.thresholdOf(r + 1)}
                      className="short-wide"
                      value={thresholds[r] ?? ''}
                      placeholder={t.thresholdHint}
                      onChange={(e) => setThresholds((list) => list.map((v, i) => (i === r ? e.target.value : v)))}
                    />
                    <select aria-label={t.severityOf(r + 1)} value={rule.flag.severity} onChange={(e) => updateRate(r, (x) => void (x.flag!.severity = e.target.value as FlagSeverity))}>
                      {SEVERITIES.map((s) => (
                        <option key={s} value={s}>
                          {zh.severityName[s]}
                        </option>
                      ))}
                    </select>
                  </>
                ) : null}
              </div>
            </div>
          );
        })}
        <button
          type="button"
          onClick={() => {
            update((f) => {
              const question = f.questions[0]!;
              f.rates.push({ id: newId('rate'), name: t.newRate(f.rates.length + 1), questionId: question.id, numerator: [question.options[0]!.label], base: 'valid', flag: null });
              return f;
            });
            setThresholds((list) => [...list, '']);
          }}
        >
          {t.addRate}
        </button>
      </fieldset>

      {isRecommend ? (
        <fieldset>
          <legend>{t.recommendRules}</legend>
          <label className="inline">
            <input
              type="checkbox"
              checked={form.recommend?.writeInsAllowed ?? false}
              onChange={(e) => update((f) => ({ ...f, recommend: { writeInsAllowed: e.target.checked, secondRound: f.recommend?.secondRound ?? null } }))}
            />
            {t.writeInsAllowed}
          </label>
          <label>
            {zh.ui.meeting.secondRound}
            <input value={secondRound} onChange={(e) => setSecondRound(e.target.value)} placeholder={zh.ui.meeting.secondRoundHint} />
          </label>
        </fieldset>
      ) : (
        <fieldset>
          <legend>{t.scoring}</legend>
          <label className="inline">
            <input
              type="checkbox"
              checked={form.scoring !== null}
              onChange={(e) =>
                update((f) => {
                  if (!e.target.checked) return { ...f, scoring: null };
                  // Start from a plain scale (100, 80, 60 …) that the team then edits to its plan's values.
                  for (const question of f.questions) {
                    question.options.forEach((option, i) => {
                      if (option.score === undefined && option.label !== ABSTAIN_LABEL) option.score = Math.max(0, 100 - 20 * i);
                    });
                  }
                  return { ...f, scoring: { base: 'valid' } };
                })
              }
              data-testid="scoring"
            />
            {t.scoringEnabled}
          </label>
          {form.scoring ? (
            <label>
              {t.scoringBase}
              <select value={form.scoring.base} onChange={(e) => update((f) => ({ ...f, scoring: { base: e.target.value === 'answered' ? 'answered' : 'valid' } }))}>
                <option value="valid">{t.scoringValid}</option>
                <option value="answered">{t.scoringAnswered}</option>
              </select>
            </label>
          ) : null}
          <p className="muted">{t.scoringHint}</p>
        </fieldset>
      )}

      {problem ? <Notice kind="error">{problem}</Notice> : null}
      {saved ? <Notice kind="success">{t.saved}</Notice> : null}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="save-form">
          {t.save}
          <KeyHint keyName={zh.setupKeys.saveKey} />
        </button>
        <button type="button" onClick={downloadFormFile}>
          {t.download}
        </button>
        <a className="button" href={href({ name: 'forms' })}>
          {t.back}
        </a>
      </div>
    </form>
  );
}

export function FormDesigner({ id, from }: { id: string; from: string | null }) {
  const [loaded] = useLoad(() => repository.listForms(), [id, from]);
  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  const initial = startingForm(id, from, loaded.data);
  if (!initial) return <Page title={t.title}><Notice kind="error">{t.notFound}</Notice></Page>;
  const isNew = !loaded.data.some((f) => f.id === id);
  return (
    <Page title={isNew ? t.newTitle : t.title} crumbs={[{ label: zh.ui.forms.title, route: { name: 'forms' } }]}>
      <Designer key={initial.id} initial={initial} />
    </Page>
  );
}
