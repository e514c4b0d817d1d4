/**
 * The tally: one pure function of (form, candidates, meeting counts, quorum, ballots) → one result
 * object, which the tally screen, the results screen, the Excel files and the command line all read.
 */
import type { BallotRecord } from './ballot';
import { BLANK, VOID, ballotShapeProblem } from './ballot';
import { BallotNumberMap } from './ballot-numbers';
import { countedRecommendation } from './recommend';
import type { BallotForm, DenominatorBase, FlagSeverity } from './forms';
import { ABSTAIN_LABEL, VOID_LABEL, abstainOptionIndex, countKeys } from './forms';
import type { Comparison, Fraction } from './fraction';
import { compareRatio } from './fraction';
import type { MeetingCounts, MeetingStatus, MeetingTotals, QuorumRule } from './meeting';
import { nameKey } from '../format/text';
import { zh } from '../messages/zh-CN';

export interface TallyInput {
  form: BallotForm;
  /** Candidate names in ballot order. */
  candidates: readonly string[];
  counts: MeetingCounts;
  quorum: QuorumRule;
  ballots: readonly BallotRecord[];
}

export type CheckId =
  | 'quorum'
  | 'min-present'
  | 'returned-within-issued'
  | 'issued-within-present'
  | 'entered-equals-returned'
  | 'item-totals';

export interface CheckResult {
  id: CheckId;
  ok: boolean;
  /** error: the results cannot stand while it fails; warning: the team should look. */
  severity: 'error' | 'warning';
  message: string;
}

export interface RateValue {
  numerator: number;
  denominator: number;
  /** The exact quotient; null when the denominator is 0. Rounded only for display. */
  value: number | null;
}

export interface RateResult extends RateValue {
  ruleId: string;
  name: string;
  base: DenominatorBase;
}

export interface CandidateFlag {
  rate: string;
  severity: FlagSeverity;
  message: string;
  /** The rule that raised it, so that a table can word it short (提示：称职以上率) beside the rate itself. */
  comparison: Comparison;
  threshold: Fraction;
}

export interface QuestionCounts {
  questionId: string;
  label: string;
  /** Option labels, then 弃权, then 无效, in that order; for recommendation forms only 得票. */
  counts: Record<string, number>;
  /** Blank plus void items, kept for the invariant even where counts does not show them. */
  blank: number;
  void: number;
}

export interface CandidateResult {
  name: string;
  questions: QuestionCounts[];
  rates: RateResult[];
  flags: CandidateFlag[];
  /** Rank by votes on recommendation forms (ties share a rank: 1, 2, 2, 4), for the first post; null otherwise. */
  rank: number | null;
  /** Recommendation forms: the rank for every post, in post order. */
  ranks: number[] | null;
  /** Forms with scoring: the weighted score, and each question's mean score. */
  score: { value: number | null; byQuestion: (number | null)[] } | null;
}

export interface WriteInResult {
  /** The post (question index) the name was written in for. */
  question: number;
  name: string;
  votes: number;
}

/** Recommendation forms with a second-round rule: whether the top 得票率 of a post calls for another round. */
export interface SecondRoundHint {
  question: number;
  needed: boolean;
  topShare: RateValue | null;
  rule: { comparison: Comparison; threshold: Fraction };
}

export interface TallyResult {
  formId: string;
  status: MeetingStatus;
  meeting: MeetingTotals;
  checks: CheckResult[];
  candidates: CandidateResult[];
  writeIns: WriteInResult[];
  /** Per post: over-ticked on this many valid ballots, so void there. */
  voidPosts: number[];
  secondRound: SecondRoundHint[];
}

/** Thrown only for ballots that cannot belong to the form: the app never builds them, so this is a refusal, not a result. */
export class TallyInputError extends Error {
  constructor(problem: string) {
    super(zh.tallyRefused(problem));
    this.name = 'TallyInputError';
  }
}

function denominatorFor(base: DenominatorBase, totals: MeetingTotals): number {
  return totals[base];
}

