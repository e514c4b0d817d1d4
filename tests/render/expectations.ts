/**
 * What each printed document must hold, from the inputs and the domain (docs/domain.md): the
 * form's option labels and rate names, 弃权 and 无效, 得票数/得票率/名次 for a recommendation, the
 * departments of the plan … Sheets are told apart by the words of their names that the domain
 * gives them (汇总表, 报告单, 一览表); a sheet the suite cannot place gets the checks that hold for
 * any page.
 */
import type { MeetingExport } from '../../shared/contract/meeting-export';
import type { BallotForm } from '../../shared/domain/forms';
import type { Expectation } from './judge';
import type { RollupCase, WorkbookCase } from './inputs';

/** ≥ 10.5 pt for short lists (up to 15 people), ≥ 9 pt for any. */
export function minBodyFor(people: number): number {
  return people <= 15 ? 10.5 : 9;
}

const unique = (items: readonly string[]) => [...new Set(items)];

function optionLabels(form: BallotForm): string[] {
  return unique(form.questions.flatMap((q) => q.options.map((o) => o.label)));
}

const postLabels = (form: BallotForm) => (form.questions.length > 1 ? form.questions.map((q) => q.label) : []);

/** The columns of a result table: 民主测评结果汇总表, 推荐得票情况统计表 and the 计票结果报告单. */
export function resultHeadings(form: BallotForm): string[] {
  const rates = form.rates.map((r) => r.name);
  if (form.kind === 'recommend') return unique(['序号', '姓名', '得票数', '得票率', '名次', ...rates, ...postLabels(form)]);
  return unique(['序号', '姓名', ...optionLabels(form), '弃权', '无效', ...rates]);
}

/** The 计票结果报告单 of a single-question form: one page up to 15 candidates, two up to 30. */
export function reportPageLimit(form: BallotForm, candidates: number): number | undefined {
  if (form.questions.length !== 1) return undefined;
  return candidates <= 15 ? 1 : candidates <= 30 ? 2 : undefined;
}

export interface MeetingFacts {
  input: MeetingExport;
  writeIns: readonly string[];
  minBodyPt: number;
}

function base(facts: MeetingFacts, headings: string[]): Expectation {
  return { names: facts.input.candidates.map((c) => c.name), otherRows: facts.writeIns, headings, minBodyPt: facts.minBodyPt };
}

export function reportExpectation(facts: MeetingFacts): Expectation {
  const limit = reportPageLimit(facts.input.form, facts.input.candidates.length);
  return { ...base(facts, resultHeadings(facts.input.form)), ...(limit === undefined ? {} : { maxPages: limit }) };
}

export function summaryExpectation(facts: MeetingFacts): Expectation {
  return base(facts, resultHeadings(facts.input.form));
}

export function tallySheetExpectation(facts: MeetingFacts): Expectation {
  const form = facts.input.form;
  const expectation = base(facts, form.kind === 'recommend' ? ['姓名', ...postLabels(form)] : unique(['姓名', ...optionLabels(form), '弃权', '无效']));
  // On a tally sheet the rows for written-in names are result rows too, though their names are only
  // written in while counting: a page of them is a page of results (the signatures may close it).
  return form.recommend?.writeInsAllowed ? { ...expectation, otherRows: [...(expectation.otherRows ?? []), '另推他人（姓名由计票人填写）'] } : expectation;
}

export function blankBallotExpectation(facts: MeetingFacts): Expectation {
  const form = facts.input.form;
  if (form.kind === 'recommend') return base(facts, [...postLabels(form), ...(form.recommend?.writeInsAllowed ? ['另推他人'] : [])]);
  return base(facts, [...(form.questions.length > 1 ? form.questions.map((q) => q.label) : []), ...optionLabels(form)]);
}

/** A sheet of a meeting's Excel file, by the words of its name. */
export function meetingSheetExpectation(sheetName: string, facts: MeetingFacts): { kind: string; expect: Expectation } {
  if (/报告单/.test(sheetName)) return { kind: 'report', expect: reportExpectation(facts) };
  if (/选票/.test(sheetName)) return { kind: 'ballot data', expect: base(facts, ['票号']) };
  if (/汇总表|统计表/.test(sheetName)) return { kind: 'summary', expect: summaryExpectation(facts) };
  // Every sheet of a meeting's file lists its candidates, whatever it is called.
  return { kind: 'other', expect: base(facts, []) };
}

