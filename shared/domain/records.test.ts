/**
 * The records' fields are declared once, by their schemas (shared/schema/). These tests keep it so:
 * the types the domain exports are exactly the schemas' (a field declared by hand in a type and not
 * in its schema fails `npm run typecheck`), and a record with every optional field filled comes
 * back from its schema whole (a field the schema does not know would be stripped on reading a file).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Comparison, Ratio } from '../format/ratio';
import * as assessmentSchemas from '../schema/assessment';
import * as formSchemas from '../schema/form';
import * as meetingSchemas from '../schema/meeting';
import * as recordSchemas from '../schema/records';
import type { AuditFields, ChainedAuditEntry } from './audit-chain';
import type { BallotRecord, WriteIn } from './ballot';
import type { BallotForm, BallotQuestion, FlagRule, FormOption, RateKind, RateRule, RecommendRule, ScoringRule } from './forms';
import type { RespondentGroup } from './groups';
import type { MeetingCounts, QuorumRule } from './meeting';
import type { AssessmentPlan, InterviewCategory, NegativeItem, PlanRateRule } from './plan';
import type * as records from './records';

type Inferred<S extends z.ZodType> = z.infer<S>;

describe('record types are their schemas', () => {
  it('the form and its parts', () => {
    expectTypeOf<BallotForm>().toEqualTypeOf<Inferred<typeof formSchemas.ballotFormSchema>>();
    expectTypeOf<BallotQuestion>().toEqualTypeOf<Inferred<typeof formSchemas.ballotQuestionSchema>>();
    expectTypeOf<FormOption>().toEqualTypeOf<Inferred<typeof formSchemas.formOptionSchema>>();
    expectTypeOf<RateRule>().toEqualTypeOf<Inferred<typeof formSchemas.rateRuleSchema>>();
    expectTypeOf<RateKind>().toEqualTypeOf<Inferred<typeof formSchemas.rateKindSchema>>();
    expectTypeOf<FlagRule>().toEqualTypeOf<Inferred<typeof formSchemas.flagRuleSchema>>();
    expectTypeOf<RecommendRule>().toEqualTypeOf<Inferred<typeof formSchemas.recommendRuleSchema>>();
    expectTypeOf<ScoringRule>().toEqualTypeOf<Inferred<typeof formSchemas.scoringRuleSchema>>();
    // shared/format keeps its own Comparison and Ratio (it is below the schemas): they must agree.
    expectTypeOf<Comparison>().toEqualTypeOf<Inferred<typeof formSchemas.comparisonSchema>>();
    expectTypeOf<Ratio>().toEqualTypeOf<Inferred<typeof formSchemas.fractionSchema>>();
  });

  it('meetings, ballots and groups', () => {
    expectTypeOf<MeetingCounts>().toEqualTypeOf<Inferred<typeof meetingSchemas.meetingCountsSchema>>();
    expectTypeOf<QuorumRule>().toEqualTypeOf<Inferred<typeof meetingSchemas.quorumRuleSchema>>();
    expectTypeOf<BallotRecord>().toEqualTypeOf<Inferred<typeof meetingSchemas.ballotRecordSchema>>();
    expectTypeOf<WriteIn>().toEqualTypeOf<Inferred<typeof meetingSchemas.writeInSchema>>();
    expectTypeOf<RespondentGroup>().toEqualTypeOf<Inferred<typeof meetingSchemas.respondentGroupSchema>>();
  });

  it('the stored records', () => {
    expectTypeOf<records.PersonRecord>().toEqualTypeOf<Inferred<typeof recordSchemas.personRecordSchema>>();
    expectTypeOf<records.WorkbookRecord>().toEqualTypeOf<Inferred<typeof recordSchemas.workbookRecordSchema>>();
    expectTypeOf<records.MeetingRecord>().toEqualTypeOf<Inferred<typeof recordSchemas.meetingRecordSchema>>();
    expectTypeOf<records.MeetingCandidate>().toEqualTypeOf<Inferred<typeof recordSchemas.meetingCandidateSchema>>();
    expectTypeOf<records.WriteInAlias>().toEqualTypeOf<Inferred<typeof recordSchemas.writeInAliasSchema>>();
    expectTypeOf<records.BallotRow>().toEqualTypeOf<Inferred<typeof recordSchemas.ballotRowSchema>>();
    expectTypeOf<records.ResolutionRecord>().toEqualTypeOf<Inferred<typeof recordSchemas.resolutionRecordSchema>>();
    expectTypeOf<records.FormRecord>().toEqualTypeOf<Inferred<typeof recordSchemas.formRecordSchema>>();
    expectTypeOf<records.AuditEntry>().toEqualTypeOf<Inferred<typeof recordSchemas.auditEntrySchema>>();
    expectTypeOf<records.WorkbookContent>().toEqualTypeOf<Inferred<typeof recordSchemas.workbookContentSchema>>();
    // The chain hashes every field of an entry but the two hashes: no more, no fewer.
    expectTypeOf<keyof ChainedAuditEntry>().toEqualTypeOf<keyof records.AuditEntry>();
    expectTypeOf<keyof AuditFields>().toEqualTypeOf<Exclude<keyof records.AuditEntry, 'prevHash' | 'hash'>>();
  });

  it('the assessment records', () => {
    expectTypeOf<AssessmentPlan>().toEqualTypeOf<Inferred<typeof assessmentSchemas.assessmentPlanSchema>>();
    expectTypeOf<PlanRateRule>().toEqualTypeOf<Inferred<typeof assessmentSchemas.planRateRuleSchema>>();
    expectTypeOf<InterviewCategory>().toEqualTypeOf<Inferred<typeof assessmentSchemas.interviewCategorySchema>>();
    expectTypeOf<NegativeItem>().toEqualTypeOf<Inferred<typeof assessmentSchemas.negativeItemSchema>>();
    expectTypeOf<records.InterviewRecord>().toEqualTypeOf<Inferred<typeof assessmentSchemas.interviewRecordSchema>>();
    expectTypeOf<records.InterviewRemark>().toEqualTypeOf<Inferred<typeof assessmentSchemas.interviewRemarkSchema>>();
    expectTypeOf<records.ReviewEntry>().toEqualTypeOf<Inferred<typeof assessmentSchemas.reviewEntrySchema>>();
    expectTypeOf<records.ReviewHit>().toEqualTypeOf<Inferred<typeof assessmentSchemas.reviewHitSchema>>();
    expectTypeOf<records.RiskItem>().toEqualTypeOf<Inferred<typeof assessmentSchemas.riskItemSchema>>();
    expectTypeOf<records.PersonConclusion>().toEqualTypeOf<Inferred<typeof assessmentSchemas.personConclusionSchema>>();
  });
});

const at = '2026-05-01T08:30:00.000Z';
const threshold = { numerator: 2, denominator: 3 };

const form: BallotForm = {
  id: 'form-1',
  name: '民主推荐表',
  kind: 'recommend',
  questions: [
    {
      id: 'q1',
      label: '主任',
      options: [{ label: '推荐', short: '荐', score: 1 }],
      maxSelections: 1,
      weight: 2,
    },
  ],
  rates: [{ id: 'r1', name: '得票率', kind: 'vote-share', questionId: 'q1', numerator: ['推荐'], base: 'present', flag: { comparison: '<=', threshold, severity: 'info' } }],
  recommend: { writeInsAllowed: true, secondRound: { comparison: '<=', threshold: { numerator: 1, denominator: 2 } } },
  scoring: { base: 'answered' },
};

/** One record of every kind, every optional field filled and every nullable one set. */
const full: records.WorkbookContent = {
  workbooks: [
    {
      id: 'wb-1',
      teamName: '第一考察组',
      teamMembers: ['张三', '李四'],
      township: '城关镇',
      unit: '东村',
      candidates: [
        { id: 'p-1', name: '王五', currentPost: '村委委员', proposedPost: '村委主任', gender: '男', birthDate: '1980.05', politicalStatus: '中共党员', education: '大专', workUnit: '东村村委会' },
      ],
      createdAt: at,
      updatedAt: at,
    },
  ],
  meetings: [
    {
      id: 'm-1',
      workbookId: 'wb-1',
      title: '民主推荐会',
      date: '2026-05-01',
      formSourceId: 'recommend',
      form,
      candidates: [{ personId: 'p-1', name: '王五', currentPost: '村委委员', proposedPost: '村委主任' }],
      counts: { expected: 30, present: 25, issued: 25, returned: 25 },
      quorum: { comparison: '>', threshold, minPresent: 20 },
      groups: [{ id: 'g-1', label: '党员', weight: 0.4, counts: { expected: 10, present: 9, issued: 9, returned: 9 } }],
      doubleEntry: true,
      announce: 'sealed',
      finalized: { at, doubleEntryWaived: '纸票已当场核对' },
      writeInAliases: [{ question: 0, from: '赵六', to: '赵陆' }],
      entryPass: 2,
      createdAt: at,
      updatedAt: at,
    },
  ],
  ballots: [
    {
      id: 'wb-1:dev-1:1',
      workbookId: 'wb-1',
      meetingId: 'm-1',
      deviceId: 'dev-1',
      seq: 1,
      enteredAt: at,
      pass: 2,
      supersedes: 'wb-1:dev-1:0',
      deleted: false,
      note: '唱票更正',
      number: 1,
      invalidReason: '字迹无法辨认',
      marks: [0],
      writeIns: [{ question: 0, name: '赵六' }],
      group: 'g-1',
    },
  ],
  resolutions: [{ id: 'm-1:1', meetingId: 'm-1', number: 1, choice: 'reentered', at }],
  forms: [{ id: 'form-1', form, createdAt: at, updatedAt: at }],
  audit: [
    {
      seq: 1,
      workbookId: 'wb-1',
      meetingId: 'm-1',
      ballotId: 'wb-1:dev-1:1',
      action: 'ballot-added',
      at,
      deviceId: 'dev-1',
      detail: '第 1 张',
      correction: { openedBy: 'ctrl-g', before: [0, 1], after: [1, 1] },
      prevHash: `sha256:${'0'.repeat(64)}`,
      hash: `sha256:${'1'.repeat(64)}`,
    },
  ],
  plans: [
    {
      id: 'wb-1',
      workbookId: 'wb-1',
      name: '东村考察方案',
      presetId: 'village',
      rateRules: [{ rateName: '得票率', kind: 'vote-share', flag: { comparison: '<', threshold, severity: 'warning' } }],
      interviewCategories: [{ name: '党员代表', minimum: 3 }],
      interviewApproval: { base: 'all', flag: { comparison: '<', threshold, severity: 'serious' } },
      departments: ['纪委', '公安'],
      negativeList: [{ id: 'n-1', kind: 'unsuitable', text: '近三年受过党纪处分', windowYears: 3 }],
      createdAt: at,
      updatedAt: at,
    },
  ],
  interviews: [
    {
      id: 'i-1',
      workbookId: 'wb-1',
      interviewee: '钱七',
      category: '党员代表',
      date: '2026-04-28',
      place: '村委会',
      interviewers: ['张三', '李四'],
      recorder: '李四',
      remarks: [{ personId: 'p-1', opinion: 'agree', strengths: '熟悉村情', weaknesses: '经验不足', problems: '无' }],
      deleted: true,
      createdAt: at,
      updatedAt: at,
    },
  ],
  reviews: [
    {
      id: 'wb-1:p-1:纪委',
      workbookId: 'wb-1',
      personId: 'p-1',
      department: '纪委',
      conclusion: 'issue',
      date: '2026-04-29',
      responsible: '孙八',
      note: '见附件',
      hits: [{ itemId: 'n-1', kind: 'unsuitable', text: '近三年受过党纪处分', eventMonth: '2024-06' }],
      decision: '经研究不作为人选',
      createdAt: at,
      updatedAt: at,
    },
  ],
  risks: [
    {
      id: 'r-1',
      workbookId: 'wb-1',
      type: '信访',
      description: '土地纠纷',
      leader: '周九',
      owner: '吴十',
      foundOn: '2026-04-01',
      measures: '调解',
      deadline: '2026-04-30',
      status: 'closed',
      closedOn: '2026-04-20',
      closeNote: '已调解',
      deleted: false,
      createdAt: at,
      updatedAt: at,
    },
  ],
  conclusions: [
    { id: 'wb-1:p-1', workbookId: 'wb-1', personId: 'p-1', de: '好', neng: '较好', qin: '好', ji: '较好', lian: '好', overall: '同意', createdAt: at, updatedAt: at },
  ],
};

