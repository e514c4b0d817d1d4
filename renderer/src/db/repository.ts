/**
 * Reads and writes of workbooks, meetings, ballots and forms. Every change writes its audit entry
 * in the same strict transaction, chained to the one before (shared/domain/audit-chain.ts).
 */
import type { BallotRecord, ItemMark, WriteIn } from '../../../shared/domain/ballot';
import { ballotShapeProblem, overSelectionReason } from '../../../shared/domain/ballot';
import { fileNameProblems } from '../../../shared/domain/names';
import type { AuditHead, AuditProblem } from '../../../shared/domain/audit-chain';
import { AUDIT_GENESIS, auditEntryHash, verifyAuditChain } from '../../../shared/domain/audit-chain';
import type { BallotForm } from '../../../shared/domain/forms';
import type { AssessmentPlan } from '../../../shared/domain/plan';
import { peopleReviews } from '../../../shared/domain/review';
import { formProblem } from '../../../shared/domain/forms';
import type { MeetingPackage } from '../../../shared/contract/meeting-package';
import { MEETING_PACKAGE_FORMAT, meetingPackageSchema } from '../../../shared/contract/meeting-package';
import { zh } from '../../../shared/messages/zh-CN';
import type { TallyDatabase } from './database';
import { AUDIT_HEAD_KEY, db as defaultDb } from './database';
import { currentRows } from '../../../shared/domain/meeting-state';
import type {
  AuditAction,
  AuditEntry,
  BallotRow,
  EntryPass,
  FormRecord,
  MeetingRecord,
  PersonRecord,
  ResolutionRecord,
  WorkbookRecord,
} from './records';
import type { CorrectionOpener } from '../../../shared/schema/records';

const DEVICE_KEY = 'device-id';

function now(): string {
  return new Date().toISOString();
}

function newId(): string {
  return crypto.randomUUID();
}

export interface WorkbookInput {
  teamName: string;
  teamMembers: string[];
  township: string;
  unit: string;
  candidates: PersonRecord[];
}

/** What a new meeting is set up with: the record's own fields, before ids, times and results. */
export type MeetingInput = Pick<MeetingRecord, 'title' | 'date' | 'formSourceId' | 'form' | 'candidates' | 'counts' | 'quorum' | 'groups' | 'doubleEntry' | 'announce'>;

/** What may change on a meeting after it exists; form and candidates only while it has no ballots. */
export type MeetingChanges = Pick<MeetingInput, 'title' | 'date' | 'counts' | 'quorum' | 'groups' | 'doubleEntry' | 'announce'> &
  Partial<Pick<MeetingInput, 'form' | 'formSourceId' | 'candidates'>>;

export interface NewBallot {
  invalidReason: string | null;
  marks: ItemMark[];
  writeIns: WriteIn[];
}

export interface BallotPlacement {
  pass: EntryPass;
  group: string | null;
  /** A correction of this stored version, with the reason and the key that opened it; null for a new ballot. */
  correcting: { ballotId: string; note: string; openedBy?: CorrectionOpener } | null;
  /** For pass 3 (re-entry of a difference): the number being settled. */
  number?: number;
}

export interface MeetingContext {
  meeting: MeetingRecord;
  workbook: WorkbookRecord;
  rows: BallotRow[];
  resolutions: ResolutionRecord[];
  /** The workbook's assessment plan: its thresholds set the flags (null: the form's own). */
  plan: AssessmentPlan | null;
  /** People a 不能 item of the joint review disqualified: marked wherever they are listed. */
  disqualified: ReadonlySet<string>;
}

export interface AuditLog {
  entries: AuditEntry[];
  head: AuditHead | null;
  problems: AuditProblem[];
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

  /** For other writers of this database (meeting files): the same chained audit entry. */
  appendAudit(deviceId: string, workbookId: string, meetingId: string | null, ballotId: string | null, action: AuditAction, detail: string): Promise<void> {
    return this.audit(deviceId, workbookId, meetingId, ballotId, action, detail);
  }

