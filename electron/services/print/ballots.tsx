/**
 * Blank ballots (空白选票), one or more A4 pages per ballot, every copy alike.
 *
 * - Secrecy: nothing on a copy tells it from another, so a ballot cannot be traced to the voter it
 *   was handed to. The 票号 box is empty; the counters write the number in while counting. Printing
 *   serial numbers stays possible (`numbered`), with the catalogue's warning for the UI to show.
 * - A ballot that needs more than one page repeats its title and 票号 box at the top of every page
 *   (the counters number each page of one ballot alike), says "第 n 页 共 m 页", and tells the voter
 *   to go on to the next page. A candidate's row, or block of rows, never breaks across pages.
 * - Layouts: one question (民主测评, 满意度, 赞同): a row per candidate with a box per option; several
 *   questions (德能勤绩廉): a block per candidate, a row per question, each box beside its option's
 *   word; recommendation (one post or several): a row per candidate with a box per post, then as
 *   many lines to write names in as each post allows (at most WRITE_IN_CAP).
 * - Made to be read back from a scan or a photo: drawn boxes, corner squares and a QR code of the page
 *   (meeting, form and candidate list, page of pages; no copy number), see the constants below.
 *
 * Pages are packed here (kit/layout.ts paginate) from fixed row heights, so the page count and the
 * page numbers are known; the grid's table header and the page header also repeat through
 * Chromium's own table-header repetition, should a page ever run over.
 */
import type { ReactElement } from 'react';
import { create as createQrCode } from 'qrcode';
import { encodePageCode, formKeyOf, meetingKeyOf } from '../../../shared/contract/ballot-page-code';
import type { MeetingExport } from '../../../shared/contract/meeting-export';
import type { BallotForm, BallotQuestion } from '../../../shared/domain/forms';
import { postMaximum } from '../../../shared/domain/forms';
import { zh } from '../../../shared/messages/zh-CN';
import type { MapItem, MapPage, MapWriteIn, ReadingMap } from '../../../shared/scan/reading-map';
import { READING_MAP_VERSION } from '../../../shared/scan/reading-map';
import type { Block } from './kit';
import { A4, BODY_PT, Checkbox, CONTENT, MARGIN, estimateLines, lineHeightMm, mm, Page, paginate, PrintDocument, Rendered, renderDocument, renderFragment, textWidthMm, Title } from './kit';

/** More write-in lines than this would crowd out the candidates; nobody writes in ten names by hand. */
export const WRITE_IN_CAP = 10;

export interface BlankBallotOptions {
  /** Print 票号 1…n in the boxes. Off by default: a printed serial can link a ballot to its voter. */
  numbered?: boolean;
}

const LINE = lineHeightMm(BODY_PT);
/** Room kept free on every page for what the estimates cannot see (borders, font substitution). */
const SAFETY_MM = 6;
/** The "请接着填写第 n 页" line under the grid of every page but the last. */
const CONTINUED_MM = 9;
const TITLE_LINE_MM = 9;
const INDEX_COL_MM = 12;
/** Row heights: a single-line row, and a question row inside a candidate's block. */
const ROW_MM = 8.5;
const QUESTION_ROW_MM = 8;
const WRITE_IN_SLOT_MM = 56;
const WRITE_IN_ROW_MM = 11;
const WRITE_IN_PER_ROW = 3;
/** The 票号 box: wide enough for five handwritten digits. */
const NUMBER_BOX_MM = 28;

/*
 * For reading a scan or a photo back (docs/scanning.md): every box is a drawn 6 mm square, not a font's
 * □ (whose size and place vary with the font); each page has a solid square at each corner of a band
 * kept free above and below the ballot, the top-left one with a white hole so a page turned round is
 * known; and a QR code of the page (shared/contract/ballot-page-code.ts), the same on every copy.
 */
export const BOX_MM = 6;
export const REGISTRATION_MM = 7;
const REGISTRATION_HOLE_MM = 2.5;
export const QR_MM = 20;
/** Free bands above and below the ballot for the marks and the code, with 3 mm clear of the ballot. */
const TOP_BAND_MM = REGISTRATION_MM + 3;
const BOTTOM_BAND_MM = QR_MM + 2;
/** The page code's square stands this far from the page's right edge, left of the bottom-right square. */
const CODE_RIGHT_MM = REGISTRATION_MM + 5;
/** The page's own height, a little under the printable height so rounding never pushes a page over. */
const PAGE_MM = CONTENT.heightMm - 1;