/** Paths of object fields the schema declares and the value lacks (so the fixture above stays complete). */
function unfilledFields(schema: z.ZodType, value: unknown, path: string): string[] {
  const def = schema._zod.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; options?: z.ZodType[] };
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return value === undefined || value === null ? [path] : unfilledFields(def.innerType!, value, path);
    case 'array':
      return Array.isArray(value) && value.length > 0 ? value.flatMap((item, i) => unfilledFields(def.element!, item, `${path}[${i}]`)) : [path];
    case 'object': {
      const fields = value as Record<string, unknown>;
      return Object.entries(def.shape!).flatMap(([key, field]) => (key in fields ? unfilledFields(field, fields[key], `${path}.${key}`) : [`${path}.${key}`]));
    }
    default:
      return [];
  }
}

describe('a record read back through its schema', () => {
  it('the fixture fills every field the schemas declare', () => {
    expect(unfilledFields(recordSchemas.workbookContentSchema, full, 'content')).toEqual([]);
  });

  it('keeps every field', () => {
    const parsed = recordSchemas.workbookContentSchema.parse(structuredClone(full));
    expect(parsed).toStrictEqual(full);
  });

  it('drops a field its schema does not declare: why the types come from the schemas', () => {
    const withExtra = structuredClone(full);
    Object.assign(withExtra.workbooks[0]!.candidates[0]!, { nickname: '小王' });
    const parsed = recordSchemas.workbookContentSchema.parse(withExtra);
    expect(parsed.workbooks[0]!.candidates[0]).not.toHaveProperty('nickname');
  });
});
