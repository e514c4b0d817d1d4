/** The risk ledger (风险排查台账): items tracked until closed (销号); an open item past its deadline is overdue. */
import type { RiskItem } from './records';
import { zh } from '../messages/zh-CN';

export const DEFAULT_RISK_TYPES = ['撤并村（社区）', '信访村（社区）', '软弱涣散村（社区）', '宗族势力干扰', '“四类人员”', '矛盾纠纷', '其他'];

/** today: YYYY-MM-DD. */
export function isOverdue(item: RiskItem, today: string): boolean {
  return !item.deleted && item.status !== 'closed' && item.deadline !== '' && item.deadline < today;
}

/** 排查时间 as the ledger prints it: the day recorded, or for an older item the day it was entered. */
export function foundOnOf(item: RiskItem): string {
  return item.foundOn ?? item.createdAt.slice(0, 10);
}

export function liveRisks(items: readonly RiskItem[]): RiskItem[] {
  return items.filter((i) => !i.deleted);
}

export function riskProblem(item: RiskItem): string | null {
  const t = zh.risks.problems;
  if (item.type.trim() === '') return t.noType;
  if (item.description.trim() === '') return t.noDescription;
  if (item.leader.trim() === '') return t.noLeader;
  if ((item.owner ?? '').trim() === '') return t.noOwner;
  if (item.foundOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(item.foundOn)) return t.badFoundOn;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(item.deadline)) return t.badDeadline;
  if (item.status === 'closed' && (item.closedOn === null || !/^\d{4}-\d{2}-\d{2}$/.test(item.closedOn))) return t.badClosedOn;
  return null;
}

export interface RiskSummary {
  total: number;
  closed: number;
  open: number;
  overdue: number;
}

export function riskSummary(items: readonly RiskItem[], today: string): RiskSummary {
  const live = liveRisks(items);
  const closed = live.filter((i) => i.status === 'closed').length;
  return { total: live.length, closed, open: live.length - closed, overdue: live.filter((i) => isOverdue(i, today)).length };
}
