/**
 * The frame every screen is drawn in: Ant Design set to Chinese, to the app's colours and type, and
 * to the page's style nonce. The tally screen and the projector keep their hand-tuned markup inside it;
 * the management screens (plan, interviews, review, roll-up…) use its components.
 */
import type { ReactNode } from 'react';
import { App as ComponentApp, ConfigProvider } from 'antd';
import type { ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { styleNonce } from './style-nonce';

/** The colours and type of styles.css (:root), so that the library's controls and ours look like one app. */
export const APP_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#a61b1b',
    colorLink: '#1a56db',
    colorError: '#b3261e',
    colorWarning: '#8a5a00',
    colorSuccess: '#1e6b36',
    colorInfo: '#1a56db',
    // The message backgrounds of styles.css: the library derives muddy ones from dark text colours.
    colorSuccessBg: '#e6f4ea',
    colorSuccessBorder: '#b5dcc0',
    colorWarningBg: '#fff6e0',
    colorWarningBorder: '#f0d48c',
    colorErrorBg: '#fdecea',
    colorErrorBorder: '#f4c1bc',
    colorInfoBg: '#e8f0fe',
    colorInfoBorder: '#b8cbf4',
    colorText: '#1d1d1f',
    colorTextSecondary: '#5f6368',
    colorBorder: '#d0d4da',
    fontFamily: "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif",
    // Read at arm's length in a meeting hall: no smaller than the rest of the app.
    fontSize: 16,
    borderRadius: 6,
    // No animation waits between a key and what it shows.
    motion: false,
  },
};

export function ComponentFrame({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={APP_THEME}
      // 修改, not 修 改: the library spaces out two-character labels, which reads as two words.
      button={{ autoInsertSpace: false }}
      // Every Select's list drawn whole, not windowed: a village's lists are short, and every option
      // then stays in the page for the keyboard and a screen reader (set once here, not per Select).
      virtual={false}
      csp={styleNonce === undefined ? undefined : { nonce: styleNonce }}
    >
      <ComponentApp component={false}>{children}</ComponentApp>
    </ConfigProvider>
  );
}
