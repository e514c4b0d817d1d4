/**
 * The projector view (大屏): running counts and rates in very large type, for counting in the open.
 * It reads IndexedDB live (db/live-meeting.ts), so a ballot committed in the tally window shows here
 * within milliseconds. It shows nothing beyond the meeting's candidates; a sealed meeting shows
 * only how many ballots are entered until its results are confirmed.
 */
import { underPlan } from '../../../../shared/domain/plan';
import { useEffect, useMemo } from 'react';
import type { TallyResult } from '../../../../shared/domain/tally';
import { tally } from '../../../../shared/domain/tally';
import { formatPercent } from '../../../../shared/format/percent';
import { zh } from '../../../../shared/messages/zh-CN';
import { useLiveMeeting } from '../../db/live-meeting';
import { meetingBallots, tallyInputOf } from '../../../../shared/domain/meeting-state';
import { statusWording } from '../../../../shared/domain/meeting';
import './projector.css';

const t = zh.ui.projector;
const s = zh.statusViews.projector;

export function ProjectorScreen({ id }: { id: string }) {
  const live = useLiveMeeting(id);
  const view = useMemo(() => {
    if (!live?.meeting) return null;
    const meeting = underPlan(live.meeting, live.plan);
    const ballots = meetingBallots(meeting, live.rows, live.resolutions);
    return { meeting, result: tally(tallyInputOf(meeting, ballots.counted)) };
  }, [live]);

  useEffect(() => {
    document.body.classList.add('projector-body');
    return () => document.body.classList.remove('projector-body');
  }, []);

  if (live === null) return <div className="projector">{zh.ui.loading}</div>;
  if (!view) return <div className="projector">{zh.ui.errors.meetingMissing}</div>;
  const { meeting, result } = view;
  const sealed = meeting.announce === 'sealed' && meeting.finalized === null;
  const single = meeting.form.questions.length === 1;
  const countKeys = single ? Object.keys(result.candidates[0]?.questions[0]?.counts ?? {}) : [];

  return (
    <div className="projector" data-testid="projector">
      <header className="projector-header">
        <h1>{meeting.title}</h1>
        <p className="projector-count" data-testid="projector-count">
          {t.count(result.meeting.entered, meeting.counts.returned)}
        </p>
      </header>
      <MeetingValidity result={result} confirmed={meeting.finalized !== null} />
      {sealed ? (
        <p className="projector-sealed" data-testid="projector-sealed">
          {t.sealed}
        </p>
      ) : (
        <table className="projector-table" data-testid="projector-table">
          <thead>
            <tr>
              <th>{zh.export.name}</th>
              {countKeys.map((key) => (
                <th key={key}>{key}</th>
              ))}
              {meeting.form.rates.map((rule) => (
                <th key={rule.id}>{rule.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.candidates.map((candidate) => (
              <tr key={candidate.name} data-candidate={candidate.name}>
                <th scope="row">{candidate.name}</th>
                {countKeys.map((key) => (
                  <td key={key} data-count={key}>
                    {candidate.questions[0]!.counts[key]}
                  </td>
                ))}
                {candidate.rates.map((rate) => (
                  <td key={rate.ruleId} data-rate={rate.name}>
                    {formatPercent(rate.numerator, rate.denominator)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * Whether the meeting stands (有效, or 无效 and why: short of its quorum, more returned than issued),
 * and how many ballots were wholly invalid: what the hall asks first, in type read from the back row.
 * None of it names a candidate, so a sealed meeting shows it too.
 */
function MeetingValidity({ result, confirmed }: { result: TallyResult; confirmed: boolean }) {
  const wording = statusWording(result.status, result.meeting);
  // The attendance line always (符合到会要求 …, the basis of 有效); then whatever else keeps the meeting from standing.
  const quorum = result.checks.find((c) => c.id === 'quorum');
  const failed = wording === 'valid' ? [] : result.checks.filter((c) => !c.ok && c.severity === 'error' && c.id !== 'quorum');
  const reasons = [...new Set([...(quorum ? [quorum.message] : []), ...failed.map((c) => c.message)])];
  return (
    <section className={`projector-validity projector-validity-${wording}`} data-testid="projector-validity" data-status={wording}>
      <p className="projector-status">
        <span className="projector-status-label">{s.status}</span>
        <strong data-testid="projector-status">{zh.statusName[wording]}</strong>
        {confirmed ? <span className="projector-confirmed">{s.confirmed}</span> : null}
      </p>
      <p className="projector-ballots">
        <span data-testid="projector-valid">{s.validBallots(result.meeting.valid)}</span>
        <span data-testid="projector-invalid">{s.invalidBallots(result.meeting.invalid)}</span>
      </p>
      {reasons.length > 0 ? (
        <ul className="projector-reasons" data-testid="projector-reasons">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
