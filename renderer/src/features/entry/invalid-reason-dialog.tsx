/** "/" on the tally screen: the whole ballot is invalid; a digit picks the reason, or type another. */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { toHalfWidthDigits } from '../../../../shared/format/text';
import { zh } from '../../../../shared/messages/zh-CN';

const t = zh.ui.invalidDialog;

export function InvalidReasonDialog({ onChoose, onCancel }: { onChoose: (reason: string) => void; onCancel: () => void }) {
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
    if (Number.isInteger(digit) && digit >= 1 && digit <= t.reasons.length) {
      event.preventDefault();
      onChoose(t.reasons[digit - 1]!);
    } else if (digit === t.reasons.length + 1) {
      event.preventDefault();
      setTyping(true);
    }
  };

  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="invalid-dialog-title" ref={panel} tabIndex={-1} onKeyDown={onKeyDown} data-testid="invalid-dialog">
      <h2 id="invalid-dialog-title">{t.title}</h2>
      <ol className="reason-list">
        {t.reasons.map((reason, i) => (
          <li key={reason}>
            <button type="button" onClick={() => onChoose(reason)}>
              <kbd>{i + 1}</kbd> {reason}
            </button>
          </li>
        ))}
        <li>
          <button type="button" onClick={() => setTyping(true)}>
            <kbd>{t.reasons.length + 1}</kbd> {t.other}
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