const CSS = `
.meta { display: flex; align-items: center; gap: 4mm; margin: 0 0 3mm; }
.meta .unit { flex: 1 1 auto; }
.meta .right { flex: 0 0 auto; white-space: nowrap; display: flex; align-items: center; gap: 4mm; }
.meta .number { display: inline-flex; align-items: center; }
.number-box { display: inline-block; width: ${NUMBER_BOX_MM}mm; height: 8mm; border: 1px solid #000; text-align: center; line-height: 8mm; font-size: 12pt; }
.ballot-head, .rules-box { display: flow-root; }
.rules { margin: 0 0 3mm; }
.continued { margin-top: 3mm; text-align: right; }
table.grid { width: 100%; table-layout: fixed; }
table.grid th, table.grid td { border: 1px solid #000; padding: 0 1.5mm; text-align: center; vertical-align: middle; overflow-wrap: anywhere; }
table.grid th { line-height: ${mm(LINE)}; padding-top: 1mm; padding-bottom: 1mm; }
table.grid td.name { text-align: left; }
table.grid td.top { vertical-align: top; padding-top: 1mm; }
table.grid .pk-box { display: inline-block; box-sizing: border-box; width: ${BOX_MM}mm; height: ${BOX_MM}mm; border: 0.3mm solid #000; font-size: 0; line-height: 0; vertical-align: middle; }
table.grid td.option .pk-box { margin-right: 1mm; }
.ballot-page { position: relative; box-sizing: border-box; height: ${PAGE_MM}mm; padding: ${TOP_BAND_MM}mm 0 ${BOTTOM_BAND_MM}mm; }
.registration { position: absolute; width: ${REGISTRATION_MM}mm; height: ${REGISTRATION_MM}mm; background: #000; }
.registration.top { top: 0; }
.registration.bottom { bottom: 0; }
.registration.left { left: 0; }
.registration.right { right: 0; }
.registration .hole { position: absolute; left: ${(REGISTRATION_MM - REGISTRATION_HOLE_MM) / 2}mm; top: ${(REGISTRATION_MM - REGISTRATION_HOLE_MM) / 2}mm; width: ${REGISTRATION_HOLE_MM}mm; height: ${REGISTRATION_HOLE_MM}mm; background: #fff; }
.page-code { position: absolute; bottom: 0; right: ${CODE_RIGHT_MM}mm; width: ${QR_MM}mm; height: ${QR_MM}mm; }
table.grid td.option { text-align: left; white-space: nowrap; }
table.grid tbody { break-inside: avoid; }
table.grid td.write-ins { text-align: left; vertical-align: top; padding: 1.5mm 2mm; }
.write-ins .slots { display: flex; flex-wrap: wrap; column-gap: 3mm; }
.write-ins .slot { display: flex; align-items: flex-end; width: ${WRITE_IN_SLOT_MM}mm; height: ${WRITE_IN_ROW_MM}mm; padding-bottom: 1.5mm; white-space: nowrap; }
.write-ins .slot .line { flex: 1 1 auto; border-bottom: 1px solid #000; height: 1em; margin-left: 1mm; }
`;

interface Column {
  label: string;
  widthMm: number;
  /** A heading that spans the columns after it too (评价 over the option columns). */
  span?: number;
}

type Row =
  | { kind: 'candidate'; index: number; name: string; heightMm: number }
  | { kind: 'block'; index: number; name: string; rowHeights: number[] }
  | { kind: 'write-ins'; question: number; heading: string; slots: number; heightMm: number };

interface Layout {
  columns: Column[];
  rows: Block<Row>[];
  rules: string;
}

/** Height of a table cell holding this text (cells have 1.5 mm padding left and right, `paddingMm` in all above and below), in mm. */
function cellHeight(text: string, widthMm: number, minimum: number, paddingMm = 0): number {
  return Math.max(minimum, estimateLines(text, widthMm - 3) * LINE + paddingMm + 0.6);
}

function headRowHeight(columns: Column[]): number {
  let height = ROW_MM;
  for (let i = 0; i < columns.length; i += 1) {
    const c = columns[i]!;
    const width = columns.slice(i, i + (c.span ?? 1)).reduce((sum, col) => sum + col.widthMm, 0);
    height = Math.max(height, cellHeight(c.label, width, ROW_MM, 2));
  }
  return height + 0.5;
}

