/**
 * Saved ballots announced to the app's other windows (the projector) at once, over a
 * BroadcastChannel of this origin, so they need not wait for a re-read of IndexedDB.
 */
import type { BallotRow } from './records';

const CHANNEL = 'tally-desk:ballots';

export interface BallotSaved {
  type: 'ballot-saved';
  meetingId: string;
  row: BallotRow;
}

let channel: BroadcastChannel | null = null;

export function announceBallot(row: BallotRow): void {
  channel ??= new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: 'ballot-saved', meetingId: row.meetingId, row } satisfies BallotSaved);
}

export function listenForBallots(meetingId: string, onRow: (row: BallotRow) => void): () => void {
  const listener = new BroadcastChannel(CHANNEL);
  listener.onmessage = (event: MessageEvent<BallotSaved>) => {
    if (event.data?.type === 'ballot-saved' && event.data.meetingId === meetingId) onRow(event.data.row);
  };
  return () => listener.close();
}
