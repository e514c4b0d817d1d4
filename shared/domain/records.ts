/**
 * What the app keeps in IndexedDB. Records are plain data; ballots and audit entries are append-only
 * facts. Every record's fields are declared once, by its schema in shared/schema/ (the same schema
 * reads workbook files and snapshots back), and re-exported here for the domain.
 */
import type { PersonRecord } from '../schema/records';

export type {
  AnnounceMode,
  AuditAction,
  AuditEntry,
  BallotRow,
  EntryPass,
  FormRecord,
  MeetingCandidate,
  MeetingRecord,
  PersonRecord,
  ResolutionRecord,
  WorkbookContent,
  WorkbookRecord,
  WriteInAlias,
} from '../schema/records';
export type {
  InterviewOpinion,
  InterviewRecord,
  InterviewRemark,
  PersonConclusion,
  ReviewConclusion,
  ReviewEntry,
  ReviewHit,
  RiskItem,
  RiskStatus,
} from '../schema/assessment';

/** The basic facts of a person as the 一览表 columns show them: optional ones as empty text. */
export function personBasics(person: PersonRecord) {
  return {
    name: person.name,
    gender: person.gender ?? '',
    birthDate: person.birthDate ?? '',
    politicalStatus: person.politicalStatus ?? '',
    education: person.education ?? '',
    workUnit: person.workUnit ?? '',
    currentPost: person.currentPost,
    proposedPost: person.proposedPost,
  };
}

/** Dexie's own bookkeeping (sequence counters, settings): kept on this computer only, never in a file, so no schema. */
export interface CounterRecord {
  key: string;
  value: number;
}

export interface SettingRecord {
  key: string;
  value: string;
}
