// `npm test`: lint (with the layer rules), type-check, Vitest, the render suite, then Playwright end-to-end; the last
// line sums every runner as "N passed, N failed" (CI reads it). Exit status 1 if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, '.reports');
mkdirSync(reports, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// Before any runner: a missing Chromium, font or LibreOffice is named with the command that installs
// it (installed here when run as root, as CI is), instead of surfacing as a runner's own failure.
if (!ensureSystemPackages()) {
  const summary = '0 passed, 1 failed';
  writeFileSync(path.join(reports, 'summary.txt'), `${summary}\n`);
  console.log(`\nnpm test 未运行：缺少上面列出的系统软件包。\n${summary}`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
const lines = [];

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return result.status === 0;
}

function check(label, ok) {
  if (ok) passed++;
  else failed++;
  lines.push(`${ok ? '✓' : '✗'} ${label}`);
}

check('lint (eslint, layer rules)', run('lint', bin('eslint'), ['--max-warnings', '0', '.']));
check('typecheck (tsc, four configs)', run('typecheck', 'npm', ['run', '-s', 'typecheck']));

const vitestReport = path.join(reports, 'vitest.json');
rmSync(vitestReport, { force: true });
const vitestOk = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`]);
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (vitestOk || report.numFailedTests > 0 ? 0 : 1);
  lines.push(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
} else {
  failed++;
  lines.push('vitest: no report (the run did not complete)');
}

// Every printed page of every output, rendered by LibreOffice and Chromium and judged as a clerk would.
const renderReport = path.join(reports, 'render.json');
rmSync(renderReport, { force: true });
const renderOk = run('render (every printed page)', bin('vitest'), ['run', '--config', 'tests/render/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile=${renderReport}`]);
if (existsSync(renderReport)) {
  const report = JSON.parse(readFileSync(renderReport, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (renderOk || report.numFailedTests > 0 ? 0 : 1);
  lines.push(`render: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
} else {
  failed++;
  lines.push('render: no report (the run did not complete)');
}

const playwrightReport = path.join(reports, 'playwright.json');
rmSync(playwrightReport, { force: true });
const playwrightOk = run('playwright', bin('playwright'), ['test']);
if (existsSync(playwrightReport)) {
  const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
  const bad = stats.unexpected + (stats.flaky ?? 0);
  passed += stats.expected;
  failed += bad + (playwrightOk || bad > 0 ? 0 : 1);
  lines.push(`playwright: ${stats.expected} passed, ${bad} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`);
} else {
  failed++;
  lines.push('playwright: no report (the run did not complete)');
}

// After Playwright, whose set-up builds dist/: the built main process and preload, scanned.
check('electronegativity: no HIGH finding in the built main process and preload', run('electronegativity', process.execPath, [path.join(root, 'scripts/electronegativity.mjs')]));

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(path.join(reports, 'summary.txt'), `${summary}\n`);
console.log(`\n${lines.join('\n')}\n${summary}`);
process.exit(failed > 0 ? 1 : 0);
