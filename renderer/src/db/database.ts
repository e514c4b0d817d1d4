/**
 * The IndexedDB database (Dexie). Versions are append-only: a shipped version(n) is never edited; a
 * change is version(n+1) with an upgrade that uses only its own transaction. Every transaction is
 * "strict": a ballot counts as saved only once it is on disk, not merely handed to the OS.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { AuditEntry, BallotRow, CounterRecord, MeetingRecord, SettingRecord, WorkbookRecord } from './records';

export const DATABASE_NAME = 'tally-desk';

export class TallyDatabase extends Dexie {
  workbooks!: EntityTable<WorkbookRecord, 'id'>;
  meetings!: EntityTable<MeetingRecord, 'id'>;
  ballots!: EntityTable<BallotRow, 'id'>;
  audit!: EntityTable<AuditEntry, 'seq'>;
  counters!: EntityTable<CounterRecord, 'key'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name = DATABASE_NAME) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      workbooks: 'id, updatedAt',
      meetings: 'id, workbookId, updatedAt',
      ballots: 'id, meetingId, [meetingId+number], workbookId',
      audit: '++seq, workbookId, meetingId',
      counters: 'key',
      settings: 'key',
    });
  }
}

export const db = new TallyDatabase();
