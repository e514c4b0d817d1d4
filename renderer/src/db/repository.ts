/** Reads and writes of workbooks, meetings and ballots; every change also goes into the audit log. */
import type { ItemMark } from '../../../shared/domain/ballot';
import { ballotShapeProblem, selectionsOnBallot } from '../../../shared/domain/ballot';
import type { PresetId } from '../../../shared/domain/forms';
import { presetForm } from '../../../shared/domain/forms';
import type { MeetingCounts, QuorumRule } from '../../../shared/domain/meeting';
import { zh } from '../../../shared/messages/zh-CN';
import type { TallyDatabase } from './database';
import { db as defaultDb } from './database';
import type { AuditAction, BallotRow, MeetingCandidate, MeetingRecord, PersonRecord, WorkbookRecord } from './records';

const DEVICE_KEY = 'device-id';

function now(): string {
  return new Date().toISOString();
}

function newId(): string {
  return crypto.randomUUID();
}

/** The ballots that count now: every version not superseded by a later one, in ballot-number order. */
export function currentBallots(rows: readonly BallotRow[]): BallotRow[] {
  const superseded = new Set(rows.flatMap((r) => (r.supersedes === null ? [] : [r.supersedes])));
  return rows.filter((r) => !superseded.has(r.id)).sort((a, b) => a.number - b.number);
}

export interface WorkbookInput {
  teamName: string;
  teamMembers: string[];
  township: string;
  unit: string;
  candidates: PersonRecord[];
}

export interface MeetingInput {
  title: string;
  date: string;
  presetId: PresetId;
  maxSelections: number | null;
  candidates: MeetingCandidate[];
  counts: MeetingCounts;
  quorum: QuorumRule;
}

export interface NewBallot {
  invalidReason: string | null;
  marks: ItemMark[];
  writeIns: string[];
}

export class Repository {
  private deviceIdPromise: Promise<string> | null = null;

  constructor(private readonly db: TallyDatabase = defaultDb) {}

  /** A random id for this browser profile, made once; part of every ballot id it writes. */
  deviceId(): Promise<string> {
    this.deviceIdPromise ??= this.db.transaction('rw', this.db.settings, async () => {
      const existing = await this.db.settings.get(DEVICE_KEY);
      if (existing) return existing.value;
      const value = newId().slice(0, 8);
      await this.db.settings.put({ key: DEVICE_KEY, value });
      return value;
    });
    return this.deviceIdPromise;
  }

  /** Adds an audit entry inside the caller's transaction; the device id is resolved before it opens. */
  private audit(
    deviceId: string,
    workbookId: string,
    meetingId: string | null,
    ballotId: string | null,
    action: AuditAction,
    detail: string,
  ): Promise<number | undefined> {
    return this.db.audit.add({ workbookId, meetingId, ballotId, action, at: now(), deviceId, detail });
  }

  listWorkbooks(): Promise<WorkbookRecord[]> {
    return this.db.workbooks.orderBy('updatedAt').reverse().toArray();
  }

  getWorkbook(id: string): Promise<WorkbookRecord | undefined> {
    return this.db.workbooks.get(id);
  }

