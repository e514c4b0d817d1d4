import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { zh } from '../../../shared/messages/zh-CN';
import type { Route } from '../router';
import { useBackupIndicator } from '../db/snapshot-writer';
import { href } from '../router';

export interface Crumb {
  label: string;
  route: Route;
}

/** Every screen: the app name, where you are, the screen's actions, then the screen. */
export function Page({ title, crumbs = [], actions, children }: { title: string; crumbs?: Crumb[]; actions?: ReactNode; children: ReactNode }) {
  return (
    <div className="page">
      <header className="page-header">
        {/* Where you are and where else to go on one line; the screen's title and its actions under them, on every screen alike. */}
        <div className="page-top">
          <nav className="crumbs" aria-label={zh.ui.nav.crumbs}>
            <a href={href({ name: 'home' })} className="app-name">
              {zh.appName}
            </a>
            {crumbs.map((crumb) => (
              <span key={href(crumb.route)}>
                <span className="crumb-separator">›</span>
                <a href={href(crumb.route)}>{crumb.label}</a>
              </span>
            ))}
          </nav>
          <nav className="app-nav" aria-label={zh.ui.nav.main}>
            <a href={href({ name: 'home' })}>{zh.ui.home.title}</a>
            <a href={href({ name: 'forms' })}>{zh.ui.forms.title}</a>
            <a href={href({ name: 'merge' })}>{zh.ui.nav.merge}</a>
            <a href={href({ name: 'rollup' })}>{zh.ui.nav.rollup}</a>
            <a href={href({ name: 'audit' })}>{zh.ui.audit.title}</a>
            <a href={href({ name: 'verify' })}>{zh.ui.verify.title}</a>
            <BackupIndicator />
          </nav>
        </div>
        <div className="page-title">
          <h1>{title}</h1>
          {actions ? <div className="page-actions">{actions}</div> : null}
        </div>
      </header>
      <main className="page-body">{children}</main>
    </div>
  );
}

/** Whether the last change is in a snapshot file yet: visible on every screen, like a saved mark. */
function BackupIndicator() {
  const { text, state } = useBackupIndicator();
  return (
    <a href={href({ name: 'snapshots' })} className={`backup-status backup-${state}`} data-testid="backup-status" title={zh.ui.snapshots.title}>
      {text}
    </a>
  );
}

/** The library's icons name themselves in English ("close-circle") to a screen reader: ours are decoration, the words say it. */
const NOTICE_ICONS = {
  error: <CloseCircleFilled aria-hidden />,
  warning: <ExclamationCircleFilled aria-hidden />,
  info: <InfoCircleFilled aria-hidden />,
  success: <CheckCircleFilled aria-hidden />,
};

/** A message in the screen's flow; only an error interrupts a screen reader (role alert), the rest are status. */
export function Notice({ kind, children }: { kind: 'error' | 'warning' | 'info' | 'success'; children: ReactNode }) {
  return <Alert type={kind} showIcon icon={NOTICE_ICONS[kind]} title={children} className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'} />;
}

export function LoadingOrError({ state, message }: { state: 'loading' | 'error'; message?: string }) {
  return state === 'loading' ? <p className="muted">{zh.ui.loading}</p> : <Notice kind="error">{message}</Notice>;
}
