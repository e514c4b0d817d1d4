/**
 * What a snapshot holds, read without holding ballots back. Reading every table in one transaction
 * makes a ballot saved meanwhile wait for the read (IndexedDB runs a write after the reads that
 * began before it), and with thousands of ballots that is felt at the counting table. Ballots and
 * audit entries are only ever added, so a copy of them is kept from the writes themselves (the
 * database's middleware reports each completed addition) and only the small tables that are edited
 * in place are read for each snapshot. Anything but an addition to those tables throws the copy
 * away, and every so often it is read again whole anyway.
 */
import type { TransferContent } from '../../../shared/contract/workbook-file';
import type { AppendEvent, TallyDatabase } from './database';
import { assessmentTables, contentOf, db as defaultDb, fileTables, onAppendOnlyWrite, readAssessment, readStored } from './database';
import type { AuditEntry, BallotRow } from './records';

/** Every so many snapshots the copy is read again whole: a check that costs one full read. */
const FULL_READ_EVERY = 20;

interface AppendOnlyCopy {
  ballots: Map<string, BallotRow>;
  audit: Map<number, AuditEntry>;
  imports: Map<string, AuditEntry>;
}

const importKey = (entry: AuditEntry) => `${entry.deviceId}\u0000${entry.seq}`;

export class SnapshotSource {
  private copy: AppendOnlyCopy | null = null;
  private arrived: AppendEvent[] = [];
  /** Counts resets: a read that saw one begin under it does not become the copy. */
  private generation = 0;
  private sinceFullRead = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly database: TallyDatabase = defaultDb) {}

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = onAppendOnlyWrite((event) => {
      if (event.kind === 'reset') {
        this.generation++;
        this.copy = null;
        this.arrived = [];
      } else {
        this.arrived.push(event);
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.copy = null;
    this.arrived = [];
  }

  /** Adds what arrived since the last snapshot; by key, so a row also read whole is not doubled. */
  private fold(copy: AppendOnlyCopy): void {
    for (const event of this.arrived) {
      if (event.kind !== 'rows') continue;
      for (const row of event.rows) {
        if (event.table === 'ballots') copy.ballots.set((row as BallotRow).id, row as BallotRow);
        else if (event.table === 'audit') copy.audit.set((row as AuditEntry).seq, row as AuditEntry);
        else copy.imports.set(importKey(row as AuditEntry), row as AuditEntry);
      }
    }
    this.arrived = [];
  }

  /** The whole database as snapshot content (unsorted and unchecked: the host does both). */
  async content(): Promise<TransferContent> {
    const d = this.database;
    const generation = this.generation;
    if (!this.unsubscribe || this.copy === null || this.sinceFullRead >= FULL_READ_EVERY) {
      this.arrived = [];
      const stored = await d.transaction('r', fileTables(d), () => readStored(d));
      if (this.unsubscribe && generation === this.generation) {
        const copy: AppendOnlyCopy = {
          ballots: new Map(stored.ballots.map((b) => [b.id, b])),
          audit: new Map(stored.audit.map((e) => [e.seq, e])),
          imports: new Map(stored.auditImports.map((e) => [importKey(e), e])),
        };
        this.fold(copy);
        this.copy = copy;
        this.sinceFullRead = 0;
      }
      return contentOf(stored);
    }
    const [workbooks, meetings, resolutions, forms, assessment] = await d.transaction('r', [d.workbooks, d.meetings, d.resolutions, d.forms, ...assessmentTables(d)], () =>
      Promise.all([d.workbooks.toArray(), d.meetings.toArray(), d.resolutions.toArray(), d.forms.toArray(), readAssessment(d)]),
    );
    const copy = this.copy;
    // Something other than an addition happened meanwhile (a restore, say): read it all.
    if (generation !== this.generation || copy === null) return this.content();
    this.fold(copy);
    this.sinceFullRead++;
    return {
      workbooks,
      meetings,
      ballots: [...copy.ballots.values()],
      resolutions,
      forms,
      audit: [...copy.audit.values(), ...copy.imports.values()],
      ...assessment,
    } as TransferContent;
  }
}

export const snapshotSource = new SnapshotSource();
