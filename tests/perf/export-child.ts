/**
 * Run by the benchmark in a process of its own: the Excel summary of a meeting with 2,000
 * candidates (and 60 ballots), built and written as the app's export does. Prints one JSON line:
 * { ms, peakRssMb, candidates, ballots }.
 */
import { readFileSync } from 'node:fs';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { BLANK } from '../../shared/domain/ballot';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { writeFileAtomic } from '../../electron/services/atomic-file';
import { buildMeetingSummary } from '../../electron/services/summary-xlsx';

const CANDIDATES = 2000;
const BALLOTS = 60;
let state = 7;
const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const input: MeetingExport = {
  township: '大同镇',
  unit: '红星社区',
  teamName: '第一考察组',
  meetingTitle: '民主测评大会',
  meetingDate: '2026-11-29',
  form: presetForm('evaluation-4'),
  candidates: Array.from({ length: CANDIDATES }, (_, i) => ({ name: `候选人${i + 1}`, currentPost: '居委会委员', proposedPost: '居委会委员' })),
  counts: { expected: BALLOTS, present: BALLOTS, issued: BALLOTS, returned: BALLOTS },
  quorum: DEFAULT_QUORUM,
  ballots: Array.from({ length: BALLOTS }, (_, b) => ({
    number: b + 1,
    invalidReason: null,
    marks: Array.from({ length: CANDIDATES }, () => (next() < 0.03 ? BLANK : Math.floor(next() * 4))),
    writeIns: [],
  })),
};
const start = performance.now();
const { buffer } = await buildMeetingSummary(input);
await writeFileAtomic(process.argv[2]!, buffer);
const ms = performance.now() - start;
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
console.log(JSON.stringify({ ms, peakRssMb: Number(hwm) / 1024, candidates: CANDIDATES, ballots: BALLOTS }));
