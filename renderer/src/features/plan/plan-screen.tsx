/**
 * 考察方案: the thresholds that set every flag, the must-interview categories, the review
 * departments and the negative list of one workbook. Starts from a preset; everything is editable.
 */
import { editorKeys } from '../../ui/record-editor';
import { useState } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { EditableTable } from '../../ui/editable-table';
import { KeyHint } from '../../ui/shortcuts';
import type { AssessmentPlan, InterviewApprovalRule, NegativeItem, PlanPresetId, PlanRateRule } from '../../../../shared/domain/plan';
import { PLAN_PRESET_IDS, planProblem, presetPlan } from '../../../../shared/domain/plan';
import type { FlagRule, FlagSeverity } from '../../../../shared/domain/forms';
import { COMPARISON_SYMBOL, formatThreshold, parseFractionRule } from '../../../../shared/domain/fraction';
import { zh } from '../../../../shared/messages/zh-CN';
import { assessmentRepository } from '../../db/assessment-repository';
import { AssessmentNav } from '../../ui/assessment-nav';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';

const t = zh.plan;
const SEVERITIES: FlagSeverity[] = ['serious', 'warning', 'info'];

/** "<2/3", "≥95%": how a flag rule is typed and shown. */
export function flagText(flag: FlagRule | null): string {
  return flag ? `${COMPARISON_SYMBOL[flag.comparison]}${formatThreshold(flag.threshold)}` : '';
}

/** A rule being edited: the threshold as typed, parsed on save. */
interface RateDraft {
  rateName: string;
  when: string;
  severity: FlagSeverity;
}

interface Draft {
  plan: AssessmentPlan;
  rates: RateDraft[];
  approvalWhen: string;
}

function draftOf(plan: AssessmentPlan): Draft {
  return {
    plan,
    rates: plan.rateRules.map((r) => ({ rateName: r.rateName, when: flagText(r.flag), severity: r.flag?.severity ?? 'warning' })),
    approvalWhen: flagText(plan.interviewApproval.flag),
  };
}

function parseFlag(when: string, severity: FlagSeverity, rateName: string): FlagRule | null {
  if (when.trim() === '') return null;
  const parsed = parseFractionRule(when.replace(/＜/g, '<').replace(/＞/g, '>'), '<');
  if (!parsed) throw new Error(t.badThreshold(rateName));
  return { ...parsed, severity };
}