  /**
   * Appends one audit entry, chained to the last, inside the caller's transaction (which must
   * include the audit and settings tables). The head record moves with it.
   */
  private async audit(
    deviceId: string,
    workbookId: string,
    meetingId: string | null,
    ballotId: string | null,
    action: AuditAction,
    detail: string,
    correction?: AuditEntry['correction'],
  ): Promise<void> {
    const stored = await this.db.settings.get(AUDIT_HEAD_KEY);
    const head: AuditHead = stored ? (JSON.parse(stored.value) as AuditHead) : { count: 0, lastSeq: 0, lastHash: AUDIT_GENESIS };
    const fields = { seq: head.lastSeq + 1, workbookId, meetingId, ballotId, action, at: now(), deviceId, detail, ...(correction ? { correction } : {}) };
    const hash = auditEntryHash(fields, head.lastHash);
    await this.db.audit.add({ ...fields, prevHash: head.lastHash, hash });
    const next: AuditHead = { count: head.count + 1, lastSeq: fields.seq, lastHash: hash };
    await this.db.settings.put({ key: AUDIT_HEAD_KEY, value: JSON.stringify(next) });
  }

  async loadAudit(workbookId?: string): Promise<AuditLog> {
    const entries = await this.db.audit.orderBy('seq').toArray();
    const stored = await this.db.settings.get(AUDIT_HEAD_KEY);
    const head = stored ? (JSON.parse(stored.value) as AuditHead) : null;
    // The chain is checked whole; what is shown may be one workbook's part of it.
    const problems = verifyAuditChain(entries, head);
    return { entries: workbookId ? entries.filter((e) => e.workbookId === workbookId) : entries, head, problems };
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
    await this.db.transaction('rw', [this.db.workbooks, this.db.audit, this.db.settings], async () => {
      await this.db.workbooks.add({ id, ...input, createdAt: at, updatedAt: at });
      await this.audit(deviceId, id, null, null, 'workbook-created', zh.audit.workbookCreated(input.township + input.unit));
    });
    return id;
  }

