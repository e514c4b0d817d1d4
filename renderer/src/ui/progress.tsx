/** A progress bar with its words, for work that takes more than a moment (many files, many meetings). */
export function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div className="progress" role="status" data-testid="work-progress">
      <progress max={Math.max(1, total)} value={done} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
