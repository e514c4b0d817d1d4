/**
 * The JSON result of `tally --json` (docs/architecture.md, "Command line"). Others parse it: field names and
 * meanings only ever grow, never change. Fields added after the first version appear only where
 * they apply (several posts, scoring, a second-round rule), so the first version's output is unchanged.
 */
import type { TallyResult } from '../domain/tally';
import type { MeetingStatus, MeetingTotals } from '../domain/meeting';
import type { BallotForm, FlagSeverity } from '../domain/forms';
import { questionKey } from '../domain/forms';

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
    /** Recommendation forms with several posts: the rank for each post, by post label. */
    ranks?: Record<string, number>;
    /** Forms with scoring: the weighted score. */
    score?: number | null;
  }[];
  /** post: the post a name was written in for, on forms with several posts. */
  writeIns: { name: string; votes: number; post?: string }[];
  /** Recommendation forms with several posts: ballots on which each post was over-ticked (so void). */
  voidPosts?: Record<string, number>;
  /** Recommendation forms with a second-round rule. */
  secondRound?: { post: string; needed: boolean; topShare: { numerator: number; denominator: number; value: number | null } | null }[];
  fingerprint: string;
  /** The file the ballots were read from and, for a workbook, the sheet (the CLI adds it). */
  source?: { file: string; sheet: string | null };
}

/** Single-question forms key counts by option label; multi-question forms by "问题·选项" (德·好). */
export function toResultJson(result: TallyResult, fingerprint: string, form: BallotForm): ResultJson {
  const { expected, present, issued, returned, entered, valid, invalid } = result.meeting;
  const multiPost = form.kind === 'recommend' && form.questions.length > 1;
  const postLabel = (q: number) => form.questions[q]?.label ?? String(q);
  const json: ResultJson = {
    form: result.formId,
    status: result.status,
    meeting: { expected, present, issued, returned, entered, valid, invalid },
    checks: result.checks.map(({ id, ok, severity, message }) => ({ id, ok, severity, message })),
    candidates: result.candidates.map((candidate) => {
      const counts: Record<string, number> = {};
      candidate.questions.forEach((question, q) => {
        for (const [label, n] of Object.entries(question.counts)) counts[questionKey(form, form.questions[q]!, label)] = n;
      });
      const rates: ResultJson['candidates'][number]['rates'] = {};
      for (const rate of candidate.rates) rates[rate.name] = { numerator: rate.numerator, denominator: rate.denominator, value: rate.value };
      const entry: ResultJson['candidates'][number] = {
        name: candidate.name,
        counts,
        rates,
        flags: candidate.flags.map(({ rate, severity, message }) => ({ rate, severity, message })),
        rank: candidate.rank,
      };
      if (multiPost && candidate.ranks) entry.ranks = Object.fromEntries(candidate.ranks.map((rank, q) => [postLabel(q), rank]));
      if (candidate.score) entry.score = candidate.score.value;
      return entry;
    }),
    writeIns: result.writeIns.map(({ name, votes, question }) => (multiPost ? { name, votes, post: postLabel(question) } : { name, votes })),
    fingerprint,
  };
  if (multiPost) json.voidPosts = Object.fromEntries(result.voidPosts.map((n, q) => [postLabel(q), n]));
  if (result.secondRound.length > 0) {
    json.secondRound = result.secondRound.map((hint) => ({ post: postLabel(hint.question), needed: hint.needed, topShare: hint.topShare }));
  }
  // Keep the documented key order: fingerprint last.
  const { fingerprint: print, ...rest } = json;
  return { ...rest, fingerprint: print };
}
