/**
 * The 选票数据 sheet of 200,000 ballots is laid out whole: no array of that size is spread as
 * arguments anywhere on the way (that overflowed the stack from about 125,000 rows).
 */
import { describe, expect, it } from 'vitest';
import type { MeetingExport } from '../contract/meeting-export';
import { presetForm } from '../domain/forms';
import { DEFAULT_QUORUM } from '../domain/meeting';
import type { LayoutWords } from './layout';
import { layoutSheet } from './layout';
import { ballotDataSheet, outcomeOfExport } from './meeting-report';

const words: LayoutWords = { sign: (r) => `${r}（签名）：`, date: '日期：____年__月__日', seal: '（盖章）', continued: (c, p, n) => `${c}（续 ${p}/${n}）` };

describe('a meeting of 200,000 ballots', () => {
  it('lays out its ballot data sheet with every ballot on it', () => {
    const count = 200_000;
    const input: MeetingExport = {
      township: '大同镇',
      unit: '红星村',
      teamName: '第三考察组',
      meetingTitle: '民主测评大会',
      meetingDate: '2026-11-28',
      form: presetForm('approval-3'),
      candidates: [{ name: '张明', currentPost: '', proposedPost: '' }],
      counts: { expected: count, present: count, issued: count, returned: count },
      quorum: DEFAULT_QUORUM,
      ballots: Array.from({ length: count }, (_, i) => ({ number: i + 1, invalidReason: null, marks: [i % 3], writeIns: [] })),
    };
    const outcome = outcomeOfExport(input);
    expect(outcome.status).toBe('valid');
    expect(outcome.result.candidates[0]!.questions[0]!.counts).toMatchObject({ 赞成: 66_667, 不赞成: 66_667, 弃权: 66_666 });
    const laid = layoutSheet(ballotDataSheet(input, outcome, '选票数据'), words);
    const dataRows = laid.pages.flat().filter((row) => !row.header && row.cells[0]?.role === 'td');
    expect(dataRows.length).toBeGreaterThanOrEqual(count);
  });
});
