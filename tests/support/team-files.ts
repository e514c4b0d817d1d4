/**
 * Generated team work, as one assessment team's laptop would hold it: a workbook for a village,
 * an evaluation meeting and a recommendation meeting with their ballots and a chained audit log.
 * Deterministic for a seed, for tests and for the merge benchmark.
 */
import type { TransferContent } from '../../shared/contract/workbook-file';
import { AUDIT_GENESIS, auditEntryHash } from '../../shared/domain/audit-chain';
import { BLANK } from '../../shared/domain/ballot';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '明芳建国丽华强军伟敏静磊洋艳勇杰娟涛超秀霞平刚桂英文斌辉红玉兰春梅海波宁晨婷飞鹏';

export interface TeamOptions {
  team: number;
  township: string;
  people: number;
  ballots: number;
  device?: string;
}

export function teamContent(options: TeamOptions): TransferContent {
  const next = random(options.team * 7919 + 17);
  const device = options.device ?? `dev${String(options.team).padStart(3, '0')}`;
  const workbookId = `wb-${options.team}`;
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 8, minute % 60, Math.floor(minute / 60) % 60)).toISOString();
  const people = Array.from({ length: options.people }, (_, i) => ({
    id: `p-${options.team}-${i}`,
    name: `${SURNAMES[Math.floor(next() * SURNAMES.length)]}${GIVEN[Math.floor(next() * GIVEN.length)]}${i}`,
    currentPost: '村委会委员',
    proposedPost: i === 0 ? '村党组织书记' : '村委会委员',
  }));
  const candidates = people.map((p) => ({ personId: p.id, name: p.name, currentPost: p.currentPost, proposedPost: p.proposedPost }));
  const counts = { expected: options.ballots + 5, present: options.ballots, issued: options.ballots, returned: options.ballots };
  const meeting = (id: string, title: string, form: ReturnType<typeof presetForm>) => ({
    id,
    workbookId,
    title,
    date: '2026-11-20',
    formSourceId: form.id,
    form,
    candidates,
    counts,
    quorum: DEFAULT_QUORUM,
    groups: null,
    doubleEntry: false,
    announce: 'open' as const,
    finalized: null,
    writeInAliases: [],
    createdAt: at(1),
    updatedAt: at(2),
  });
  const evaluation = meeting(`m-${options.team}-eval`, '民主测评大会', presetForm('evaluation-4'));
  const recommend = meeting(`m-${options.team}-rec`, '民主推荐大会', presetForm('recommend', { maxSelections: 3 }));
  let seq = 0;
  const ballots: TransferContent['ballots'] = [];
  for (const m of [evaluation, recommend]) {
    for (let n = 1; n <= options.ballots; n++) {
      seq++;
      const marks = people.map(() => (m === evaluation ? (next() < 0.05 ? BLANK : Math.floor(next() * 4)) : next() < 3 / options.people ? 0 : BLANK));
      ballots.push({
        id: `${workbookId}:${device}:${seq}`,
        workbookId,
        meetingId: m.id,
        deviceId: device,
        seq,
        enteredAt: at(seq),
        pass: 1,
        supersedes: null,
        deleted: false,
        note: null,
        number: n,
        invalidReason: m === recommend && marks.filter((x) => x === 0).length > 3 ? '所选 4 人，超过规定的 3 人' : null,
        marks,
        writeIns: [],
        group: null,
      });
    }
  }
  const audit: TransferContent['audit'] = [];
  let prevHash = AUDIT_GENESIS;
  for (const [i, detail] of ['建立工作簿', '建立会议：民主测评大会', '建立会议：民主推荐大会'].entries()) {
    const fields = { seq: i + 1, workbookId, meetingId: null, ballotId: null, action: i === 0 ? ('workbook-created' as const) : ('meeting-created' as const), at: at(i), deviceId: device, detail };
    const hash = auditEntryHash(fields, prevHash);
    audit.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return {
    workbooks: [{ id: workbookId, teamName: `第${options.team}考察组`, teamMembers: ['王明', '李华'], township: options.township, unit: `第${options.team}村`, candidates: people, createdAt: at(0), updatedAt: at(3) }],
    meetings: [evaluation, recommend],
    ballots,
    resolutions: [],
    forms: [],
    audit,
    plans: [],
    interviews: [],
    reviews: [],
    risks: [],
    conclusions: [],
  };
}

/** One team's file holding one meeting given whole (an example's ballots, say). */
export function meetingTeamContent(options: {
  team: number;
  township: string;
  unit: string;
  form: ReturnType<typeof presetForm>;
  candidates: readonly string[];
  counts: { expected: number; present: number; issued: number; returned: number };
  ballots: readonly { number: number; invalidReason: string | null; marks: number[]; writeIns: { question: number; name: string }[] }[];
}): TransferContent {
  const workbookId = `wb-example-${options.team}`;
  const device = `ex${String(options.team).padStart(3, '0')}`;
  const at = new Date(Date.UTC(2026, 10, 21, 9)).toISOString();
  const people = options.candidates.map((name, i) => ({ id: `p-ex-${options.team}-${i}`, name, currentPost: '村委会委员', proposedPost: '村委会主任', gender: i % 2 ? '女' : '男' }));
  const meetingId = `m-example-${options.team}`;
  return {
    workbooks: [{ id: workbookId, teamName: `第${options.team}考察组`, teamMembers: [], township: options.township, unit: options.unit, candidates: people, createdAt: at, updatedAt: at }],
    meetings: [
      {
        id: meetingId,
        workbookId,
        title: options.form.kind === 'recommend' ? '民主推荐大会' : '民主测评大会',
        date: '2026-11-21',
        formSourceId: options.form.id,
        form: options.form,
        candidates: people.map((p) => ({ personId: p.id, name: p.name, currentPost: p.currentPost, proposedPost: p.proposedPost })),
        counts: options.counts,
        quorum: DEFAULT_QUORUM,
        groups: null,
        doubleEntry: false,
        announce: 'open',
        finalized: { at, doubleEntryWaived: '只有一名工作人员' },
        writeInAliases: [],
        createdAt: at,
        updatedAt: at,
      },
    ],
    ballots: options.ballots.map((ballot, i) => ({
      ...ballot,
      group: null,
      id: `${workbookId}:${device}:${i + 1}`,
      workbookId,
      meetingId,
      deviceId: device,
      seq: i + 1,
      enteredAt: at,
      pass: 1,
      supersedes: null,
      deleted: false,
      note: null,
    })),
    resolutions: [],
    forms: [],
    audit: [],
    plans: [],
    interviews: [],
    reviews: [],
    risks: [],
    conclusions: [],
  };
}
