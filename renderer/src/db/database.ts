/**
 * The IndexedDB database (Dexie). Versions are append-only: a shipped version(n) is never edited; a
 * change is version(n+1) with an upgrade that uses only its own transaction. Every transaction is
 * "strict": a ballot counts as saved only once it is on disk, not merely handed to the OS.
 */
import Dexie, { type DBCoreMutateRequest, type DBCoreMutateResponse, type EntityTable, type Transaction } from 'dexie';
import type { AuditHead } from '../../../shared/domain/audit-chain';
import { AUDIT_GENESIS, auditEntryHash } from '../../../shared/domain/audit-chain';
import type { TransferContent } from '../../../shared/contract/workbook-file';
import type { AssessmentTable } from '../../../shared/domain/merge';
import type { AssessmentPlan } from '../../../shared/domain/plan';
import type { AuditEntry, BallotRow, CounterRecord, FormRecord, InterviewRecord, MeetingRecord, PersonConclusion, ResolutionRecord, ReviewEntry, RiskItem, SettingRecord, WorkbookRecord } from './records';

export const DATABASE_NAME = 'tally-desk';

type ChangeListener = () => void;
const changeListeners = new Set<ChangeListener>();

/** Called after every write to the database (for the snapshot writer); returns the unsubscribe. */
export function onDatabaseChange(listener: ChangeListener): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}
/** The tables whose rows are only ever added: a copy of them can be kept from the writes themselves. */
export const APPEND_ONLY_TABLES = ['ballots', 'audit', 'auditImports'] as const;
export type AppendOnlyTable = (typeof APPEND_ONLY_TABLES)[number];

/** Rows added to an append-only table by a transaction that has completed; or "reset": something else happened, read it all again. */
export type AppendEvent = { kind: 'rows'; table: AppendOnlyTable; rows: readonly unknown[] } | { kind: 'reset' };
const appendListeners = new Set<(event: AppendEvent) => void>();

/** Called with the rows each completed transaction added to ballots, audit and auditImports (for snapshots). */
export function onAppendOnlyWrite(listener: (event: AppendEvent) => void): () => void {
  appendListeners.add(listener);
  return () => appendListeners.delete(listener);
}

function announce(event: AppendEvent): void {
  for (const listener of appendListeners) listener(event);
}

function isAppendOnly(table: string): table is AppendOnlyTable {
  return (APPEND_ONLY_TABLES as readonly string[]).includes(table);
}

export const AUDIT_HEAD_KEY = 'audit-head';

export class TallyDatabase extends Dexie {
  workbooks!: EntityTable<WorkbookRecord, 'id'>;
  meetings!: EntityTable<MeetingRecord, 'id'>;
  ballots!: EntityTable<BallotRow, 'id'>;
  audit!: EntityTable<AuditEntry, 'seq'>;
  counters!: EntityTable<CounterRecord, 'key'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  forms!: EntityTable<FormRecord, 'id'>;
  resolutions!: EntityTable<ResolutionRecord, 'id'>;
  /** Audit entries written on other laptops, received with their workbook files: kept, shown, never chained here. */
  auditImports!: EntityTable<AuditEntry, 'deviceId'>;
  /** One assessment plan per workbook (keyed by the workbook's id). */
  plans!: EntityTable<AssessmentPlan, 'id'>;
  interviews!: EntityTable<InterviewRecord, 'id'>;
  reviews!: EntityTable<ReviewEntry, 'id'>;
  risks!: EntityTable<RiskItem, 'id'>;
  conclusions!: EntityTable<PersonConclusion, 'id'>;

  constructor(name = DATABASE_NAME) {
    super(name, { chromeTransactionDurability: 'strict' });
    // Version 1 shipped with the core loop. Never edit it.
    this.version(1).stores({
      workbooks: 'id, updatedAt',
      meetings: 'id, workbookId, updatedAt',
      ballots: 'id, meetingId, [meetingId+number], workbookId',
      audit: '++seq, workbookId, meetingId',
      counters: 'key',
      settings: 'key',
    });
    // Version 2: double entry (passes), deletions, respondent groups, the form library, settled
    // differences, a hash-chained audit log, and meetings that can be finalised.
    this.version(2)
      .stores({
        ballots: 'id, meetingId, [meetingId+number], [meetingId+pass+number], workbookId',
        forms: 'id, updatedAt',
        resolutions: 'id, meetingId',
      })
      .upgrade(upgradeToVersion2);
    // Version 3: merged workbook files bring other laptops' audit entries, keyed by their own device and number.
    this.version(3).stores({
      auditImports: '[deviceId+seq], workbookId',
    });
    // Version 4: the assessment plan, individual interviews, the joint review, the risk ledger and the team's judgements.
    this.version(4).stores({
      plans: 'id',
      interviews: 'id, workbookId',
      reviews: 'id, workbookId',
      risks: 'id, workbookId',
      conclusions: 'id, workbookId',
    });
    // Every write, whichever code makes it, tells the snapshot writer: none can be forgotten.
    this.use({
      stack: 'dbcore',
      name: 'change-notifier',
      create: (down) => ({
        ...down,
        table: (tableName) => {
          const table = down.table(tableName);
          return {
            ...table,
            mutate: async (request) => {
              const result = await table.mutate(request);
              if (appendListeners.size > 0 && isAppendOnly(tableName)) reportAppend(tableName, request, result);
              for (const listener of changeListeners) listener();
              return result;
            },
          };
        },
      }),
    });
  }
}

/**
 * Tells the append listeners what a write added, once its transaction has completed (an aborted
 * one adds nothing). Anything but a plain addition to these tables, or a write whose transaction
 * cannot be watched, is a "reset": the copy is read again whole.
 */
