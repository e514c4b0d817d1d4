import { Progress as Bar, Spin } from 'antd';

/**
 * A progress bar with its words, for work that takes more than a moment (many files, many meetings).
 * With no total yet (a file being read) it turns without a bar: a bar stuck at 0 would look stalled.
 */
export function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div className="progress" role="status" data-testid="work-progress">
      {total > 0 ? <Bar percent={Math.min(100, Math.round((done / total) * 100))} showInfo={false} aria-label={label} /> : <Spin size="small" />}
      <span>{label}</span>
    </div>
  );
}
