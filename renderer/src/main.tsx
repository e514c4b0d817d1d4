import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { zh } from '../../shared/messages/zh-CN';
import { App } from './app';
import './styles.css';

document.title = zh.appName;
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
