/**
 * What every record editor (interviews, joint review, risks, plan, judgement) shares: Ctrl+Enter
 * saves, Esc leaves without saving (not while an input method composes), and the two buttons.
 */
import type { KeyboardEvent } from 'react';
import { Button, Space } from 'antd';
import { zh } from '../../../shared/messages/zh-CN';
import { KeyHint } from './shortcuts';

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

export function EditorButtons({ saveLabel, onSave, onCancel, saveTestId }: { saveLabel: string; onSave: () => void; onCancel: () => void; saveTestId: string }) {
  return (
    <Space className="editor-buttons">
      <Button type="primary" onClick={onSave} data-testid={saveTestId}>
        {saveLabel}
        <KeyHint keyName={zh.setupKeys.saveKey} />
      </Button>
      <Button onClick={onCancel}>
        {zh.ui.cancel}
        <KeyHint keyName="Esc" />
      </Button>
    </Space>
  );
}
