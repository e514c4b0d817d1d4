/** The keys of every record editor: Ctrl+Enter saves, Esc leaves without saving (not while an input method composes). */
import type { KeyboardEvent } from 'react';

export function editorKeys(save: () => void, cancel?: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (cancel && event.key === 'Escape' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      cancel();
    }
  };
}