/** A sheet of the whole-workbook export: the 一览表, or a meeting's sheet ("2.计票结果报告单"). */
export function workbookSheetExpectation(sheetName: string, village: WorkbookCase): { kind: string; expect: Expectation } {
  const exported = village.workbookExport;
  const numbered = /^(\d+)[.．、]/.exec(sheetName);
  const meeting = numbered ? exported.meetings[Number(numbered[1]) - 1] : undefined;
  if (meeting) {
    const writeIns = meeting.form.kind === 'recommend' ? village.writeIns : [];
    return meetingSheetExpectation(sheetName, { input: meeting, writeIns, minBodyPt: 10.5 });
  }
  if (/一览表/.test(sheetName)) {
    const headings = [
      '序号',
      '姓名',
      ...exported.meetings.map((m) => m.meetingTitle),
      ...exported.meetings.flatMap((m) => (m.form.kind === 'recommend' ? ['得票数', '得票率'] : m.form.rates.map((r) => r.name))),
      // The plan, interviews and judgements are in the inputs: the 一览表 carries their columns.
      '联审',
      '谈话',
      '研判',
    ];
    return { kind: 'overview', expect: { names: village.people.map((p) => p.name), headings: unique(headings), minBodyPt: 10.5 } };
  }
  if (/比率/.test(sheetName)) {
    // The 一览表's rates as numbers: every person, under every meeting's rate headings.
    const headings = ['序号', '姓名', ...exported.meetings.flatMap((m) => (m.form.kind === 'recommend' ? ['得票数', '得票率'] : m.form.rates.map((r) => r.name)))];
    return { kind: 'rates', expect: { names: village.people.map((p) => p.name), headings: unique(headings), minBodyPt: 10.5 } };
  }
  return { kind: 'other', expect: { names: [], headings: [], minBodyPt: 10.5 } };
}

/** Both sheets of the 联审台账 list every person under every department. */
export function reviewLedgerExpectation(village: WorkbookCase): Expectation {
  // 不能 and 不宜: one person is disqualified and one awaits a decision in the inputs.
  return { names: village.people.map((p) => p.name), headings: ['序号', '姓名', ...village.reviewLedger.departments, '不能', '不宜'], minBodyPt: 10.5 };
}

/** The 风险台账: every item by its description, and where its closing (销号) is recorded. */
export function riskLedgerExpectation(village: WorkbookCase): Expectation {
  return { names: village.riskDescriptions, headings: ['序号', '销号', ...unique(village.riskLedger.items.map((i) => i.type))], minBodyPt: 10.5 };
}

export function interviewSheetsExpectation(village: WorkbookCase, filled: boolean): Expectation {
  const people = village.people.map((p) => p.name);
  if (!filled) return { names: people, headings: ['同意', '不同意', '其他'], minBodyPt: 10.5 };
  const categories = unique(village.interviewsFilled.interviews.map((i) => i.category));
  return { names: people, headings: ['同意', ...village.interviewees, ...categories], minBodyPt: 10.5 };
}

/** The roll-up's sheets, by the words of their names; every one at 10.5 pt or more, as the team's. */
export function rollupSheetExpectation(sheetName: string, district: RollupCase): { kind: string; expect: Expectation } {
  const figures = district.forms.flatMap((form) =>
    form.kind === 'recommend' ? form.questions.flatMap((q) => [`${form.questions.length > 1 ? q.label : ''}得票数`, `${form.questions.length > 1 ? q.label : ''}得票率`]) : form.rates.map((r) => r.name),
  );
  if (/一览表/.test(sheetName)) {
    // The team 一览表's columns, with where each person is assessed; the village's plan, interviews and judgements are in the inputs.
    const headings = ['序号', '姓名', '乡镇（街道）', '村（社区）', '考察组', '测评推荐情况', '联审', '谈话', '研判', '标注'];
    return { kind: 'overview', expect: { names: district.people, otherRows: district.units, headings, minBodyPt: 10.5 } };
  }
  if (/比率/.test(sheetName)) {
    return { kind: 'rates', expect: { names: district.people, otherRows: district.units, headings: unique(['序号', '姓名', '采用的会议', ...figures]), minBodyPt: 10.5 } };
  }
  if (/联审/.test(sheetName)) {
    return { kind: 'review and risks', expect: { names: district.townships, otherRows: district.units, headings: ['通过', '存在问题', '不宜待决定', '取消资格', '联审未完成', '已销号', '化解中', '未化解', '逾期', '合计'], minBodyPt: 10.5 } };
  }
  if (/指纹/.test(sheetName)) return { kind: 'fingerprints', expect: { names: district.units, headings: ['sha256:'], minBodyPt: 10.5 } };
  return { kind: 'summary', expect: { names: district.units, headings: [...district.townships, '合计'], minBodyPt: 10.5 } };
}