function PlanEditor({ workbookId, initial, onSaved }: { workbookId: string; initial: AssessmentPlan; onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const plan = draft.plan;
  const setPlan = (change: Partial<AssessmentPlan>) => setDraft((d) => ({ ...d, plan: { ...d.plan, ...change } }));

  async function save() {
    try {
      const rateRules: PlanRateRule[] = draft.rates.map((r) => ({ rateName: r.rateName.trim(), flag: parseFlag(r.when, r.severity, r.rateName) }));
      const approval: InterviewApprovalRule = {
        base: plan.interviewApproval.base,
        flag: parseFlag(draft.approvalWhen, plan.interviewApproval.flag?.severity ?? 'warning', zh.interviews.approvalRate),
      };
      const next: AssessmentPlan = {
        ...plan,
        workbookId,
        id: workbookId,
        name: plan.name.trim(),
        rateRules,
        interviewApproval: approval,
        interviewCategories: plan.interviewCategories.map((c) => ({ ...c, name: c.name.trim() })),
        departments: plan.departments.map((d) => d.trim()),
        negativeList: plan.negativeList.map((n) => ({ ...n, text: n.text.trim() })),
      };
      const problem = planProblem(next);
      if (problem) throw new Error(problem);
      await assessmentRepository.savePlan(next);
      setNotice(null);
      onSaved();
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  const onKeyDown = editorKeys(() => void save());

  const nextNegativeId = () => {
    const used = new Set(plan.negativeList.map((n) => n.id));
    let i = plan.negativeList.length + 1;
    while (used.has(`x${i}`)) i++;
    return `x${i}`;
  };

  const severityOptions = SEVERITIES.map((severity) => ({ value: severity, label: zh.severityName[severity] }));

  return (
    <form
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      className="plan-editor"
      data-testid="plan-editor"
    >
      {notice ? (
        <div data-testid="plan-notice">
          <Notice kind={notice.kind}>{notice.text}</Notice>
        </div>
      ) : null}
      <Form layout="vertical" component="div" className="record-form">
        <Form.Item label={t.name} htmlFor="plan-name" className="wide">
          <Input id="plan-name" value={plan.name} onChange={(e) => setPlan({ name: e.target.value })} autoFocus data-testid="plan-name" style={{ maxWidth: '32em' }} />
        </Form.Item>
      </Form>

      <h2>{t.rates}</h2>
      <p className="muted">{t.thresholdHint}</p>
      <EditableTable<RateDraft>
        testId="plan-rates"
        rows={draft.rates}
        onChange={(rates) => setDraft((d) => ({ ...d, rates }))}
        newRow={() => ({ rateName: '', when: '', severity: 'warning' })}
        addLabel={t.addRate}
        columns={[
          { key: 'rate', title: t.rateName, render: (rate, change) => <Input aria-label={t.rateName} value={rate.rateName} onChange={(e) => change({ rateName: e.target.value })} /> },
          {
            key: 'when',
            title: t.flagWhen,
            width: '10em',
            render: (rate, change) => <Input aria-label={`${rate.rateName}${t.flagWhen}`} value={rate.when} placeholder={t.noFlag} onChange={(e) => change({ when: e.target.value })} />,
          },
          {
            key: 'severity',
            title: t.severity,
            width: '9em',
            render: (rate, change) => <Select<FlagSeverity> aria-label={t.severity} value={rate.severity} options={severityOptions} onChange={(severity) => change({ severity })} style={{ width: '100%' }} />,
          },
        ]}
      />

      <h2>{t.categories}</h2>
      <EditableTable<AssessmentPlan['interviewCategories'][number]>
        testId="plan-categories"
        rows={plan.interviewCategories}
        onChange={(interviewCategories) => setPlan({ interviewCategories })}
        newRow={() => ({ name: '', minimum: 1 })}
        addLabel={t.addCategory}
        columns={[
          { key: 'name', title: t.categoryName, render: (category, change) => <Input aria-label={t.categoryName} value={category.name} onChange={(e) => change({ name: e.target.value })} /> },
          {
            key: 'minimum',
            title: t.minimum,
            width: '8em',
            render: (category, change) => (
              <Input aria-label={t.minimum} inputMode="numeric" value={String(category.minimum)} onChange={(e) => change({ minimum: Number.parseInt(e.target.value || '0', 10) })} />
            ),
          },
        ]}
      />

      <h2>{t.approval}</h2>
      <Form layout="vertical" component="div" className="inline-form">
        <Form.Item label={t.approval}>
          <Select<InterviewApprovalRule['base']>
            aria-label={t.approval}
            // The basis is a whole formula: shown in full, never cut to its first words.
            style={{ minWidth: '26em' }}
            popupMatchSelectWidth={false}
            value={plan.interviewApproval.base}
            options={(['expressed', 'all'] as const).map((base) => ({ value: base, label: t.approvalBase[base] }))}
            onChange={(base) => setPlan({ interviewApproval: { ...plan.interviewApproval, base } })}
          />
        </Form.Item>
        <Form.Item label={t.flagWhen} htmlFor="plan-approval-when">
          <Input
            id="plan-approval-when"
            aria-label={`${zh.interviews.approvalRate}${t.flagWhen}`}
            value={draft.approvalWhen}
            placeholder={t.noFlag}
            onChange={(e) => setDraft((d) => ({ ...d, approvalWhen: e.target.value }))}
            style={{ width: '10em' }}
          />
        </Form.Item>
      </Form>

      <h2>{t.departments(plan.departments.length)}</h2>
      <EditableTable<{ name: string }>
        testId="plan-departments"
        rows={plan.departments.map((name) => ({ name }))}
        onChange={(rows) => setPlan({ departments: rows.map((r) => r.name) })}
        newRow={() => ({ name: '' })}
        addLabel={t.addDepartment}
        columns={[
          { key: 'index', title: zh.export.index, width: '4em', render: (_row, _change, i) => i + 1 },
          { key: 'name', title: t.departmentName, render: (row, change) => <Input aria-label={t.departments(plan.departments.length)} value={row.name} onChange={(e) => change({ name: e.target.value })} /> },
        ]}
      />

      <h2>{t.negativeList}</h2>
      <EditableTable<NegativeItem>
        testId="plan-negative"
        rows={plan.negativeList}
        rowKey={(item) => item.id}
        onChange={(negativeList) => setPlan({ negativeList })}
        newRow={() => ({ id: nextNegativeId(), kind: 'unsuitable', text: '', windowYears: null })}
        addLabel={t.addNegative}
        columns={[
          {
            key: 'kind',
            title: t.negativeKindHeader,
            width: '14em',
            render: (item, change) => (
              <Select<NegativeItem['kind']>
                aria-label={t.negativeKindHeader}
                value={item.kind}
                options={(['cannot', 'unsuitable'] as const).map((kind) => ({ value: kind, label: t.negativeKindLong[kind] }))}
                onChange={(kind) => change({ kind })}
                style={{ width: '100%' }}
              />
            ),
          },
          { key: 'text', title: t.negativeText, render: (item, change) => <Input aria-label={t.negativeText} value={item.text} onChange={(e) => change({ text: e.target.value })} /> },
          {
            key: 'years',
            title: t.windowYears,
            width: '8em',
            render: (item, change) => (
              <Input
                aria-label={t.windowYears}
                inputMode="numeric"
                value={item.windowYears === null ? '' : String(item.windowYears)}
                onChange={(e) => change({ windowYears: e.target.value.trim() === '' ? null : Number.parseInt(e.target.value, 10) })}
              />
            ),
          },
        ]}
      />
      <div className="editor-buttons">
        <Button type="primary" htmlType="submit" data-testid="plan-save">
          {t.save}
          <KeyHint keyName={zh.setupKeys.saveKey} />
        </Button>
      </div>
    </form>
  );
}

export function PlanScreen({ workbookId }: { workbookId: string }) {
  const [loaded, reload] = useLoad(() => assessmentRepository.load(workbookId), [workbookId]);
  const [started, setStarted] = useState<AssessmentPlan | null>(null);
  const [saved, setSaved] = useState(false);
  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.workbookMissing}</Notice></Page>;
  const { workbook, plan } = loaded.data;
  const current = plan ?? started;
  return (
    <Page title={t.title} crumbs={[{ label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbookId } }]}>
      <AssessmentNav workbookId={workbookId} current="plan" />
      {saved ? (
        <div data-testid="plan-notice">
          <Notice kind="success">{t.saved}</Notice>
        </div>
      ) : null}
      {current ? (
        <PlanEditor
          key={current.updatedAt + current.presetId}
          workbookId={workbookId}
          initial={current}
          onSaved={() => {
            setSaved(true);
            reload();
          }}
        />
      ) : (
        <section data-testid="plan-presets">
          <Notice kind="info">{t.noPlan}</Notice>
          <p>{t.startFrom}</p>
          {PLAN_PRESET_IDS.map((id: PlanPresetId, i) => (
            <Button key={id} autoFocus={i === 0} onClick={() => setStarted(presetPlan(id, workbookId, new Date().toISOString()))} data-testid={`plan-preset-${id}`}>
              {t.presetLabel[id]}
            </Button>
          ))}
        </section>
      )}
    </Page>
  );
}
