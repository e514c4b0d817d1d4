/** Dates as they are written on paper here: 2026年11月28日, and with a time 2026年11月28日 10:05. */

/** YYYY-MM-DD → 2026年11月28日; anything else is printed as it came. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!match) return day;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/**
 * An ISO timestamp → 2026年11月28日 10:05 in the machine's time zone (the team's own). Text that is
 * not a timestamp (older exports stored the time already worded) is printed as it came.
 */
export function formatMoment(moment: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(moment)) return moment;
  const at = new Date(moment);
  if (Number.isNaN(at.getTime())) return moment;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}年${at.getMonth() + 1}月${at.getDate()}日 ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
