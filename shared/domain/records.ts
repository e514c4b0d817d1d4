/** What the app keeps in IndexedDB. Records are plain data; ballots and audit entries are append-only facts. */
import type { BallotRecord } from './ballot';
import type { ChainedAuditEntry } from './audit-chain';
import type { BallotForm } from './forms';
import type { RespondentGroup } from './groups';
import type { MeetingCounts, QuorumRule } from './meeting';
import type { AssessmentPlan } from './plan';

/** A person being assessed (考察对象). */
export interface PersonRecord {
  id: string;
  name: string;
  currentPost: string;
  proposedPost: string;
  gender?: string;
  /** YYYY.MM */
  birthDate?: string;
  politicalStatus?: string;
  education?: string;
  workUnit?: string;
}

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

/** Results announced on the spot (公开计票), or sealed: the projector shows only the count until finalised. */
export type AnnounceMode = 'open' | 'sealed';

/** Two spellings of a written-in name that the team decided are one person, for one post. */
export interface WriteInAlias {
  question: number;
  from: string;
  to: string;
}

export interface MeetingRecord {
  id: string;
  workbookId: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** The preset or saved form the meeting's form was copied from. */
  formSourceId: string;
  /** A copy of the form: editing the form library later never changes this meeting. */
  form: BallotForm;
  candidates: MeetingCandidate[];
  counts: MeetingCounts;
  quorum: QuorumRule;
  /** Respondent groups when ballots are entered per group; null when they are not. */
  groups: RespondentGroup[] | null;
  /** Whether the stack is entered twice and reconciled before results are final. */
  doubleEntry: boolean;
  announce: AnnounceMode;
  /** Set by 确认结果; any change after it needs an unlock with a reason. */
  finalized: { at: string; doubleEntryWaived: string | null } | null;
  writeInAliases: WriteInAlias[];
  /** Set on a laptop that received this meeting to enter the second pass (double entry on two laptops). */
  entryPass?: EntryPass;
  createdAt: string;
  updatedAt: string;
}

/** 1: the first pass over the stack; 2: the second pass of double entry; 3: a ballot re-entered to settle a difference. */
export type EntryPass = 1 | 2 | 3;

/**
 * A stored ballot version. A correction or a deletion is a new row that supersedes the old one
 * (with the same ballot number); nothing is overwritten. The id is unique across laptops:
 * workbook, device, sequence.
 */
export interface BallotRow extends BallotRecord {
  id: string;
  workbookId: string;
  meetingId: string;
  deviceId: string;
  seq: number;
  enteredAt: string;
  pass: EntryPass;
  supersedes: string | null;
  /** This version removes the ballot (entered by mistake): it supersedes the last one and counts for nothing. */
  deleted: boolean;
  /** Why this version replaced the one it supersedes. */
  note: string | null;
}

/** How a double-entry difference on one ballot number was settled. */
export interface ResolutionRecord {
  /** meetingId:number */
  id: string;
  meetingId: string;
  number: number;
  choice: 'first' | 'second' | 'reentered';
  at: string;
}

export type AuditAction =
  | 'workbook-created'
  | 'workbook-edited'
  | 'meeting-created'
  | 'meeting-edited'
  | 'ballot-added'
  | 'ballot-corrected'
  | 'ballot-deleted'
  | 'difference-resolved'
  | 'write-ins-merged'
  | 'meeting-finalized'
  | 'meeting-unlocked'
  | 'form-saved'
  | 'meeting-imported'
  | 'ballots-imported'
  | 'file-merged'
  | 'snapshot-restored'
  | 'plan-saved'
  | 'interview-saved'
  | 'interview-deleted'
  | 'review-saved'
  | 'risk-saved'
  | 'risk-deleted'
  | 'conclusion-saved';

export type AuditEntry = ChainedAuditEntry & { action: AuditAction };

/** A form saved in the designer (the library); meetings take a copy of it. */
export interface FormRecord {
  id: string;
  form: BallotForm;
  createdAt: string;
  updatedAt: string;
}

export interface CounterRecord {
  key: string;
  value: number;
}

export interface SettingRecord {
  key: string;
  value: string;
}

/** An opinion given about one candidate in an individual interview. */
export type InterviewOpinion = 'agree' | 'disagree' | 'other';

export interface InterviewRemark {
  personId: string;
  /** null: the interviewee said nothing about this person. */
  opinion: InterviewOpinion | null;
  strengths: string;
  weaknesses: string;
  problems: string;
}

/** One individual interview (个别谈话). Confidential: its notes leave the app only when the user asks. */
export interface InterviewRecord {
  id: string;
  workbookId: string;
  interviewee: string;
  /** The plan's must-interview category, by name (a plan edited later keeps old records readable). */
  category: string;
  /** YYYY-MM-DD */
  date: string;
  place: string;
  interviewers: string[];
  recorder: string;
  remarks: InterviewRemark[];
  /** Entered by mistake: kept so that a merge carries the removal too. */
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
}

export type ReviewConclusion = 'pass' | 'issue' | 'recheck';

/** A negative-list item found by a department: its kind and text copied, so a later plan edit cannot change what was found. */
export interface ReviewHit {
  itemId: string;
  kind: 'cannot' | 'unsuitable';
  text: string;
  /** YYYY-MM when what happened is known: outside the item's window it does not count. */
  eventMonth: string;
}

/** One department's conclusion on one person (资格联审). */
export interface ReviewEntry {
  /** workbookId:personId:department */
  id: string;
  workbookId: string;
  personId: string;
  department: string;
  conclusion: ReviewConclusion;
  /** YYYY-MM-DD */
  date: string;
  responsible: string;
  note: string;
  hits: ReviewHit[];
  /** The decision recorded on a 不宜 item (e.g. 经研究不作为人选); empty until made. */
  decision: string;
  createdAt: string;
  updatedAt: string;
}

export type RiskStatus = 'open' | 'in-progress' | 'closed';

/** One item of a unit's risk ledger (风险排查台账), tracked until it is closed (销号). */
export interface RiskItem {
  id: string;
  workbookId: string;
  type: string;
  description: string;
  leader: string;
  /** 责任人: who carries the measures out (absent on items saved before the ledger had the column). */
  owner?: string;
  /** 排查时间: YYYY-MM-DD, when the risk was found (absent on older items: their creation day stands in). */
  foundOn?: string;
  measures: string;
  /** YYYY-MM-DD */
  deadline: string;
  status: RiskStatus;
  /** YYYY-MM-DD, set when closed. */
  closedOn: string | null;
  closeNote: string;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The team's judgement of one person (分析研判): notes on 德、能、勤、绩、廉 and an overall view. */
export interface PersonConclusion {
  /** workbookId:personId */
  id: string;
  workbookId: string;
  personId: string;
  de: string;
  neng: string;
  qin: string;
  ji: string;
  lian: string;
  overall: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Everything a workbook file or a snapshot carries, one list per kind of record. Merge works on
 * this shape; shared/contract/workbook-file.ts holds its schema, checked against it.
 */
export interface WorkbookContent {
  workbooks: WorkbookRecord[];
  meetings: MeetingRecord[];
  ballots: BallotRow[];
  resolutions: ResolutionRecord[];
  forms: FormRecord[];
  audit: AuditEntry[];
  plans: AssessmentPlan[];
  interviews: InterviewRecord[];
  reviews: ReviewEntry[];
  risks: RiskItem[];
  conclusions: PersonConclusion[];
}
