/**
 * The one MeetingOutcome: the tally, the results per respondent group, the fingerprint, the basis
 * statements (口径说明), the status with its reasons and every flag classed as a warning or a note.
 * Computed once from the ballots and read by every screen, Excel sheet, PDF and the CLI's JSON, so
 * that no output computes a number, a status or a 标注 of its own.
 */
import { basisStatement, groupBasisStatement } from './basis';
import { ballotFingerprint } from './fingerprint';
import type { BallotForm, FlagSeverity, RateKind } from './forms';
import { rateKindOf } from './forms';
import type { GroupedTally, RespondentGroup } from './groups';
import { tallyByGroup } from './groups';
import type { MeetingStatus, StatusWording } from './meeting';
import { statusWording } from './meeting';
import type { CandidateFlag, CandidateResult, RateResult, TallyInput, TallyResult } from './tally';
import { tally } from './tally';

export interface OutcomeInput extends TallyInput {
  /** Respondent groups, when ballots were entered per group. */
  groups?: readonly RespondentGroup[] | null;
}

/** warning: the team must look (提示, 严重; printed in red); note: a mark was reached (过半; printed in black). */
export type FlagClass = 'warning' | 'note';

export function flagClassOf(severity: FlagSeverity): FlagClass {
  return severity === 'info' ? 'note' : 'warning';
}

export interface OutcomeFlag extends CandidateFlag {
  kind: RateKind;
  class: FlagClass;
}

export interface CandidateOutcome {
  name: string;
  result: CandidateResult;
  /** 提示 and 严重 flags, most severe first. */
  warnings: OutcomeFlag[];
  /** Marks reached (过半 …). */
  notes: OutcomeFlag[];
  /** Rates by the form's rule id. */
  rate: (ruleId: string) => RateResult | undefined;
}

export interface MeetingOutcome {
  result: TallyResult;
  grouped: GroupedTally | null;
  fingerprint: string;
  status: MeetingStatus;
  /** How the status is worded: `over-entered` where more ballots were entered than returned. */
  wording: StatusWording;
  /** Why the meeting is void or unfinished: each failed check once; empty when valid. */
  statusReasons: string[];
  /** Only a valid meeting's rates are results: every table shows the others' reasons instead. */
  resultsStand: boolean;
  /** The 口径说明 lines of the form, quorum and groups (the plan's lines are added by the report). */
  basis: string[];
  candidates: CandidateOutcome[];
  /** Candidates with a 严重 flag, and with any warning: what roll-ups count. */
  seriousCount: number;
  warnedCount: number;
}

const SEVERITY_ORDER: Record<FlagSeverity, number> = { serious: 0, warning: 1, info: 2 };

export function meetingOutcome(input: OutcomeInput): MeetingOutcome {
  const groups = input.groups && input.groups.length > 0 ? input.groups : null;
  const grouped = groups ? tallyByGroup(input, groups) : null;
  const result = grouped ? grouped.combined : tally(input);
  const candidates = classifyCandidates(input.form, result);
  const statusReasons = result.status === 'valid' ? [] : statusReasonsOf(result);
  // Hashing every ballot is the one costly part: done when first asked for (the tally screen, which
  // recounts at every key, never asks), then kept.
  let fingerprint: string | null = null;
  return {
    result,
    grouped,
    get fingerprint() {
      fingerprint ??= ballotFingerprint(input.form, input.candidates, input.ballots);
      return fingerprint;
    },
    status: result.status,
    wording: statusWording(result.status, result.meeting),
    statusReasons,
    resultsStand: result.status === 'valid',
    basis: [...basisStatement(input.form, input.quorum), ...(grouped ? groupBasisStatement(grouped) : [])],
    candidates,
    seriousCount: candidates.filter((c) => c.warnings.some((f) => f.severity === 'serious')).length,
    warnedCount: candidates.filter((c) => c.warnings.length > 0).length,
  };
}

/** Each candidate's flags classed as warnings and notes, for a tally result (the meeting's, or a group's). */
export function classifyCandidates(form: BallotForm, result: TallyResult): CandidateOutcome[] {
  const kindOfRate = new Map(form.rates.map((r) => [r.name, rateKindOf(r)]));
  return result.candidates.map((candidate): CandidateOutcome => {
    const classed = candidate.flags
      .map((flag): OutcomeFlag => ({ ...flag, kind: kindOfRate.get(flag.rate) ?? 'custom', class: flagClassOf(flag.severity) }))
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const byRule = new Map(candidate.rates.map((r) => [r.ruleId, r]));
    return {
      name: candidate.name,
      result: candidate,
      warnings: classed.filter((f) => f.class === 'warning'),
      notes: classed.filter((f) => f.class === 'note'),
      rate: (ruleId) => byRule.get(ruleId),
    };
  });
}

/**
 * The failed checks that make a meeting void, or else those that leave it unfinished: a void
 * meeting is void whatever else is wrong, and each reason is said once.
 */
function statusReasonsOf(result: TallyResult): string[] {
  const failed = result.checks.filter((c) => !c.ok && c.severity === 'error');
  const voiding = failed.filter((c) => c.id === 'quorum' || c.id === 'min-present' || c.id === 'returned-within-issued');
  return (result.status === 'void' ? voiding : failed).map((c) => c.message);
}