  async updateWorkbook(id: string, input: WorkbookInput): Promise<void> {
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', [this.db.workbooks, this.db.audit, this.db.settings], async () => {
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
    const problem = formProblem(input.form);
    if (problem) throw new Error(problem);
    const id = newId();
    const at = now();
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', [this.db.meetings, this.db.workbooks, this.db.audit, this.db.settings], async () => {
      await this.db.meetings.add({ id, workbookId, ...input, finalized: null, writeInAliases: [], createdAt: at, updatedAt: at });
      await this.db.workbooks.update(workbookId, { updatedAt: at });
      await this.audit(deviceId, workbookId, id, null, 'meeting-created', zh.audit.meetingCreated(input.title));
    });
    return id;
  }

  private async requireOpenMeeting(id: string): Promise<MeetingRecord> {
    const meeting = await this.db.meetings.get(id);
    if (!meeting) throw new Error(zh.ui.errors.meetingMissing);
    if (meeting.finalized) throw new Error(zh.ui.errors.meetingFinalized);
    return meeting;
  }

  /** Edits a meeting; its form and candidates only while no ballot has been entered. */
  async updateMeeting(id: string, changes: MeetingChanges): Promise<void> {
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', [this.db.meetings, this.db.ballots, this.db.audit, this.db.settings], async () => {
      const meeting = await this.requireOpenMeeting(id);
      if (changes.form || changes.candidates) {
        const hasBallots = (await this.db.ballots.where('meetingId').equals(id).count()) > 0;
        if (hasBallots) throw new Error(zh.ui.errors.formFixed);
        if (changes.form) {
          const problem = formProblem(changes.form);
          if (problem) throw new Error(problem);
        }
      }
      await this.db.meetings.put({ ...meeting, ...changes, updatedAt: now() });
      await this.audit(deviceId, meeting.workbookId, id, null, 'meeting-edited', zh.audit.meetingEdited(meeting.counts, changes.counts));
    });
  }

  async loadMeetingContext(meetingId: string): Promise<MeetingContext | null> {
    const meeting = await this.db.meetings.get(meetingId);
    if (!meeting) return null;
    const workbook = await this.db.workbooks.get(meeting.workbookId);
    if (!workbook) return null;
    const [rows, resolutions, plan, reviews] = await Promise.all([
      this.db.ballots.where('meetingId').equals(meetingId).toArray(),
      this.db.resolutions.where('meetingId').equals(meetingId).toArray(),
      this.db.plans.get(meeting.workbookId),
      this.db.reviews.where('workbookId').equals(meeting.workbookId).toArray(),
    ]);
    const disqualified = new Set(
      plan ? [...peopleReviews(plan, workbook.candidates, reviews).values()].filter((r) => r.status === 'disqualified').map((r) => r.personId) : [],
    );
    return { meeting, workbook, rows, resolutions, plan: plan ?? null, disqualified };
  }

  /** The ballots standing in the first pass, for lists that do not care about double entry. */
  async loadBallots(meetingId: string): Promise<BallotRow[]> {
    return currentRows(await this.db.ballots.where('meetingId').equals(meetingId).toArray()).filter((r) => (r.pass ?? 1) === 1);
  }

  /**
   * Stores one ballot (or a correction of one) in a single strict transaction: the row, the device's
   * sequence number and the audit entry are written together or not at all.
   */
  async commitBallot(meetingId: string, ballot: NewBallot, placement: BallotPlacement): Promise<BallotRow> {
    const deviceId = await this.deviceId();
    const tables = [this.db.workbooks, this.db.meetings, this.db.ballots, this.db.counters, this.db.audit, this.db.settings];
    return this.db.transaction('rw', tables, async () => {
      const meeting = await this.requireOpenMeeting(meetingId);
      const invalidReason = ballot.invalidReason ?? overSelectionReason(meeting.form, ballot);
      const counterKey = `ballot-seq:${meeting.workbookId}:${deviceId}`;
      const seq = ((await this.db.counters.get(counterKey))?.value ?? 0) + 1;
      await this.db.counters.put({ key: counterKey, value: seq });

      let number: number;
      let group = placement.group;
      let before: BallotRow | null = null;
      if (placement.correcting) {
        const original = await this.db.ballots.get(placement.correcting.ballotId);
        if (!original || original.meetingId !== meeting.id) throw new Error(zh.ui.errors.ballotMissing);
        const successor = await this.db.ballots.where('meetingId').equals(meeting.id).filter((r) => r.supersedes === original.id).first();
        if (successor) throw new Error(zh.ui.errors.ballotChanged(original.number));
        before = original;
        number = original.number;
        group = original.group ?? null;
      } else if (placement.number !== undefined) {
        number = placement.number;
      } else {
        // Numbers continue after the highest ever used in this pass, so a number is never reused.
        const last = await this.db.ballots
          .where('[meetingId+pass+number]')
          .between([meeting.id, placement.pass, 0], [meeting.id, placement.pass, Infinity])
          .last();
        number = (last?.number ?? 0) + 1;
      }
      // Entering a number again in the reconciliation pass replaces that pass's earlier entry of it.
      let supersedes = placement.correcting?.ballotId ?? null;
      if (supersedes === null && placement.pass === 3) {
        const earlier = await this.db.ballots.where('[meetingId+pass+number]').equals([meeting.id, 3, number]).toArray();
        supersedes = currentRows(earlier).at(-1)?.id ?? null;
      }
      const row: BallotRow = {
        id: `${meeting.workbookId}:${deviceId}:${seq}`,
        workbookId: meeting.workbookId,
        meetingId: meeting.id,
        deviceId,
        seq,
        enteredAt: now(),
        pass: placement.pass,
        supersedes,
        deleted: false,
        note: placement.correcting?.note ?? null,
        number,
        invalidReason,
        marks: ballot.marks,
        writeIns: ballot.writeIns,
        group,
      };
      const problem = ballotShapeProblem(meeting.form, meeting.candidates.length, row);
      if (problem !== null) throw new Error(problem);
      await this.db.ballots.add(row);
      const detail = placement.correcting
        ? zh.audit.ballotCorrected(number, placement.correcting.note, invalidReason)
        : zh.audit.ballotAdded(number, placement.pass, group ? (meeting.groups?.find((g) => g.id === group)?.label ?? group) : null, invalidReason);
      // A correction keeps what the ballot said before and after, and the key that opened it.
      const correction = before
        ? { openedBy: placement.correcting?.openedBy ?? 'ctrl-z', before: [...before.marks], after: [...row.marks] }
        : undefined;
      await this.audit(deviceId, meeting.workbookId, meeting.id, row.id, placement.correcting ? 'ballot-corrected' : 'ballot-added', detail, correction);
      // The workbook list's 最近修改 follows entry too.
      await this.db.workbooks.update(meeting.workbookId, { updatedAt: row.enteredAt });
      return row;
    });
  }

  /**
   * Stores ballots read from a grid file, all in one strict transaction: numbers already used in the
   * pass refuse the whole file, and nothing is stored.
   */
  async importBallots(meetingId: string, ballots: readonly BallotRecord[], pass: EntryPass, fileName: string): Promise<number> {
    const deviceId = await this.deviceId();
    return this.db.transaction('rw', [this.db.meetings, this.db.ballots, this.db.counters, this.db.audit, this.db.settings], async () => {
      const meeting = await this.requireOpenMeeting(meetingId);
      const existing = currentRows(await this.db.ballots.where('meetingId').equals(meetingId).toArray()).filter((r) => r.pass === pass);
      const taken = new Set(existing.map((r) => r.number));
      const clash = ballots.filter((b) => taken.has(b.number)).map((b) => b.number);
      if (clash.length > 0) throw new Error(zh.ballotImport.numbersTaken(clash));
      const counterKey = `ballot-seq:${meeting.workbookId}:${deviceId}`;
      let seq = (await this.db.counters.get(counterKey))?.value ?? 0;
      const at = now();
      const rows: BallotRow[] = ballots.map((ballot) => {
        seq++;
        return {
          ...ballot,
          group: ballot.group ?? null,
          id: `${meeting.workbookId}:${deviceId}:${seq}`,
          workbookId: meeting.workbookId,
          meetingId,
          deviceId,
          seq,
          enteredAt: at,
          pass,
          supersedes: null,
          deleted: false,
          note: null,
        };
      });
      for (const row of rows) {
        const problem = ballotShapeProblem(meeting.form, meeting.candidates.length, row);
        if (problem) throw new Error(problem);
      }
      await this.db.counters.put({ key: counterKey, value: seq });
      await this.db.ballots.bulkAdd(rows);
      await this.audit(deviceId, meeting.workbookId, meetingId, null, 'ballots-imported', zh.audit.ballotsFromFile(rows.length, fileName));
      return rows.length;
    });
  }

  /** Removes a ballot entered by mistake: a new version that supersedes it and counts for nothing. */
  async deleteBallot(meetingId: string, ballotId: string, reason: string): Promise<BallotRow> {
    const deviceId = await this.deviceId();
    return this.db.transaction('rw', [this.db.workbooks, this.db.meetings, this.db.ballots, this.db.counters, this.db.audit, this.db.settings], async () => {
      const meeting = await this.requireOpenMeeting(meetingId);
      const original = await this.db.ballots.get(ballotId);
      if (!original || original.meetingId !== meetingId) throw new Error(zh.ui.errors.ballotMissing);
      const counterKey = `ballot-seq:${meeting.workbookId}:${deviceId}`;
      const seq = ((await this.db.counters.get(counterKey))?.value ?? 0) + 1;
      await this.db.counters.put({ key: counterKey, value: seq });
      const row: BallotRow = { ...original, id: `${meeting.workbookId}:${deviceId}:${seq}`, deviceId, seq, enteredAt: now(), supersedes: original.id, deleted: true, note: reason };
      await this.db.ballots.add(row);
      await this.audit(deviceId, meeting.workbookId, meetingId, row.id, 'ballot-deleted', zh.audit.ballotDeleted(original.number, reason));
      await this.db.workbooks.update(meeting.workbookId, { updatedAt: row.enteredAt });
      return row;
    });
  }

  /** Settles a double-entry difference on one ballot number. */
  async resolveDifference(meetingId: string, number: number, choice: ResolutionRecord['choice']): Promise<void> {
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', [this.db.meetings, this.db.resolutions, this.db.audit, this.db.settings], async () => {
      const meeting = await this.requireOpenMeeting(meetingId);
      await this.db.resolutions.put({ id: `${meetingId}:${number}`, meetingId, number, choice, at: now() });
      await this.audit(deviceId, meeting.workbookId, meetingId, null, 'difference-resolved', zh.audit.differenceResolved(number, choice));
    });
  }

  /** Counts two spellings of a written-in name as one person (for one post). */
  async mergeWriteIns(meetingId: string, question: number, from: string, to: string): Promise<void> {
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', [this.db.meetings, this.db.audit, this.db.settings], async () => {
      const meeting = await this.requireOpenMeeting(meetingId);
      if (from === to) return;
      const aliases = [...meeting.writeInAliases.filter((a) => !(a.question === question && a.from === from)), { question, from, to }];
      await this.db.meetings.put({ ...meeting, writeInAliases: aliases, updatedAt: now() });
      await this.audit(deviceId, meeting.workbookId, meetingId, null, 'write-ins-merged', zh.audit.writeInsMerged(from, to));
    });
  }

  /** 确认结果: locks the meeting. The caller has checked finalizeBlockers; the lock itself is recorded here. */
  async finalizeMeeting(meetingId: string, doubleEntryWaived: string | null, summary: string): Promise<void> {
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', [this.db.meetings, this.db.audit, this.db.settings], async () => {
      const meeting = await this.requireOpenMeeting(meetingId);
      await this.db.meetings.put({ ...meeting, finalized: { at: now(), doubleEntryWaived }, updatedAt: now() });
      await this.audit(deviceId, meeting.workbookId, meetingId, null, 'meeting-finalized', zh.audit.finalized(summary, doubleEntryWaived));
    });
  }

  async unlockMeeting(meetingId: string, reason: string): Promise<void> {
    const deviceId = await this.deviceId();
    await this.db.transaction('rw', [this.db.meetings, this.db.audit, this.db.settings], async () => {
      const meeting = await this.db.meetings.get(meetingId);
      if (!meeting) throw new Error(zh.ui.errors.meetingMissing);
      await this.db.meetings.put({ ...meeting, finalized: null, updatedAt: now() });
      await this.audit(deviceId, meeting.workbookId, meetingId, null, 'meeting-unlocked', zh.audit.unlocked(reason));
    });
  }

  listForms(): Promise<FormRecord[]> {
    return this.db.forms.orderBy('updatedAt').reverse().toArray();
  }

  getForm(id: string): Promise<FormRecord | undefined> {
    return this.db.forms.get(id);
  }

  /** Saves a form to the library. Meetings hold their own copy, so this never changes a meeting. */
  async saveForm(form: BallotForm): Promise<string> {
    const problem = formProblem(form);
    if (problem) throw new Error(problem);
    const deviceId = await this.deviceId();
    const at = now();
    await this.db.transaction('rw', [this.db.forms, this.db.audit, this.db.settings], async () => {
      const existing = await this.db.forms.get(form.id);
      await this.db.forms.put({ id: form.id, form, createdAt: existing?.createdAt ?? at, updatedAt: at });
      await this.audit(deviceId, '', null, null, 'form-saved', zh.audit.formSaved(form.name));
    });
    return form.id;
  }
}

