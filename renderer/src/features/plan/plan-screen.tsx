/**
 * 考察方案: the thresholds that set every flag, the must-interview categories, the review
 * departments and the negative list of one workbook. Starts from a preset; everything is editable.
 */
import { editorKeys } from '../../ui/record-editor';
import { useState } from 'react';
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

function Editor({ workbookId, initial, onSaved }: { workbookId: string; initial: AssessmentPlan; onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const plan = draft.plan;
  const setPlan = (change: Partial<AssessmentPlan>) => setDraft((d) => ({ ...d, plan: { ...d.plan, ...change } }));
  const setRate = (i: number, change: Partial<RateDraft>) => setDraft((d) => ({ ...d, rates: d.rates.map((r, j) => (j === i ? { ...r, ...change } : r)) }));

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

  return (
    <form
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="plan-editor"
    >
      {notice ? (
        <div data-testid="plan-notice">
          <Notice kind={notice.kind}>{notice.text}</Notice>
        </div>
      ) : null}
      <label>
        {t.name}
        <input value={plan.name} onChange={(e) => setPlan({ name: e.target.value })} size={40} autoFocus data-testid="plan-name" />
      </label>

      <h2>{t.rates}</h2>
      <p className="muted">{t.thresholdHint}</p>
      <table className="list-table" data-testid="plan-rates">
        <thead>
          <tr>
            <th>{t.rateName}</th>
            <th>{t.flagWhen}</th>
            <th>{t.severity}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {draft.rates.map((rate, i) => (
            <tr key={i}>
              <td>
                <input aria-label={t.rateName} value={rate.rateName} onChange={(e) => setRate(i, { rateName: e.target.value })} />
              </td>
              <td>
                <input aria-label={`${rate.rateName}${t.flagWhen}`} value={rate.when} placeholder={t.noFlag} onChange={(e) => setRate(i, { when: e.target.value })} size={8} />
              </td>
              <td>
                <select aria-label={t.severity} value={rate.severity} onChange={(e) => setRate(i, { severity: e.target.value as FlagSeverity })}>
                  {SEVERITIES.map((s) => (
                    <option key={s} value={s}>
                      {zh.severityName[s]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" onClick={() => setDraft((d) => ({ ...d, rates: d.rates.filter((_, j) => j !== i) }))}>
                  {t.remove}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setDraft((d) => ({ ...d, rates: [...d.rates, { rateName: '', when: '', severity: 'warning' }] }))}>
        {t.addRate}
      </button>

      <h2>{t.categories}</h2>
      <table className="list-table" data-testid="plan-categories">
        <thead>
          <tr>
            <th>{t.categoryName}</th>
            <th>{t.minimum}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.interviewCategories.map((category, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={t.categoryName}
                  value={category.name}
                  size={24}
                  onChange={(e) => setPlan({ interviewCategories: plan.interviewCategories.map((c, j) => (j === i ? { ...c, name: e.target.value } : c)) })}
                />
              </td>
              <td>
                <input
                  aria-label={t.minimum}
                  inputMode="numeric"
                  size={4}
                  value={String(category.minimum)}
                  onChange={(e) =>
                    setPlan({ interviewCategories: plan.interviewCategories.map((c, j) => (j === i ? { ...c, minimum: Number.parseInt(e.target.value || '0', 10) } : c)) })
                  }
                />
              </td>
              <td>
                <button type="button" onClick={() => setPlan({ interviewCategories: plan.interviewCategories.filter((_, j) => j !== i) })}>
                  {t.remove}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setPlan({ interviewCategories: [...plan.interviewCategories, { name: '', minimum: 1 }] })}>
        {t.addCategory}
      </button>

      <h2>{t.approval}</h2>
      <label>
        {t.approval}
        <select
          value={plan.interviewApproval.base}
          onChange={(e) => setPlan({ interviewApproval: { ...plan.interviewApproval, base: e.target.value as InterviewApprovalRule['base'] } })}
        >
          {(['expressed', 'all'] as const).map((base) => (
            <option key={base} value={base}>
              {t.approvalBase[base]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.flagWhen}
        <input aria-label={`${zh.interviews.approvalRate}${t.flagWhen}`} value={draft.approvalWhen} placeholder={t.noFlag} size={8} onChange={(e) => setDraft((d) => ({ ...d, approvalWhen: e.target.value }))} />
      </label>

      <h2>{t.departments(plan.departments.length)}</h2>
      <ol className="department-list" data-testid="plan-departments">
        {plan.departments.map((department, i) => (
          <li key={i}>
            <input aria-label={t.departments(plan.departments.length)} value={department} onChange={(e) => setPlan({ departments: plan.departments.map((d, j) => (j === i ? e.target.value : d)) })} />
            <button type="button" onClick={() => setPlan({ departments: plan.departments.filter((_, j) => j !== i) })}>
              {t.remove}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => setPlan({ departments: [...plan.departments, ''] })}>
        {t.addDepartment}
      </button>

      <h2>{t.negativeList}</h2>
      <table className="list-table" data-testid="plan-negative">
        <thead>
          <tr>
            <th>{t.negativeKindHeader}</th>
            <th>{t.negativeText}</th>
            <th>{t.windowYears}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.negativeList.map((item, i) => {
            const set = (change: Partial<NegativeItem>) => setPlan({ negativeList: plan.negativeList.map((n, j) => (j === i ? { ...n, ...change } : n)) });
            return (
              <tr key={item.id}>
                <td>
                  <select aria-label={t.negativeKindHeader} value={item.kind} onChange={(e) => set({ kind: e.target.value as NegativeItem['kind'] })}>
                    {(['cannot', 'unsuitable'] as const).map((kind) => (
                      <option key={kind} value={kind}>
                        {t.negativeKindLong[kind]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label={t.negativeText} value={item.text} size={40} onChange={(e) => set({ text: e.target.value })} />
                </td>
                <td>
                  <input
                    aria-label={t.windowYears}
                    inputMode="numeric"
                    size={4}
                    value={item.windowYears === null ? '' : String(item.windowYears)}
                    onChange={(e) => set({ windowYears: e.target.value.trim() === '' ? null : Number.parseInt(e.target.value, 10) })}
                  />
                </td>
                <td>
                  <button type="button" onClick={() => setPlan({ negativeList: plan.negativeList.filter((_, j) => j !== i) })}>
                    {t.remove}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => setPlan({ negativeList: [...plan.negativeList, { id: nextNegativeId(), kind: 'unsuitable', text: '', windowYears: null }] })}>
        {t.addNegative}
      </button>
      <p>
        <button type="submit" className="primary" data-testid="plan-save">
          {t.save} <kbd>Ctrl+Enter</kbd>
        </button>
      </p>
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
        <Editor
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
            <button key={id} type="button" autoFocus={i === 0} onClick={() => setStarted(presetPlan(id, workbookId, new Date().toISOString()))} data-testid={`plan-preset-${id}`}>
              {t.presetLabel[id]}
            </button>
          ))}
        </section>
      )}
    </Page>
  );
}
