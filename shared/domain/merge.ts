/**
 * Merging teams' workbook files by union. Ballots, settled differences and audit entries are facts
 * with ids unique across laptops: the same id must carry the same content, or the file is in
 * conflict. Workbooks, meetings and forms may have been edited: the later edit wins whole, except that a
 * meeting's form and candidates never change, and two different finalisations are a conflict.
 * A file with any conflict changes nothing. Union and "later wins" do not depend on the order in
 * which files are merged, and the result is sorted, so every order gives the same content.
 * A meeting finalised on both sides, but not the same way, is a conflict.
 */
import type { TransferContent } from '../contract/workbook-file';
import { canonicalJson } from '../format/canonical-json';
import { zh } from '../messages/zh-CN';

type Content = TransferContent;
type Meeting = Content['meetings'][number];

export interface MergeConflict {
  kind: 'ballot' | 'resolution' | 'meeting-form' | 'meeting-finalized' | 'audit';
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
}

export interface MergeReport {
  added: MergeCounts;
  updated: { workbooks: number; meetings: number; forms: number };
  conflicts: MergeConflict[];
}

export function emptyContent(): Content {
  return { workbooks: [], meetings: [], ballots: [], resolutions: [], forms: [], audit: [] };
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

/**
 * Merges `incoming` into `base`. With no conflict, returns the union and what it added or updated;
 * with any conflict, returns `base` unchanged and the conflicts.
 */
export function mergeContent(base: Content, incoming: Content): { content: Content; report: MergeReport } {
  const t = zh.merge;
  const conflicts: MergeConflict[] = [];
  const added: MergeCounts = { workbooks: 0, meetings: 0, ballots: 0, resolutions: 0, forms: 0, audit: 0 };
  const updated = { workbooks: 0, meetings: 0, forms: 0 };

  const ballots = new Map(base.ballots.map((b) => [b.id, b]));
  for (const ballot of incoming.ballots) {
    const mine = ballots.get(ballot.id);
    if (!mine) {
      ballots.set(ballot.id, ballot);
      added.ballots++;
    } else if (canonicalJson(mine) !== canonicalJson(ballot)) {
      conflicts.push({ kind: 'ballot', id: ballot.id, message: t.ballotConflict(ballot.number, ballot.id) });
    }
  }

  const resolutions = new Map(base.resolutions.map((r) => [r.id, r]));
  for (const resolution of incoming.resolutions) {
    const mine = resolutions.get(resolution.id);
    if (!mine) {
      resolutions.set(resolution.id, resolution);
      added.resolutions++;
    } else if (mine.choice !== resolution.choice) {
      conflicts.push({ kind: 'resolution', id: resolution.id, message: t.resolutionConflict(resolution.number) });
    }
  }

  const meetings = new Map(base.meetings.map((m) => [m.id, withoutLocalHints(m)]));
  const localHints = new Map(base.meetings.flatMap((m) => (m.entryPass ? [[m.id, m.entryPass] as const] : [])));
  for (const raw of incoming.meetings) {
    const meeting = withoutLocalHints(raw);
    const mine = meetings.get(meeting.id);
    if (!mine) {
      meetings.set(meeting.id, meeting);
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
    if (canonicalJson(merged) !== canonicalJson(mine)) updated.meetings++;
    meetings.set(meeting.id, merged);
  }

  const workbooks = new Map(base.workbooks.map((w) => [w.id, w]));
  for (const workbook of incoming.workbooks) {
    const mine = workbooks.get(workbook.id);
    if (!mine) {
      workbooks.set(workbook.id, workbook);
      added.workbooks++;
      continue;
    }
    // The later edit stands whole, people list included: meetings keep their own copy of their candidates.
    const merged = later(mine, workbook);
    if (canonicalJson(merged) !== canonicalJson(mine)) updated.workbooks++;
    workbooks.set(workbook.id, merged);
  }

  const forms = new Map(base.forms.map((f) => [f.id, f]));
  for (const form of incoming.forms) {
    const mine = forms.get(form.id);
    if (!mine) {
      forms.set(form.id, form);
      added.forms++;
    } else {
      const merged = later(mine, form);
      if (merged !== mine && canonicalJson(merged) !== canonicalJson(mine)) updated.forms++;
      forms.set(form.id, merged);
    }
  }

  const audit = new Map(base.audit.map((e) => [auditKey(e), e]));
  for (const entry of incoming.audit) {
    const mine = audit.get(auditKey(entry));
    if (!mine) {
      audit.set(auditKey(entry), entry);
      added.audit++;
    } else if (mine.hash !== entry.hash) {
      conflicts.push({ kind: 'audit', id: auditKey(entry), message: t.auditConflict(entry.deviceId, entry.seq) });
    }
  }

  // Ballots whose meeting is in neither side cannot be counted: the file is incomplete.
  for (const ballot of incoming.ballots) {
    if (!meetings.has(ballot.meetingId)) conflicts.push({ kind: 'ballot', id: ballot.id, message: t.orphanBallot(ballot.number) });
  }

  if (conflicts.length > 0) {
    return { content: base, report: { added: { workbooks: 0, meetings: 0, ballots: 0, resolutions: 0, forms: 0, audit: 0 }, updated: { workbooks: 0, meetings: 0, forms: 0 }, conflicts } };
  }
  const merged = sortContent({
    workbooks: [...workbooks.values()],
    meetings: [...meetings.values()].map((m) => (localHints.has(m.id) ? { ...m, entryPass: localHints.get(m.id)! } : m)),
    ballots: [...ballots.values()],
    resolutions: [...resolutions.values()],
    forms: [...forms.values()],
    audit: [...audit.values()],
  });
  return { content: merged, report: { added, updated, conflicts } };
}

export function reportIsEmpty(report: MergeReport): boolean {
  return Object.values(report.added).every((n) => n === 0) && Object.values(report.updated).every((n) => n === 0);
}
