/**
 * The projector view (大屏): running counts and rates in very large type, for counting in the open.
 * It reads IndexedDB live (Dexie liveQuery), so a ballot committed in the tally window shows here
 * within milliseconds. It shows nothing beyond the meeting's candidates; a sealed meeting shows
 * only how many ballots are entered until its results are confirmed.
 */
import { liveQuery } from 'dexie';
import type { AssessmentPlan } from '../../../../shared/domain/plan';
import { underPlan } from '../../../../shared/domain/plan';
import { useEffect, useMemo, useState } from 'react';
import type { TallyResult } from '../../../../shared/domain/tally';
import { tally } from '../../../../shared/domain/tally';
import { formatPercent } from '../../../../shared/format/percent';
import { zh } from '../../../../shared/messages/zh-CN';
import { listenForBallots } from '../../db/ballot-channel';
import { db } from '../../db/database';
import { meetingBallots, tallyInputOf } from '../../../../shared/domain/meeting-state';
import { statusWording } from '../../../../shared/domain/meeting';
import './projector.css';
import type { BallotRow, MeetingRecord, ResolutionRecord } from '../../db/records';

const t = zh.ui.projector;
const s = zh.statusViews.projector;

interface LiveMeeting {
  meeting: MeetingRecord | undefined;
  plan?: AssessmentPlan | undefined;
  rows: BallotRow[];
  resolutions: ResolutionRecord[];
}

/**
 * The meeting as stored, kept current two ways: a ballot saved in the tally window arrives at once
 * over the ballot channel; anything else (edits, finalising, other laptops' imports) arrives
 * through Dexie's live query of IndexedDB, which also replaces the whole picture when it does.
 */
function useLiveMeeting(id: string): LiveMeeting | null {
  const [state, setState] = useState<LiveMeeting | null>(null);
  useEffect(() => {
    const subscription = liveQuery(async () => {
      const meeting = await db.meetings.get(id);
      return {
        meeting,
        plan: meeting ? await db.plans.get(meeting.workbookId) : undefined,
        rows: await db.ballots.where('meetingId').equals(id).toArray(),
        resolutions: await db.resolutions.where('meetingId').equals(id).toArray(),
      };
    }).subscribe({ next: setState, error: () => setState({ meeting: undefined, rows: [], resolutions: [] }) });
    const stopListening = listenForBallots(id, (row) =>
      setState((current) => (current && !current.rows.some((r) => r.id === row.id) ? { ...current, rows: [...current.rows, row] } : current)),
    );
    return () => {
      subscription.unsubscribe();
      stopListening();
    };
  }, [id]);
  return state;
}

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
