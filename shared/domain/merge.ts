/**
 * Merging teams' workbook files by union. Ballots, settled differences and audit entries are facts
 * with ids unique across laptops: the same id must carry the same content, or the file is in
 * conflict. Workbooks, meetings and forms may have been edited: the later edit wins whole, except that a
 * meeting's form and candidates never change, and two different finalisations are a conflict.
 * A file with any conflict changes nothing. Union and "later wins" do not depend on the order in
 * which files are merged, and the result is sorted, so every order gives the same content.
 * A meeting finalised on both sides, but not the same way, is a conflict.
 */
import type { WorkbookContent as TransferContent } from './records';
import { canonicalJson } from '../format/canonical-json';
import { zh } from '../messages/zh-CN';
import { currentRows } from './meeting-state';
import { fileNameProblems } from './names';

type Content = TransferContent;
type Meeting = Content['meetings'][number];

export interface MergeConflict {
  /**
   * ballot-number: two ballots that both stand, in one pass of one meeting, under one 票号.
   * name: a name paper cannot show, two people of one list that are one name folded, or more
   * candidates than a ballot holds (names.ts): a file is held to what typing it here would be.
   */
  kind: 'ballot' | 'ballot-number' | 'name' | 'resolution' | 'meeting-form' | 'meeting-finalized' | 'audit';
  id: string;
  message: string;
}

export interface MergeCounts {
  workbooks: number;
  meetings: number;
  ballots: number;
  resolutions: number;
  forms: number;
  audit: number;
  /** Plans, interviews, review conclusions, risk items and judgements together. */
  assessment: number;
}

export interface MergeReport {
  added: MergeCounts;
  updated: { workbooks: number; meetings: number; forms: number; assessment: number };
  conflicts: MergeConflict[];
}

/** The assessment records: all edited in place, the later edit winning whole (a removal is an edit too). */
export const ASSESSMENT_TABLES = ['plans', 'interviews', 'reviews', 'risks', 'conclusions'] as const;
export type AssessmentTable = (typeof ASSESSMENT_TABLES)[number];
type AssessmentRow = Content[AssessmentTable][number];

export function emptyContent(): Content {
  return { workbooks: [], meetings: [], ballots: [], resolutions: [], forms: [], audit: [], plans: [], interviews: [], reviews: [], risks: [], conclusions: [] };
}

