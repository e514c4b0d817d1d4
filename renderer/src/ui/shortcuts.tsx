/**
 * Keyboard set-up shared by every screen: single-key shortcuts for a page's buttons (shown on the
 * button as <kbd>), which never fire while the user types into a field or an input method
 * composes, and Ctrl+Enter that saves a form from any of its fields.
 */
import { useEffect, useRef } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** A key (as `event.key`, compared case-insensitively for letters) and what it does. */
export type Shortcuts = Record<string, () => void>;

/** Inputs that take no text: a letter pressed on a checkbox is still a shortcut. */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'range']);

/** True when the key goes to something the user types into, where a letter is text, not a command. */
export function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  // A key choice (1/2/3 on a radio group) takes single keys as its own.
  return target.isContentEditable || target.closest('textarea, select, [contenteditable="true"], [role="radiogroup"]') !== null;
}

/**
 * Single-key shortcuts while this screen is shown. Skipped with Ctrl / Alt / Meta held (those are
 * the browser's and Ctrl+Enter's), while composing, when typing into a field (letters and digits;
 * function keys still work there), and when another handler has already taken the key.
 */
export function useShortcuts(shortcuts: Shortcuts, enabled = true): void {
  // The latest handlers without re-registering the listener on every render.
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.keyCode === 229) return;
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      // A function key (F9) types no text, so it works from inside a field too.
      if (!/^F\d+$/.test(event.key) && typingInto(event.target)) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const action = Object.entries(current.current).find(([k]) => (k.length === 1 ? k.toLowerCase() : k) === key)?.[1];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** The key after a button's label, as the home page's 新建工作簿 <kbd>N</kbd> shows it: a shortcut at a glance. */
export function KeyHint({ keyName }: { keyName: string }) {
  return (
    <>
      {' '}
      <kbd>{keyName}</kbd>
    </>
  );
}

/**
 * For a <form onSubmit>, as its onKeyDownCapture: Ctrl+Enter (or ⌘+Enter) in any field submits it
 * through its own submit path (validation included). Capture, so that a field's own Enter handling
 * (Enter in the last row adds a row) never sees it.
 */
export function submitOnCtrlEnter(event: ReactKeyboardEvent<HTMLFormElement>): void {
  if (!(event.ctrlKey || event.metaKey) || event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  event.preventDefault();
  event.stopPropagation();
  event.currentTarget.requestSubmit();
}
