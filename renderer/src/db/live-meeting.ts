/**
 * One meeting as stored, kept current while a screen shows it (the 大屏 in its own window): what
 * screens need of Dexie's live queries, so that they never import the database library themselves.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import type { AssessmentPlan } from '../../../shared/domain/plan';
import { listenForBallots } from './ballot-channel';
import { db } from './database';
import type { BallotRow, MeetingRecord, ResolutionRecord } from './records';

export interface LiveMeeting {
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
export function useLiveMeeting(id: string): LiveMeeting | null {
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

