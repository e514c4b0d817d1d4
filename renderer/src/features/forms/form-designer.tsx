/**
 * The form designer (表式设计): clone a preset or start empty; questions and their options in key
 * order; posts with their maximum on recommendation forms; rates as numerator options over a
 * stated base, with a comparison, threshold and severity; optional weighted score. A meeting keeps
 * its own copy of the form, so saving here never changes a meeting that has ballots.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import type { BallotForm, FormOption, BallotQuestion, DenominatorBase, FlagSeverity, RateRule } from '../../../../shared/domain/forms';
import { ABSTAIN_LABEL, MAX_OPTIONS, formProblem, isPresetId, presetForm, recommendationForm } from '../../../../shared/domain/forms';
import type { Comparison } from '../../../../shared/domain/fraction';
import { formatThreshold, parseFractionRule } from '../../../../shared/domain/fraction';
import { zh } from '../../../../shared/messages/zh-CN';
import type { FormRecord } from '../../db/records';
import { repository } from '../../db/repository';
import { href } from '../../router';
import { EditableTable } from '../../ui/editable-table';
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

  const removeQuestion = (q: number) => {
    const removed = form.questions[q]!.id;
    // The question's rates go with it, and their typed thresholds with them.
    setThresholds((list) => list.filter((_, r) => form.rates[r]?.questionId !== removed));
    update((f) => ({ ...f, questions: f.questions.filter((_, i) => i !== q), rates: f.rates.filter((r) => r.questionId !== removed) }));
  };

  const addQuestion = () =>
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
    });

  const questionOptions = form.questions.map((q) => ({ value: q.id, label: q.label }));
  const baseOptions = BASES.map((base) => ({ value: base, label: zh.baseName[base] }));
  const comparisonOptions = COMPARISONS.map((c) => ({ value: c, label: t.comparisonName[c] }));
  const severityOptions = SEVERITIES.map((s) => ({ value: s, label: zh.severityName[s] }));

  return (
    <form className="designer" onSubmit={save} onKeyDownCapture={submitOnCtrlEnter} data-testid="designer">
      <Card size="small" title={t.basics} className="designer-section">
        <Form layout="vertical" component="div">
          <Form.Item label={t.name} htmlFor="designer-form-name" extra={isRecommend ? t.recommendKind : t.gradeKind}>
            <Input id="designer-form-name" name="formName" className="designer-name" value={form.name} onChange={(e) => update((f) => ({ ...f, name: e.target.value }))} autoFocus />
          </Form.Item>
        </Form>
      </Card>

      <Card size="small" title={isRecommend ? t.posts : t.questions} className="designer-section">
        <p className="muted">{isRecommend ? t.postsHint : t.questionsHint}</p>
        {form.questions.map((question, q) => {
          const label = isRecommend ? t.postLabel(q + 1) : t.questionLabel(q + 1);
          return (
            <div className="designer-question" key={question.id} data-question={question.label}>
              <Form layout="vertical" component="div" className="designer-row">
                <Form.Item label={label} htmlFor={`${question.id}-label`}>
                  <Input id={`${question.id}-label`} aria-label={label} value={question.label} onChange={(e) => updateQuestion(q, (x) => void (x.label = e.target.value))} />
                </Form.Item>
                {isRecommend ? (
                  <Form.Item label={t.maxSelections} htmlFor={`${question.id}-max`}>
                    <Input
                      id={`${question.id}-max`}
                      className="designer-number"
                      aria-label={t.maxOf(q + 1)}
                      inputMode="numeric"
                      value={question.maxSelections ?? 1}
                      onChange={(e) => updateQuestion(q, (x) => void (x.maxSelections = Number(e.target.value.replace(/\D/g, '')) || 0))}
                    />
                  </Form.Item>
                ) : null}
                {form.scoring ? (
                  <Form.Item label={t.weight} htmlFor={`${question.id}-weight`}>
                    <Input
                      id={`${question.id}-weight`}
                      className="designer-number"
                      aria-label={t.weightOf(q + 1)}
                      inputMode="decimal"
                      value={question.weight ?? 1}
                      onChange={(e) => updateQuestion(q, (x) => void (x.weight = Number(e.target.value)))}
                    />
                  </Form.Item>
                ) : null}
                <Space className="designer-question-buttons">
                  <Button onClick={() => update((f) => ({ ...f, questions: move(f.questions, q, -1) }))} aria-label={t.moveUp} disabled={q === 0}>
                    ↑
                  </Button>
                  <Button onClick={() => update((f) => ({ ...f, questions: move(f.questions, q, 1) }))} aria-label={t.moveDown} disabled={q === form.questions.length - 1}>
                    ↓
                  </Button>
                  <Button disabled={form.questions.length <= 1} onClick={() => removeQuestion(q)}>
                    {t.remove}
                  </Button>
                </Space>
              </Form>
              {isRecommend ? null : (
                <EditableTable<FormOption>
                  rows={question.options}
                  onChange={(options) => updateQuestion(q, (x) => void (x.options = options))}
                  newRow={() => ({ label: t.newOption(question.options.length + 1), short: '' })}
                  addLabel={t.addOption}
                  removeTitle={t.removeHeader}
                  canRemove={() => question.options.length > 2}
                  canAdd={question.options.length < MAX_OPTIONS}
                  columns={[
                    { key: 'key', title: t.keyHeader, width: '5em', render: (_option, _change, o) => <kbd>{o + 1}</kbd> },
                    {
                      key: 'label',
                      title: t.optionHeader,
                      render: (option, change, o) => <Input aria-label={t.optionOf(q + 1, o + 1)} value={option.label} onChange={(e) => change({ label: e.target.value })} />,
                    },
                    {
                      key: 'short',
                      title: t.shortHeader,
                      width: '6em',
                      render: (option, change, o) => <Input aria-label={t.shortOf(q + 1, o + 1)} maxLength={2} value={option.short} onChange={(e) => change({ short: e.target.value })} />,
                    },
                    ...(form.scoring
                      ? [
                          {
                            key: 'score',
                            title: t.scoreHeader,
                            width: '6em',
                            render: (option: FormOption, _change: unknown, o: number) => (
                              <Input
                                aria-label={t.scoreOf(q + 1, o + 1)}
                                inputMode="decimal"
                                value={option.score ?? ''}
                                onChange={(e) => updateQuestion(q, (x) => void (x.options[o]!.score = e.target.value === '' ? undefined : Number(e.target.value)))}
                              />
                            ),
                          },
                        ]
                      : []),
                    {
                      key: 'order',
                      title: t.orderHeader,
                      width: '7em',
                      render: (_option, _change, o) => (
                        <Space size={4}>
                          <Button size="small" aria-label={t.moveUp} disabled={o === 0} onClick={() => updateQuestion(q, (x) => void (x.options = move(x.options, o, -1)))}>
                            ↑
                          </Button>
                          <Button size="small" aria-label={t.moveDown} disabled={o === question.options.length - 1} onClick={() => updateQuestion(q, (x) => void (x.options = move(x.options, o, 1)))}>
                            ↓
                          </Button>
                        </Space>
                      ),
                    },
                  ]}
                />
              )}
            </div>
          );
        })}
        <Button onClick={addQuestion}>{isRecommend ? t.addPost : t.addQuestion}</Button>
      </Card>

      <Card size="small" title={t.rates} className="designer-section">
        <p className="muted">{t.ratesHint}</p>
        <EditableTable<{ rule: RateRule; threshold: string }>
          testId="designer-rates"
          rows={form.rates.map((rule, r) => ({ rule, threshold: thresholds[r] ?? '' }))}
          rowKey={(row) => row.rule.id}
          onChange={(rows) => {
            update((f) => ({ ...f, rates: rows.map((row) => row.rule) }));
            setThresholds(rows.map((row) => row.threshold));
          }}
          newRow={() => {
            const question = form.questions[0]!;
            return { rule: { id: newId('rate'), name: t.newRate(form.rates.length + 1), questionId: question.id, numerator: [question.options[0]!.label], base: 'valid', flag: null }, threshold: '' };
          }}
          addLabel={t.addRate}
          removeTitle={t.removeHeader}
          columns={[
            {
              key: 'name',
              title: t.rateName,
              width: '10em',
              render: ({ rule }, _change, r) => <Input aria-label={t.rateNameOf(r + 1)} value={rule.name} onChange={(e) => updateRate(r, (x) => void (x.name = e.target.value))} />,
            },
            {
              key: 'question',
              title: t.rateQuestion,
              width: '8em',
              render: ({ rule }, _change, r) => (
                <Select<string>
                  className="designer-fill"
                  popupMatchSelectWidth={false}
                  aria-label={t.rateQuestionOf(r + 1)}
                  value={rule.questionId}
                  options={questionOptions}
                  onChange={(questionId) =>
                    updateRate(r, (x) => {
                      x.questionId = questionId;
                      x.numerator = [];
                    })
                  }
                />
              ),
            },
            {
              key: 'base',
              title: t.base,
              width: '8em',
              render: ({ rule }, _change, r) => (
                <Select<DenominatorBase>
                  className="designer-fill"
                  popupMatchSelectWidth={false}
                  aria-label={t.baseOf(r + 1)}
                  value={rule.base}
                  options={baseOptions}
                  onChange={(base) => updateRate(r, (x) => void (x.base = base))}
                />
              ),
            },
            {
              key: 'numerator',
              title: t.numerator,
              render: ({ rule }, _change, r) => (
                <div className="designer-checks">
                  {form.questions
                    .find((q) => q.id === rule.questionId)
                    ?.options.map((option) => (
                      <Checkbox
                        key={option.label}
                        aria-label={t.numeratorOf(r + 1, option.label)}
                        checked={rule.numerator.includes(option.label)}
                        onChange={(e) =>
                          updateRate(r, (x) => {
                            x.numerator = e.target.checked ? [...x.numerator, option.label] : x.numerator.filter((l) => l !== option.label);
                          })
                        }
                      >
                        {option.label}
                      </Checkbox>
                    ))}
                </div>
              ),
            },
            {
              key: 'flag',
              title: t.flag,
              width: '16em',
              render: ({ rule, threshold }, change, r) => (
                <div className="designer-flag">
                  <Checkbox
                    aria-label={t.flagOf(r + 1)}
                    checked={rule.flag !== null}
                    onChange={(e) =>
                      updateRate(r, (x) => {
                        x.flag = e.target.checked ? { comparison: '<', threshold: { numerator: 2, denominator: 3 }, severity: 'warning' } : null;
                      })
                    }
                  >
                    {t.flag}
                  </Checkbox>
                  {rule.flag ? (
                    <>
                      <Select<Comparison>
                        className="designer-fill"
                        aria-label={t.comparisonOf(r + 1)}
                        value={rule.flag.comparison}
                        options={comparisonOptions}
                        onChange={(comparison) => updateRate(r, (x) => void (x.flag!.comparison = comparison))}
                      />
                      <Space.Compact className="designer-fill">
                        <Input aria-label={t.thresholdOf(r + 1)} value={threshold} placeholder={t.thresholdHint} onChange={(e) => change({ threshold: e.target.value })} />
                        <Select<FlagSeverity>
                          className="designer-severity"
                          popupMatchSelectWidth={false}
                          aria-label={t.severityOf(r + 1)}
                          value={rule.flag.severity}
                          options={severityOptions}
                          onChange={(severity) => updateRate(r, (x) => void (x.flag!.severity = severity))}
                        />
                      </Space.Compact>
                    </>
                  ) : null}
                </div>
              ),
            },
          ]}
        />
      </Card>

      {isRecommend ? (
        <Card size="small" title={t.recommendRules} className="designer-section">
          <Form layout="vertical" component="div">
            <Form.Item>
              <Checkbox
                checked={form.recommend?.writeInsAllowed ?? false}
                onChange={(e) => update((f) => ({ ...f, recommend: { writeInsAllowed: e.target.checked, secondRound: f.recommend?.secondRound ?? null } }))}
              >
                {t.writeInsAllowed}
              </Checkbox>
            </Form.Item>
            <Form.Item label={zh.ui.meeting.secondRound} htmlFor="designer-second-round">
              <Input id="designer-second-round" className="designer-name" value={secondRound} onChange={(e) => setSecondRound(e.target.value)} placeholder={zh.ui.meeting.secondRoundHint} />
            </Form.Item>
          </Form>
        </Card>
      ) : (
        <Card size="small" title={t.scoring} className="designer-section">
          <Form layout="vertical" component="div">
            <Form.Item>
              <Checkbox
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
              >
                {t.scoringEnabled}
              </Checkbox>
            </Form.Item>
            {form.scoring ? (
              <Form.Item label={t.scoringBase}>
                <Select<'valid' | 'answered'>
                  className="designer-name"
                  aria-label={t.scoringBase}
                  value={form.scoring.base}
                  options={[
                    { value: 'valid', label: t.scoringValid },
                    { value: 'answered', label: t.scoringAnswered },
                  ]}
                  onChange={(base) => update((f) => ({ ...f, scoring: { base } }))}
                />
              </Form.Item>
            ) : null}
          </Form>
          <p className="muted">{t.scoringHint}</p>
        </Card>
      )}

      {problem ? <Notice kind="error">{problem}</Notice> : null}
      {saved ? <Notice kind="success">{t.saved}</Notice> : null}
      <Space wrap className="editor-buttons">
        <Button type="primary" htmlType="submit" data-testid="save-form">
          {t.save}
          <KeyHint keyName={zh.setupKeys.saveKey} />
        </Button>
        <Button onClick={downloadFormFile}>{t.download}</Button>
        <Button href={href({ name: 'forms' })}>{t.back}</Button>
      </Space>
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