  async createWorkbook(input: WorkbookInput): Promise<string> {
    const id = newId();
    const at = now();
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', this.db.workbooks, this.db.audit, async () => {
      await this.db.workbooks.add({ id, ...input, createdAt: at, updatedAt: at });
      await this.audit(deviceId, id, null, null, 'workbook-created', zh.audit.workbookCreated(input.township + input.unit));
    });
    return id;
  }

  async updateWorkbook(id: string, input: WorkbookInput): Promise<void> {
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', this.db.workbooks, this.db.audit, async () => {
      const existing = await this.db.workbooks.get(id);
      if (!existing) throw new Error(zh.ui.errors.workbookMissing);
      await this.db.workbooks.put({ ...existing, ...input, updatedAt: now() });
      await this.audit(deviceId, id, null, null, 'workbook-edited', zh.audit.workbookEdited);
    });
  }

  listMeetings(workbookId: string): Promise<MeetingRecord[]> {
    return this.db.meetings.where('workbookId').equals(workbookId).sortBy('createdAt');
  }

  getMeeting(id: string): Promise<MeetingRecord | undefined> {
    return this.db.meetings.get(id);
  }

  async createMeeting(workbookId: string, input: MeetingInput): Promise<string> {
    const id = newId();
    const at = now();
    const form = presetForm(input.presetId, input.maxSelections === null ? {} : { maxSelections: input.maxSelections });
    const { maxSelections: _unused, ...rest } = input;
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', this.db.meetings, this.db.workbooks, this.db.audit, async () => {
      await this.db.meetings.add({ id, workbookId, ...rest, form, createdAt: at, updatedAt: at });
      await this.db.workbooks.update(workbookId, { updatedAt: at });
      await this.audit(deviceId, workbookId, id, null, 'meeting-created', zh.audit.meetingCreated(input.title));
    });
    return id;
  }

  /** Edits what may change after creation: title, date, counts and quorum (not the form or candidates). */
  async updateMeeting(id: string, changes: Pick<MeetingRecord, 'title' | 'date' | 'counts' | 'quorum'>): Promise<void> {
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', this.db.meetings, this.db.audit, async () => {
      const meeting = await this.db.meetings.get(id);
      if (!meeting) throw new Error(zh.ui.errors.meetingMissing);
      await this.db.meetings.put({ ...meeting, ...changes, updatedAt: now() });
      await this.audit(deviceId, meeting.workbookId, id, null, 'meeting-edited', zh.audit.meetingEdited(meeting.counts, changes.counts));
    });
  }

  /** A meeting with its workbook and current ballots, or null when either is missing. */
  async loadMeetingContext(meetingId: string): Promise<{ meeting: MeetingRecord; workbook: WorkbookRecord; ballots: BallotRow[] } | null> {
    const meeting = await this.db.meetings.get(meetingId);
    if (!meeting) return null;
    const workbook = await this.db.workbooks.get(meeting.workbookId);
    if (!workbook) return null;
    return { meeting, workbook, ballots: await this.loadBallots(meetingId) };
  }

  async loadBallots(meetingId: string): Promise<BallotRow[]> {
    return currentBallots(await this.db.ballots.where('meetingId').equals(meetingId).toArray());
  }

  /**
   * Stores one ballot (or a correction of one) in a single strict transaction: the row, the device's
   * sequence number and the audit entry are written together or not at all.
   */
  async commitBallot(meeting: MeetingRecord, ballot: NewBallot, correcting: { ballotId: string; note: string } | null): Promise<BallotRow> {
    const deviceId = await this.deviceId();
    let invalidReason = ballot.invalidReason;
    if (invalidReason === null && meeting.form.recommend && selectionsOnBallot({ ...ballot, number: 1 }) > meeting.form.recommend.maxSelections) {
      invalidReason = zh.ballot.overSelected(selectionsOnBallot({ ...ballot, number: 1 }), meeting.form.recommend.maxSelections);
    }
    return this.db.transaction('rw', this.db.ballots, this.db.counters, this.db.audit, async () => {
      const counterKey = `ballot-seq:${meeting.workbookId}:${deviceId}`;
      const seq = ((await this.db.counters.get(counterKey))?.value ?? 0) + 1;
      await this.db.counters.put({ key: counterKey, value: seq });

      let number: number;
      if (correcting) {
        const original = await this.db.ballots.get(correcting.ballotId);
        if (!original || original.meetingId !== meeting.id) throw new Error(zh.ui.errors.ballotMissing);
        number = original.number;
      } else {
        // Numbers continue after the highest ever used in this meeting, so a number is never reused.
        const last = await this.db.ballots.where('[meetingId+number]').between([meeting.id, 0], [meeting.id, Infinity]).last();
        number = (last?.number ?? 0) + 1;
      }
      const row: BallotRow = {
        id: `${meeting.workbookId}:${deviceId}:${seq}`,
        workbookId: meeting.workbookId,
        meetingId: meeting.id,
        deviceId,
        seq,
        enteredAt: now(),
        supersedes: correcting?.ballotId ?? null,
        note: correcting?.note ?? null,
        number,
        invalidReason,
        marks: ballot.marks,
        writeIns: ballot.writeIns,
      };
      const problem = ballotShapeProblem(meeting.form, meeting.candidates.length, row);
      if (problem !== null) throw new Error(problem);
      await this.db.ballots.add(row);
      await this.audit(
        deviceId,
        meeting.workbookId,
        meeting.id,
        row.id,
        correcting ? 'ballot-corrected' : 'ballot-added',
        correcting ? zh.audit.ballotCorrected(number, correcting.note) : zh.audit.ballotAdded(number),
      );
      return row;
    });
  }
}

export const repository = new Repository();
