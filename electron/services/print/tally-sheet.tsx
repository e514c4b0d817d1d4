/**
 * The 正字 tally sheet (计票登记表): the 计票人 writes one stroke per ballot read out, five strokes
 * making a 正. Sized for the meeting: every option's box has a small cell per 正 (five ballots), as
 * many as the meeting's ballots need (all of them could go to one option), each wide enough to write
 * a 正 by hand; a box that would not fit on one line takes several.
 *
 * One block per candidate (序号, 姓名, then a row per option with its box and 合计), never broken
 * across pages; a form with so many questions that a candidate's block exceeds a page gets a block
 * per candidate and question instead. Recommendation forms that allow write-ins get rows to tally
 * written-in names. The meeting's counts and the signature lines close the last page, together with
 * the last block: never a page of signatures alone.
 */
import type { ReactElement } from 'react';
import type { MeetingExport } from '../../../shared/contract/meeting-export';
import type { BallotForm, BallotQuestion } from '../../../shared/domain/forms';
import { ABSTAIN_LABEL } from '../../../shared/domain/forms';
import { zh } from '../../../shared/messages/zh-CN';
import type { Block } from './kit';
import { BODY_PT, CONTENT, DateLine, estimateLines, lineHeightMm, mm, Page, paginate, PrintDocument, renderDocument, SignatureLine, Signatures, Title } from './kit';

/** A handwritten 正 needs about 5–6 mm; each small cell of a box holds one. */
export const STROKE_CELL_WIDTH_MM = 6;
export const STROKE_CELL_HEIGHT_MM = 7.5;
/** When the meeting's counts are not known yet (a sheet printed ahead): a meeting has about 50 people or more. */
export const DEFAULT_BALLOTS = 60;
/** Rows for tallying names written in, per post: write-ins are few, and the 计票人 writes each name once. */
export const WRITE_IN_TALLY_ROWS = 4;

const LINE = lineHeightMm(BODY_PT);
const SAFETY_MM = 6;
const TITLE_LINE_MM = 9;
const MIN_ROW_MM = 9;
const COLUMN = { index: 12, name: 28, question: 16, option: 22, total: 18 } as const;

const CSS = `
.meta { display: flex; gap: 4mm; justify-content: space-between; margin: 0 0 3mm; }
.meta .right { white-space: nowrap; }
.rules { margin: 0 0 3mm; }
table.tally { width: 100%; table-layout: fixed; }
table.tally th, table.tally td { border: 1px solid #000; padding: 0 1.5mm; vertical-align: middle; text-align: center; overflow-wrap: anywhere; }
table.tally th { line-height: ${mm(LINE)}; padding-top: 1mm; padding-bottom: 1mm; }
table.tally th.left { text-align: left; }
table.tally td.name { text-align: left; vertical-align: top; padding-top: 1.5mm; }
table.tally td.top { vertical-align: top; padding-top: 1.5mm; }
table.tally td.write-ins { text-align: left; line-height: ${mm(LINE)}; padding-top: 0.5mm; padding-bottom: 0.5mm; }
table.tally td.strokes { padding: 0.5mm 1mm; text-align: left; line-height: 0; }
table.tally tbody { break-inside: avoid; }
/* Grey dotted guides, one small cell per 正: light enough not to be read as strokes. */
.cell { display: inline-block; width: ${STROKE_CELL_WIDTH_MM}mm; height: ${STROKE_CELL_HEIGHT_MM}mm; border-right: 1px dotted #888; border-bottom: 1px dotted #888; vertical-align: top; }
.closing { margin-top: 5mm; }
.counts { width: 100%; table-layout: fixed; margin: 2mm 0 8mm; }
.counts th, .counts td { border: 1px solid #000; text-align: center; padding: 0 1mm; line-height: ${mm(LINE)}; }
.counts th { height: 9mm; }
.counts td { height: 11mm; }
`;

/** How many ballots the boxes must hold: the largest of the meeting's counts and the ballots entered. */
export function ballotsToHold(input: MeetingExport): number {
  const c = input.counts;
  const n = Math.max(c.expected, c.present, c.issued, c.returned, input.ballots.length);
  return n > 0 ? n : DEFAULT_BALLOTS;
}

/** The rows a question gets: its options, then 弃权 (unless an option is named so) and 无效. */
function rowLabels(form: BallotForm, question: BallotQuestion): string[] {
  if (form.kind === 'recommend') return question.options.map((o) => o.label);
  const labels = question.options.map((o) => o.label);
  if (!labels.includes(ABSTAIN_LABEL)) labels.push(zh.abstain);
  labels.push(zh.void);
  return labels;
}

interface Part {
  question: BallotQuestion;
  labels: string[];
}

type TallyBlock =
  | { kind: 'candidate'; index: number; name: string; parts: Part[] }
  | { kind: 'write-ins'; question: BallotQuestion }
  | { kind: 'closing' };

