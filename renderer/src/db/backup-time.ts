/** How the header words when the last backup was made. */
import { zh } from '../../../shared/messages/zh-CN';

/** A time of today as 18:03:07; an earlier one with its date, as 12月1日 18:03. */
export function backupTimeText(at: string, now = new Date()): string {
  const when = new Date(at);
  const sameDay = when.getFullYear() === now.getFullYear() && when.getMonth() === now.getMonth() && when.getDate() === now.getDate();
  return sameDay
    ? when.toLocaleTimeString('zh-CN', { hour12: false })
    : zh.statusViews.backup.earlierDay(when.getMonth() + 1, when.getDate(), when.toLocaleTimeString('zh-CN', { hour12: false, hour: '2-digit', minute: '2-digit' }));
}