function writeInBlock(question: number, heading: string, max: number): Block<Row> {
  const slots = Math.min(max, WRITE_IN_CAP);
  const headingHeight = estimateLines(heading, CONTENT.widthMm - 6) * LINE;
  const heightMm = headingHeight + Math.ceil(slots / WRITE_IN_PER_ROW) * WRITE_IN_ROW_MM + 4;
  return { item: { kind: 'write-ins', question, heading, slots, heightMm }, heightMm };
}

function recommendLayout(form: BallotForm, names: string[]): Layout {
  const t = zh.print;
  const posts = form.questions;
  const multi = posts.length > 1;
  const postWidth = Math.min(45, (CONTENT.widthMm - INDEX_COL_MM - 40) / posts.length);
  const nameWidth = CONTENT.widthMm - INDEX_COL_MM - postWidth * posts.length;
  const columns: Column[] = [
    { label: zh.export.index, widthMm: INDEX_COL_MM },
    { label: zh.export.name, widthMm: nameWidth },
    ...posts.map((q) => ({ label: multi ? t.postColumn(q.label, postMaximum(q)) : t.tickColumn, widthMm: postWidth })),
  ];
  const rows: Block<Row>[] = names.map((name, i) => {
    const heightMm = cellHeight(name, nameWidth, ROW_MM) + 0.3;
    return { item: { kind: 'candidate', index: i + 1, name, heightMm }, heightMm };
  });
  if (form.recommend?.writeInsAllowed) {
    posts.forEach((q, j) => rows.push(writeInBlock(j, multi ? t.writeInPost(q.label, postMaximum(q)) : t.writeInSingle(postMaximum(q)), postMaximum(q))));
  }
  const rules = multi
    ? t.recommendPostsRule(posts.map((q) => `${q.label}${postMaximum(q)}人`).join('，'))
    : t.recommendRule(postMaximum(posts[0]!));
  return { columns, rows, rules };
}

function gradeLayout(form: BallotForm, names: string[]): Layout {
  const t = zh.print;
  const question = form.questions[0]!;
  const nameWidth = 48;
  const optionWidth = (CONTENT.widthMm - INDEX_COL_MM - nameWidth) / question.options.length;
  const columns: Column[] = [
    { label: zh.export.index, widthMm: INDEX_COL_MM },
    { label: zh.export.name, widthMm: nameWidth },
    ...question.options.map((o) => ({ label: o.label, widthMm: optionWidth })),
  ];
  const rows = names.map((name, i): Block<Row> => {
    const heightMm = cellHeight(name, nameWidth, ROW_MM) + 0.3;
    return { item: { kind: 'candidate', index: i + 1, name, heightMm }, heightMm };
  });
  return { columns, rows, rules: t.gradeRule };
}

/** Widest option of a question row, as printed: box, gap, word. */
function optionWidthMm(label: string): number {
  return textWidthMm(label) + BOX_MM + 2;
}

function blocksLayout(form: BallotForm, names: string[]): Layout {
  const t = zh.print;
  const width = Math.max(...form.questions.map((q) => q.options.length));
  const nameWidth = 34;
  const questionWidth = Math.max(24, Math.min(40, Math.max(...form.questions.map((q) => textWidthMm(q.label))) + 4));
  const optionWidth = (CONTENT.widthMm - INDEX_COL_MM - nameWidth - questionWidth) / width;
  const columns: Column[] = [
    { label: zh.export.index, widthMm: INDEX_COL_MM },
    { label: zh.export.name, widthMm: nameWidth },
    { label: t.questionColumn, widthMm: questionWidth },
    { label: t.choiceColumn, widthMm: optionWidth, span: width },
    ...Array.from({ length: width - 1 }, () => ({ label: '', widthMm: optionWidth })),
  ];
  const rowHeights = form.questions.map((q) =>
    Math.max(
      cellHeight(q.label, questionWidth, QUESTION_ROW_MM),
      // An option's word that does not fit beside its box wraps under it, box and word together.
      ...q.options.map((o) => (optionWidthMm(o.label) <= optionWidth - 3 ? QUESTION_ROW_MM : cellHeight(o.label, optionWidth, QUESTION_ROW_MM) + LINE)),
    ),
  );
  const rows = names.map((name, i): Block<Row> => {
    const heights = [...rowHeights];
    // A long name that needs more lines than the block has rows makes the last row taller.
    const nameHeight = cellHeight(name, nameWidth, 0, 1);
    const total = heights.reduce((a, b) => a + b, 0);
    if (nameHeight > total) heights[heights.length - 1]! += nameHeight - total;
    return { item: { kind: 'block', index: i + 1, name, rowHeights: heights }, heightMm: heights.reduce((a, b) => a + b, 0) + 0.3 * heights.length + 0.5 };
  });
  return { columns, rows, rules: t.dimensionsRule };
}

