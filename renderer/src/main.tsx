// First: the style nonce must be in place before the component library loads (see ui/style-nonce.ts).
import './ui/style-nonce';
import './platform/no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { zh } from '../../shared/messages/zh-CN';
import { App } from './app';
import { ComponentFrame } from './ui/component-frame';
import './styles.css';

document.title = zh.appName;
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ComponentFrame>
        <App />
      </ComponentFrame>
    </StrictMode>,
  );
}
