/**
 * The whole database as file content, and back: the dump that snapshots and workbook files carry,
 * the merge of another team's file (all or nothing, in one strict transaction), and the restore of
 * a snapshot. The merge rules themselves are in shared/domain/merge.ts.
 */
import type { TransferContent } from '../../../shared/contract/workbook-file';
import { transferContentSchema } from '../../../shared/contract/workbook-file';
import type { AuditHead } from '../../../shared/domain/audit-chain';
import { AUDIT_GENESIS } from '../../../shared/domain/audit-chain';
import type { AssessmentTable, MergeReport } from '../../../shared/domain/merge';
import { Merger, reportIsEmpty, sortContent } from '../../../shared/domain/merge';
import { zh } from '../../../shared/messages/zh-CN';
import type { TallyDatabase } from './database';
import { AUDIT_HEAD_KEY, contentOf, db as defaultDb, fileTables, readAssessment, readStored } from './database';
import type { Repository } from './repository';
import { repository as defaultRepository } from './repository';

const DEVICE_KEY = 'device-id';

/** What the local database holds, in brief: for the start-up comparison with the newest snapshot. */
export interface LocalState {
  deviceId: string | null;
  workbooks: number;
  ballots: number;
  lastAuditSeq: number;
}

export class DumpInvalid extends Error {}

export class WorkbookTransfer {
  constructor(
    private readonly repo: Repository = defaultRepository,
    private readonly database: TallyDatabase = defaultDb,
  ) {}

  private get tables() {
    const d = this.database;
    return [...fileTables(d), d.counters, d.settings];
  }

  async localState(): Promise<LocalState> {
    const d = this.database;
    return d.transaction('r', [d.workbooks, d.ballots, d.settings], async () => {
      const head = await d.settings.get(AUDIT_HEAD_KEY);
      return {
        deviceId: (await d.settings.get(DEVICE_KEY))?.value ?? null,
        workbooks: await d.workbooks.count(),
        ballots: await d.ballots.count(),
        lastAuditSeq: head ? (JSON.parse(head.value) as AuditHead).lastSeq : 0,
      };
    });
  }

  /**
   * Everything stored (or one workbook's part of it), checked against the file schema: what is
   * written is what any laptop can read back. Call inside a transaction over `tables`, or alone.
   */
  async dump(workbookId?: string): Promise<TransferContent> {
    const d = this.database;
    const raw = await d.transaction('r', fileTables(d), async () => {
      if (!workbookId) return contentOf(await readStored(d));
      const meetings = await d.meetings.where('workbookId').equals(workbookId).toArray();
      const meetingIds = meetings.map((m) => m.id);
      const [workbooks, ballots, resolutions, audit, imported, assessment] = await Promise.all([
        d.workbooks.where('id').equals(workbookId).toArray(),
        d.ballots.where('workbookId').equals(workbookId).toArray(),
        d.resolutions.where('meetingId').anyOf(meetingIds).toArray(),
        d.audit.where('workbookId').equals(workbookId).toArray(),
        d.auditImports.where('workbookId').equals(workbookId).toArray(),
        readAssessment(d, workbookId),
      ]);
      // A team's file carries its meetings' forms inside them; the form library stays on the laptop.
      return { workbooks, meetings, ballots, resolutions, forms: [], audit: [...audit, ...imported], ...assessment };
    });
    const parsed = transferContentSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DumpInvalid(zh.transfer.dumpInvalid(issue ? issue.path.join('.') : ''));
    }
    return sortContent(parsed.data);
  }

  /** A merge of one or many files: reads the database once, not once per file. */
  mergeSession(): MergeSession {
    return new MergeSession(this, this.repo, this.database);
  }

  /** After ballots of this laptop come back from a file, its numbering continues past them. */
  async raiseBallotCounters(rows: readonly { workbookId: string; deviceId: string; seq: number }[]): Promise<void> {
    const highest = new Map<string, number>();
    for (const row of rows) {
      const key = `ballot-seq:${row.workbookId}:${row.deviceId}`;
      highest.set(key, Math.max(highest.get(key) ?? 0, row.seq));
    }
    for (const [key, seq] of highest) {
      const current = (await this.database.counters.get(key))?.value ?? 0;
      if (seq > current) await this.database.counters.put({ key, value: seq });
    }
  }

  /**
   * Replaces the whole database with a snapshot's content, in one transaction. The snapshot's
   * device becomes this profile's device again, so its audit chain and ballot numbering continue.
   * The caller saves the current state first (a "before-restore" snapshot).
   */
  async restore(content: TransferContent, fromDevice: string, snapshotName: string): Promise<void> {
    const d = this.database;
    await d.transaction('rw', this.tables, async () => {
      for (const table of this.tables) {
        if (table !== d.settings) await table.clear();
      }
      await d.settings.put({ key: DEVICE_KEY, value: fromDevice });
      await d.workbooks.bulkAdd(content.workbooks);
      await d.meetings.bulkAdd(content.meetings);
      await d.ballots.bulkAdd(content.ballots);
      await d.resolutions.bulkAdd(content.resolutions);
      await d.forms.bulkAdd(content.forms);
      await writeAssessment(d, content);
      const own = content.audit.filter((e) => e.deviceId === fromDevice).sort((a, b) => a.seq - b.seq);
      await d.audit.bulkAdd(own);
      await d.auditImports.bulkAdd(content.audit.filter((e) => e.deviceId !== fromDevice));
      const last = own.at(-1);
      const head: AuditHead = { count: own.length, lastSeq: last?.seq ?? 0, lastHash: last?.hash ?? AUDIT_GENESIS };
      await d.settings.put({ key: AUDIT_HEAD_KEY, value: JSON.stringify(head) });
      await this.raiseBallotCounters(content.ballots.filter((b) => b.deviceId === fromDevice));
      const firstWorkbook = content.workbooks[0]?.id ?? '';
      await this.repo.appendAudit(fromDevice, firstWorkbook, null, null, 'snapshot-restored', zh.audit.snapshotRestored(snapshotName, content.ballots.length));
    });
  }
}

