/**
 * A team's assessment work added to generated team content (team-files.ts): the village plan,
 * the joint review of every person (one disqualified by a 不能 item, one with a 不宜 item and its
 * decision, one still waiting on a department), risk items in every state (one overdue, one
 * removed), and individual interviews (one removed). What the ledgers and the interview sheets
 * are built from, with the facts a test reads back named in `facts`.
 */
import type { TransferContent } from '../../shared/contract/workbook-file';
import { presetPlan } from '../../shared/domain/plan';
import type { InterviewRecord, ReviewEntry, RiskItem } from '../../shared/domain/records';

export interface AssessmentFacts {
  departments: string[];
  /** The person a 不能 item disqualifies, and that item's text. */
  disqualified: { name: string; item: string; department: string };
  /** The department that has not concluded on the last person yet. */
  openDepartment: string;
  liveRisks: RiskItem[];
  removedRisk: RiskItem;
  overdueRisk: RiskItem;
  liveInterviews: InterviewRecord[];
  removedInterview: InterviewRecord;
}

export function withAssessment(content: TransferContent, today = '2026-11-29'): { content: TransferContent; facts: AssessmentFacts } {
  const workbook = content.workbooks[0]!;
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 9, minute)).toISOString();
  const plan = presetPlan('village', workbook.id, at(0));
  const cannot = plan.negativeList.find((n) => n.kind === 'cannot')!;
  const unsuitable = plan.negativeList.find((n) => n.kind === 'unsuitable')!;
  const people = workbook.candidates;
  const last = people[people.length - 1]!;
  const openDepartment = plan.departments[plan.departments.length - 1]!;

  const reviews: ReviewEntry[] = [];
  for (const [p, person] of people.entries()) {
    for (const department of plan.departments) {
      if (person === last && department === openDepartment) continue;
      const entry: ReviewEntry = {
        id: `${workbook.id}:${person.id}:${department}`,
        workbookId: workbook.id,
        personId: person.id,
        department,
        conclusion: 'pass',
        date: '2026-11-18',
        responsible: `${department}经办人`,
        note: '',
        hits: [],
        decision: '',
        createdAt: at(p + 1),
        updatedAt: at(p + 1),
      };
      if (p === 0 && department === plan.departments[2]) Object.assign(entry, { conclusion: 'issue', hits: [{ itemId: cannot.id, kind: 'cannot', text: cannot.text, eventMonth: '' }], note: '经核实' });
      if (p === 1 && department === plan.departments[3]) {
        Object.assign(entry, { conclusion: 'issue', hits: [{ itemId: unsuitable.id, kind: 'unsuitable', text: unsuitable.text, eventMonth: '' }], decision: '经镇党委研究，可以提名' });
      }
      reviews.push(entry);
    }
  }

  const risk = (n: number, change: Partial<RiskItem>): RiskItem => ({
    id: `${workbook.id}:risk:${n}`,
    workbookId: workbook.id,
    type: '信访村（社区）',
    description: `风险事项${n}：群众反映集体土地流转收益分配不公开`,
    leader: `镇领导${n}`,
    owner: `包村干部${n}`,
    foundOn: '2026-11-15',
    measures: `化解措施${n}：召开村民代表会议公开账目`,
    deadline: '2026-12-10',
    status: 'open',
    closedOn: null,
    closeNote: '',
    deleted: false,
    createdAt: at(30 + n),
    updatedAt: at(30 + n),
    ...change,
  });
  const risks = [
    risk(1, { status: 'closed', closedOn: '2026-11-25', closeNote: '已公开账目，群众无异议' }),
    risk(2, { type: '软弱涣散村（社区）', deadline: '2026-11-20', status: 'in-progress' }),
    risk(3, { deleted: true, description: '录错的风险事项' }),
    risk(4, { type: '“四类人员”', deadline: '2026-12-31' }),
  ];

  const interview = (n: number, deleted = false): InterviewRecord => ({
    id: `${workbook.id}:interview:${n}`,
    workbookId: workbook.id,
    interviewee: deleted ? '录错的谈话对象' : `谈话对象${n}`,
    category: plan.interviewCategories[n % plan.interviewCategories.length]!.name,
    date: `2026-11-2${n}`,
    place: '村部会议室',
    interviewers: ['王明', '李华'],
    recorder: '李华',
    remarks: people.map((person, i) => ({
      personId: person.id,
      opinion: i === 0 && n === 2 ? 'disagree' : i === 1 ? null : 'agree',
      strengths: i === 0 ? `工作踏实${n}` : '',
      weaknesses: '',
      problems: i === 0 && n === 2 ? '群众反映作风粗暴' : '',
    })),
    deleted,
    createdAt: at(60 + n),
    updatedAt: at(60 + n),
  });
  const interviews = [interview(3), interview(1), interview(4, true), interview(2)];

  const facts: AssessmentFacts = {
    departments: plan.departments,
    disqualified: { name: people[0]!.name, item: cannot.text, department: plan.departments[2]! },
    openDepartment,
    liveRisks: risks.filter((r) => !r.deleted),
    removedRisk: risks[2]!,
    overdueRisk: risks.find((r) => !r.deleted && r.status !== 'closed' && r.deadline < today)!,
    liveInterviews: interviews.filter((i) => !i.deleted).sort((a, b) => a.date.localeCompare(b.date)),
    removedInterview: interviews[2]!,
  };
  return { content: { ...content, plans: [plan], reviews, risks, interviews }, facts };
}