function layoutOf(form: BallotForm, names: string[]): Layout {
  if (form.kind === 'recommend') return recommendLayout(form, names);
  return form.questions.length > 1 ? blocksLayout(form, names) : gradeLayout(form, names);
}

function QuestionRow({ question, width, height, lead }: { question: BallotQuestion; width: number; height: number; lead: ReactElement | null }) {
  const options = question.options;
  return (
    <tr style={{ height: mm(height) }}>
      {lead}
      <td>{question.label}</td>
      {options.map((o, k) => (
        <td key={k} className="option" colSpan={k === options.length - 1 ? width - options.length + 1 : 1}>
          <Checkbox label={o.label} />
        </td>
      ))}
    </tr>
  );
}

function GridRows({ form, row, columns }: { form: BallotForm; row: Row; columns: Column[] }): ReactElement {
  if (row.kind === 'write-ins') {
    return (
      <tbody>
        <tr style={{ height: mm(row.heightMm - 0.3) }}>
          <td className="write-ins" colSpan={columns.length}>
            <div>{row.heading}</div>
            <div className="slots">
              {Array.from({ length: row.slots }, (_, k) => (
                <span key={k} className="slot">
                  {zh.print.writeInSlot(k + 1)}
                  <span className="line" />
                </span>
              ))}
            </div>
          </td>
        </tr>
      </tbody>
    );
  }
  if (row.kind === 'block') {
    const width = columns.length - 3;
    return (
      <tbody>
        {form.questions.map((q, j) => (
          <QuestionRow
            key={j}
            question={q}
            width={width}
            height={row.rowHeights[j]!}
            lead={
              j === 0 ? (
                <>
                  <td rowSpan={form.questions.length} className="top">
                    {row.index}
                  </td>
                  <td rowSpan={form.questions.length} className="name top">
                    {row.name}
                  </td>
                </>
              ) : null
            }
          />
        ))}
      </tbody>
    );
  }
  const marks = columns.length - 2;
  return (
    <tbody>
      <tr style={{ height: mm(row.heightMm - 0.3) }}>
        <td>{row.index}</td>
        <td className="name">{row.name}</td>
        {Array.from({ length: marks }, (_, k) => (
          <td key={k} className="mark">
            <Checkbox />
          </td>
        ))}
      </tr>
    </tbody>
  );
}

function HeadRow({ columns, heightMm }: { columns: Column[]; heightMm: number }): ReactElement {
  const cells: ReactElement[] = [];
  for (let i = 0; i < columns.length; i += 1) {
    const c = columns[i]!;
    cells.push(
      <th key={i} colSpan={c.span ?? 1}>
        {c.label}
      </th>,
    );
    i += (c.span ?? 1) - 1;
  }
  return (
    <thead>
      <tr style={{ height: mm(heightMm) }}>{cells}</tr>
    </thead>
  );
}

interface BallotProps {
  input: MeetingExport;
  layout: Layout;
  pages: Row[][];
  measures: Measures;
  /** 'slot': the box gets SERIAL_SLOT, for each copy's number; null: an empty box for the counters. */
  serial: 'slot' | null;
}

function BallotHeader({ input, page, pageCount, serial, headMm }: { input: MeetingExport; page: number; pageCount: number; serial: 'slot' | null; headMm: number }): ReactElement {
  const t = zh.print;
  return (
    <div className="ballot-head" style={{ minHeight: mm(headMm) }}>
      <Title>{input.form.name}</Title>
      <div className="meta">
        <span className="unit">{unitLine(input)}</span>
        <span className="right">
          {pageCount > 1 ? <span>{t.pageOf(page, pageCount)}</span> : null}
          <span className="number">
            {serial === null ? t.ballotNumberBlank : t.ballotNumber}
            {serial === null ? <span className="number-box" /> : <span className="number-box" dangerouslySetInnerHTML={{ __html: SERIAL_SLOT }} />}
          </span>
        </span>
      </div>
    </div>
  );
}