function rankByVotes(votes: readonly number[]): number[] {
  // Competition ranking: a candidate's rank is 1 + the number of candidates with strictly more votes.
  return votes.map((v) => 1 + votes.filter((other) => other > v).length);
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function preferredSpelling(current: string, candidate: string, key: string): string {
  if (current === candidate) return current;
  const currentFolded = current === key;
  const candidateFolded = candidate === key;
  if (currentFolded !== candidateFolded) return candidateFolded ? candidate : current;
  return compareCodePoints(candidate, current) < 0 ? candidate : current;
}

export function tally(input: TallyInput): TallyResult {
  const { form, candidates, counts, quorum, ballots } = input;
  const questionCount = form.questions.length;
  const candidateCount = candidates.length;
  const isRecommend = form.kind === 'recommend';

  // Bucket layout per item: one slot per option, then blank, then void.
  const slotsPerQuestion = form.questions.map((q) => q.options.length + 2);
  const itemOffsets: number[] = [];
  let totalSlots = 0;
  for (let c = 0; c < candidateCount; c++) {
    for (let q = 0; q < questionCount; q++) {
      itemOffsets.push(totalSlots);
      totalSlots += slotsPerQuestion[q]!;
    }
  }
  const buckets = new Float64Array(totalSlots);
  const blankSlot = form.questions.map((q) => q.options.length);
  const voidSlot = form.questions.map((q) => q.options.length + 1);
  const abstainOption = form.questions.map(abstainOptionIndex);

  const seenNumbers = new BallotNumberMap();
  // Written-in names count by folded key (Ａ is A, ⻘ is 青: names.ts), each spelling's key worked out once.
  const writeInVotes = new Map<string, WriteInResult>();
  const keyOf = new Map<string, string>();
  const writeInKey = (name: string) => {
    let key = keyOf.get(name);
    if (key === undefined) {
      key = nameKey(name);
      keyOf.set(name, key);
    }
    return key;
  };
  const voidPosts = form.questions.map(() => 0);
  let valid = 0;
  let invalid = 0;

  for (const ballot of ballots) {
    const problem = ballotShapeProblem(form, candidateCount, ballot);
    if (problem !== null) throw new TallyInputError(problem);
    if (seenNumbers.get(ballot.number) !== undefined) throw new TallyInputError(zh.ballot.duplicateNumber(ballot.number));
    seenNumbers.set(ballot.number, 1);

    if (ballot.invalidReason !== null) {
      invalid++;
      continue;
    }
    valid++;
    let marks = ballot.marks;
    let writeIns = ballot.writeIns;
    if (isRecommend) {
      const counted = countedRecommendation(form, ballot);
      marks = counted.marks;
      writeIns = counted.writeIns;
      for (const q of counted.voidPosts) voidPosts[q]!++;
    }
    for (let item = 0; item < marks.length; item++) {
      const q = item % questionCount;
      const mark = marks[item]!;
      // Every valid ballot adds exactly one to exactly one slot of every item: totals equal valid by construction.
      const slot = mark === BLANK || mark === abstainOption[q] ? blankSlot[q]! : mark === VOID ? voidSlot[q]! : mark;
      buckets[itemOffsets[item]! + slot]!++;
    }
    if (writeIns.length === 0) continue;
    const countedNames = new Set<string>();
    for (const { question, name } of writeIns) {
      const key = `${question}\u0000${writeInKey(name)}`;
      if (countedNames.has(key)) continue;
      countedNames.add(key);
      const entry = writeInVotes.get(key) ?? { question, name, votes: 0 };
      entry.votes++;
      // One spelling stands for all, whatever order the ballots come in: the folded one when someone
      // wrote it so (A rather than Ａ, 青 rather than ⻘), else the first by code point.
      entry.name = preferredSpelling(entry.name, name, writeInKey(name));
      writeInVotes.set(key, entry);
    }
  }

  const totals: MeetingTotals = { ...counts, entered: ballots.length, valid, invalid };
  // More ballots entered than returned: some are there twice (唱重或录重), so no rate is a result and
  // none may raise a flag (a 得票率 of 4/2 is not 过半). The counts are still shown, to be checked.
  const flagsStand = totals.entered <= totals.returned;

  const candidateResults: CandidateResult[] = candidates.map((name, c) => {
    const questions: QuestionCounts[] = form.questions.map((question, q) => {
      const offset = itemOffsets[c * questionCount + q]!;
      const record: Record<string, number> = {};
      const blank = buckets[offset + blankSlot[q]!]!;
      const voided = buckets[offset + voidSlot[q]!]!;
      if (isRecommend) {
        record[question.options[0]!.label] = buckets[offset]!;
      } else {
        for (const label of countKeys(question)) {
          const optionIndex = question.options.findIndex((o) => o.label === label);
          record[label] =
            label === ABSTAIN_LABEL ? blank : label === VOID_LABEL && optionIndex < 0 ? voided : buckets[offset + optionIndex]!;
        }
      }
      return { questionId: question.id, label: question.label, counts: record, blank, void: voided };
    });

    const rates: RateResult[] = [];
    const flags: CandidateFlag[] = [];
    for (const rule of form.rates) {
      const q = form.questions.findIndex((question) => question.id === rule.questionId);
      if (q < 0) continue;
      const question = form.questions[q]!;
      const offset = itemOffsets[c * questionCount + q]!;
      let numerator = 0;
      for (const label of rule.numerator) {
        const optionIndex = question.options.findIndex((o) => o.label === label);
        if (optionIndex < 0) continue;
        numerator += optionIndex === abstainOption[q] ? buckets[offset + blankSlot[q]!]! : buckets[offset + optionIndex]!;
      }
      const denominator = denominatorFor(rule.base, totals);
      rates.push({
        ruleId: rule.id,
        name: rule.name,
        base: rule.base,
        numerator,
        denominator,
        value: denominator > 0 ? numerator / denominator : null,
      });
      if (flagsStand && rule.flag && denominator > 0 && compareRatio(numerator, denominator, rule.flag.comparison, rule.flag.threshold)) {
        flags.push({
          rate: rule.name,
          severity: rule.flag.severity,
          message: zh.flag(rule.flag.severity, rule.name, numerator, denominator, rule.flag.comparison, rule.flag.threshold),
          comparison: rule.flag.comparison,
          threshold: rule.flag.threshold,
        });
      }
    }
    return { name, questions, rates, flags, rank: null, ranks: null, score: scoreOf(form, questions, totals.valid) };
  });

  if (isRecommend) {
    const perPost = form.questions.map((question, q) =>
      rankByVotes(candidateResults.map((r) => r.questions[q]?.counts[question.options[0]!.label] ?? 0)),
    );
    candidateResults.forEach((r, i) => {
      r.ranks = perPost.map((ranks) => ranks[i]!);
      r.rank = r.ranks[0] ?? null;
    });
  }

  const writeIns = [...writeInVotes.values()].sort(
    (a, b) => a.question - b.question || b.votes - a.votes || compareCodePoints(a.name, b.name),
  );

  const checks = meetingChecks(totals, quorum, candidateResults);
  return {
    formId: form.id,
    status: meetingStatus(checks),
    meeting: totals,
    checks,
    candidates: candidateResults,
    writeIns,
    voidPosts,
    secondRound: secondRoundHints(form, candidateResults, writeIns),
  };
}

/** Per post: the top 得票率 (listed candidates and written-in names alike) against the form's second-round rule. */
function secondRoundHints(form: BallotForm, candidates: readonly CandidateResult[], writeIns: readonly WriteInResult[]): SecondRoundHint[] {
  const rule = form.recommend?.secondRound;
  if (form.kind !== 'recommend' || !rule) return [];
  return form.questions.map((question, q) => {
    const rateRule = form.rates.find((r) => r.questionId === question.id);
    let top: RateValue | null = null;
    for (const candidate of candidates) {
      const rate = candidate.rates.find((r) => r.ruleId === rateRule?.id);
      if (rate && (top === null || rate.numerator > top.numerator)) top = { numerator: rate.numerator, denominator: rate.denominator, value: rate.value };
    }
    for (const writeIn of writeIns) {
      if (writeIn.question === q && top !== null && writeIn.votes > top.numerator) {
        top = { numerator: writeIn.votes, denominator: top.denominator, value: top.denominator > 0 ? writeIn.votes / top.denominator : null };
      }
    }
    const needed = top !== null && top.denominator > 0 && compareRatio(top.numerator, top.denominator, rule.comparison, rule.threshold);
    return { question: q, needed, topShare: top, rule };
  });
}

/** The weighted score of one candidate, or null on forms without scoring. */
function scoreOf(form: BallotForm, questions: readonly QuestionCounts[], valid: number): CandidateResult['score'] {
  if (!form.scoring) return null;
  const byQuestion = form.questions.map((question, q) => {
    const counts = questions[q]!;
    let points = 0;
    let answered = 0;
    for (const option of question.options) {
      // The 弃权 option scores nothing and, like a blank, is not an answer.
      const n = option.label === ABSTAIN_LABEL ? 0 : (counts.counts[option.label] ?? 0);
      points += (option.score ?? 0) * n;
      answered += n;
    }
    const base = form.scoring!.base === 'valid' ? valid : answered;
    return base > 0 ? points / base : null;
  });
  let weighted = 0;
  let weights = 0;
  form.questions.forEach((question, q) => {
    const mean = byQuestion[q];
    const weight = question.weight ?? 1;
    if (mean === null || mean === undefined || weight <= 0) return;
    weighted += weight * mean;
    weights += weight;
  });
  return { value: weights > 0 ? weighted / weights : null, byQuestion };
}

function meetingChecks(totals: MeetingTotals, quorum: QuorumRule, candidates: readonly CandidateResult[]): CheckResult[] {
  const { expected, present, issued, returned, entered, valid } = totals;
  // 0 of 0 is not a quorum: "≥ 2/3 of nobody" would hold for a meeting no one attended, or whose
  // 应到 was never filled in. Kept in the quorum check (its id is part of the JSON contract).
  const quorumMet = expected > 0 && present > 0 && compareRatio(present, expected, quorum.comparison, quorum.threshold);
  const checks: CheckResult[] = [
    {
      id: 'quorum',
      ok: quorumMet,
      severity: 'error',
      message: quorumMet
        ? zh.checks.quorumOk(present, expected, quorum.comparison, quorum.threshold)
        : expected === 0
          ? zh.checks.quorumNoExpected(present)
          : present === 0
            ? zh.checks.quorumNobodyPresent(expected)
            : zh.checks.quorumFailed(present, expected, quorum.comparison, quorum.threshold),
    },
    quorum.minPresent === null
      ? { id: 'min-present', ok: true, severity: 'error', message: zh.checks.minPresentUnset }
      : {
          id: 'min-present',
          ok: present >= quorum.minPresent,
          severity: 'error',
          message:
            present >= quorum.minPresent
              ? zh.checks.minPresentOk(present, quorum.minPresent)
              : zh.checks.minPresentFailed(present, quorum.minPresent),
        },
    {
      id: 'returned-within-issued',
      ok: returned <= issued,
      severity: 'error',
      message: returned <= issued ? zh.checks.returnedOk(returned, issued) : zh.checks.returnedFailed(returned, issued),
    },
    {
      id: 'issued-within-present',
      ok: issued <= present,
      severity: 'warning',
      message: issued <= present ? zh.checks.issuedOk(issued, present) : zh.checks.issuedWarning(issued, present),
    },
    {
      id: 'entered-equals-returned',
      ok: entered === returned,
      severity: 'error',
      message:
        entered === returned
          ? zh.checks.enteredOk(entered)
          : entered < returned
            ? zh.checks.enteredShort(entered, returned)
            : zh.checks.enteredOver(entered, returned),
    },
  ];

  let itemProblem: string | null = null;
  outer: for (const candidate of candidates) {
    for (const question of candidate.questions) {
      const optionTotal = Object.entries(question.counts)
        .filter(([label]) => label !== ABSTAIN_LABEL && label !== VOID_LABEL)
        .reduce((sum, [, n]) => sum + n, 0);
      const total = optionTotal + question.blank + question.void;
      if (total !== valid) {
        itemProblem = zh.checks.itemTotalsFailed(candidate.name, question.label, total, valid);
        break outer;
      }
    }
  }
  checks.push({ id: 'item-totals', ok: itemProblem === null, severity: 'error', message: itemProblem ?? zh.checks.itemTotalsOk(valid) });
  return checks;
}

function meetingStatus(checks: readonly CheckResult[]): MeetingStatus {
  const failed = (id: CheckId) => checks.some((check) => check.id === id && !check.ok);
  if (failed('returned-within-issued') || failed('quorum') || failed('min-present')) return 'void';
  if (failed('entered-equals-returned') || failed('item-totals')) return 'incomplete';
  return 'valid';
}

/** The rate of a candidate by rule name, for screens and exports that show one column per rate. */
export function rateByName(candidate: CandidateResult, name: string): RateResult | undefined {
  return candidate.rates.find((rate) => rate.name === name);
}
