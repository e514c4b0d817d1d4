/**
 * Reads and writes of the assessment records: the plan, interviews, joint review, risk ledger and
 * the team's judgements. Each save is one strict transaction with its audit entry; the audit entry
 * names the kind of record, never its confidential content.
 */
import type { AssessmentPlan } from '../../../shared/domain/plan';
import { planProblem } from '../../../shared/domain/plan';
import { interviewProblem } from '../../../shared/domain/interviews';
import { reviewEntryProblem } from '../../../shared/domain/review';
import { riskProblem } from '../../../shared/domain/risks';
import { zh } from '../../../shared/messages/zh-CN';
import type { TallyDatabase } from './database';
import { db as defaultDb } from './database';
import type { Repository } from './repository';
import { repository as defaultRepository } from './repository';
import type { InterviewRecord, MeetingRecord, PersonConclusion, ReviewEntry, RiskItem, WorkbookRecord } from './records';

export interface AssessmentState {
  workbook: WorkbookRecord;
  meetings: MeetingRecord[];
  plan: AssessmentPlan | null;
  interviews: InterviewRecord[];
  reviews: ReviewEntry[];
  risks: RiskItem[];
  conclusions: PersonConclusion[];
}

const now = () => new Date().toISOString();

export class AssessmentRepository {
  constructor(
    private readonly repo: Repository = defaultRepository,
    private readonly database: TallyDatabase = defaultDb,
  ) {}

  async load(workbookId: string): Promise<AssessmentState | null> {
    const d = this.database;
    return d.transaction('r', [d.workbooks, d.meetings, d.plans, d.interviews, d.reviews, d.risks, d.conclusions], async () => {
      const workbook = await d.workbooks.get(workbookId);
      if (!workbook) return null;
      const [meetings, plan, interviews, reviews, risks, conclusions] = await Promise.all([
        d.meetings.where('workbookId').equals(workbookId).sortBy('createdAt'),
        d.plans.get(workbookId),
        d.interviews.where('workbookId').equals(workbookId).toArray(),
        d.reviews.where('workbookId').equals(workbookId).toArray(),
        d.risks.where('workbookId').equals(workbookId).toArray(),
        d.conclusions.where('workbookId').equals(workbookId).toArray(),
      ]);
      interviews.sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
      risks.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { workbook, meetings, plan: plan ?? null, interviews, reviews, risks, conclusions };
    });
  }

  /** The plan of a workbook, or null when none was made (the forms' own thresholds stand then). */
  async plan(workbookId: string): Promise<AssessmentPlan | null> {
    return (await this.database.plans.get(workbookId)) ?? null;
  }

  /** Runs one write with its audit entry in one strict transaction. */
  private async write(workbookId: string, tables: readonly string[], work: (deviceId: string) => Promise<void>): Promise<void> {
    const d = this.database;
    const deviceId = await this.repo.deviceId();
    await d.transaction('rw', [...tables, 'audit', 'settings', 'workbooks'], async () => {
      if (!(await d.workbooks.get(workbookId))) throw new Error(zh.ui.errors.workbookMissing);
      await work(deviceId);
    });
  }

  async savePlan(plan: AssessmentPlan): Promise<void> {
    const problem = planProblem(plan);
    if (problem) throw new Error(problem);
    const at = now();
    await this.write(plan.workbookId, ['plans'], async (deviceId) => {
      const existing = await this.database.plans.get(plan.id);
      await this.database.plans.put({ ...plan, id: plan.workbookId, createdAt: existing?.createdAt ?? at, updatedAt: at });
      await this.repo.appendAudit(deviceId, plan.workbookId, null, null, 'plan-saved', zh.audit.planSaved(plan.name));
    });
  }

