/** The 口径说明: every export and results screen states the basis its numbers were computed on. */
import type { BallotForm } from './forms';
import { abstainOptionIndex } from './forms';
import type { GroupedTally } from './groups';
import type { QuorumRule } from './meeting';
import { zh } from '../messages/zh-CN';

export function basisStatement(form: BallotForm, quorum: QuorumRule): string[] {
  const lines: string[] = [zh.basis.validBallots];
  if (form.kind === 'recommend') {
    lines.push(zh.basis.recommendBlank);
    if (form.questions.length === 1) lines.push(zh.basis.recommendMax(form.questions[0]!.maxSelections ?? 1));
    else lines.push(zh.basis.recommendPosts(form.questions.map((q) => `${q.label} ${q.maxSelections ?? 1} 人`)));
    if (form.recommend?.secondRound) lines.push(zh.basis.secondRound(form.recommend.secondRound.comparison, form.recommend.secondRound.threshold));
    lines.push(zh.basis.ranking);
  } else {
    lines.push(zh.basis.blanks);
    if (form.questions.some((q) => abstainOptionIndex(q) >= 0)) lines.push(zh.basis.abstainOption);
  }
  for (const rule of form.rates) {
    lines.push(zh.basis.rate(rule.name, rule.numerator, rule.base));
    if (rule.flag) lines.push(zh.basis.flagRule(rule.name, rule.flag.comparison, rule.flag.threshold, rule.flag.severity));
  }
  lines.push(zh.basis.quorum(quorum.comparison, quorum.threshold, quorum.minPresent));
  lines.push(zh.basis.rounding);
  return lines;
}

/** The 口径说明 lines about respondent groups and their weights. */
export function groupBasisStatement(grouped: GroupedTally): string[] {
  const lines = [zh.groups.basisGroups(grouped.groups.map((g) => g.group.label)), zh.groups.basisGroupDenominators];
  const weighted = grouped.groups.filter((g) => (g.group.weight ?? 0) > 0);
  if (weighted.length > 0) lines.push(zh.groups.basisWeights(weighted.map((g) => `${g.group.weight} × ${g.group.label}`)));
  if (grouped.ungrouped > 0) lines.push(zh.groups.ungrouped(grouped.ungrouped));
  return lines;
}
