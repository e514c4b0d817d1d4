/**
 * Deleting a record asks first, in the library's dialog (not window.confirm, the browser's own box outside the app's look):
 * 删除 in red, focus on 取消, so an Enter right after the click keeps the record.
 */
import { App as ComponentApp } from 'antd';
import { zh } from '../../../shared/messages/zh-CN';

export function useConfirmRemoval(): (question: string, removeLabel: string, remove: () => Promise<void>) => void {
  const { modal } = ComponentApp.useApp();
  return (question, removeLabel, remove) => {
    void modal.confirm({ title: question, okText: removeLabel, okButtonProps: { danger: true }, autoFocusButton: 'cancel', cancelText: zh.ui.cancel, onOk: remove });
  };
}
