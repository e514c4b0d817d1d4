/**
 * Print-outs as HTML (one template each), printed to A4 PDF by the shell's own Chromium: Electron's
 * printToPDF on the desktop, the system Chromium in browser mode. Fonts are the machine's own CJK
 * fonts: nothing is fetched.
 *
 * Blank ballots (ballots.tsx), the 正字 tally sheet (tally-sheet.tsx) and the interview sheets
 * (interview-html.tsx) are React components built from the print kit (kit/). The 计票结果报告单 is the
 * report model's sheet, laid out as in Excel and drawn page by page (report-html.tsx).
 */
import type { MeetingExport } from '../../../shared/contract/meeting-export';
import { outcomeOfExport, resultSheet } from '../../../shared/report/meeting-report';
import { reportHtml } from './report-html';
import { zh } from '../../../shared/messages/zh-CN';
import type { BlankBallotOptions } from './ballots';
import { blankBallotsHtml } from './ballots';
import { tallySheetHtml } from './tally-sheet';

export { blankBallotsHtml, tallySheetHtml };
export type { BlankBallotOptions };

export type PrintKind = 'blank-ballots' | 'tally-sheet' | 'report';

/** The 计票结果报告单, laid out as the Excel sheet of the same name, for printing and signing. */
export function resultReportHtml(input: MeetingExport): string {
  const outcome = outcomeOfExport(input);
  return reportHtml([resultSheet(input, outcome, null, zh.export.reportSheet)], zh.export.reportTitle);
}

/** The HTML of a print request; `options.numbered` prints 票号 1…n on blank ballots (off unless asked for). */
export function printHtml(kind: PrintKind, input: MeetingExport, copies: number, options: BlankBallotOptions = {}): string {
  if (kind === 'blank-ballots') return blankBallotsHtml(input, copies, options);
  if (kind === 'tally-sheet') return tallySheetHtml(input);
  return resultReportHtml(input);
}

export function printFileName(kind: PrintKind, input: MeetingExport): string {
  return `${input.township}${input.unit}-${input.meetingTitle}-${zh.print.kindName[kind]}-${input.meetingDate}.pdf`;
}
