// The render suite on its own (not yet part of `npm test`): npx vitest run --config tests/render/vitest.config.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
    include: ['tests/render/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Printing every output happens once, before the first page is judged.
    hookTimeout: 400_000,
  },
});
