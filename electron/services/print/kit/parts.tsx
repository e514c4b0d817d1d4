/**
 * The parts print-outs are made of. Each one holds together what a reader must see together:
 * a sheet and its header, a label and the line to sign on, a box and the word it ticks.
 */
import type { ReactElement, ReactNode } from 'react';
import { mm } from './layout';

export interface PageProps {
  /**
   * Printed at the top of the sheet. It sits in a table header, which Chromium repeats at the top of
   * every physical page the sheet runs onto: if the content ever overflows one A4 page, the title,
   * the ballot number box and the like still head the next one.
   */
  header?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** One sheet: starts a new page after itself (but not after the last one). */
export function Page({ header, children, className }: PageProps): ReactElement {
  return (
    <section className={className ? `pk-page ${className}` : 'pk-page'}>
      <table className="pk-frame">
        {header === undefined ? null : (
          <thead>
            <tr>
              <td>{header}</td>
            </tr>
          </thead>
        )}
        <tbody>
          <tr>
            <td>{children}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** The sheet's title, centred, in 黑体 18 pt. */
export function Title({ children }: { children: ReactNode }): ReactElement {
  return <h1 className="pk-title">{children}</h1>;
}

/** Never broken across pages (a candidate's rows, a write-in box, a signature block). */
export function Keep({ children, withPrevious = false }: { children: ReactNode; withPrevious?: boolean }): ReactElement {
  return <div className={withPrevious ? 'pk-keep-with-previous' : 'pk-keep'}>{children}</div>;
}

export interface SignatureLineProps {
  /** The label as printed, with its colon: 计票人（签名）： */
  label: string;
  /** Length of the line to sign on. */
  ruleMm?: number;
}

/**
 * A label and the line to sign on: one unbreakable inline box, so a line break can fall before or
 * after it but never between the label and its rule.
 */
export function SignatureLine({ label, ruleMm = 40 }: SignatureLineProps): ReactElement {
  return (
    <span className="pk-sign">
      <span>{label}</span>
      <span className="pk-rule" style={{ width: mm(ruleMm) }} />
    </span>
  );
}

export interface DateLineProps {
  /** The label, with its colon: 日期： */
  label: string;
  /** The words after the year, month and day blanks: 年, 月, 日. */
  units: readonly [string, string, string];
}

/** 日期：____年___月___日, unbreakable like a SignatureLine. */
export function DateLine({ label, units }: DateLineProps): ReactElement {
  return (
    <span className="pk-sign">
      <span>{label}</span>
      <span className="pk-rule" style={{ width: mm(16) }} />
      <span>{units[0]}</span>
      <span className="pk-rule" style={{ width: mm(9) }} />
      <span>{units[1]}</span>
      <span className="pk-rule" style={{ width: mm(9) }} />
      <span>{units[2]}</span>
    </span>
  );
}

/** Signature and date lines side by side, wrapping as whole lines when the row is full. */
export function Signatures({ children }: { children: ReactNode }): ReactElement {
  return <div className="pk-signatures">{children}</div>;
}

export interface CheckboxProps {
  /** The word the box ticks; none for a bare box in a table cell that its column heads. */
  label?: string;
}

/**
 * A box to tick (□, 1.3 em) and its word, as one unbreakable inline box: the word never wraps away
 * from its box. Several in a row are spaced by 1 em; inside `Checkboxes stacked` one stands per line.
 */
export function Checkbox({ label }: CheckboxProps): ReactElement {
  return (
    <span className="pk-check">
      <span className="pk-box">□</span>
      {label}
    </span>
  );
}

/** A group of checkboxes: in a row (wrapping between boxes, never inside one), or one per line. */
export function Checkboxes({ labels, stacked = false }: { labels: readonly string[]; stacked?: boolean }): ReactElement {
  return (
    <span className={stacked ? 'pk-checks-stacked' : 'pk-checks'} style={stacked ? { display: 'block' } : undefined}>
      {labels.map((label, i) => (
        <Checkbox key={i} label={label} />
      ))}
    </span>
  );
}