/**
 * Merges files one after another. Each file is merged in its own strict transaction, all or
 * nothing. The merge indexes are built from the database once and kept between files; they are
 * built again only if the row counts of the big tables (ballots, settled differences, audit
 * entries) show that someone else wrote meanwhile. Workbooks, meetings and forms, which may be
 * edited in place, are read fresh for every file.
 */
export class MergeSession {
  private merger: Merger | null = null;
  private knownCounts = '';

  constructor(
    private readonly transfer: WorkbookTransfer,
    private readonly repo: Repository,
    private readonly database: TallyDatabase,
  ) {}

  private async counts(): Promise<string> {
    const d = this.database;
    const n = await Promise.all([d.ballots.count(), d.resolutions.count(), d.audit.count(), d.auditImports.count()]);
    return n.join(',');
  }

  /** The merge indexes over the database as it is now; call inside a transaction. */
  private async current(): Promise<Merger> {
    const counts = await this.counts();
    if (!this.merger || this.knownCounts !== counts) {
      this.merger = new Merger(await this.transfer.dump());
      this.knownCounts = counts;
      return this.merger;
    }
    const d = this.database;
    const fresh = transferContentSchema
      .pick({ workbooks: true, meetings: true, forms: true, plans: true, interviews: true, reviews: true, risks: true, conclusions: true })
      .safeParse({
        workbooks: await d.workbooks.toArray(),
        meetings: await d.meetings.toArray(),
        forms: await d.forms.toArray(),
        ...(await readAssessment(d)),
      });
    if (!fresh.success) throw new DumpInvalid(zh.transfer.dumpInvalid(fresh.error.issues[0]?.path.join('.') ?? ''));
    this.merger.refreshEditable(fresh.data);
    return this.merger;
  }

  /** What merging `incoming` would do now, without doing it. */
  async preview(incoming: TransferContent): Promise<MergeReport> {
    const d = this.database;
    return d.transaction('r', fileTables(d), async () => (await this.current()).check(incoming));
  }

  /**
   * Merges one file: all of it in one strict transaction, or, when it conflicts with what is
   * here, nothing at all. Returns the report either way.
   */
  async apply(incoming: TransferContent, fileName: string, fromDevice: string): Promise<MergeReport> {
    const d = this.database;
    const deviceId = await this.repo.deviceId();
    const tables = [...fileTables(d), d.counters, d.settings];
    try {
      return await d.transaction('rw', tables, async () => {
        const merger = await this.current();
        const { report, changes } = merger.apply(incoming);
        if (report.conflicts.length > 0 || reportIsEmpty(report)) return report;

        await d.workbooks.bulkPut(changes.workbooks);
        await d.meetings.bulkPut(changes.meetings);
        await d.forms.bulkPut(changes.forms);
        await d.ballots.bulkAdd(changes.ballots);
        await d.resolutions.bulkAdd(changes.resolutions);
        await d.auditImports.bulkPut(changes.audit);
        await writeAssessment(d, changes);
        // This laptop's own ballots may come back in a file (after a reinstall): its numbering continues past them.
        await this.transfer.raiseBallotCounters(changes.ballots.filter((b) => b.deviceId === deviceId));

        const lastLocal = (await d.audit.orderBy('seq').last())?.seq ?? 0;
        const summary = zh.merge.summary(fileName, report.added);
        for (const workbook of incoming.workbooks) {
          await this.repo.appendAudit(deviceId, workbook.id, null, null, 'file-merged', zh.audit.fileMerged(fileName, fromDevice, summary));
        }
        merger.absorb({ audit: await d.audit.where('seq').above(lastLocal).toArray() });
        this.knownCounts = await this.counts();
        return report;
      });
    } catch (error) {
      // The indexes may already hold what the failed transaction did not store: build them again next time.
      this.merger = null;
      throw error;
    }
  }
}

async function writeAssessment(d: TallyDatabase, content: Pick<TransferContent, AssessmentTable>): Promise<void> {
  await d.plans.bulkPut(content.plans);
  await d.interviews.bulkPut(content.interviews);
  await d.reviews.bulkPut(content.reviews);
  await d.risks.bulkPut(content.risks);
  await d.conclusions.bulkPut(content.conclusions);
}

/** Content with nothing in it, for comparisons. */
export function isEmptyContent(content: TransferContent): boolean {
  return Object.values(content).every((records: readonly unknown[]) => records.length === 0);
}

export const workbookTransfer = new WorkbookTransfer();
