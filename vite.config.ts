import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and served by either shell (app:// on the desktop, 127.0.0.1 in browser mode).
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or styles: the strict CSP of both shells forbids them.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
});