interface Geometry {
  multi: boolean;
  strokesWidth: number;
  cells: number;
  rowHeight: number;
}

function geometry(form: BallotForm, ballots: number): Geometry {
  const multi = form.questions.length > 1;
  const fixed = COLUMN.index + COLUMN.name + (multi ? COLUMN.question : 0) + COLUMN.option + COLUMN.total;
  const strokesWidth = CONTENT.widthMm - fixed;
  const cells = Math.ceil(ballots / 5);
  const perLine = Math.floor((strokesWidth - 3) / STROKE_CELL_WIDTH_MM);
  const lines = Math.ceil(cells / perLine);
  return { multi, strokesWidth, cells, rowHeight: Math.max(MIN_ROW_MM, lines * STROKE_CELL_HEIGHT_MM + 1.5) };
}

function blockHeight(g: Geometry, rows: number, name: string): number {
  return Math.max(rows * (g.rowHeight + 0.3), estimateLines(name, COLUMN.name - 3) * LINE + 3) + 0.5;
}

/** The counts table and three rows of signature lines, as laid out by the CSS above, with 2 mm to spare. */
function closingHeight(): number {
  const signatureRows = 3;
  return 5 + LINE + 2 + 9 + 11 + 8 + signatureRows * LINE + (signatureRows - 1) * 7 + 2;
}

function Strokes({ cells }: { cells: number }): ReactElement {
  return (
    <td className="strokes">
      {Array.from({ length: cells }, (_, k) => (
        <span key={k} className="cell" />
      ))}
    </td>
  );
}

function CandidateRows({ block, g }: { block: Extract<TallyBlock, { kind: 'candidate' }>; g: Geometry }): ReactElement {
  const rows = block.parts.reduce((sum, p) => sum + p.labels.length, 0);
  const out: ReactElement[] = [];
  block.parts.forEach((part, j) => {
    part.labels.forEach((label, k) => {
      const first = j === 0 && k === 0;
      out.push(
        <tr key={`${j}-${k}`} style={{ height: mm(g.rowHeight) }}>
          {first ? (
            <>
              <td rowSpan={rows} className="top">
                {block.index}
              </td>
              <td rowSpan={rows} className="name">
                {block.name}
              </td>
            </>
          ) : null}
          {g.multi && k === 0 ? (
            <td rowSpan={part.labels.length} className="top">
              {part.question.label}
            </td>
          ) : null}
          <td>{label}</td>
          <Strokes cells={g.cells} />
          <td />
        </tr>,
      );
    });
  });
  return <tbody>{out}</tbody>;
}

/**
 * Rows for names written in: a heading across the table, then rows whose 姓名 the 计票人 fills in as
 * each new name is read out, tallied like a candidate's.
 */
function WriteInRows({ form, question, g }: { form: BallotForm; question: BallotQuestion; g: Geometry }): ReactElement {
  const columns = g.multi ? 6 : 5;
  const label = question.options[0]?.label ?? '';
  return (
    <tbody>
      <tr>
        <td colSpan={columns} className="write-ins">
          {zh.print.writeInsHeading(g.multi ? question.label : null)}
        </td>
      </tr>
      {Array.from({ length: WRITE_IN_TALLY_ROWS }, (_, k) => (
        <tr key={k} style={{ height: mm(g.rowHeight) }}>
          <td />
          <td />
          {g.multi ? <td>{question.label}</td> : null}
          <td>{form.kind === 'recommend' ? label : ''}</td>
          <Strokes cells={g.cells} />
          <td />
        </tr>
      ))}
    </tbody>
  );
}

