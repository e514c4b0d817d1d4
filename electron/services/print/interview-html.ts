/**
 * 个别谈话记录表: one page per interview (who, category, when, where, interviewers and recorder, and
 * per candidate the opinion, strengths, weaknesses and problems raised), with signature lines; or
 * blank sheets for writing by hand. Marked confidential on every page.
 */
import type { InterviewPrint } from '../../../shared/contract/assessment-export';
import { zh } from '../../../shared/messages/zh-CN';
import { documentHtml, escape, page } from './print-html';

const EXTRA_STYLE = `
.confidential { text-align: right; font-size: 9pt; }
table.facts td { text-align: left; }
table.facts th { width: 22mm; white-space: nowrap; }
td.other-views { height: 40mm; }
table.remarks td { text-align: left; vertical-align: top; height: 14mm; font-size: 10pt; }
table.remarks td.name { width: 20mm; }
table.remarks td.opinion { width: 24mm; text-align: center; }
.signatures { display: flex; justify-content: space-between; margin-top: 8mm; }
`;

function sheet(input: InterviewPrint, interview: InterviewPrint['interviews'][number] | null, n: number, total: number): string {
  const t = zh.interviews;
  const value = (text: string | undefined) => escape(text ?? '');
  const facts = `<table class="facts"><tr><th>${t.interviewee}</th><td>${value(interview?.interviewee)}</td><th>${t.category}</th><td>${value(interview?.category)}</td></tr>
<tr><th>${t.date}</th><td>${value(interview?.date)}</td><th>${t.place}</th><td>${value(interview?.place)}</td></tr>
<tr><th>${t.interviewersShort}</th><td>${value(interview?.interviewers.join('、'))}</td><th>${t.recorder}</th><td>${value(interview?.recorder)}</td></tr></table>`;
  const rows = input.people
    .map((name) => {
      const remark = interview?.remarks.find((r) => r.name === name);
      const opinion = interview ? value(remark?.opinion ?? t.noOpinion) : t.sheetOpinionBoxes;
      return `<tr><td class="name">${escape(name)}</td><td class="opinion">${opinion}</td><td>${value(remark?.strengths)}</td><td>${value(remark?.weaknesses)}</td><td>${value(remark?.problems)}</td></tr>`;
    })
    .join('');
  const remarks = `<table class="remarks"><tr><th>${zh.export.name}</th><th>${t.opinionHeader}</th><th>${t.strengths}</th><th>${t.weaknesses}</th><th>${t.problemsRaised}</th></tr>${rows}</table>`;
  const otherViews = `<table class="remarks"><tr><th>${t.sheetOtherViews}</th></tr><tr><td class="other-views"></td></tr></table>`;
  const signatures = `<div class="signatures">${t.sheetSignatures.map((s) => `<span>${s}________________</span>`).join('')}</div>`;
  const meta = `<div class="meta"><span>${escape(`${input.township}${input.unit}`)}</span><span class="confidential">${t.sheetConfidential}　${t.sheetNumber(n, total)}</span></div>`;
  return page(t.sheetTitle, `${meta}${facts}<p></p>${remarks}<p></p>${otherViews}${signatures}`);
}

export function interviewSheetsHtml(input: InterviewPrint): string {
  const pages =
    input.interviews.length > 0
      ? input.interviews.map((interview, i) => sheet(input, interview, i + 1, input.interviews.length))
      : Array.from({ length: Math.max(1, input.blankCopies) }, (_, i) => sheet(input, null, i + 1, Math.max(1, input.blankCopies)));
  return documentHtml(zh.interviews.sheetTitle, pages).replace('</style>', `${EXTRA_STYLE}</style>`);
}

export function interviewPrintFileName(input: InterviewPrint): string {
  const kind = input.interviews.length > 0 ? zh.interviews.sheetFileKind : zh.interviews.sheetBlankKind;
  return `${input.township}${input.unit}-${kind}.pdf`;
}
