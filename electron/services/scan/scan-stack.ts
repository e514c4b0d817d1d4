/**
 * A stack of scans read for one meeting, in Node (the command line, the tests, the benchmark): each
 * file's pages decoded one at a time, read against the meeting's reading map, the straightened page
 * dropped once read, and the pages made into the scan pass with the decisions given.
 */
import type { MeetingExport } from '../../../shared/contract/meeting-export';
import { formKeyOf, meetingKeyOf } from '../../../shared/contract/ballot-page-code';
import type { ScanPassFile } from '../../../shared/contract/scan-pass-file';
import { SCAN_PASS_KIND } from '../../../shared/contract/scan-pass-file';
import { readPage } from '../../../shared/scan/read-page';
import type { Decision, ScannedPage, ScanPass } from '../../../shared/scan/scan-pass';
import { meetingLookup, scanPass, wordOfMark } from '../../../shared/scan/scan-pass';
import { zh } from '../../../shared/messages/zh-CN';
import { readingMapOf } from '../print/ballots';
import { pageImagesOf } from './page-images';

export interface StackFile {
  /** As the user named it (shown in messages). */
  name: string;
  bytes: Uint8Array;
}

/** The pages of the files, read; `onPage` hears of each as it is done (for progress). */
export async function readStack(files: readonly StackFile[], input: MeetingExport, onPage?: (page: ScannedPage) => void): Promise<ScannedPage[]> {
  const map = readingMapOf(input);
  const lookup = meetingLookup({ meetingKey: meetingKeyOf(input), formKey: formKeyOf(input.form, input.candidates.map((c) => c.name)) }, map);
  const pages: ScannedPage[] = [];
  for (const file of files) {
    for await (const image of pageImagesOf(file.bytes, file.name)) {
      const reading = readPage(image.grey, lookup);
      if (reading.status === 'read') delete reading.frame;
      const page: ScannedPage = { file: image.file, page: image.page, imageHash: image.imageHash, reading };
      pages.push(page);
      onPage?.(page);
    }
  }
  return pages;
}

export function passOf(pages: readonly ScannedPage[], input: MeetingExport, decisions: ReadonlyMap<string, Decision>): ScanPass {
  return scanPass(pages, input.form, input.candidates.length, decisions);
}

/** The pass as pass.json states it: every ballot with its pages' hashes, what waits for a person and why. */
export function passFileOf(pass: ScanPass, input: MeetingExport, decisions: ReadonlyMap<string, Decision>): ScanPassFile {
  const form = input.form;
  const multi = form.questions.length > 1;
  const names = input.candidates.map((c) => c.name);
  const ref = (p: { file: string; page: number | null; imageHash: string }) => ({ file: p.file, page: p.page, imageHash: p.imageHash });
  return {
    kind: SCAN_PASS_KIND,
    version: 1,
    meeting: {
      township: input.township,
      unit: input.unit,
      meetingTitle: input.meetingTitle,
      meetingDate: input.meetingDate,
      meetingKey: meetingKeyOf(input),
      formKey: formKeyOf(form, names),
      form: form.name,
      candidates: names,
    },
    complete: pass.pending.length === 0 && pass.problems.length === 0,
    counts: { ...pass.counts },
    reviewedBy: [...new Set([...decisions.values()].map((d) => d.by))],
    ballots: pass.ballots.map((b) => ({ number: b.position, pages: b.pages.map(ref), record: b.record, decidedBy: b.decidedBy })),
    pending: pass.pending.map((p) => {
      if (p.kind === 'write-in') {
        return { key: p.key, ballot: p.ballot, file: p.page.file, page: p.page.page, what: zh.scan.writeInWhat(p.ballot, multi ? form.questions[p.question]!.label : null, p.slot + 1), boxes: [] };
      }
      const question = form.questions[p.item.question]!;
      return {
        key: p.key,
        ballot: p.ballot,
        file: p.page.file,
        page: p.page.page,
        what: zh.scan.itemWhat(p.ballot, names[p.item.candidate]!, multi ? question.label : null),
        boxes: p.item.boxes.map((b) => ({ option: wordOfMark(form, p.item.question, b.option), fill: Math.round(b.fill * 1000) / 1000, class: b.class })),
      };
    }),
    problems: pass.problems.map((p) => ({ ...ref(p), message: p.message })),
  };
}
