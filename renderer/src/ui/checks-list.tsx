import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { CheckResult } from '../../../shared/domain/tally';
import type { MeetingStatus, MeetingTotals } from '../../../shared/domain/meeting';
import { statusWording } from '../../../shared/domain/meeting';
import { zh } from '../../../shared/messages/zh-CN';

/**
 * The meeting checks of docs/architecture.md, each with its own message, marked with the same icons
 * as the messages (layout.tsx Notice): passed, failed (an error), or to look at (a warning).
 */
export function ChecksList({ checks }: { checks: readonly CheckResult[] }) {
  return (
    <ul className="checks" aria-label={zh.ui.checks.title}>
      {checks.map((check) => (
        <li key={check.id} data-check={check.id} data-ok={check.ok} className={check.ok ? 'check-ok' : `check-${check.severity}`}>
          <span className="check-icon" aria-hidden="true">
            {check.ok ? <CheckCircleFilled /> : check.severity === 'error' ? <CloseCircleFilled /> : <ExclamationCircleFilled />}
          </span>
          {check.message}
        </li>
      ))}
    </ul>
  );
}

/** The status as worded: with the totals, more ballots entered than returned reads as the error it is. */
export function StatusBadge({ status, totals }: { status: MeetingStatus; totals?: Pick<MeetingTotals, 'entered' | 'returned'> }) {
  const wording = totals ? statusWording(status, totals) : status;
  // Coloured by the wording: over-entered is an error (as void is), not the wait of 未录完.
  return (
    <span className={`status status-${wording}`} data-testid="meeting-status" data-status={status}>
      {zh.statusName[wording]}
    </span>
  );
}
