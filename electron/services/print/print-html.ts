/**
 * Print-outs as HTML (one template each), printed to A4 PDF by the shell's own Chromium: Electron's
 * printToPDF on the desktop, the system Chromium in browser mode. Fonts are the machine's own CJK
 * fonts: nothing is fetched.
 */
import type { MeetingExport } from '../../../shared/contract/meeting-export';
import { outcomeOfExport, resultSheet } from '../../../shared/report/meeting-report';
import { reportHtml } from './report-html';
import { zh } from '../../../shared/messages/zh-CN';

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

/** Blank ballots, numbered 1…n (票号 printed in its box), with how to mark them. */
export function blankBallotsHtml(input: MeetingExport, copies: number): string {
  const t = zh.print;
  const form = input.form;
  const isRecommend = form.kind === 'recommend';
  const multi = form.questions.length > 1;
  const names = input.candidates.map((c) => c.name);
  const body = (number: number) => {
    let table: string;
    if (isRecommend) {
      table = `<table><thead><tr><th>${escape(zh.export.index)}</th><th>${escape(zh.export.name)}</th>${form.questions
        .map((q) => `<th>${escape(multi ? t.postColumn(q.label, q.maxSelections ?? 1) : t.tickColumn)}</th>`)
        .join('')}</tr></thead><tbody>${names
        .map((n, i) => `<tr><td>${i + 1}</td><td class="name">${escape(n)}</td>${form.questions.map(() => '<td><span class="box"></span></td>').join('')}</tr>`)
        .join('')}</tbody></table>`;
      if (form.recommend?.writeInsAllowed) {
        table += `<p>${escape(t.writeInLine)}</p><table><tbody>${form.questions
          .map((q) => `<tr><td class="name" style="width:30%">${escape(multi ? q.label : t.writeInColumn)}</td><td style="height:10mm"></td></tr>`)
          .join('')}</tbody></table>`;
      }
    } else {
      table = form.questions
        .map(
          (q) =>
            `${multi ? `<p><strong>${escape(q.label)}</strong></p>` : ''}<table><thead><tr><th>${escape(zh.export.name)}</th>${q.options
              .map((o) => `<th>${escape(o.label)}</th>`)
              .join('')}</tr></thead><tbody>${names
              .map((n) => `<tr><td class="name">${escape(n)}</td>${q.options.map(() => '<td><span class="box"></span></td>').join('')}</tr>`)
              .join('')}</tbody></table>`,
        )
        .join('');
    }
    const rules = isRecommend
      ? form.questions.length > 1
        ? t.recommendPostsRule(form.questions.map((q) => `${q.label}${q.maxSelections ?? 1}人`).join('，'))
        : t.recommendRule(form.questions[0]!.maxSelections ?? 1)
      : t.gradeRule;
    return `<div class="meta"><span>${unitLine(input)}</span><span class="number">${escape(t.ballotNumber)}${number}</span></div><p class="instructions">${escape(rules)}${escape(t.commonRule)}</p>${table}`;
  };
  const pages = Array.from({ length: copies }, (_, i) => page(form.name, body(i + 1)));
  return documentHtml(form.name, pages);
}

/** The 正字 tally sheet: a box per candidate and option for the 计票人's strokes, and the totals. */
export function tallySheetHtml(input: MeetingExport): string {
  const t = zh.print;
  const form = input.form;
  const multi = form.questions.length > 1;
  const names = input.candidates.map((c) => c.name);
  const tables = form.questions
    .map((q) => {
      const labels = form.kind === 'recommend' ? [t.tickColumn] : [...q.options.map((o) => o.label), zh.abstain, zh.void];
      return `${multi ? `<p><strong>${escape(q.label)}</strong></p>` : ''}<table class="tally"><thead><tr><th>${escape(zh.export.name)}</th>${labels
        .map((l) => `<th>${escape(l)}（${escape(t.strokes)}）</th><th class="total">${escape(t.total)}</th>`)
        .join('')}</tr></thead><tbody>${names
        .map((n) => `<tr><td class="name">${escape(n)}</td>${labels.map(() => '<td class="marks"></td><td class="total"></td>').join('')}</tr>`)
        .join('')}</tbody></table>`;
    })
    .join('');
  const counts = `<table><tbody><tr>${(['expected', 'present', 'issued', 'returned', 'valid', 'invalid'] as const)
    .map((f) => `<td>${escape(zh.meetingField[f])}：</td>`)
    .join('')}</tr></tbody></table>`;
  const signatures = `<div class="signatures">${zh.export.signatureLines.map((l) => `<p>${escape(l)}</p>`).join('')}</div>`;
  return documentHtml(t.tallySheetTitle, [page(t.tallySheetTitle, `<div class="meta"><span>${unitLine(input)}</span></div><p class="instructions">${escape(t.tallySheetRule)}</p>${tables}<p></p>${counts}${signatures}`)]);
}

/** The 计票结果报告单, laid out as the Excel sheet of the same name, for printing and signing. */
export function resultReportHtml(input: MeetingExport): string {
  const outcome = outcomeOfExport(input);
  return reportHtml([resultSheet(input, outcome, null, zh.export.reportSheet)], zh.export.reportTitle);
}

export function printHtml(kind: PrintKind, input: MeetingExport, copies: number): string {
  if (kind === 'blank-ballots') return blankBallotsHtml(input, copies);
  if (kind === 'tally-sheet') return tallySheetHtml(input);
  return resultReportHtml(input);
}

export function printFileName(kind: PrintKind, input: MeetingExport): string {
  return `${input.township}${input.unit}-${input.meetingTitle}-${zh.print.kindName[kind]}-${input.meetingDate}.pdf`;
}
