// Lint, including the layer arrows of docs/architecture.md: a wrong import fails `npm test`, not a review.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** no-restricted-imports for one layer: named modules and path patterns it must not reach. */
function layer(files, { modules = [], patterns = [], regex = null, message }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: modules.map((name) => ({ name, message })),
          patterns: [...(patterns.length ? [{ group: patterns, message }] : []), ...(regex ? [{ regex, message }] : [])],
        },
      ],
    },
  };
}

export default tseslint.config(
  // .scratch: a developer's untracked trial files (kept out of git by .gitignore).
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.reports/**', 'bench-results/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always'],
      // Chinese text legitimately uses the full-width space (U+3000).
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // shared/ is pure: no DOM, no Node, no Electron, nothing of the other layers.
  layer(['shared/**/*.ts'], {
    modules: ['electron', 'react', 'react-dom', 'dexie', 'exceljs', 'papaparse', ...nodeBuiltins],
    patterns: ['**/renderer/**', '**/electron/**', '**/tests/**'],
    message: 'shared/ is pure TypeScript: it imports nothing of renderer/, electron/, Node or the DOM (docs/architecture.md, Layers).',
  }),
  // Inside shared/, the arrows point one way: messages and format know nothing of the rest;
  // schema (the records' fields, declared once) knows only format; domain knows schema, never
  // contract or report; contract may know domain and schema; report may know all of them.
  // (Each block repeats the shared/ rule: a later no-restricted-imports replaces an earlier one.)
  layer(['shared/schema/**/*.ts'], {
    modules: ['electron', 'react', 'react-dom', 'dexie', 'exceljs', 'papaparse', ...nodeBuiltins],
    patterns: ['**/renderer/**', '**/electron/**', '**/tests/**', '**/domain/**', '**/contract/**', '**/report/**', '**/messages/**'],
    message: 'shared/schema declares the records once, as zod schemas: it imports only zod and shared/format (docs/architecture.md, Layers).',
  }),
  layer(['shared/domain/**/*.ts'], {
    modules: ['electron', 'react', 'react-dom', 'dexie', 'exceljs', 'papaparse', ...nodeBuiltins],
    patterns: ['**/renderer/**', '**/electron/**', '**/tests/**', '**/contract/**', '**/report/**'],
    message: 'shared/domain is the rules alone: it imports nothing of contract/, report/ or any runtime (docs/architecture.md, Layers).',
  }),
  layer(['shared/contract/**/*.ts'], {
    modules: ['electron', 'react', 'react-dom', 'dexie', 'exceljs', 'papaparse', ...nodeBuiltins],
    patterns: ['**/renderer/**', '**/electron/**', '**/tests/**', '**/report/**'],
    message: 'shared/contract holds schemas of what crosses an edge: it may use domain and schema, never the report model (docs/architecture.md, Layers).',
  }),
  layer(['shared/messages/**/*.ts', 'shared/format/**/*.ts'], {
    modules: ['electron', 'react', 'react-dom', 'dexie', 'exceljs', 'papaparse', ...nodeBuiltins],
    patterns: ['**/renderer/**', '**/electron/**', '**/tests/**', '**/schema/**', '**/domain/**', '**/contract/**', '**/report/**', '**/messages/**'],
    message: 'shared/messages and shared/format are the bottom layer: they import no schema, domain, contract or report code (docs/architecture.md, Layers).',
  }),
  // Tests beside shared code may read fixture files with Node, but still never reach into other layers' code.
  layer(['shared/**/*.test.ts'], {
    modules: ['electron', 'react', 'dexie', 'exceljs'],
    patterns: ['**/renderer/**', '**/electron/**'],
    message: 'shared/ tests exercise shared/ only.',
  }),
  layer(['renderer/**/*.{ts,tsx}'], {
    modules: ['electron', 'exceljs', ...nodeBuiltins],
    patterns: ['**/electron/**'],
    message: 'renderer/ runs in the page: it reaches the host only through renderer/src/platform (docs/architecture.md, Layers).',
  }),
  // Inside renderer/src the arrows point down: a screen family (features/x) uses db, platform, ui and
  // ballot-entry, never another screen family; those lower folders never import a feature.
  // (Both blocks repeat the renderer rule: a later no-restricted-imports replaces an earlier one.)
  layer(['renderer/src/features/**/*.{ts,tsx}'], {
    // The database library too: screens read and write through db/ (repository, live-meeting).
    modules: ['electron', 'exceljs', 'dexie', ...nodeBuiltins],
    patterns: ['**/electron/**'],
    // ../other/… from features/x/ is a sibling screen family; ../../ui/… goes down and is fine.
    regex: '^\\.\\./(?!\\.\\./)',
    message: 'A screen family imports no other one, nor the database library: what two share moves down to ui/, db/ or ballot-entry/ (docs/architecture.md, Layers).',
  }),
  layer(['renderer/src/{db,platform,ui,ballot-entry}/**/*.{ts,tsx}'], {
    modules: ['electron', 'exceljs', ...nodeBuiltins],
    patterns: ['**/electron/**', '**/features/**'],
    message: 'db/, platform/, ui/ and ballot-entry/ sit below the screens: they never import features/ (docs/architecture.md, Layers).',
  }),
  layer(['electron/services/**/*.{ts,tsx}', 'electron/cli/**/*.ts', 'electron/browser-host/**/*.ts'], {
    modules: ['electron'],
    patterns: ['**/renderer/**', '**/main/**', '**/preload/**'],
    message: 'electron/services, cli and browser-host are plain Node: never import electron (docs/architecture.md, Layers).',
  }),
  layer(['electron/main/**/*.ts', 'electron/preload/**/*.ts'], {
    patterns: ['**/renderer/**'],
    message: 'The desktop shell never imports renderer code; it loads the built renderer over app://.',
  }),
);
