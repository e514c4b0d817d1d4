/** What the app keeps in IndexedDB. Records are plain data; ballots are append-only facts. */
import type { BallotRecord } from '../../../shared/domain/ballot';
import type { BallotForm, PresetId } from '../../../shared/domain/forms';
import type { MeetingCounts, QuorumRule } from '../../../shared/domain/meeting';

/** A person being assessed (考察对象). */
export interface PersonRecord {
  id: string;
  name: string;
  currentPost: string;
  proposedPost: string;
}

/** One assessment team's work for one village or community (工作簿). */
export interface WorkbookRecord {
  id: string;
  teamName: string;
  teamMembers: string[];
  township: string;
  unit: string;
  candidates: PersonRecord[];
  createdAt: string;
  updatedAt: string;
}

/** A candidate as the meeting's ballot lists them, fixed when the meeting is created. */
export interface MeetingCandidate {
  personId: string;
  name: string;
  currentPost: string;
  proposedPost: string;
}

export interface MeetingRecord {
  id: string;
  workbookId: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  presetId: PresetId;
  /** A copy of the form at creation: editing a preset later never changes this meeting. */
  form: BallotForm;
  candidates: MeetingCandidate[];
  counts: MeetingCounts;
  quorum: QuorumRule;
  createdAt: string;
  updatedAt: string;
}

/**
 * A stored ballot version. A correction is a new row that supersedes the old one (with the same
 * ballot number); nothing is overwritten. The id is unique across laptops: workbook, device, sequence.
 */
export interface BallotRow extends BallotRecord {
  id: string;
  workbookId: string;
  meetingId: string;
  deviceId: string;
  seq: number;
  enteredAt: string;
  supersedes: string | null;
  /** Why this version replaced the one it supersedes. */
  note: string | null;
}

export type AuditAction = 'workbook-created' | 'workbook-edited' | 'meeting-created' | 'meeting-edited' | 'ballot-added' | 'ballot-corrected';

export interface AuditEntry {
  seq?: number;
  workbookId: string;
  meetingId: string | null;
  ballotId: string | null;
  action: AuditAction;
  at: string;
  deviceId: string;
  detail: string;
}

export interface CounterRecord {
  key: string;
  value: number;
}

export interface SettingRecord {
  key: string;
  value: string;
}