/** A meeting file that cannot be taken: the message says what and where; nothing was stored. */
export class PackageRefused extends Error {}

function sameBallotForm(a: MeetingRecord, b: MeetingPackage['meeting']): boolean {
  const shape = (form: BallotForm, names: string[]) =>
    JSON.stringify([form.kind, form.questions.map((q) => [q.label, q.options.map((o) => o.label), q.maxSelections ?? null]), names]);
  return shape(a.form, a.candidates.map((c) => c.name)) === shape(b.form, b.candidates.map((c) => c.name));
}

function sameRow(a: BallotRow, b: BallotRow): boolean {
  const keys: (keyof BallotRow)[] = ['meetingId', 'number', 'invalidReason', 'marks', 'writeIns', 'group', 'pass', 'supersedes', 'deleted', 'note'];
  return keys.every((k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null));
}

export interface PackageImported {
  kind: 'meeting-received' | 'ballots-received';
  meetingId: string;
  added: number;
}

export class MeetingExchange {
  constructor(private readonly repo: Repository = repository, private readonly database: TallyDatabase = defaultDb) {}

  /** The meeting without ballots (to be entered again elsewhere), or one pass's ballots (to be sent back). */
  async buildPackage(meetingId: string, purpose: MeetingPackage['purpose'], pass: 1 | 2): Promise<MeetingPackage> {
    const context = await this.repo.loadMeetingContext(meetingId);
    if (!context) throw new Error(zh.ui.errors.meetingMissing);
    const { meeting, workbook, rows } = context;
    return {
      format: MEETING_PACKAGE_FORMAT,
      version: 1,
      purpose,
      exportedAt: now(),
      fromDevice: await this.repo.deviceId(),
      workbook: {
        id: workbook.id,
        teamName: workbook.teamName,
        teamMembers: workbook.teamMembers,
        township: workbook.township,
        unit: workbook.unit,
        candidates: workbook.candidates,
      },
      meeting: {
        id: meeting.id,
        title: meeting.title,
        date: meeting.date,
        formSourceId: meeting.formSourceId,
        form: meeting.form,
        candidates: meeting.candidates,
        counts: meeting.counts,
        quorum: meeting.quorum,
        groups: meeting.groups,
        announce: meeting.announce,
      },
      pass,
      // Every stored version of the pass, so the receiving laptop's log shows corrections too.
      ballots:
        purpose === 'second-pass'
          ? []
          : rows
              .filter((r) => (r.pass ?? 1) === pass)
              .map((r) => ({
                id: r.id,
                number: r.number,
                invalidReason: r.invalidReason,
                marks: r.marks,
                writeIns: r.writeIns,
                group: r.group ?? null,
                deviceId: r.deviceId,
                seq: r.seq,
                enteredAt: r.enteredAt,
                pass: r.pass,
                supersedes: r.supersedes,
                deleted: r.deleted,
                note: r.note,
              })),
    };
  }

