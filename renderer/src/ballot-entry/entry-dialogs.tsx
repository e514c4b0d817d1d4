/**
 * The small keyboard dialogs of the tally screen: a reason chosen by digit (whole ballot invalid,
 * or a ballot deleted), a one-line prompt (a ballot number to jump to, a name written in — the
 * only place an input method is used while counting), and the over-entry question.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { toHalfWidthDigits } from '../../../shared/format/text';
import { zh } from '../../../shared/messages/zh-CN';

export function ReasonDialog({
  title,
  reasons,
  onChoose,
  onCancel,
  testId,
}: {
  title: string;
  reasons: readonly string[];
  onChoose: (reason: string) => void;
  onCancel: () => void;
  testId: string;
}) {
  const t = zh.ui.invalidDialog;
  const [typing, setTyping] = useState(false);
  const [other, setOther] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (typing ? input.current : panel.current)?.focus();
  }, [typing]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      if (typing) setTyping(false);
      else onCancel();
      return;
    }
    if (typing) {
      if (event.key === 'Enter') {
        event.preventDefault();
        const reason = other.trim();
        if (reason !== '') onChoose(reason);
      }
      return;
    }
    const digit = Number(toHalfWidthDigits(event.key));
    if (Number.isInteger(digit) && digit >= 1 && digit <= reasons.length) {
      event.preventDefault();
      onChoose(reasons[digit - 1]!);
    } else if (digit === reasons.length + 1) {
      event.preventDefault();
      setTyping(true);
    }
  };

  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-label={title} ref={panel} tabIndex={-1} onKeyDown={onKeyDown} data-testid={testId}>
      <h2>{title}</h2>
      <ol className="reason-list">
        {reasons.map((reason, i) => (
          <li key={reason}>
            <button type="button" onClick={() => onChoose(reason)}>
              <kbd>{i + 1}</kbd> {reason}
            </button>
          </li>
        ))}
        <li>
          <button type="button" onClick={() => setTyping(true)}>
            <kbd>{reasons.length + 1}</kbd> {t.other}
          </button>
        </li>
      </ol>
      {typing ? (
        <label>
          {t.otherLabel}
          <input ref={input} value={other} onChange={(e) => setOther(e.target.value)} maxLength={100} />
        </label>
      ) : null}
      <p className="muted">{t.hint}</p>
    </div>
  );
}

/** A one-line prompt: Enter submits (unless an input method is composing), Escape cancels. */
export function PromptDialog({
  title,
  label,
  hint,
  inputMode,
  onSubmit,
  onCancel,
  onEmptyBackspace,
  testId,
  children,
}: {
  title: string;
  label: string;
  hint: string;
  inputMode?: 'numeric' | 'text';
  onSubmit: (value: string) => string | null;
  onCancel: () => void;
  onEmptyBackspace?: () => void;
  testId: string;
  children?: React.ReactNode;
}) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const found = onSubmit(value);
      setProblem(found);
      if (found === null) setValue('');
    } else if (event.key === 'Backspace' && value === '' && onEmptyBackspace) {
      event.preventDefault();
      onEmptyBackspace();
    }
  };

  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      {children}
      <label>
        {label}
        <input ref={input} value={value} inputMode={inputMode} onChange={(e) => setValue(e.target.value)} onKeyDown={onKeyDown} maxLength={60} />
      </label>
      {problem ? <p className="dialog-problem">{problem}</p> : null}
      <p className="muted">{hint}</p>
    </div>
  );
}

/**
 * A new ballot beyond the returned count. Focus starts on 不保存 so that the next key of a fast
 * clerk (Enter, Space) cannot save the extra ballot: saving it takes Tab to the other button, or a click.
 */
export function OverEntryDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onCancel,
  onCorrectCounts,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  onCorrectCounts: () => void;
}) {
  const h = zh.meetingHall;
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <div className="dialog" role="alertdialog" aria-modal="true" aria-label={title} onKeyDown={onKeyDown} data-testid="over-entry-dialog">
      <h2>{title}</h2>
      <p>{body}</p>
      <div className="dialog-actions">
        <button type="button" ref={cancel} className="primary" onClick={onCancel} data-testid="over-entry-cancel">
          {h.overCancel} <kbd>Esc</kbd>
        </button>{' '}
        <button type="button" onClick={onCorrectCounts} data-testid="over-entry-counts">
          {h.overCorrectCounts}
        </button>{' '}
        <button type="button" onClick={onConfirm} data-testid="over-entry-confirm">
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
