import { describe, expect, it } from 'vitest';
import { backupTimeText } from './backup-time';

describe('the time of the last backup in the header', () => {
  it('is the time alone for a backup made today, and carries the date for an older one', () => {
    const now = new Date(2026, 11, 2, 9, 30);
    expect(backupTimeText(new Date(2026, 11, 2, 8, 5, 7).toISOString(), now)).toBe('08:05:07');
    expect(backupTimeText(new Date(2026, 11, 1, 18, 3, 0).toISOString(), now)).toBe('12月1日 18:03');
  });
});
