/**
 * Run by the files benchmark in a process of its own, so that its peak memory is the roll-up's:
 *   rollup-child.ts merged <file.tallydesk> <out.xlsx>   the merged file read first (not timed), then
 *                                                        roll-up and Excel timed;
 *   rollup-child.ts files <out.xlsx> <team files…>       everything the `rollup` command does, timed.
 * Prints one JSON line: { ms, peakRssMb, rssBeforeMb }.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { Merger } from '../../shared/domain/merge';
import { buildRollup } from '../../shared/report/rollup';
import { writeFileAtomic } from '../../electron/services/atomic-file';
import { buildRollupWorkbook } from '../../electron/services/rollup-xlsx';
import { decodeWorkbookFile } from '../../electron/services/workbook-file';

async function open(file: string): Promise<TransferContent> {
  const decoded = await decodeWorkbookFile(readFileSync(file), path.basename(file));
  if (decoded.status !== 'ok') throw new Error(`${file}: ${decoded.status}`);
  return decoded.file.content;
}

async function writeRollup(content: TransferContent, out: string): Promise<void> {
  const summary = buildRollup(content, { title: '某区', exportDate: '2026-11-29' });
  await writeFileAtomic(out, await buildRollupWorkbook(summary));
}

const [mode, first, ...rest] = process.argv.slice(2);
const mb = (bytes: number) => bytes / 2 ** 20;
let rssBefore: number;
let start: number;
if (mode === 'merged') {
  const content = await open(first!);
  rssBefore = process.memoryUsage().rss;
  start = performance.now();
  await writeRollup(content, rest[0]!);
} else {
  rssBefore = process.memoryUsage().rss;
  start = performance.now();
  const merger = new Merger();
  for (const file of rest) merger.apply(await open(file));
  await writeRollup(merger.content(), first!);
}
const ms = performance.now() - start;
// The high-water mark of resident memory, which is what a laptop must have free. Read from
// /proc (VmHWM) rather than getrusage's maxRSS: that one keeps the parent's size across exec.
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
console.log(JSON.stringify({ ms, peakRssMb: hwm ? Number(hwm) / 1024 : process.resourceUsage().maxRSS / 1024, rssBeforeMb: mb(rssBefore) }));
