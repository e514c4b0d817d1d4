/** Today on this computer's calendar, as YYYY-MM-DD (the date printed on sheets and compared with deadlines). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