  /** Saves a new interview (id '') or changes one; returns its id. */
  async saveInterview(input: InterviewRecord): Promise<string> {
    const interview: InterviewRecord = {
      ...input,
      interviewee: input.interviewee.trim(),
      interviewers: input.interviewers.map((n) => n.trim()).filter(Boolean),
      recorder: input.recorder.trim(),
    };
    const problem = interviewProblem(interview);
    if (problem) throw new Error(problem);
    const at = now();
    const id = interview.id || crypto.randomUUID();
    await this.write(interview.workbookId, ['interviews'], async (deviceId) => {
      const existing = interview.id ? await this.database.interviews.get(interview.id) : undefined;
      await this.database.interviews.put({ ...interview, id, deleted: false, createdAt: existing?.createdAt ?? at, updatedAt: at });
      await this.repo.appendAudit(deviceId, interview.workbookId, null, null, 'interview-saved', zh.audit.interviewSaved(interview.category, interview.date));
    });
    return id;
  }

  async deleteInterview(id: string): Promise<void> {
    const existing = await this.database.interviews.get(id);
    if (!existing || existing.deleted) return;
    await this.write(existing.workbookId, ['interviews'], async (deviceId) => {
      await this.database.interviews.put({ ...existing, deleted: true, updatedAt: now() });
      await this.repo.appendAudit(deviceId, existing.workbookId, null, null, 'interview-deleted', zh.audit.interviewDeleted(existing.category, existing.date));
    });
  }

  async saveReview(entry: ReviewEntry, personName: string): Promise<void> {
    const problem = reviewEntryProblem(entry);
    if (problem) throw new Error(problem);
    const at = now();
    await this.write(entry.workbookId, ['reviews'], async (deviceId) => {
      const existing = await this.database.reviews.get(entry.id);
      await this.database.reviews.put({ ...entry, createdAt: existing?.createdAt ?? at, updatedAt: at });
      await this.repo.appendAudit(deviceId, entry.workbookId, null, null, 'review-saved', zh.audit.reviewSaved(personName, entry.department, zh.review.conclusion[entry.conclusion]));
    });
  }

  /** Saves a new risk item (id '') or changes one; returns its id. */
  async saveRisk(input: RiskItem): Promise<string> {
    const item: RiskItem = { ...input, closedOn: input.status === 'closed' ? input.closedOn : null, closeNote: input.status === 'closed' ? input.closeNote : '' };
    const problem = riskProblem(item);
    if (problem) throw new Error(problem);
    const at = now();
    const id = item.id || crypto.randomUUID();
    await this.write(item.workbookId, ['risks'], async (deviceId) => {
      const existing = item.id ? await this.database.risks.get(item.id) : undefined;
      await this.database.risks.put({ ...item, id, deleted: false, createdAt: existing?.createdAt ?? at, updatedAt: at });
      await this.repo.appendAudit(deviceId, item.workbookId, null, null, 'risk-saved', zh.audit.riskSaved(item.type, zh.risks.statusName[item.status]));
    });
    return id;
  }

  async deleteRisk(id: string): Promise<void> {
    const existing = await this.database.risks.get(id);
    if (!existing || existing.deleted) return;
    await this.write(existing.workbookId, ['risks'], async (deviceId) => {
      await this.database.risks.put({ ...existing, deleted: true, updatedAt: now() });
      await this.repo.appendAudit(deviceId, existing.workbookId, null, null, 'risk-deleted', zh.audit.riskDeleted(existing.type));
    });
  }

  async saveConclusion(conclusion: PersonConclusion, personName: string): Promise<void> {
    const at = now();
    await this.write(conclusion.workbookId, ['conclusions'], async (deviceId) => {
      const existing = await this.database.conclusions.get(conclusion.id);
      await this.database.conclusions.put({ ...conclusion, createdAt: existing?.createdAt ?? at, updatedAt: at });
      await this.repo.appendAudit(deviceId, conclusion.workbookId, null, null, 'conclusion-saved', zh.audit.conclusionSaved(personName));
    });
  }
}

export const assessmentRepository = new AssessmentRepository();
