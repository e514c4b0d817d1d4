/** Invariants of docs/domain.md, on generated meetings (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BallotRecord } from './ballot';
import { BLANK, VOID, overSelectionReason } from './ballot';
import { ballotsToGrid, parseBallotGrid } from './ballot-grid';
import { ballotFingerprint } from './fingerprint';
import type { BallotForm, PresetId } from './forms';
import { ABSTAIN_LABEL, VOID_LABEL, presetForm } from './forms';
import { DEFAULT_QUORUM } from './meeting';
import { tally } from './tally';
import { zh } from '../messages/zh-CN';

const presets: PresetId[] = ['evaluation-4', 'satisfaction-3', 'approval-3', 'recommend', 'dimensions-5'];

/** A form, a candidate list and a set of ballots that belong to them. */
const meetingArbitrary = fc
  .record({
    preset: fc.constantFrom(...presets),
    candidateCount: fc.integer({ min: 1, max: 8 }),
    maxSelections: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ preset, candidateCount, maxSelections }) => {
    const form = presetForm(preset, { maxSelections });
    const markFor = (q: number) => fc.oneof(fc.constant(BLANK), fc.constant(VOID), fc.integer({ min: 0, max: form.questions[q]!.options.length - 1 }));
    const marks = fc.tuple(...Array.from({ length: candidateCount * form.questions.length }, (_, i) => markFor(i % form.questions.length)));
    const ballotBody = fc.record({
      marks,
      invalid: fc.option(fc.constantFrom('无法辨认', '有其他标记'), { freq: 5 }),
      writeIns: form.kind === 'recommend' ? fc.uniqueArray(fc.constantFrom('赵一', '钱二', '孙三'), { maxLength: 2 }) : fc.constant<string[]>([]),
    });
    return fc.record({
      form: fc.constant(form),
      candidates: fc.constant(Array.from({ length: candidateCount }, (_, i) => `候选人${i + 1}`)),
      bodies: fc.array(ballotBody, { maxLength: 60 }),
      extraIssued: fc.integer({ min: -3, max: 3 }),
    });
  })
  .map(({ form, candidates, bodies, extraIssued }) => {
    const ballots: BallotRecord[] = bodies.map((b, i) => ({
      number: i + 1,
      marks: [...b.marks],
      invalidReason: b.invalid ?? null,
      writeIns: (b.writeIns as string[]).map((name) => ({ question: 0, name })),
    }));
    const returned = ballots.length;
    const issued = Math.max(0, returned + extraIssued);
    return { form, candidates, ballots, counts: { expected: issued + 2, present: issued, issued, returned } };
  });

function optionTotal(counts: Record<string, number>): number {
  return Object.entries(counts)
    .filter(([k]) => k !== ABSTAIN_LABEL && k !== VOID_LABEL)
    .reduce((sum, [, n]) => sum + n, 0);
}