/** The page's code as a QR code (error correction M, the standard 4-module quiet zone), drawn as one SVG path. */
function PageCode({ text }: { text: string }): ReactElement {
  const { modules } = createQrCode(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const size = modules.size + 2 * quiet;
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) if (modules.get(row, column)) path += `M${column + quiet} ${row + quiet}h1v1h-1z`;
  }
  return (
    <svg className="page-code" viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" aria-hidden="true">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

function RegistrationMarks(): ReactElement {
  return (
    <>
      <span className="registration top left">
        <span className="hole" />
      </span>
      <span className="registration top right" />
      <span className="registration bottom left" />
      <span className="registration bottom right" />
    </>
  );
}

function Ballot({ input, layout, pages, measures, serial }: BallotProps): ReactElement {
  const t = zh.print;
  const meetingKey = meetingKeyOf(input);
  const formKey = formKeyOf(input.form, input.candidates.map((c) => c.name));
  return (
    <>
      {pages.map((rows, p) => (
        <Page key={p} className="ballot-page" header={<BallotHeader input={input} page={p + 1} pageCount={pages.length} serial={serial} headMm={measures.headMm} />}>
          <RegistrationMarks />
          <PageCode text={encodePageCode({ meetingKey, formKey, page: p + 1, pages: pages.length })} />
          {p === 0 ? (
            <div className="rules-box" style={{ minHeight: mm(measures.rulesMm) }}>
              <p className="rules">
                {layout.rules}
                {t.commonRule}
              </p>
            </div>
          ) : null}
          <table className="grid">
            <colgroup>
              {layout.columns.map((c, i) => (
                <col key={i} style={{ width: mm(c.widthMm) }} />
              ))}
            </colgroup>
            {rows.some((r) => r.kind !== 'write-ins') ? <HeadRow columns={layout.columns} heightMm={measures.headRowMm} /> : null}
            {rows.map((row, i) => (
              <GridRows key={i} form={input.form} row={row} columns={layout.columns} />
            ))}
          </table>
          {p < pages.length - 1 ? <p className="continued">{t.continued(p + 2, pages.length)}</p> : null}
        </Page>
      ))}
    </>
  );
}

function unitLine(input: MeetingExport): string {
  return `${input.township}${input.unit}　${input.meetingTitle}　${input.meetingDate}`;
}

/** Heights above the grid that the page is laid out with, in mm (each printed as a minimum height). */
interface Measures {
  /** Title and the unit line with the 票号 box. */
  headMm: number;
  /** The rules, on the first page only. */
  rulesMm: number;
  /** The grid's heading row. */
  headRowMm: number;
}

/** The pages of one ballot: what goes on each (the same for every copy). */
export function ballotPages(input: MeetingExport): { layout: Layout; pages: Row[][]; measures: Measures } {
  const t = zh.print;
  const layout = layoutOf(input.form, input.candidates.map((c) => c.name));
  const title = estimateLines(input.form.name, CONTENT.widthMm, 18) * TITLE_LINE_MM + 2;
  // The right side of the header line: page marker, label and box; the unit line wraps beside it.
  const right = textWidthMm(t.pageOf(99, 99)) + textWidthMm(t.ballotNumberBlank) + NUMBER_BOX_MM + 8;
  const meta = Math.max(10, estimateLines(unitLine(input), CONTENT.widthMm - right) * LINE + 2) + 3;
  const rules = estimateLines(layout.rules + t.commonRule, CONTENT.widthMm) * LINE + 3;
  const headRow = headRowHeight(layout.columns);
  const fixed = title + meta + headRow + CONTINUED_MM + SAFETY_MM + TOP_BAND_MM + BOTTOM_BAND_MM;
  const pages = paginate(layout.rows, (i) => PAGE_MM - fixed - (i === 0 ? rules : 0));
  return { layout, pages, measures: { headMm: title + meta, rulesMm: rules, headRowMm: headRow - 0.5 } };
}

/** The grid's left edge in the page's frame: the page frame's cell padding (kit: table.pk-frame). */
const GRID_LEFT_MM = 0.3;
/**
 * Where the boxes and write-in lines of every page stand (shared/scan/reading-map.ts), from the
 * same heights and widths the page is laid out with above; each is printed as a minimum, so the
 * map holds wherever the text fits its estimate, and the reader looks a few mm round each place.
 */
export function readingMapOf(input: MeetingExport): ReadingMap {
  const { layout, pages, measures } = ballotPages(input);
  const form = input.form;
  const columnLeft: number[] = [];
  let x = GRID_LEFT_MM;
  for (const c of layout.columns) {
    columnLeft.push(x);
    x += c.widthMm;
  }
  const centreOf = (column: number) => columnLeft[column]! + layout.columns[column]!.widthMm / 2;
  const mapPages: MapPage[] = pages.map((rows, p) => {
    const items: MapItem[] = [];
    const writeIns: MapWriteIn[] = [];
    let y = TOP_BAND_MM + measures.headMm + (p === 0 ? measures.rulesMm : 0);
    if (rows.some((r) => r.kind !== 'write-ins')) y += measures.headRowMm;
    for (const row of rows) {
      if (row.kind === 'candidate') {
        const height = row.heightMm - 0.3;
        const centre = y + height / 2;
        const candidate = row.index - 1;
        if (form.kind === 'recommend') {
          form.questions.forEach((_, question) => items.push({ candidate, question, boxes: [{ option: 0, xMm: centreOf(2 + question), yMm: centre }] }));
        } else {
          items.push({ candidate, question: 0, boxes: form.questions[0]!.options.map((_, option) => ({ option, xMm: centreOf(2 + option), yMm: centre })) });
        }
        y += height;
      } else if (row.kind === 'block') {
        const candidate = row.index - 1;
        form.questions.forEach((q, question) => {
          const height = row.rowHeights[question]!;
          // An option's box starts its cell, after the cell's 1.5 mm padding.
          const boxes = q.options.map((_, option) => ({ option, xMm: columnLeft[3 + option]! + 1.5 + BOX_MM / 2, yMm: y + height / 2 }));
          items.push({ candidate, question, boxes });
          y += height;
        });
      } else {
        const top = y + 1.5 + estimateLines(row.heading, CONTENT.widthMm - 6) * LINE;
        for (let slot = 0; slot < row.slots; slot++) {
          const left = GRID_LEFT_MM + 2 + (slot % WRITE_IN_PER_ROW) * (WRITE_IN_SLOT_MM + 3);
          const slotTop = top + Math.floor(slot / WRITE_IN_PER_ROW) * WRITE_IN_ROW_MM;
          const label = textWidthMm(zh.print.writeInSlot(slot + 1)) + 1;
          // The writing space: beside the label, down to the line (1.5 mm above the slot's foot).
          writeIns.push({ question: row.question, slot, xMm: left + label, yMm: slotTop, widthMm: WRITE_IN_SLOT_MM - label, heightMm: WRITE_IN_ROW_MM - 1.5 });
        }
        y += row.heightMm - 0.3;
      }
    }
    return { items, writeIns };
  });
  return {
    version: READING_MAP_VERSION,
    frame: { widthMm: CONTENT.widthMm, heightMm: PAGE_MM, squareMm: REGISTRATION_MM, holeMm: REGISTRATION_HOLE_MM },
    paperOffsetMm: { x: MARGIN.sideMm, y: MARGIN.topMm },
    paperMm: { width: A4.widthMm, height: A4.heightMm },
    code: { xMm: CONTENT.widthMm - CODE_RIGHT_MM - QR_MM, yMm: PAGE_MM - QR_MM, sizeMm: QR_MM },
    boxMm: BOX_MM,
    candidates: input.candidates.length,
    questions: form.questions.length,
    optionCounts: form.questions.map((q) => (form.kind === 'recommend' ? 1 : q.options.length)),
    pages: mapPages,
  };
}

/**
 * Where the 票号 goes in a numbered ballot's markup: an HTML comment, which no text can produce
 * (React escapes "<" in text), replaced by each copy's number.
 */
const SERIAL_SLOT = '<!--serial-->';

/**
 * `copies` ballots, alike unless `numbered` (票号 1…n printed in the box on every page of ballot n).
 * One ballot is rendered once and repeated: the copies are the same markup by construction, and
 * 2,000 copies take no longer to build than one.
 */
export function blankBallotsHtml(input: MeetingExport, copies: number, options: BlankBallotOptions = {}): string {
  const { layout, pages, measures } = ballotPages(input);
  const one = renderFragment(<Ballot input={input} layout={layout} pages={pages} measures={measures} serial={options.numbered ? 'slot' : null} />);
  const all = Array.from({ length: copies }, (_, i) => (options.numbered ? { html: one.html.replaceAll(SERIAL_SLOT, String(i + 1)) } : one));
  return renderDocument(
    <PrintDocument title={input.form.name} css={CSS}>
      <Rendered markup={all} />
    </PrintDocument>,
  );
}