  /** Reads a meeting file whole: validated first, stored all at once, or refused with nothing stored. */
  async importPackage(text: string, fileName: string): Promise<PackageImported> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PackageRefused(zh.exchange.notJson(fileName));
    }
    const parsed = meetingPackageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PackageRefused(zh.exchange.invalid(fileName, issue ? `${issue.path.join('.')}：${issue.message}` : ''));
    }
    const pkg = parsed.data;
    const problem = formProblem(pkg.meeting.form);
    if (problem) throw new PackageRefused(zh.exchange.invalid(fileName, problem));
    // Names held to the rules of names typed here, as in a merged workbook file (names.ts).
    const badName = [
      ...fileNameProblems(pkg.workbook.candidates.map((p) => p.name), zh.merge.workbookPeople(pkg.workbook.unit)),
      ...fileNameProblems(pkg.meeting.candidates.map((c) => c.name), zh.merge.meetingCandidates(pkg.meeting.title)),
      ...pkg.ballots.flatMap((b) => (b.writeIns.length > 0 ? fileNameProblems(b.writeIns.map((w) => w.name), zh.merge.ballotWriteIns(b.number), false) : [])),
    ][0];
    if (badName) throw new PackageRefused(zh.exchange.invalid(fileName, badName));
    return pkg.purpose === 'second-pass' ? this.receiveMeeting(pkg, fileName) : this.receiveBallots(pkg, fileName);
  }

  private async receiveMeeting(pkg: MeetingPackage, fileName: string): Promise<PackageImported> {
    const deviceId = await this.repo.deviceId();
    const db = this.database;
    return db.transaction('rw', [db.workbooks, db.meetings, db.audit, db.settings], async () => {
      const existing = await db.meetings.get(pkg.meeting.id);
      if (existing) {
        if (!sameBallotForm(existing, pkg.meeting)) throw new PackageRefused(zh.exchange.conflict(fileName));
        return { kind: 'meeting-received' as const, meetingId: existing.id, added: 0 };
      }
      const at = now();
      if (!(await db.workbooks.get(pkg.workbook.id))) await db.workbooks.add({ ...pkg.workbook, createdAt: at, updatedAt: at });
      await db.meetings.add({
        ...pkg.meeting,
        workbookId: pkg.workbook.id,
        doubleEntry: true,
        finalized: null,
        writeInAliases: [],
        entryPass: 2,
        createdAt: at,
        updatedAt: at,
      });
      await this.repo.appendAudit(deviceId, pkg.workbook.id, pkg.meeting.id, null, 'meeting-imported', zh.audit.meetingImported(pkg.meeting.title, pkg.fromDevice));
      return { kind: 'meeting-received' as const, meetingId: pkg.meeting.id, added: 0 };
    });
  }

  private async receiveBallots(pkg: MeetingPackage, fileName: string): Promise<PackageImported> {
    const deviceId = await this.repo.deviceId();
    const db = this.database;
    return db.transaction('rw', [db.meetings, db.ballots, db.audit, db.settings], async () => {
      const meeting = await db.meetings.get(pkg.meeting.id);
      if (!meeting) throw new PackageRefused(zh.exchange.meetingUnknown(fileName, pkg.meeting.title));
      if (!sameBallotForm(meeting, pkg.meeting)) throw new PackageRefused(zh.exchange.conflict(fileName));
      if (meeting.finalized) throw new PackageRefused(zh.ui.errors.meetingFinalized);
      const rows: BallotRow[] = pkg.ballots.map((b) => ({ ...b, workbookId: meeting.workbookId, meetingId: meeting.id, group: b.group ?? null }));
      for (const row of rows) {
        if (row.pass !== pkg.pass) throw new PackageRefused(zh.exchange.invalid(fileName, zh.exchange.wrongPass(row.number)));
        const problem = ballotShapeProblem(meeting.form, meeting.candidates.length, row);
        if (problem) throw new PackageRefused(zh.exchange.invalid(fileName, problem));
      }
      const local = await db.ballots.where('meetingId').equals(meeting.id).toArray();
      const others = local.filter((r) => r.pass === pkg.pass && !rows.some((x) => x.deviceId === r.deviceId));
      if (others.length > 0) throw new PackageRefused(zh.exchange.passTaken(fileName, pkg.pass));
      const byId = new Map(local.map((r) => [r.id, r]));
      const fresh: BallotRow[] = [];
      for (const row of rows) {
        const stored = byId.get(row.id);
        if (!stored) fresh.push(row);
        else if (!sameRow(stored, row)) throw new PackageRefused(zh.exchange.rowConflict(fileName, row.number));
      }
      // Importing the same file twice changes nothing: rows already here are skipped.
      if (fresh.length > 0) {
        await db.ballots.bulkAdd(fresh);
        await this.repo.appendAudit(deviceId, meeting.workbookId, meeting.id, null, 'ballots-imported', zh.audit.ballotsImported(fresh.length, pkg.pass, pkg.fromDevice));
      }
      return { kind: 'ballots-received' as const, meetingId: meeting.id, added: fresh.length };
    });
  }
}

export const repository = new Repository();
export const meetingExchange = new MeetingExchange(repository);