describe('tally invariants', () => {
  it('per item: options + 弃权 + 无效 = valid ballots; valid + invalid = entered', () => {
    fc.assert(
      fc.property(meetingArbitrary, ({ form, candidates, ballots, counts }) => {
        const result = tally({ form, candidates, counts, quorum: DEFAULT_QUORUM, ballots });
        const validBallots = ballots.filter((b) => b.invalidReason === null).length;
        expect(result.meeting.valid).toBe(validBallots);
        expect(result.meeting.valid + result.meeting.invalid).toBe(result.meeting.entered);
        for (const candidate of result.candidates) {
          for (const question of candidate.questions) {
            expect(optionTotal(question.counts) + question.blank + question.void).toBe(result.meeting.valid);
            // No candidate can hold more votes than there are valid ballots.
            for (const n of Object.values(question.counts)) expect(n).toBeLessThanOrEqual(result.meeting.valid);
          }
        }
        expect(result.checks.find((c) => c.id === 'item-totals')!.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('status is void exactly when returned > issued or the quorum fails', () => {
    fc.assert(
      fc.property(meetingArbitrary, ({ form, candidates, ballots, counts }) => {
        const result = tally({ form, candidates, counts, quorum: DEFAULT_QUORUM, ballots });
        const quorumMet = counts.present * 3 >= counts.expected * 2;
        const isVoid = counts.returned > counts.issued || !quorumMet;
        expect(result.status === 'void').toBe(isVoid);
        if (!isVoid) expect(result.status).toBe(result.meeting.entered === counts.returned ? 'valid' : 'incomplete');
      }),
      { numRuns: 200 },
    );
  });

  it('rates are numerator over their stated base, exactly', () => {
    fc.assert(
      fc.property(meetingArbitrary, ({ form, candidates, ballots, counts }) => {
        const result = tally({ form, candidates, counts, quorum: DEFAULT_QUORUM, ballots });
        for (const candidate of result.candidates) {
          for (const rate of candidate.rates) {
            const base = result.meeting[rate.base];
            expect(rate.denominator).toBe(base);
            expect(rate.value).toBe(base > 0 ? rate.numerator / base : null);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('recommendation ranks: 1 + the number of candidates with strictly more votes', () => {
    fc.assert(
      fc.property(meetingArbitrary, ({ form, candidates, ballots, counts }) => {
        fc.pre(form.kind === 'recommend');
        const result = tally({ form, candidates, counts, quorum: DEFAULT_QUORUM, ballots });
        const votes = result.candidates.map((c) => c.questions[0]!.counts['得票']!);
        result.candidates.forEach((c, i) => expect(c.rank).toBe(1 + votes.filter((v) => v > votes[i]!).length));
      }),
      { numRuns: 100 },
    );
  });

  it('the fingerprint ignores ballot order and changes with any single mark of a valid ballot', () => {
    fc.assert(
      fc.property(meetingArbitrary, fc.nat(), ({ form, candidates, ballots }, pick) => {
        const validIndexes = ballots.flatMap((b, i) => (b.invalidReason === null ? [i] : []));
        fc.pre(validIndexes.length > 0);
        const base = ballotFingerprint(form, candidates, ballots);
        expect(ballotFingerprint(form, candidates, [...ballots].reverse())).toBe(base);
        const targetIndex = validIndexes[pick % validIndexes.length]!;
        const target = ballots[targetIndex]!;
        const item = pick % target.marks.length;
        const changed = structuredClone(ballots);
        const question = form.questions[item % form.questions.length]!;
        const old = target.marks[item]!;
        const alternatives = [BLANK, VOID, ...question.options.map((_, i) => i)].filter((m) => m !== old);
        changed[targetIndex]!.marks[item] = alternatives[pick % alternatives.length]!;
        expect(ballotFingerprint(form, candidates, changed)).not.toBe(base);
        // A changed reason, or a ballot turned invalid, changes it too; an invalid ballot's marks do not.
        const invalidated = structuredClone(ballots);
        invalidated[targetIndex]!.invalidReason = '无法辨认';
        expect(ballotFingerprint(form, candidates, invalidated)).not.toBe(base);
        const remarked = structuredClone(invalidated);
        remarked[targetIndex]!.marks[item] = alternatives[(pick + 1) % alternatives.length]!;
        expect(ballotFingerprint(form, candidates, remarked)).toBe(ballotFingerprint(form, candidates, invalidated));
      }),
      { numRuns: 200 },
    );
  });
});

describe('recommendation grids', () => {
  it('a valid ballot never holds more than N persons; more makes the whole ballot invalid', () => {
    const names = ['甲', '乙', '丙', '丁', '戊'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.array(fc.constantFrom('', '√', '○', '1', '0', '１'), { minLength: 5, maxLength: 5 }), fc.constantFrom('', '赵一', '甲')), {
          minLength: 1,
          maxLength: 30,
        }),
        (max, rows) => {
          const form: BallotForm = presetForm('recommend', { maxSelections: max });
          const grid = {
            source: 'generated.csv',
            sheet: null,
            rows: [
              { rowNumber: 1, cells: ['票号', ...names, '另推他人'] },
              ...rows.map(([cells, writeIn], i) => ({ rowNumber: i + 2, cells: [String(i + 1), ...cells, writeIn] })),
            ],
          };
          const parsed = parseBallotGrid(grid, form);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          parsed.value.ballots.forEach((b, i) => {
            const [cells, writeIn] = rows[i]!;
            expect(b.writeIns.every((w) => w.question === 0)).toBe(true);
            const ticked = new Set(cells.flatMap((c, j) => (['√', '○', '1', '１'].includes(c) ? [names[j]] : [])));
            if (writeIn !== '') ticked.add(writeIn);
            const chosen = b.marks.filter((m) => m === 0).length + b.writeIns.length;
            expect(chosen).toBe(ticked.size);
            expect(b.invalidReason === null).toBe(ticked.size <= max);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the ballot-data grid', () => {
  it('reads back as the same ballots: one fingerprint whichever way they travel', () => {
    fc.assert(
      fc.property(meetingArbitrary, ({ form, candidates, ballots }) => {
        // Only ballots a form can hold: single-post recommendation ballots over the maximum are invalid.
        const stored = ballots.map((b) => ({ ...b, invalidReason: b.invalidReason ?? overSelectionReason(form, b) }));
        const rows = ballotsToGrid(form, candidates, stored);
        const grid = { source: 'data.xlsx', sheet: '选票数据', rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map(String) })) };
        const parsed = parseBallotGrid(grid, form);
        // A header with no ballots under it is no meeting, and says so, rather than a count of nobody.
        if (stored.length === 0) {
          expect(!parsed.ok && parsed.errors.map((e) => e.message)).toEqual([zh.import.noBallots]);
          return;
        }
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(ballotFingerprint(form, parsed.value.candidates, parsed.value.ballots)).toBe(ballotFingerprint(form, candidates, stored));
      }),
      { numRuns: 200 },
    );
  });
});
