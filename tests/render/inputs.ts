/**
 * The inputs the render suite prints: meetings of every preset form at four list lengths, one
 * village's whole workbook (15 people, a plan, interviews, joint review, risks, judgements, three
 * meetings) and a six-team district roll-up. Everything is generated from fixed seeds, so every
 * run prints the same pages; what each document must show is taken from here, not from the app.
 */
import type { MeetingExport } from '../../shared/contract/meeting-export';
import type { InterviewPrint, LedgerExport } from '../../shared/contract/assessment-export';
import type { RollupExport } from '../../shared/contract/rollup';
import type { WorkbookExport } from '../../shared/contract/workbook-export';
import type { InterviewRecord, MeetingRecord, PersonConclusion, PersonRecord, ReviewEntry, RiskItem } from '../../shared/domain/records';
import type { TransferContent } from '../../shared/contract/workbook-file';
import type { BallotRecord } from '../../shared/domain/ballot';
import { BLANK, VOID } from '../../shared/domain/ballot';
import { workbookExportFromContent } from '../../shared/report/export-payload';
import { interviewPrintOf, reviewLedgerOf, riskLedgerOf } from '../../shared/report/ledger-payload';
import type { BallotForm } from '../../shared/domain/forms';
import { presetForm, recommendationForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { emptyContent, mergeContent } from '../../shared/domain/merge';
import { presetPlan } from '../../shared/domain/plan';
import { buildRollup } from '../../shared/report/rollup';
import { teamContent } from '../support/team-files';
import { NamePool, pick, seeded } from './names';

export const TOWNSHIP = '大同镇';
export const UNIT = '红星村';
export const TEAM = '第三考察组';
export const EXPORT_DATE = '2026-11-29';
const AT = '2026-11-20T08:00:00.000Z';
/** People named in the inputs who are not candidates: the team, interviewers, recorders. */
const STAFF = ['韩立群', '程晓东', '邵婉清', '钱卫国'];
const RESERVED = [TOWNSHIP, UNIT, TEAM, ...STAFF];

export const SIZES = [4, 12, 28, 60] as const;

export type FormCase = 'evaluation-4' | 'satisfaction-3' | 'approval-3' | 'recommend' | 'recommend-posts' | 'dimensions-5';
export const FORM_CASES: readonly FormCase[] = ['evaluation-4', 'satisfaction-3', 'approval-3', 'recommend', 'recommend-posts', 'dimensions-5'];

export function formOf(kind: FormCase): BallotForm {
  if (kind === 'recommend') return presetForm('recommend', { maxSelections: 3 });
  if (kind === 'recommend-posts') {
    return recommendationForm([
      { label: '主任', maxSelections: 1 },
      { label: '副主任', maxSelections: 1 },
      { label: '委员', maxSelections: 4 },
    ]);
  }
  return presetForm(kind);
}

const CURRENT_POSTS = ['村党组织书记', '村委会主任', '村委会委员', '村党组织委员', '村务监督委员会主任', '村民小组长', ''];
const PROPOSED_POSTS = ['村党组织书记', '村委会主任', '村委会委员', '村党组织委员', '村务监督委员会委员'];
const INVALID_REASONS = ['无法辨认', '在选票上书写其他内容', '未按规定填写'];

export interface GeneratedBallots {
  ballots: BallotRecord[];
  counts: MeetingExport['counts'];
  /** Names written in (另推他人) on at least one valid ballot. */
  writeIns: string[];
}

/**
 * About 60 ballots as a meeting hall returns them: three wholly invalid, one left entirely blank,
 * some blank and some void items, each candidate with a popularity of their own; on a
 * recommendation, ticks within each post's maximum and a few written-in names.
 */
export function generateBallots(form: BallotForm, candidates: number, seed: number, writeInNames: readonly string[]): GeneratedBallots {
  const next = seeded(seed);
  const total = 60;
  const q = form.questions.length;
  const popularity = Array.from({ length: candidates }, () => 0.3 + next() * 0.65);
  const invalid = new Map([
    [17, INVALID_REASONS[0]!],
    [38, INVALID_REASONS[1]!],
    [52, INVALID_REASONS[2]!],
  ]);
  const used = new Set<string>();
  const ballots: BallotRecord[] = [];
  for (let number = 1; number <= total; number++) {
    const marks = new Array<number>(candidates * q).fill(BLANK);
    const writeIns: BallotRecord['writeIns'] = [];
    if (number !== 9) {
      if (form.kind === 'grade') {
        for (let c = 0; c < candidates; c++) {
          for (let k = 0; k < q; k++) {
            const r = next();
            const options = form.questions[k]!.options.length;
            if (r < 0.03) continue;
            if (r < 0.045) {
              marks[c * q + k] = VOID;
              continue;
            }
            // The first option with the candidate's popularity, the others falling off after it.
            let option = 0;
            let u = next();
            if (u >= popularity[c]!) {
              u = (u - popularity[c]!) / (1 - popularity[c]!);
              option = Math.min(options - 1, 1 + Math.floor(u * u * (options - 1)));
            }
            marks[c * q + k] = option;
          }
        }
      } else {
        const chosen = new Set<number>();
        form.questions.forEach((question, k) => {
          const max = question.maxSelections ?? 1;
          const wanted = next() < 0.7 ? max : Math.floor(next() * (max + 1));
          let ticks = 0;
          for (let attempt = 0; attempt < 50 && ticks < wanted && chosen.size < candidates; attempt++) {
            const c = Math.floor(next() * candidates);
            if (chosen.has(c) || next() > popularity[c]!) continue;
            chosen.add(c);
            marks[c * q + k] = 0;
            ticks++;
          }
          if (ticks < max && writeInNames.length > 0 && next() < 0.3) {
            const name = pick(next, writeInNames);
            writeIns.push({ question: k, name });
            if (!invalid.has(number)) used.add(name);
          }
        });
      }
    }
    ballots.push({ number, invalidReason: invalid.get(number) ?? null, marks, writeIns, group: null });
  }
  return { ballots, counts: { expected: 65, present: total, issued: total, returned: total }, writeIns: [...used] };
}

export interface MeetingCase {
  id: string;
  kind: FormCase;
  size: number;
  input: MeetingExport;
  writeIns: string[];
}

function meetingTitle(form: BallotForm): string {
  if (form.kind === 'recommend') return '民主推荐大会';
  return form.id === 'satisfaction-3' ? '满意度测评会' : '民主测评大会';
}

export function meetingCases(): MeetingCase[] {
  return FORM_CASES.flatMap((kind, f) =>
    SIZES.map((size, s) => {
      const seed = 1000 + f * 100 + s;
      const form = formOf(kind);
      const pool = new NamePool(seeded(seed), RESERVED);
      const names = pool.candidates(size, seed);
      const writeInNames = form.kind === 'recommend' ? [pool.draw(), pool.draw(), pool.draw()] : [];
      const next = seeded(seed + 7);
      const generated = generateBallots(form, size, seed + 13, writeInNames);
      const input: MeetingExport = {
        township: TOWNSHIP,
        unit: UNIT,
        teamName: TEAM,
        meetingTitle: meetingTitle(form),
        meetingDate: '2026-11-28',
        form,
        candidates: names.map((name) => ({ name, currentPost: pick(next, CURRENT_POSTS), proposedPost: pick(next, PROPOSED_POSTS) })),
        counts: generated.counts,
        quorum: DEFAULT_QUORUM,
        ballots: generated.ballots,
        groups: null,
        doubleEntry: null,
        finalizedAt: '2026/11/28 16:40:00',
      };
      return { id: `${kind}-n${size}`, kind, size, input, writeIns: generated.writeIns };
    }),
  );
}

// ——— the village workbook ———

export interface WorkbookCase {
  content: TransferContent;
  people: PersonRecord[];
  meetings: MeetingRecord[];
  /** Written-in names on the recommendation meeting. */
  writeIns: string[];
  workbookExport: WorkbookExport;
  reviewLedger: Extract<LedgerExport, { kind: 'review' }>;
  riskLedger: Extract<LedgerExport, { kind: 'risks' }>;
  interviewsFilled: InterviewPrint;
  interviewsBlank: InterviewPrint;
  /** The 不能 item that disqualifies one person, and the 不宜 item still awaiting a decision. */
  cannotText: string;
  unsuitableText: string;
  interviewees: string[];
  riskDescriptions: string[];
}

const WORKBOOK_ID = 'wb-render';

function rowsOf(meeting: MeetingRecord, ballots: readonly BallotRecord[], device: string): TransferContent['ballots'] {
  return ballots.map((ballot, i) => ({
    ...ballot,
    id: `${WORKBOOK_ID}:${device}:${meeting.id}:${i + 1}`,
    workbookId: WORKBOOK_ID,
    meetingId: meeting.id,
    deviceId: device,
    seq: i + 1,
    enteredAt: AT,
    pass: 1 as const,
    supersedes: null,
    deleted: false,
    note: null,
  }));
}

export function workbookCase(): WorkbookCase {
  const next = seeded(4242);
  const pool = new NamePool(next, RESERVED);
  const names = pool.candidates(15, 4242);
  const people: PersonRecord[] = names.map((name, i) => ({
    id: `p${i + 1}`,
    name,
    currentPost: i < 7 ? pick(next, CURRENT_POSTS.slice(0, 5)) : '',
    proposedPost: i === 0 ? '村党组织书记' : i === 1 ? '村委会主任' : pick(next, PROPOSED_POSTS.slice(2)),
    gender: next() < 0.35 ? '女' : '男',
    birthDate: `19${70 + Math.floor(next() * 25)}.${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`,
    politicalStatus: next() < 0.8 ? '中共党员' : '群众',
    education: pick(next, ['高中', '中专', '大专', '本科']),
    workUnit: UNIT,
  }));
  const writeInNames = [pool.draw(), pool.draw()];
  const meeting = (id: string, title: string, form: BallotForm, members: readonly PersonRecord[], minute: number): MeetingRecord => ({
    id,
    workbookId: WORKBOOK_ID,
    title,
    date: '2026-11-20',
    formSourceId: form.id,
    form,
    candidates: members.map((p) => ({ personId: p.id, name: p.name, currentPost: p.currentPost, proposedPost: p.proposedPost })),
    counts: { expected: 65, present: 60, issued: 60, returned: 60 },
    quorum: DEFAULT_QUORUM,
    groups: null,
    doubleEntry: false,
    announce: 'open',
    finalized: { at: AT, doubleEntryWaived: '只有一名工作人员' },
    writeInAliases: [],
    createdAt: `2026-11-20T08:${String(minute).padStart(2, '0')}:00.000Z`,
    updatedAt: AT,
  });
  const recommend = meeting('m1', '民主推荐大会', presetForm('recommend', { maxSelections: 5 }), people, 10);
  const evaluation = meeting('m2', '民主测评大会', presetForm('evaluation-4'), people, 20);
  const satisfaction = meeting('m3', '满意度测评会', presetForm('satisfaction-3'), people.slice(0, 7), 30);
  const generated = [
    generateBallots(recommend.form, people.length, 51, writeInNames),
    generateBallots(evaluation.form, people.length, 52, []),
    generateBallots(satisfaction.form, 7, 53, []),
  ];
  const meetings = [recommend, evaluation, satisfaction];
  const ballots = meetings.flatMap((m, i) => rowsOf(m, generated[i]!.ballots, 'dev1'));

  const plan = presetPlan('village', WORKBOOK_ID, AT);
  const cannot = plan.negativeList.find((n) => n.id === 'n01')!;
  const unsuitable = plan.negativeList.find((n) => n.id === 'u03')!;
  const disqualified = people[3]!;
  const pending = people[7]!;
  const decided = people[5]!;
  const unfinished = people[11]!;
  const reviews: ReviewEntry[] = people.flatMap((person) =>
    plan.departments
      .filter((d) => person !== unfinished || (d !== '自然资源' && d !== '市场监管'))
      .map((department): ReviewEntry => {
        const hits =
          person === disqualified && department === '公安'
            ? [{ itemId: cannot.id, kind: cannot.kind, text: cannot.text, eventMonth: '2023-06' }]
            : (person === pending || person === decided) && department === '信访'
              ? [{ itemId: unsuitable.id, kind: unsuitable.kind, text: unsuitable.text, eventMonth: '2025-04' }]
              : [];
        return {
          id: `${WORKBOOK_ID}:${person.id}:${department}`,
          workbookId: WORKBOOK_ID,
          personId: person.id,
          department,
          conclusion: hits.length > 0 ? 'issue' : 'pass',
          date: '2026-11-18',
          responsible: `${department}经办人`,
          note: hits.length > 0 ? '已核实，附书面材料' : '',
          hits,
          decision: person === decided && hits.length > 0 ? '经镇党委研究，已批评教育，同意继续作为人选' : '',
          createdAt: AT,
          updatedAt: AT,
        };
      }),
  );

  const interviewees = Array.from({ length: 12 }, () => pool.draw());
  const OPINIONS = ['agree', 'agree', 'agree', 'agree', 'disagree', 'other', null] as const;
  const interviews: InterviewRecord[] = interviewees.map((interviewee, n) => ({
    id: `i${n + 1}`,
    workbookId: WORKBOOK_ID,
    interviewee,
    category: plan.interviewCategories[n % plan.interviewCategories.length]!.name,
    date: `2026-11-${String(21 + (n % 3)).padStart(2, '0')}`,
    place: n % 2 ? '村党群服务中心' : '村部会议室',
    interviewers: [STAFF[0]!, STAFF[1]!],
    recorder: STAFF[2]!,
    remarks: people
      .filter(() => next() < 0.45)
      .map((person) => ({
        personId: person.id,
        opinion: pick(next, OPINIONS),
        strengths: pick(next, ['工作积极，群众基础好', '熟悉村情，办事公道', '年富力强，有带富能力', '']),
        weaknesses: pick(next, ['创新意识不足', '工作方法简单', '']),
        problems: next() < 0.15 ? '曾因宅基地纠纷与村民发生争执' : '',
      })),
    deleted: false,
    createdAt: AT,
    updatedAt: AT,
  }));

  const risk = (n: number, type: string, description: string, status: RiskItem['status'], deadline: string, closedOn: string | null): RiskItem => ({
    id: `r${n}`,
    workbookId: WORKBOOK_ID,
    type,
    description,
    leader: n % 2 ? '镇党委副书记' : '包村领导',
    owner: n % 2 ? '村党组织书记' : '驻村第一书记',
    foundOn: `2026-11-0${n}`,
    measures: '成立专班，逐户走访，限期化解',
    deadline,
    status,
    closedOn,
    closeNote: closedOn ? '已化解，群众签字认可' : '',
    deleted: false,
    createdAt: AT,
    updatedAt: AT,
  });
  const risks = [
    risk(1, '信访村（社区）', '三组村民反映土地流转款分配不公', 'closed', '2026-11-25', '2026-11-24'),
    risk(2, '软弱涣散村（社区）', '村委会班子不团结，议事难以形成决议', 'in-progress', '2026-11-26', null),
    risk(3, '宗族势力干扰', '两大姓氏拉票苗头', 'open', '2026-12-05', null),
    risk(4, '撤并村（社区）', '原东湾村并入后干部配备比例争议', 'open', '2026-12-10', null),
    risk(5, '“四类人员”', '一名拟推荐人选有涉黑涉恶举报待核查', 'in-progress', '2026-12-01', null),
  ];

  const conclusions: PersonConclusion[] = people.slice(0, 12).map((person) => ({
    id: `${WORKBOOK_ID}:${person.id}`,
    workbookId: WORKBOOK_ID,
    personId: person.id,
    de: '政治立场坚定，遵纪守法',
    neng: pick(next, ['工作能力较强', '协调能力一般', '有一定带富能力']),
    qin: '工作勤勉，能坚持在村',
    ji: pick(next, ['任期内完成道路硬化工程', '集体经济收入有所增长', '']),
    lian: '未发现廉洁问题',
    overall: person === disqualified ? '不宜作为人选' : `同意作为${person.proposedPost}人选`,
    createdAt: AT,
    updatedAt: AT,
  }));

  const content: TransferContent = {
    workbooks: [{ id: WORKBOOK_ID, teamName: TEAM, teamMembers: [STAFF[0]!, STAFF[1]!, STAFF[3]!], township: TOWNSHIP, unit: UNIT, candidates: people, createdAt: AT, updatedAt: AT }],
    meetings,
    ballots,
    resolutions: [],
    forms: [],
    audit: [],
    plans: [plan],
    interviews,
    reviews,
    risks,
    conclusions,
  };
  const workbookExport = workbookExportFromContent(content, WORKBOOK_ID, EXPORT_DATE);
  if (!workbookExport) throw new Error('the workbook did not export');

  // The ledgers and interview sheets as the screens hand them to the host (the same builders).
  const workbook = content.workbooks[0]!;
  const reviewLedger: WorkbookCase['reviewLedger'] = reviewLedgerOf(workbook, plan, reviews, EXPORT_DATE);
  const riskLedger: WorkbookCase['riskLedger'] = riskLedgerOf(workbook, plan, risks, EXPORT_DATE);
  const interviewPrint = (filled: boolean): InterviewPrint => interviewPrintOf(workbook, filled ? interviews : [], filled ? 0 : 2);
  return {
    content,
    people,
    meetings,
    writeIns: generated[0]!.writeIns,
    workbookExport,
    reviewLedger,
    riskLedger,
    interviewsFilled: interviewPrint(true),
    interviewsBlank: interviewPrint(false),
    cannotText: cannot.text,
    unsuitableText: unsuitable.text,
    interviewees,
    riskDescriptions: risks.map((r) => r.description),
  };
}

// ——— the district roll-up ———

export interface RollupCase {
  rollup: RollupExport;
  units: string[];
  townships: string[];
  people: string[];
  /** The forms of every meeting rolled up. */
  forms: BallotForm[];
}

/** Six teams: the village workbook above and five generated ones, people renamed to real-looking names. */
export function rollupCase(village: WorkbookCase): RollupCase {
  const places = [
    { township: '大同镇', unit: '青山村' },
    { township: '大同镇', unit: '柳树湾村' },
    { township: '清泉镇', unit: '石桥村' },
    { township: '清泉镇', unit: '南岭社区' },
    { township: '红旗街道', unit: '建设路社区' },
  ];
  const taken = village.people.map((p) => p.name);
  const pool = new NamePool(seeded(777), [...RESERVED, ...taken, ...places.map((p) => p.unit)]);
  const teams = places.map((place, i) => {
    const content = teamContent({ team: i + 2, township: place.township, people: 8 + i, ballots: 60 });
    const renamed = new Map(content.workbooks[0]!.candidates.map((p) => [p.name, pool.draw()]));
    const rename = <T extends { name: string }>(p: T): T => ({ ...p, name: renamed.get(p.name)! });
    return {
      ...content,
      workbooks: content.workbooks.map((w) => ({ ...w, unit: place.unit, candidates: w.candidates.map(rename) })),
      meetings: content.meetings.map((m) => ({ ...m, candidates: m.candidates.map(rename) })),
    };
  });
  const merged = [village.content, ...teams].reduce((base, file) => mergeContent(base, file).content, emptyContent());
  const rollup = buildRollup(merged, { title: '某区2026年村（社区）“两委”换届考察', exportDate: EXPORT_DATE });
  return {
    rollup,
    units: [UNIT, ...places.map((p) => p.unit)],
    townships: [...new Set([TOWNSHIP, ...places.map((p) => p.township)])],
    people: merged.workbooks.flatMap((w) => w.candidates.map((p) => p.name)),
    forms: merged.meetings.map((m) => m.form),
  };
}