function reportAppend(tableName: AppendOnlyTable, request: DBCoreMutateRequest, result: DBCoreMutateResponse): void {
  const transaction = request.trans as unknown as Partial<IDBTransaction>;
  const adds = request.type === 'add' || (request.type === 'put' && tableName === 'auditImports');
  if (!adds || result.numFailures > 0 || typeof transaction.addEventListener !== 'function') {
    announce({ kind: 'reset' });
    return;
  }
  // An audit entry carries its number (it is part of the chained hash); were one ever numbered by
  // IndexedDB, its number comes back as the key of the write.
  const rows = tableName === 'audit' ? request.values.map((value, i) => ({ ...(value as object), seq: (value as { seq?: number }).seq ?? result.results?.[i] })) : [...request.values];
  if (tableName === 'audit' && rows.some((row) => typeof (row as { seq?: unknown }).seq !== 'number')) {
    announce({ kind: 'reset' });
    return;
  }
  transaction.addEventListener('complete', () => announce({ kind: 'rows', table: tableName, rows }), { once: true });
}

/** Fills the new fields of version 2 into version-1 records, and chains the existing audit entries. */
async function upgradeToVersion2(tx: Transaction): Promise<void> {
  await tx
    .table('ballots')
    .toCollection()
    .modify((ballot: Record<string, unknown>) => {
      ballot.pass ??= 1;
      ballot.deleted ??= false;
      ballot.group ??= null;
      const writeIns = (ballot.writeIns as unknown[] | undefined) ?? [];
      ballot.writeIns = writeIns.map((w) => (typeof w === 'string' ? { question: 0, name: w } : w));
    });
  await tx
    .table('meetings')
    .toCollection()
    .modify((meeting: Record<string, unknown>) => {
      meeting.formSourceId ??= meeting.presetId ?? (meeting.form as { id?: string } | undefined)?.id ?? '';
      delete meeting.presetId;
      meeting.groups ??= null;
      meeting.doubleEntry ??= false;
      meeting.announce ??= 'open';
      meeting.finalized ??= null;
      meeting.writeInAliases ??= [];
      const form = meeting.form as Record<string, unknown> & { recommend?: Record<string, unknown> | null; questions: Record<string, unknown>[] };
      form.scoring ??= null;
      if (form.recommend && 'maxSelections' in form.recommend) {
        form.questions[0]!.maxSelections = form.recommend.maxSelections;
        form.recommend = { writeInsAllowed: form.recommend.writeInsAllowed ?? true, secondRound: null };
      }
    });
  const entries = (await tx.table('audit').orderBy('seq').toArray()) as AuditEntry[];
  let prevHash = AUDIT_GENESIS;
  for (const entry of entries) {
    const hash = auditEntryHash(entry, prevHash);
    await tx.table('audit').put({ ...entry, prevHash, hash });
    prevHash = hash;
  }
  const last = entries.at(-1);
  const head: AuditHead = { count: entries.length, lastSeq: last?.seq ?? 0, lastHash: prevHash };
  await tx.table('settings').put({ key: AUDIT_HEAD_KEY, value: JSON.stringify(head) });
}

/** The tables of the assessment records (edited in place, merged by later edit). */
export function assessmentTables(d: TallyDatabase) {
  return [d.plans, d.interviews, d.reviews, d.risks, d.conclusions];
}

/** The assessment records, all or one workbook's; call inside a transaction over assessmentTables. */
export async function readAssessment(d: TallyDatabase, workbookId?: string): Promise<Pick<TransferContent, AssessmentTable>> {
  const [plans, interviews, reviews, risks, conclusions] = await Promise.all(
    workbookId === undefined
      ? [d.plans.toArray(), d.interviews.toArray(), d.reviews.toArray(), d.risks.toArray(), d.conclusions.toArray()]
      : [
          d.plans.where('id').equals(workbookId).toArray(),
          d.interviews.where('workbookId').equals(workbookId).toArray(),
          d.reviews.where('workbookId').equals(workbookId).toArray(),
          d.risks.where('workbookId').equals(workbookId).toArray(),
          d.conclusions.where('workbookId').equals(workbookId).toArray(),
        ],
  );
  return { plans, interviews, reviews, risks, conclusions } as Pick<TransferContent, AssessmentTable>;
}

/** Every table a file or snapshot carries, as stored: this device's audit entries apart from those of other laptops. */
export type StoredTables = Omit<TransferContent, 'audit' | 'ballots'> & { ballots: BallotRow[]; audit: AuditEntry[]; auditImports: AuditEntry[] };

/** Reads every table a file carries, whole; call inside a transaction over fileTables. */
export async function readStored(d: TallyDatabase): Promise<StoredTables> {
  const [workbooks, meetings, ballots, resolutions, forms, audit, auditImports, assessment] = await Promise.all([
    d.workbooks.toArray(),
    d.meetings.toArray(),
    d.ballots.toArray(),
    d.resolutions.toArray(),
    d.forms.toArray(),
    d.audit.toArray(),
    d.auditImports.toArray(),
    readAssessment(d),
  ]);
  return { workbooks, meetings, ballots, resolutions, forms, audit, auditImports, ...assessment } as StoredTables;
}

/** What a file carries of the stored tables: one audit list. */
export function contentOf(stored: StoredTables): TransferContent {
  const { audit, auditImports, ...rest } = stored;
  return { ...rest, audit: [...audit, ...auditImports] } as TransferContent;
}

/** The tables a workbook file or snapshot is made of. */
export function fileTables(d: TallyDatabase) {
  return [d.workbooks, d.meetings, d.ballots, d.resolutions, d.forms, d.audit, d.auditImports, ...assessmentTables(d)];
}

export const db = new TallyDatabase();
