/**
 * Print-outs as HTML (one template each), printed to A4 PDF by the shell's own Chromium: Electron's
 * printToPDF on the desktop, the system Chromium in browser mode. Fonts are the machine's own CJK
 * fonts: nothing is fetched.
 *
 * Blank ballots (ballots.tsx), the 正字 tally sheet (tally-sheet.tsx) and the interview sheets
 * (interview-html.tsx) are React components built from the print kit (kit/). The 计票结果报告单 below
 * is still the earlier string template, with its own escape() and style, until it moves to the kit.
 */
import type { MeetingExport } from '../../../shared/contract/meeting-export';
import { tally } from '../../../shared/domain/tally';
import { formatPercent } from '../../../shared/format/percent';
import { zh } from '../../../shared/messages/zh-CN';
import type { BlankBallotOptions } from './ballots';
import { blankBallotsHtml } from './ballots';
import { tallySheetHtml } from './tally-sheet';

export { blankBallotsHtml, tallySheetHtml };
export type { BlankBallotOptions };

export type PrintKind = 'blank-ballots' | 'tally-sheet' | 'report';

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'SimSun', '宋体', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 11pt; color: #000; }
h1 { font-family: 'SimHei', '黑体', 'Noto Sans CJK SC', sans-serif; font-size: 18pt; text-align: center; margin: 0 0 4mm; font-weight: normal; }
.page { page-break-after: always; }
.page:last-child { page-break-after: auto; }
.meta { display: flex; justify-content: space-between; margin-bottom: 3mm; }
.number { border: 1px solid #000; padding: 1mm 3mm; min-width: 28mm; text-align: right; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 1.6mm 2mm; text-align: center; }
th { font-family: 'SimHei', '黑体', 'Noto Sans CJK SC', sans-serif; font-weight: normal; }
td.name { text-align: left; }
.box { display: inline-block; width: 5mm; height: 5mm; border: 1px solid #000; }
.instructions { font-size: 9.5pt; margin: 3mm 0; line-height: 1.6; }
.tally td.marks { height: 12mm; width: auto; }
.tally .total { width: 9mm; }
td.name { white-space: nowrap; }
.signatures p { margin: 6mm 0; }
.small { font-size: 9pt; color: #333; }
`;

export function page(title: string, body: string): string {
  return `<section class="page"><h1>${escape(title)}</h1>${body}</section>`;
}

export function documentHtml(title: string, pages: string[]): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${pages.join('')}</body></html>`;
}

function unitLine(input: MeetingExport): string {
  return escape(`${input.township}${input.unit}　${input.meetingTitle}　${input.meetingDate}`);
}

/** The 计票结果报告单, as the Excel sheet of the same name, for printing and signing. */
export function reportHtml(input: MeetingExport): string {
  const t = zh.print;
  const names = input.candidates.map((c) => c.name);
  const result = tally({ form: input.form, candidates: names, counts: input.counts, quorum: input.quorum, ballots: input.ballots });
  const m = result.meeting;
  const fields = ['expected', 'present', 'issued', 'returned', 'entered', 'valid', 'invalid'] as const;
  const counts = `<table><thead><tr>${fields.map((f) => `<th>${escape(zh.meetingField[f])}</th>`).join('')}<th>${escape(zh.export.statusLabel)}</th></tr></thead><tbody><tr>${fields
    .map((f) => `<td>${m[f]}</td>`)
    .join('')}<td>${escape(zh.export.statusShort[result.status])}</td></tr></tbody></table>`;
  const multi = input.form.questions.length > 1;
  const keys = result.candidates[0]?.questions.flatMap((q) => Object.keys(q.counts).map((k) => (multi ? `${q.label}·${k}` : k))) ?? [];
  const rows = result.candidates
    .map(
      (c, i) =>
        `<tr><td>${i + 1}</td><td class="name">${escape(c.name)}</td>${c.questions
          .flatMap((q) => Object.values(q.counts).map((n) => `<td>${n}</td>`))
          .join('')}${c.rates.map((r) => `<td>${formatPercent(r.numerator, r.denominator)}</td>`).join('')}</tr>`,
    )
    .join('');
  const table = `<table><thead><tr><th>${escape(zh.export.index)}</th><th>${escape(zh.export.name)}</th>${keys.map((k) => `<th>${escape(k)}</th>`).join('')}${input.form.rates
    .map((r) => `<th>${escape(r.name)}</th>`)
    .join('')}</tr></thead><tbody>${rows}</tbody></table>`;
  const declaration = `<p>${escape(zh.export.declaration(result, input.quorum))}</p>`;
  const signatures = `<div class="signatures">${zh.export.signatureLines.map((l) => `<p>${escape(l)}</p>`).join('')}</div>`;
  return documentHtml(zh.export.reportTitle, [
    page(zh.export.reportTitle, `<div class="meta"><span>${unitLine(input)}</span><span>${escape(input.form.name)}</span></div>${counts}<p></p>${table}${declaration}${signatures}<p class="small">${escape(t.generated)}</p>`),
  ]);
}

/** The HTML of a print request; `options.numbered` prints 票号 1…n on blank ballots (off unless asked for). */
export function printHtml(kind: PrintKind, input: MeetingExport, copies: number, options: BlankBallotOptions = {}): string {
  if (kind === 'blank-ballots') return blankBallotsHtml(input, copies, options);
  if (kind === 'tally-sheet') return tallySheetHtml(input);
  return reportHtml(input);
}

export function printFileName(kind: PrintKind, input: MeetingExport): string {
  return `${input.township}${input.unit}-${input.meetingTitle}-${zh.print.kindName[kind]}-${input.meetingDate}.pdf`;
}
