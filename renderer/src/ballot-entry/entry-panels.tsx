/**
 * The parts of the tally screen. Each is memoised: a keystroke re-renders only the draft ballot,
 * never the counts or the ballot list (key→DOM stays within a few milliseconds at 5,000 ballots).
 */
import { memo } from 'react';
import type { BallotForm } from '../../../shared/domain/forms';
import type { TallyResult } from '../../../shared/domain/tally';
import { formatPercent } from '../../../shared/format/percent';
import { zh } from '../../../shared/messages/zh-CN';
import type { RespondentGroup } from '../../../shared/domain/groups';
import type { BallotRow } from '../db/records';
import type { EntryItem } from './ballot-view';
import { ballotSummary, markLabel } from './ballot-view';
import type { EntryDraft } from './entry-machine';

const t = zh.ui.entry;

export const DraftBallot = memo(function DraftBallot({
  form,
  items,
  draft,
  nextNumber,
  groupLabel,
}: {
  form: BallotForm;
  items: readonly EntryItem[];
  draft: EntryDraft;
  nextNumber: number;
  groupLabel: string | null;
}) {
  const number = draft.correcting?.number ?? nextNumber;
  return (
    <div className="draft">
      <div className="draft-heading">
        <span data-testid="draft-number">{t.ballotNumber(number)}</span>
        {groupLabel ? <span className="draft-group" data-testid="draft-group">{groupLabel}</span> : null}
        {draft.correcting ? <span className="correcting">{zh.meetingHall.correctingHint(draft.correcting.number)}</span> : null}
      </div>
      {draft.correcting?.wasInvalid ? <p className="muted">{t.wasInvalid(draft.correcting.wasInvalid)}</p> : null}
      <ol className="draft-items" data-testid="draft-items">
        {items.map((entry) => {
          // Items entered so far show their marks, also those after a cursor moved back with the arrow keys.
          const reached = entry.item < draft.filled;
          const current = entry.item === draft.cursor;
          const mark = draft.marks[entry.item]!;
          return (
            <li key={entry.item} className={current ? 'current' : reached ? 'done' : 'pending'} aria-current={current ? 'step' : undefined}>
              <span className="draft-name">
                {entry.candidateName}
                {entry.questionLabel ? <span className="draft-question">·{entry.questionLabel}</span> : null}
              </span>
              <span className={`draft-mark mark-${reached ? String(mark) : 'none'}`}>{reached ? markLabel(form, entry.item, mark) : current ? '▍' : ''}</span>
            </li>
          );
        })}
      </ol>
      {draft.writeIns.length > 0 ? (
        <p className="draft-write-ins" data-testid="draft-write-ins">
          {t.writeInsLine(draft.writeIns.map((w) => (form.questions.length > 1 ? `${form.questions[w.question]?.label ?? ''}：${w.name}` : w.name)).join('、'))}
        </p>
      ) : null}
    </div>
  );
});

export const OptionLegend = memo(function OptionLegend({ form }: { form: BallotForm }) {
  const question = form.questions[0]!;
  const single = form.questions.length === 1;
  return (
    <p className="legend" data-testid="legend">
      {single
        ? question.options.map((o, i) => (
            <span key={o.label}>
              <kbd>{i + 1}</kbd> {form.kind === 'recommend' ? t.tick : o.label}
            </span>
          ))
        : form.questions.map((q) => (
            <span key={q.id}>
              {q.label}：{q.options.map((o, i) => `${i + 1} ${o.label}`).join('　')}
            </span>
          ))}
      <span>
        <kbd>0</kbd>/<kbd>{t.spaceKey}</kbd> {form.kind === 'recommend' ? zh.noTick : zh.abstain}
      </span>
      <span>
        <kbd>-</kbd> {t.voidItem}
      </span>
    </p>
  );
});

export const RunningCounts = memo(function RunningCounts({ form, result }: { form: BallotForm; result: TallyResult }) {
  const single = form.questions.length === 1;
  const countKeys = single ? Object.keys(result.candidates[0]?.questions[0]?.counts ?? {}) : [];
  return (
    <table className="counts-table" data-testid="running-counts">
      <thead>
        <tr>
          <th>{zh.export.name}</th>
          {countKeys.map((key) => (
            <th key={key}>{key}</th>
          ))}
          {form.rates.map((rule) => (
            <th key={rule.id}>{rule.name}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.candidates.map((candidate) => (
          <tr key={candidate.name} data-candidate={candidate.name}>
            <th scope="row">{candidate.name}</th>
            {countKeys.map((key) => (
              <td key={key} data-count={key} className="num">
                {candidate.questions[0]!.counts[key]}
              </td>
            ))}
            {candidate.rates.map((rate) => (
              <td key={rate.ruleId} data-rate={rate.name} className={`num ${candidate.flags.some((f) => f.rate === rate.name) ? 'flagged' : ''}`}>
                {formatPercent(rate.numerator, rate.denominator)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
});

export const RecentBallots = memo(function RecentBallots({
  form,
  ballots,
  pending,
  groups,
}: {
  form: BallotForm;
  ballots: readonly BallotRow[];
  pending: number;
  groups: readonly RespondentGroup[];
}) {
  const recent = ballots.slice(-6).reverse();
  return (
    <ol className="recent" data-testid="recent-ballots">
      {pending > 0 ? <li className="saving">{t.saving(pending)}</li> : null}
      {recent.map((ballot) => (
        <li key={ballot.id} data-ballot-number={ballot.number} data-state="saved" className={ballot.invalidReason ? 'invalid' : ''}>
          <span className="recent-number">{ballot.number}</span>
          <span className="recent-marks">{ballot.invalidReason ? t.invalidBallot(ballot.invalidReason) : ballotSummary(form, ballot.marks)}</span>
          {ballot.writeIns.length > 0 ? <span className="recent-write-ins">{t.writeInsLine(ballot.writeIns.map((w) => w.name).join('、'))}</span> : null}
          {ballot.group ? <span className="muted">{groups.find((g) => g.id === ballot.group)?.label ?? ''}</span> : null}
          {ballot.supersedes ? <span className="muted">{t.corrected}</span> : null}
        </li>
      ))}
      {recent.length === 0 && pending === 0 ? <li className="muted">{t.noBallotsYet}</li> : null}
    </ol>
  );
});

export const KeyHelp = memo(function KeyHelp() {
  return (
    <table className="key-help" data-testid="key-help">
      <caption>{t.keyHelpTitle}</caption>
      <tbody>
        {[...zh.ui.keyTable, ...zh.meetingHall.keyTableExtra].map(([keys, effect]) => (
          <tr key={keys}>
            <th scope="row">
              <kbd>{keys}</kbd>
            </th>
            <td>{effect}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
