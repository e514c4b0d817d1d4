/**
 * One choice among a few, made with one key like a ballot mark: 1…9 pick an option, the arrow keys
 * step through them, 0 or Backspace clears (when clearing is allowed). The options are also buttons
 * for the mouse. Keys are ignored while an input method is composing. The group is one stop for Tab
 * (the keys go to it, not to a button), so the buttons are the library's but stay out of the tab order.
 */
import type { KeyboardEvent } from 'react';
import { Button } from 'antd';

export interface KeyChoiceOption<T extends string> {
  value: T;
  label: string;
}

export function KeyChoice<T extends string>({
  label,
  options,
  value,
  onChange,
  clearable = false,
  testId,
  autoFocus,
}: {
  label: string;
  options: readonly KeyChoiceOption<T>[];
  value: T | null;
  onChange: (value: T | null) => void;
  clearable?: boolean;
  testId?: string;
  autoFocus?: boolean;
}) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.nativeEvent.isComposing || event.keyCode === 229 || event.ctrlKey || event.altKey || event.metaKey) return;
    const digit = '１２３４５６７８９'.indexOf(event.key) >= 0 ? '１２３４５６７８９'.indexOf(event.key) + 1 : Number.parseInt(event.key, 10);
    const index = options.findIndex((o) => o.value === value);
    if (Number.isInteger(digit) && digit >= 1 && digit <= options.length) {
      event.preventDefault();
      onChange(options[digit - 1]!.value);
    } else if ((event.key === '0' || event.key === '０' || event.key === 'Backspace' || event.key === 'Delete') && clearable) {
      event.preventDefault();
      onChange(null);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      event.preventDefault();
      onChange(options[(index + 1) % options.length]!.value);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      event.preventDefault();
      onChange(options[(index - 1 + options.length) % options.length]!.value);
    }
  }
  return (
    <div className="key-choice" role="radiogroup" aria-label={label} tabIndex={0} onKeyDown={onKeyDown} data-testid={testId} data-value={value ?? ''} autoFocus={autoFocus}>
      {options.map((option, i) => (
        <Button
          key={option.value}
          size="small"
          type={option.value === value ? 'primary' : 'default'}
          role="radio"
          aria-checked={option.value === value}
          tabIndex={-1}
          className={option.value === value ? 'chosen' : ''}
          onClick={() => onChange(option.value)}
        >
          {options.length <= 9 ? <kbd>{i + 1}</kbd> : null}
          {option.label}
        </Button>
      ))}
    </div>
  );
}
