/** The 口径说明: every export and results screen states the basis its numbers were computed on. */
import type { BallotForm } from './forms';
import { abstainOptionIndex } from './forms';
import type { QuorumRule } from './meeting';
import { zh } from '../messages/zh-CN';

export function basisStatement(form: BallotForm, quorum: QuorumRule): string[] {
  const lines: string[] = [zh.basis.validBallots];
  if (form.kind === 'recommend') {
    lines.push(zh.basis.recommendBlank);
    if (form.recommend) lines.push(zh.basis.recommendMax(form.recommend.maxSelections));
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
