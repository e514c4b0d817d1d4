/** Dates and moments in records and files, checked against the calendar and the clock, not only their shape. */
import { z } from 'zod';

/** A real day of the calendar as YYYY-MM-DD: 2026-13-45 or 2026-02-30 is refused. */
export function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A moment as `Date.toISOString` writes it (or with an offset), on a real day and a real time. */
export function isInstant(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!match || !isCalendarDay(match[1]!)) return false;
  const [h, m, s] = [Number(match[2]), Number(match[3]), Number(match[4])];
  const offsetOk = match[5] === undefined || (Number(match[5]) <= 14 && Number(match[6]) < 60);
  return h < 24 && m < 60 && s < 60 && offsetOk;
}

export const calendarDaySchema = () => z.string().refine(isCalendarDay, { message: 'date' });
export const instantSchema = () => z.string().max(40).refine(isInstant, { message: 'time' });


/** When a record edited in place was made and last changed: merge keeps the later edit. */
export const editStamps = () => ({ createdAt: instantSchema(), updatedAt: instantSchema() });
