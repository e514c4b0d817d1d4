// Electronegativity over the built main process and preload (dist/electron), failing on any HIGH
// finding. The tool itself always exits 0, so its CSV report is read here (its SARIF report drops
// the severity, and its own severity filter lets global checks through). A deliberately insecure
// sample is scanned too and must be flagged, so that a scan that reads nothing cannot pass.
// The tool reads .js files only: the .cjs bundles are copied under .js names first.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tool = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron.replace(/^[^\d]*/, '');
const built = path.join(root, 'dist/electron');

if (!existsSync(path.join(built, 'main.cjs')) || !existsSync(path.join(built, 'preload.cjs'))) {
  console.error('dist/electron/main.cjs or preload.cjs is missing: run `npm run build` first.');
  process.exit(1);
}

/** Every finding for the files under `input`: rule, severity (HIGH, MEDIUM, LOW, INFORMATIONAL), file and place. */
function scan(input) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'tally-eneg-out-')), 'report.csv');
  const args = [tool, '-i', input, '-e', electronVersion, '-o', out, '-v', 'false'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    child.on('error', reject);
    child.on('exit', () => {
      if (!existsSync(out)) return reject(new Error(`electronegativity wrote no report for ${input}`));
      const parsed = Papa.parse(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() });
      resolve(parsed.data.map((row) => ({ rule: row.issue, severity: row.severity, file: row.filename === 'N/A' ? '' : path.basename(row.filename ?? ''), location: row.location })));
    });
  });
}

const input = mkdtempSync(path.join(tmpdir(), 'tally-eneg-in-'));
copyFileSync(path.join(built, 'main.cjs'), path.join(input, 'main.js'));
copyFileSync(path.join(built, 'preload.cjs'), path.join(input, 'preload.js'));
const insecure = path.join(root, 'tests/fixtures/security');

const [findings, sample] = await Promise.all([scan(input), scan(insecure)]);
const high = findings.filter((f) => f.severity === 'HIGH');
const sampleHigh = sample.filter((f) => f.severity === 'HIGH');
console.log(`electronegativity (Electron ${electronVersion}) over dist/electron/main.cjs and preload.cjs:`);
for (const f of findings) console.log(`  ${f.severity.padEnd(13)} ${f.rule} ${f.file} ${f.location}`);
if (findings.length === 0) console.log('  no findings');
let ok = true;
if (high.length > 0) {
  console.error(`✗ ${high.length} HIGH finding(s) in the built main process or preload.`);
  ok = false;
}
if (sampleHigh.length === 0) {
  console.error('✗ the insecure sample (tests/fixtures/security/insecure-main.js) was not flagged: the scan is not reading code.');
  ok = false;
} else {
  console.log(`the insecure sample is flagged as it should be: ${[...new Set(sampleHigh.map((f) => f.rule))].join(', ')}`);
}
console.log(ok ? '✓ no HIGH finding' : '✗ electronegativity gate failed');
process.exit(ok ? 0 : 1);
