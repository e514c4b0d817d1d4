/**
 * Respondent groups (党员, 村民代表, 两委成员, 村民小组长, 两代表一委员, 群众 — editable): ballots
 * entered per group give results per group and combined, and, where the plan sets weights, a
 * weighted rate k1 × rate(群众) + k2 × rate(党员) … divided by the sum of the weights used.
 */
import type { BallotRecord } from './ballot';
import type { FlagSeverity } from './forms';
import type { Comparison } from './fraction';
import { holds } from './fraction';
import type { MeetingCounts, QuorumRule } from './meeting';
import type { RespondentGroup } from '../schema/meeting';
import type { TallyInput, TallyResult } from './tally';
import { tally } from './tally';
import { zh } from '../messages/zh-CN';

export const DEFAULT_GROUP_LABELS = ['党员', '村民代表', '两委成员', '村民小组长', '两代表一委员', '群众'] as const;

// A group's fields are declared once, by its schema (shared/schema/meeting.ts).
export type { RespondentGroup } from '../schema/meeting';

export interface GroupTally {
  group: RespondentGroup;
  counts: MeetingCounts;
  result: TallyResult;
}

export interface WeightedRate {
  name: string;
  /** Σ weight × rate ÷ Σ weight, over the weighted groups that have ballots; null when none has. */
  value: number | null;
  flagged: { severity: FlagSeverity; message: string } | null;
  parts: { groupId: string; weight: number; value: number | null }[];
}

export interface GroupedTally {
  combined: TallyResult;
  groups: GroupTally[];
  /** Ballots entered without a group (they count in the combined result only). */
  ungrouped: number;
  /** One entry per candidate, when at least one group has a weight. */
  weighted: { candidate: string; rates: WeightedRate[] }[] | null;
}

const ANY_QUORUM: QuorumRule = { comparison: '>=', threshold: { numerator: 0, denominator: 1 }, minPresent: null };

/** Weights as exact integers (up to four decimals), so that flags on weighted rates compare exactly. */
function scaledWeight(weight: number): bigint {
  return BigInt(Math.round(weight * 10_000));
}

/** Is Σ wᵢ·nᵢ/dᵢ ÷ Σ wᵢ (comparison) a/b? Cross-multiplied in BigInt, never divided. */
function compareWeighted(parts: { weight: bigint; numerator: number; denominator: number }[], comparison: Comparison, a: number, b: number): boolean {
  const common = parts.reduce((product, p) => product * BigInt(p.denominator), 1n);
  const weightSum = parts.reduce((sum, p) => sum + p.weight, 0n);
  const left = parts.reduce((sum, p) => sum + (p.weight * BigInt(p.numerator) * common) / BigInt(p.denominator), 0n) * BigInt(b);
  return holds(left, comparison, BigInt(a) * weightSum * common);
}

export function tallyByGroup(input: TallyInput, groups: readonly RespondentGroup[]): GroupedTally {
  const combined = tally(input);
  const groupTallies: GroupTally[] = groups.map((group) => {
    const ballots: BallotRecord[] = input.ballots.filter((b) => b.group === group.id);
    const n = ballots.length;
    const counts = group.counts ?? { expected: n, present: n, issued: n, returned: n };
    return { group, counts, result: tally({ ...input, counts, quorum: ANY_QUORUM, ballots }) };
  });
  const known = new Set(groups.map((g) => g.id));
  const ungrouped = input.ballots.filter((b) => !b.group || !known.has(b.group)).length;

  const weightedGroups = groupTallies.filter((g) => (g.group.weight ?? 0) > 0);
  const weighted =
    weightedGroups.length === 0
      ? null
      : combined.candidates.map((candidate, c) => ({
          candidate: candidate.name,
          rates: input.form.rates.map((rule): WeightedRate => {
            const parts = weightedGroups.map((g) => {
              const rate = g.result.candidates[c]!.rates.find((r) => r.ruleId === rule.id);
              // A group with no valid ballot has no opinion to weigh: its registered counts alone would
              // give it a rate of 0 (a denominator of 实到 over no votes), so it takes no part, as stated.
              const takesPart = g.result.meeting.valid > 0 && rate !== undefined && rate.denominator > 0;
              return { groupId: g.group.id, weight: g.group.weight!, rate: takesPart ? rate : undefined };
            });
            const usable = parts.filter((p) => p.rate !== undefined);
            const weightSum = usable.reduce((sum, p) => sum + p.weight, 0);
            const value = usable.length === 0 ? null : usable.reduce((sum, p) => sum + p.weight * p.rate!.value!, 0) / weightSum;
            let flagged: WeightedRate['flagged'] = null;
            // As in the tally: with more ballots entered than returned, no rate raises a flag.
            if (rule.flag && usable.length > 0 && combined.meeting.entered <= combined.meeting.returned) {
              const exact = usable.map((p) => ({ weight: scaledWeight(p.weight), numerator: p.rate!.numerator, denominator: p.rate!.denominator }));
              if (compareWeighted(exact, rule.flag.comparison, rule.flag.threshold.numerator, rule.flag.threshold.denominator)) {
                flagged = { severity: rule.flag.severity, message: zh.groups.weightedFlag(rule.flag.severity, rule.name, value!, rule.flag.comparison, rule.flag.threshold) };
              }
            }
            return { name: rule.name, value, flagged, parts: parts.map((p) => ({ groupId: p.groupId, weight: p.weight, value: p.rate?.value ?? null })) };
          }),
        }));
  return { combined, groups: groupTallies, ungrouped, weighted };
}
