/**
 * 个别谈话记录表: one sheet per interview (who, category, when, where, interviewers and recorder, and
 * per candidate the opinion, strengths, weaknesses and problems raised), with signature lines; or
 * blank sheets for writing by hand, where each opinion box stands with its word (□同意 □不同意 □其他).
 * Marked confidential at the top of every page: a long sheet repeats its header on the next page.
 */
import { formatDay } from '../../../shared/format/date';
import type { ReactElement } from 'react';
import type { InterviewPrint } from '../../../shared/contract/assessment-export';
import { zh } from '../../../shared/messages/zh-CN';
import { Checkboxes, Page, PrintDocument, renderDocument, SignatureLine, Signatures, Title } from './kit';

type Interview = InterviewPrint['interviews'][number];

const CSS = `
.meta { display: flex; justify-content: space-between; gap: 4mm; margin: 0 0 3mm; }
.meta .right { white-space: nowrap; }
table.sheet { width: 100%; table-layout: fixed; margin-bottom: 4mm; }
table.sheet th, table.sheet td { border: 1px solid #000; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.sheet th { text-align: center; vertical-align: middle; }
table.facts td { height: 10mm; vertical-align: middle; }
table.remarks tbody { break-inside: avoid; }
table.remarks td.blank { height: 22mm; }
table.remarks td.opinion { text-align: left; }
td.other-views { height: 40mm; }
/* The signature row has no rules of its own: only the lines to sign on. */
table.remarks td.signatures { border: none; padding: 8mm 0 0; }
`;

const OPINIONS = [zh.interviews.opinion.agree, zh.interviews.opinion.disagree, zh.interviews.opinion.other];

function Facts({ interview }: { interview: Interview | null }): ReactElement {
  const t = zh.interviews;
  const pairs: [string, string][][] = [
    [
      [t.interviewee, interview?.interviewee ?? ''],
      [t.category, interview?.category ?? ''],
    ],
    [
      [t.date, interview ? formatDay(interview.date) : ''],
      [t.place, interview?.place ?? ''],
    ],
    [
      [t.interviewersShort, interview?.interviewers.join('、') ?? ''],
      [t.recorder, interview?.recorder ?? ''],
    ],
  ];
  return (
    <table className="sheet facts">
      <colgroup>
        <col style={{ width: '24mm' }} />
        <col />
        <col style={{ width: '24mm' }} />
        <col />
      </colgroup>
      <tbody>
        {pairs.map((row, i) => (
          <tr key={i}>
            {row.map(([label, value]) => (
              <FactCells key={label} label={label} value={value} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FactCells({ label, value }: { label: string; value: string }): ReactElement {
  return (
    <>
      <th>{label}</th>
      <td>{value}</td>
    </>
  );
}

function PersonRow({ name, interview }: { name: string; interview: Interview | null }): ReactElement {
  const t = zh.interviews;
  const remark = interview?.remarks.find((r) => r.name === name);
  return (
    <tr>
      <td className={interview ? undefined : 'blank'}>{name}</td>
      <td className="opinion">{interview ? (remark?.opinion ?? t.noOpinion) : <Checkboxes labels={OPINIONS} stacked />}</td>
      <td>{remark?.strengths ?? ''}</td>
      <td>{remark?.weaknesses ?? ''}</td>
      <td>{remark?.problems ?? ''}</td>
    </tr>
  );
}

/** 其他意见和建议 and the signature lines, as the last rows of the remarks table. */
function ClosingRows(): ReactElement {
  const t = zh.interviews;
  return (
    <>
      <tr>
        <th colSpan={5}>{t.sheetOtherViews}</th>
      </tr>
      <tr>
        <td colSpan={5} className="other-views" />
      </tr>
      <tr>
        <td colSpan={5} className="signatures">
          <Signatures>
            {t.sheetSignatures.map((label) => (
              <SignatureLine key={label} label={label} ruleMm={40} />
            ))}
          </Signatures>
        </td>
      </tr>
    </>
  );
}

/**
 * One row per person (a tbody each, never split), the column headings repeating on every page. The
 * last person's tbody also holds the other views and the signatures: unbreakable together, so the
 * signatures never stand on a page without any person's row.
 */
function Remarks({ people, interview }: { people: string[]; interview: Interview | null }): ReactElement {
  const t = zh.interviews;
  return (
    <table className="sheet remarks">
      <colgroup>
        <col style={{ width: '24mm' }} />
        <col style={{ width: '27mm' }} />
        <col />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th>{zh.export.name}</th>
          <th>{t.opinionHeader}</th>
          <th>{t.strengths}</th>
          <th>{t.weaknesses}</th>
          <th>{t.problemsRaised}</th>
        </tr>
      </thead>
      {people.map((name, i) => (
        <tbody key={i}>
          <PersonRow name={name} interview={interview} />
          {i === people.length - 1 ? <ClosingRows /> : null}
        </tbody>
      ))}
      {people.length === 0 ? (
        <tbody>
          <ClosingRows />
        </tbody>
      ) : null}
    </table>
  );
}

function Sheet({ input, interview, n, total }: { input: InterviewPrint; interview: Interview | null; n: number; total: number }): ReactElement {
  const t = zh.interviews;
  return (
    <Page
      header={
        <>
          <Title>{t.sheetTitle}</Title>
          <div className="meta">
            <span>{`${input.township}${input.unit}`}</span>
            <span className="right">{`${t.sheetConfidential}　${t.sheetNumber(n, total)}`}</span>
          </div>
        </>
      }
    >
      <Facts interview={interview} />
      <Remarks people={input.people} interview={interview} />
    </Page>
  );
}

export function interviewSheetsHtml(input: InterviewPrint): string {
  const filled = input.interviews.length > 0;
  const total = filled ? input.interviews.length : Math.max(1, input.blankCopies);
  return renderDocument(
    <PrintDocument title={zh.interviews.sheetTitle} css={CSS}>
      {Array.from({ length: total }, (_, i) => (
        <Sheet key={i} input={input} interview={filled ? input.interviews[i]! : null} n={i + 1} total={total} />
      ))}
    </PrintDocument>,
  );
}

export function interviewPrintFileName(input: InterviewPrint): string {
  const kind = input.interviews.length > 0 ? zh.interviews.sheetFileKind : zh.interviews.sheetBlankKind;
  return `${input.township}${input.unit}-${kind}.pdf`;
}
