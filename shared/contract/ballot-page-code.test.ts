import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { presetForm } from '../domain/forms';
import { decodePageCode, encodePageCode, formKeyOf, meetingKeyOf } from './ballot-page-code';

const meeting = { township: '城关镇', unit: '向阳村', meetingTitle: '民主测评大会', meetingDate: '2026-12-03' };
const hex12 = fc.stringMatching(/^[0-9a-f]{12}$/);

describe('the code printed on each ballot page', () => {
  it('reads back as written, for every page of every count', () => {
    fc.assert(
      fc.property(hex12, hex12, fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }), (meetingKey, formKey, a, b) => {
        const code = { meetingKey, formKey, page: Math.min(a, b), pages: Math.max(a, b) };
        expect(decodePageCode(encodePageCode(code))).toEqual(code);
      }),
    );
  });

  it('refuses what is not exactly one of ours', () => {
    const good = encodePageCode({ meetingKey: meetingKeyOf(meeting), formKey: formKeyOf(presetForm('evaluation-4'), ['甲', '乙']), page: 1, pages: 2 });
    expect(decodePageCode(good)).not.toBeNull();
    for (const bad of [
      '',
      good.replace('TD1', 'TD2'),
      good.replace(' 1/2', ' 3/2'),
      good.replace(' 1/2', ' 0/2'),
      good.replace(' 1/2', ' 01/2'),
      `${good} `,
      ` ${good}`,
      good.toUpperCase(),
      good.replace(/ /g, '\u3000'),
      'https://example.com/?TD1',
      'x'.repeat(100_000),
    ]) {
      expect(decodePageCode(bad), bad.slice(0, 40)).toBeNull();
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        fc.pre(!text.startsWith('TD1 '));
        expect(decodePageCode(text)).toBeNull();
      }),
    );
  });

  it('tells another meeting, another form and another candidate order apart', () => {
    const form = presetForm('evaluation-4');
    expect(meetingKeyOf(meeting)).toBe(meetingKeyOf({ ...meeting }));
    expect(meetingKeyOf({ ...meeting, meetingDate: '2026-12-04' })).not.toBe(meetingKeyOf(meeting));
    expect(meetingKeyOf({ ...meeting, unit: '向阳村村' })).not.toBe(meetingKeyOf(meeting));
    expect(formKeyOf(form, ['甲', '乙'])).toBe(formKeyOf(presetForm('evaluation-4'), ['甲', '乙']));
    expect(formKeyOf(form, ['乙', '甲'])).not.toBe(formKeyOf(form, ['甲', '乙']));
    expect(formKeyOf(presetForm('satisfaction-3'), ['甲', '乙'])).not.toBe(formKeyOf(form, ['甲', '乙']));
    expect(formKeyOf(form, ['甲', '乙'])).toMatch(/^[0-9a-f]{12}$/);
  });

  it('refuses to write a page beyond its count', () => {
    expect(() => encodePageCode({ meetingKey: 'a'.repeat(12), formKey: 'b'.repeat(12), page: 3, pages: 2 })).toThrow();
    expect(() => encodePageCode({ meetingKey: 'A'.repeat(12), formKey: 'b'.repeat(12), page: 1, pages: 1 })).toThrow();
  });
});
