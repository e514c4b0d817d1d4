/**
 * The ballot being typed, kept in localStorage at every key, so a reload or a closed browser does not
 * silently drop a half-typed ballot: the tally screen offers it back as the draft (never saved by
 * itself). localStorage rather than IndexedDB because it is written synchronously: the key typed a
 * moment before the tab closed is kept too. One draft per meeting and pass.
 */
import { z } from 'zod';
import { VOID } from '../../../../shared/domain/ballot';
import { currentRows } from '../../../../shared/domain/meeting-state';
import type { BallotRow, EntryPass } from '../../db/records';
import type { EntryDraft, EntryLayout } from '../../ballot-entry/entry-machine';

const keyOf = (meetingId: string, pass: EntryPass) => `tally-desk:draft:${meetingId}:${pass}`;

const mark = z.number().int().min(VOID).max(19);
const keptSchema = z.object({
  marks: z.array(mark),
  writeIns: z.array(z.object({ question: z.number().int().min(0), name: z.string().max(100) })).max(200),
  cursor: z.number().int().min(0),
  filled: z.number().int().min(0),
  correcting: z
    .object({ ballotId: z.string(), number: z.number().int(), wasInvalid: z.string().nullable(), openedBy: z.enum(['ctrl-z', 'ctrl-g']) })
    .nullable(),
});

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function keepDraft(meetingId: string, pass: EntryPass, draft: EntryDraft): void {
  try {
    storage()?.setItem(keyOf(meetingId, pass), JSON.stringify(draft));
  } catch {
    // Storage full or refused: entry goes on; only the reload safety net is missing.
  }
}

export function clearKeptDraft(meetingId: string, pass: EntryPass): void {
  try {
    storage()?.removeItem(keyOf(meetingId, pass));
  } catch {
    // As above.
  }
}

/**
 * The draft kept for this meeting and pass, if it still fits the meeting: the same number of items,
 * and for a correction a ballot version that still stands (otherwise it is dropped).
 */
export function keptDraft(meetingId: string, pass: EntryPass, layout: EntryLayout, rows: readonly BallotRow[]): EntryDraft | null {
  let parsed: unknown;
  try {
    const text = storage()?.getItem(keyOf(meetingId, pass));
    if (!text) return null;
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const checked = keptSchema.safeParse(parsed);
  const fits =
    checked.success &&
    checked.data.marks.length === layout.itemCount &&
    checked.data.filled <= layout.itemCount &&
    checked.data.cursor <= checked.data.filled &&
    checked.data.marks.every((m, i) => m < (layout.optionCounts[i] ?? 0)) &&
    checked.data.writeIns.every((w) => w.question < layout.questionCount);
  const correcting = checked.success ? checked.data.correcting : null;
  const stands = correcting === null || currentRows(rows).some((r) => r.id === correcting.ballotId);
  if (!checked.success || !fits || !stands) {
    clearKeptDraft(meetingId, pass);
    return null;
  }
  return checked.data;
}