function Closing(): ReactElement {
  const t = zh.print;
  const fields = ['expected', 'present', 'issued', 'returned', 'valid', 'invalid'] as const;
  return (
    <div className="closing pk-keep-with-previous">
      <p className="pk-heading">{t.countsHeading}</p>
      <table className="counts">
        <thead>
          <tr>
            {fields.map((f) => (
              <th key={f}>{zh.meetingField[f]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {fields.map((f) => (
              <td key={f} />
            ))}
          </tr>
        </tbody>
      </table>
      <Signatures>
        {t.signatureLabels.map((label, i) => (
          <SignatureLine key={i} label={label} ruleMm={40} />
        ))}
        <DateLine label={t.dateLabel} units={t.dateUnits} />
      </Signatures>
    </div>
  );
}

function TallyTable({ input, blocks, g }: { input: MeetingExport; blocks: TallyBlock[]; g: Geometry }): ReactElement {
  const t = zh.print;
  const rows = blocks.filter((b) => b.kind !== 'closing');
  const closing = blocks.some((b) => b.kind === 'closing');
  return (
    <>
      <table className="tally">
        <colgroup>
          <col style={{ width: mm(COLUMN.index) }} />
          <col style={{ width: mm(COLUMN.name) }} />
          {g.multi ? <col style={{ width: mm(COLUMN.question) }} /> : null}
          <col style={{ width: mm(COLUMN.option) }} />
          <col style={{ width: mm(g.strokesWidth) }} />
          <col style={{ width: mm(COLUMN.total) }} />
        </colgroup>
        <thead>
          <tr>
            <th>{zh.export.index}</th>
            <th>{zh.export.name}</th>
            {g.multi ? <th>{input.form.kind === 'recommend' ? t.postItemColumn : t.itemColumn}</th> : null}
            <th>{t.optionColumn}</th>
            <th className="left">{t.strokesColumn}</th>
            <th>{t.total}</th>
          </tr>
        </thead>
        {rows.map((b, i) =>
          b.kind === 'candidate' ? <CandidateRows key={i} block={b} g={g} /> : b.kind === 'write-ins' ? <WriteInRows key={i} form={input.form} question={b.question} g={g} /> : null,
        )}
      </table>
      {closing ? <Closing /> : null}
    </>
  );
}

function unitLine(input: MeetingExport): string {
  return `${input.township}${input.unit}　${input.meetingTitle}　${input.meetingDate}　${input.form.name}`;
}

/** The sheet's blocks, packed into pages (exported for the tests' expectations). */
export function tallyPages(input: MeetingExport): { pages: TallyBlock[][]; geometry: Geometry; ballots: number } {
  const t = zh.print;
  const form = input.form;
  const ballots = ballotsToHold(input);
  const g = geometry(form, ballots);
  const parts = form.questions.map((question) => ({ question, labels: rowLabels(form, question) }));
  const title = TITLE_LINE_MM + 2;
  const meta = estimateLines(unitLine(input), CONTENT.widthMm - 40) * LINE + 3;
  const head = (g.multi ? 2 : 1) * LINE + 3;
  const rules = estimateLines(t.tallySheetRule, CONTENT.widthMm) * LINE + estimateLines(t.tallyCapacity(ballots, g.cells), CONTENT.widthMm) * LINE + 3;
  const capacity = (i: number) => CONTENT.heightMm - title - meta - head - SAFETY_MM - (i === 0 ? rules : 0);
  const blocks: Block<TallyBlock>[] = [];
  // The first page is the shortest (it has the rules): whatever fits there fits on every page.
  const limit = capacity(0);
  const allRows = parts.reduce((sum, p) => sum + p.labels.length, 0);
  input.candidates.forEach((c, i) => {
    const candidate = (partsHere: Part[]): Block<TallyBlock> => ({
      item: { kind: 'candidate', index: i + 1, name: c.name, parts: partsHere },
      heightMm: blockHeight(g, partsHere.reduce((sum, p) => sum + p.labels.length, 0), c.name),
    });
    if (blockHeight(g, allRows, c.name) <= limit) {
      blocks.push(candidate(parts));
      return;
    }
    // Too tall for a page (many questions, or a big meeting's multi-line boxes): a block per
    // question, and a question's rows in as many blocks as it takes, each naming the candidate.
    for (const part of parts) {
      const perBlock = Math.max(1, Math.floor((limit - 0.5) / (g.rowHeight + 0.3)));
      for (let k = 0; k < part.labels.length; k += perBlock) blocks.push(candidate([{ question: part.question, labels: part.labels.slice(k, k + perBlock) }]));
    }
  });
  if (form.kind === 'recommend' && form.recommend?.writeInsAllowed) {
    // Kept with the candidates before them, so that the signatures after them share a page with candidates' rows.
    for (const question of form.questions) {
      blocks.push({ item: { kind: 'write-ins', question }, heightMm: blockHeight(g, WRITE_IN_TALLY_ROWS, '') + LINE + 2, keepWithPrevious: true });
    }
  }
  blocks.push({ item: { kind: 'closing' }, heightMm: closingHeight(), keepWithPrevious: true });
  return { pages: paginate(blocks, capacity), geometry: g, ballots };
}

export function tallySheetHtml(input: MeetingExport): string {
  const t = zh.print;
  const { pages, geometry: g, ballots } = tallyPages(input);
  return renderDocument(
    <PrintDocument title={t.tallySheetTitle} css={CSS}>
      {pages.map((blocks, p) => (
        <Page
          key={p}
          header={
            <>
              <Title>{t.tallySheetTitle}</Title>
              <div className="meta">
                <span>{unitLine(input)}</span>
                {pages.length > 1 ? <span className="right">{t.pageOf(p + 1, pages.length)}</span> : null}
              </div>
            </>
          }
        >
          {p === 0 ? (
            <p className="rules">
              {t.tallySheetRule}
              <br />
              {t.tallyCapacity(ballots, g.cells)}
            </p>
          ) : null}
          <TallyTable input={input} blocks={blocks} g={g} />
        </Page>
      ))}
    </PrintDocument>,
  );
}
