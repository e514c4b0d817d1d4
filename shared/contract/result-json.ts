/**
 * The JSON result of `tally --json` (DESIGN.md, "Command line"). Others parse it: field names and
 * meanings only ever grow, never change.
 */
import type { TallyResult } from '../domain/tally';
import type { MeetingStatus, MeetingTotals } from '../domain/meeting';
import type { FlagSeverity } from '../domain/forms';

export interface ResultJson {
  form: string;
  status: MeetingStatus;
  meeting: MeetingTotals;
  checks: { id: string; ok: boolean; severity: 'error' | 'warning'; message: string }[];
  candidates: {
    name: string;
    counts: Record<string, number>;
    rates: Record<string, { numerator: number; denominator: number; value: number | null }>;
    flags: { rate: string; severity: FlagSeverity; message: string }[];
    rank: number | null;
  }[];
  writeIns: { name: string; votes: number }[];
  fingerprint: string;
}

/** Single-question forms key counts by option label; multi-question forms by "问题·选项" (德·好). */
export function toResultJson(result: TallyResult, fingerprint: string): ResultJson {
  const { expected, present, issued, returned, entered, valid, invalid } = result.meeting;
  return {
    form: result.formId,
    status: result.status,
    meeting: { expected, present, issued, returned, entered, valid, invalid },
    checks: result.checks.map(({ id, ok, severity, message }) => ({ id, ok, severity, message })),
    candidates: result.candidates.map((candidate) => {
      const counts: Record<string, number> = {};
      const single = candidate.questions.length === 1;
      for (const question of candidate.questions) {
        for (const [label, n] of Object.entries(question.counts)) counts[single ? label : `${question.label}·${label}`] = n;
      }
      const rates: ResultJson['candidates'][number]['rates'] = {};
      for (const rate of candidate.rates) rates[rate.name] = { numerator: rate.numerator, denominator: rate.denominator, value: rate.value };
      return {
        name: candidate.name,
        counts,
        rates,
        flags: candidate.flags.map(({ rate, severity, message }) => ({ rate, severity, message })),
        rank: candidate.rank,
      };
    }),
    writeIns: result.writeIns.map(({ name, votes }) => ({ name, votes })),
    fingerprint,
  };
}