const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => {
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const auditKey = (e: Content['audit'][number]) => `${e.deviceId}\u0000${String(e.seq).padStart(12, '0')}`;

/** Every list in a fixed order: the same records give the same file. */
export function sortContent(content: Content): Content {
  return {
    // A workbook's people keep their order: it is the order of the 一览表 and of the ballots.
    workbooks: [...content.workbooks].sort(byKey((w) => w.id)),
    meetings: [...content.meetings].sort(byKey((m) => m.id)),
    ballots: [...content.ballots].sort(byKey((b) => b.id)),
    resolutions: [...content.resolutions].sort(byKey((r) => r.id)),
    forms: [...content.forms].sort(byKey((f) => f.id)),
    audit: [...content.audit].sort(byKey(auditKey)),
    plans: [...content.plans].sort(byKey((r) => r.id)),
    interviews: [...content.interviews].sort(byKey((r) => r.id)),
    reviews: [...content.reviews].sort(byKey((r) => r.id)),
    risks: [...content.risks].sort(byKey((r) => r.id)),
    conclusions: [...content.conclusions].sort(byKey((r) => r.id)),
  };
}

/** The later edit, by updatedAt; equal times are settled by content, so either order picks the same one. */
function later<T extends { updatedAt: string }>(a: T, b: T): T {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  return canonicalJson(a) >= canonicalJson(b) ? a : b;
}

function sameMeetingShape(a: Meeting, b: Meeting): boolean {
  const shape = (m: Meeting) => canonicalJson([m.workbookId, m.form, m.candidates.map((c) => [c.personId, c.name])]);
  return shape(a) === shape(b);
}

/** This device's own hint for entering the second pass does not travel as part of the meeting. */
function withoutLocalHints(meeting: Meeting): Meeting {
  const { entryPass: _local, ...rest } = meeting;
  return rest;
}

type Ballot = Content['ballots'][number];
type Resolution = Content['resolutions'][number];
type Workbook = Content['workbooks'][number];
type FormRow = Content['forms'][number];
type AuditRow = Content['audit'][number];

/** Records edited in place: a new one is added, a known one gives way to the later edit. */
function stageLaterEdits<T extends { id: string; updatedAt: string }>(incoming: readonly T[], known: ReadonlyMap<string, T>): { staged: Map<string, T>; added: number; updated: number } {
  const staged = new Map<string, T>();
  let added = 0;
  let updated = 0;
  for (const record of incoming) {
    const mine = staged.get(record.id) ?? known.get(record.id);
    if (!mine) {
      staged.set(record.id, record);
      added++;
      continue;
    }
    const merged = later(mine, record);
    if (merged !== mine && canonicalJson(merged) !== canonicalJson(mine)) {
      if (!staged.has(record.id)) updated++;
      staged.set(record.id, merged);
    }
  }
  return { staged, added, updated };
}

function noCounts(): MergeCounts {
  return { workbooks: 0, meetings: 0, ballots: 0, resolutions: 0, forms: 0, audit: 0, assessment: 0 };
}

function assessmentMaps(): Record<AssessmentTable, Map<string, AssessmentRow>> {
  return { plans: new Map(), interviews: new Map(), reviews: new Map(), risks: new Map(), conclusions: new Map() };
}

/**
 * Merges file after file into what it holds, keeping its indexes between files: a district's 82
 * files cost one pass each, not one pass over everything merged so far. `check` says what a file
 * would do; `apply` does it, all or nothing, and returns the records that are new or changed.
 */
export class Merger {
  private readonly ballots = new Map<string, Ballot>();
  /** Ballot ids by meeting, so that a file's new ballots are checked against their meeting's others alone. */
  private readonly ballotsOfMeeting = new Map<string, Set<string>>();
  private readonly resolutions = new Map<string, Resolution>();
  private readonly meetings = new Map<string, Meeting>();
  private readonly localHints = new Map<string, NonNullable<Meeting['entryPass']>>();
  private readonly workbooks = new Map<string, Workbook>();
  private readonly forms = new Map<string, FormRow>();
  private readonly audit = new Map<string, AuditRow>();
  private readonly assessment = assessmentMaps();

  constructor(base: Content = emptyContent()) {
    this.absorb(base);
  }

  /** Takes records as they are, without checks: what is already stored, or this laptop's own new entries. */
  absorb(content: Partial<Content>): void {
    for (const b of content.ballots ?? []) {
      this.ballots.set(b.id, b);
      let ids = this.ballotsOfMeeting.get(b.meetingId);
      if (!ids) this.ballotsOfMeeting.set(b.meetingId, (ids = new Set()));
      ids.add(b.id);
    }
    for (const r of content.resolutions ?? []) this.resolutions.set(r.id, r);
    for (const m of content.meetings ?? []) {
      this.meetings.set(m.id, withoutLocalHints(m));
      if (m.entryPass) this.localHints.set(m.id, m.entryPass);
      else this.localHints.delete(m.id);
    }
    for (const w of content.workbooks ?? []) this.workbooks.set(w.id, w);
    for (const f of content.forms ?? []) this.forms.set(f.id, f);
    for (const e of content.audit ?? []) this.audit.set(auditKey(e), e);
    for (const table of ASSESSMENT_TABLES) for (const r of content[table] ?? []) this.assessment[table].set(r.id, r);
  }

  /** Replaces the records that are edited in place (workbooks, meetings, forms, assessment records) with their stored state. */
  refreshEditable(content: Pick<Content, 'workbooks' | 'meetings' | 'forms' | AssessmentTable>): void {
    this.workbooks.clear();
    this.meetings.clear();
    this.localHints.clear();
    this.forms.clear();
    for (const table of ASSESSMENT_TABLES) this.assessment[table].clear();
    this.absorb(content);
  }

  /** What merging `incoming` would do now; nothing changes. */
  check(incoming: Content): MergeReport {
    return this.plan(incoming).report;
  }

  /** Merges `incoming` unless it conflicts; `changes` holds every record that is new or now different. */
  apply(incoming: Content): { report: MergeReport; changes: Content } {
    const { report, staged } = this.plan(incoming);
    if (report.conflicts.length > 0) return { report, changes: emptyContent() };
    this.absorb(staged);
    const changes: Content = {
      ...staged,
      // Written back with this laptop's own hint, which never travels in a file.
      meetings: staged.meetings.map((m) => (this.localHints.has(m.id) ? { ...m, entryPass: this.localHints.get(m.id)! } : m)),
    };
    return { report, changes };
  }

  /** Everything merged so far, sorted. */
  content(): Content {
    return sortContent({
      workbooks: [...this.workbooks.values()],
      meetings: [...this.meetings.values()].map((m) => (this.localHints.has(m.id) ? { ...m, entryPass: this.localHints.get(m.id)! } : m)),
      ballots: [...this.ballots.values()],
      resolutions: [...this.resolutions.values()],
      forms: [...this.forms.values()],
      audit: [...this.audit.values()],
      ...this.assessmentContent((map) => [...map.values()]),
    });
  }

  /**
   * The names a file brings in, held to the rules of names typed here (names.ts): each person of a
   * workbook, each candidate of a meeting, each alias and written-in name. Only files read are
   * checked; what is stored is this computer's own and is never refused.
   */
  private nameConflicts(incoming: Content): MergeConflict[] {
    const t = zh.merge;
    const conflicts: MergeConflict[] = [];
    const add = (id: string, messages: readonly string[]) => {
      for (const message of messages) conflicts.push({ kind: 'name', id, message });
    };
    for (const workbook of incoming.workbooks) add(workbook.id, fileNameProblems(workbook.candidates.map((p) => p.name), t.workbookPeople(workbook.unit)));
    for (const meeting of incoming.meetings) {
      add(meeting.id, fileNameProblems(meeting.candidates.map((c) => c.name), t.meetingCandidates(meeting.title)));
      add(meeting.id, fileNameProblems(meeting.writeInAliases.flatMap((a) => [a.from, a.to]), t.meetingAliases(meeting.title), false));
    }
    for (const ballot of incoming.ballots) {
      if (ballot.writeIns.length > 0) add(ballot.id, fileNameProblems(ballot.writeIns.map((w) => w.name), t.ballotWriteIns(ballot.number), false));
    }
    return conflicts;
  }

  /**
   * A 票号 is one paper ballot: two ballots (other ids) that would both stand in one pass of one
   * meeting once the file is merged, two laptops having entered the same paper, cannot both count,
   * and which one is right only the paper can say. Only pairs with a new ballot in them are
   * reported, so what is already stored never blocks a later file.
   */
  private numberConflicts(staged: ReadonlyMap<string, Ballot>, stagedMeetings: ReadonlyMap<string, Meeting>): MergeConflict[] {
    const t = zh.merge;
    const newByMeeting = new Map<string, Ballot[]>();
    for (const ballot of staged.values()) {
      const list = newByMeeting.get(ballot.meetingId);
      if (list) list.push(ballot);
      else newByMeeting.set(ballot.meetingId, [ballot]);
    }
    const conflicts: MergeConflict[] = [];
    for (const [meetingId, added] of newByMeeting) {
      const stored = [...(this.ballotsOfMeeting.get(meetingId) ?? [])].map((id) => this.ballots.get(id)!);
      const isNew = new Set(added.map((b) => b.id));
      const first = new Map<string, Ballot>();
      for (const row of currentRows([...stored, ...added])) {
        const key = `${row.pass ?? 1}:${row.number}`;
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, row);
          continue;
        }
        if (!isNew.has(row.id) && !isNew.has(earlier.id)) continue;
        const title = (stagedMeetings.get(meetingId) ?? this.meetings.get(meetingId))?.title ?? '';
        const [a, b] = [earlier.id, row.id].sort();
        conflicts.push({ kind: 'ballot-number', id: `${meetingId}:${row.number}`, message: t.numberConflict(title, row.number, a!, b!) });
      }
    }
    return conflicts;
  }

  private assessmentContent(pick: (map: Map<string, AssessmentRow>, table: AssessmentTable) => AssessmentRow[]): Pick<Content, AssessmentTable> {
    return Object.fromEntries(ASSESSMENT_TABLES.map((table) => [table, pick(this.assessment[table], table)])) as Pick<Content, AssessmentTable>;
  }

  private plan(incoming: Content): { report: MergeReport; staged: Content } {
    const t = zh.merge;
    const conflicts: MergeConflict[] = this.nameConflicts(incoming);
    const added = noCounts();
    const updated = { workbooks: 0, meetings: 0, forms: 0, assessment: 0 };
    // Changes are staged beside the indexes, so a file in conflict leaves them untouched; a record
    // that appears twice in one file is compared with its first appearance.
    const stagedBallots = new Map<string, Ballot>();
    for (const ballot of incoming.ballots) {
      const mine = stagedBallots.get(ballot.id) ?? this.ballots.get(ballot.id);
      if (!mine) {
        stagedBallots.set(ballot.id, ballot);
        added.ballots++;
      } else if (mine !== ballot && canonicalJson(mine) !== canonicalJson(ballot)) {
        conflicts.push({ kind: 'ballot', id: ballot.id, message: t.ballotConflict(ballot.number, ballot.id) });
      }
    }

    const stagedResolutions = new Map<string, Resolution>();
    for (const resolution of incoming.resolutions) {
      const mine = stagedResolutions.get(resolution.id) ?? this.resolutions.get(resolution.id);
      if (!mine) {
        stagedResolutions.set(resolution.id, resolution);
        added.resolutions++;
      } else if (mine.choice !== resolution.choice) {
        conflicts.push({ kind: 'resolution', id: resolution.id, message: t.resolutionConflict(resolution.number) });
      }
    }

    const stagedMeetings = new Map<string, Meeting>();
    for (const raw of incoming.meetings) {
      const meeting = withoutLocalHints(raw);
      const mine = stagedMeetings.get(meeting.id) ?? this.meetings.get(meeting.id);
      if (!mine) {
        stagedMeetings.set(meeting.id, meeting);
        added.meetings++;
        continue;
      }
      if (!sameMeetingShape(mine, meeting)) {
        conflicts.push({ kind: 'meeting-form', id: meeting.id, message: t.meetingShapeConflict(meeting.title) });
        continue;
      }
      if (mine.finalized && meeting.finalized && canonicalJson(mine.finalized) !== canonicalJson(meeting.finalized)) {
        conflicts.push({ kind: 'meeting-finalized', id: meeting.id, message: t.finalizedConflict(meeting.title) });
        continue;
      }
      // The later state stands: a finalisation beats the copy made before it, an unlock beats the finalisation it undid.
      const merged = later(mine, meeting);
      if (merged !== mine && canonicalJson(merged) !== canonicalJson(mine)) {
        if (!stagedMeetings.has(meeting.id)) updated.meetings++;
        stagedMeetings.set(meeting.id, merged);
      }
    }

    // The later edit stands whole, a workbook's people list included: meetings keep their own copy of their candidates.
    const workbooks = stageLaterEdits(incoming.workbooks, this.workbooks);
    added.workbooks = workbooks.added;
    updated.workbooks = workbooks.updated;
    const forms = stageLaterEdits(incoming.forms, this.forms);
    added.forms = forms.added;
    updated.forms = forms.updated;

    const stagedAssessment = assessmentMaps();
    for (const table of ASSESSMENT_TABLES) {
      const staged = stageLaterEdits<AssessmentRow>(incoming[table], this.assessment[table]);
      stagedAssessment[table] = staged.staged;
      added.assessment += staged.added;
      updated.assessment += staged.updated;
    }

    const stagedAudit = new Map<string, AuditRow>();
    for (const entry of incoming.audit) {
      const key = auditKey(entry);
      const mine = stagedAudit.get(key) ?? this.audit.get(key);
      if (!mine) {
        stagedAudit.set(key, entry);
        added.audit++;
      } else if (mine.hash !== entry.hash) {
        conflicts.push({ kind: 'audit', id: key, message: t.auditConflict(entry.deviceId, entry.seq) });
      }
    }

    // Ballots whose meeting is in neither side cannot be counted: the file is incomplete.
    for (const ballot of incoming.ballots) {
      if (!stagedMeetings.has(ballot.meetingId) && !this.meetings.has(ballot.meetingId)) {
        conflicts.push({ kind: 'ballot', id: ballot.id, message: t.orphanBallot(ballot.number) });
      }
    }
    // A loop, not push(...): a file of 200,000 ballots entered twice is as many conflicts, too many to spread.
    if (conflicts.length === 0) for (const conflict of this.numberConflicts(stagedBallots, stagedMeetings)) conflicts.push(conflict);

    if (conflicts.length > 0) {
      return { report: { added: noCounts(), updated: { workbooks: 0, meetings: 0, forms: 0, assessment: 0 }, conflicts }, staged: emptyContent() };
    }
    return {
      report: { added, updated, conflicts },
      staged: {
        workbooks: [...workbooks.staged.values()],
        meetings: [...stagedMeetings.values()],
        ballots: [...stagedBallots.values()],
        resolutions: [...stagedResolutions.values()],
        forms: [...forms.staged.values()],
        audit: [...stagedAudit.values()],
        ...(Object.fromEntries(ASSESSMENT_TABLES.map((table) => [table, [...stagedAssessment[table].values()]])) as Pick<Content, AssessmentTable>),
      },
    };
  }
}

/**
 * Merges `incoming` into `base`. With no conflict, returns the union and what it added or updated;
 * with any conflict, returns `base` unchanged and the conflicts.
 */
export function mergeContent(base: Content, incoming: Content): { content: Content; report: MergeReport } {
  const merger = new Merger(base);
  const { report } = merger.apply(incoming);
  return { content: report.conflicts.length > 0 ? base : merger.content(), report };
}

export function reportIsEmpty(report: MergeReport): boolean {
  return Object.values(report.added).every((n) => n === 0) && Object.values(report.updated).every((n) => n === 0);
}
