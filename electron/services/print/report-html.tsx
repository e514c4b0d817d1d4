/**
 * A report sheet as a printable HTML document: the same laid-out grid the Excel kit draws, one
 * table a page, rendered with react-dom/server (every text escaped by construction). Pages are the
 * layout's pages, so the header rows, the signature lines and the page numbers fall exactly where
 * the layout put them; Chromium only has to print each page as it is.
 */
import type { CSSProperties, ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { GridCell, GridRow, LaidOutSheet } from '../../../shared/report/layout';
import { A4, MARGINS, layoutSheet } from '../../../shared/report/layout';
import type { ReportSheet, Tone } from '../../../shared/report/model';
import { zh } from '../../../shared/messages/zh-CN';
import { LAYOUT_WORDS } from '../xlsx-kit';
import { BODY_FONTS, TITLE_FONTS } from './kit';

// The print kit's font lists: a report and a ballot are set in the same faces.
const fontList = (fonts: readonly string[]) => fonts.map((f) => (/^(serif|sans-serif)$/.test(f) ? f : `'${f}'`)).join(', ');
const BODY = fontList(BODY_FONTS);
const TITLE = fontList(TITLE_FONTS);

function pageCss(): string {
  const margins = `${MARGINS.top}pt ${MARGINS.right}pt ${MARGINS.bottom}pt ${MARGINS.left}pt`;
  return `
@page { size: A4 portrait; margin: ${margins}; }
@page landscape { size: A4 landscape; margin: ${margins}; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; color: #000; }
body { font-family: ${BODY}; }
.page { position: relative; break-after: page; page-break-after: always; overflow: hidden; }
.page:last-child { break-after: auto; page-break-after: auto; }
.page.landscape { page: landscape; }
table.grid { border-collapse: collapse; table-layout: fixed; margin: 0 auto; }
table.grid td { padding: 0 2.5pt; line-height: 1.4; vertical-align: middle; overflow: hidden; }
td.bordered { border: 0.75pt solid #000; }
td.th { background: #efefef; font-weight: bold; }
td.title, td.caption { font-family: ${TITLE}; }
td.nowrap { white-space: nowrap; }
td.wrap { white-space: pre-wrap; word-break: break-all; }
.warning, .serious { color: #c00000; }
.muted { color: #595959; }
.footer { position: absolute; left: 0; right: 0; bottom: 0; text-align: center; font-size: 9pt; }
`;
}

function toneClass(tone: Tone | undefined): string {
  return tone === 'warning' || tone === 'serious' ? tone : tone === 'muted' ? 'muted' : '';
}

function Cell({ cell }: { cell: GridCell }): ReactElement {
  const classes = [cell.border ? 'bordered' : '', cell.role === 'th' ? 'th' : '', cell.role === 'title' || cell.role === 'caption' ? cell.role : '', cell.wrap ? 'wrap' : 'nowrap', toneClass(cell.tone)]
    .filter(Boolean)
    .join(' ');
  const style: CSSProperties = { fontSize: `${cell.fontPt}pt`, textAlign: cell.align, ...(cell.bold ? { fontWeight: 'bold' } : {}) };
  return (
    <td colSpan={cell.span > 1 ? cell.span : undefined} rowSpan={cell.rowSpan && cell.rowSpan > 1 ? cell.rowSpan : undefined} className={classes || undefined} style={style}>
      {cell.display}
    </td>
  );
}

function Row({ row }: { row: GridRow }): ReactElement {
  return (
    <tr style={{ height: `${row.height}pt` }}>
      {row.cells.map((cell, i) =>
        row.image ? (
          <td key={i} colSpan={cell.span}>
            <img alt="" src={`data:image/png;base64,${row.image.png}`} style={{ width: `${row.image.widthPt}pt`, height: `${row.image.heightPt}pt` }} />
          </td>
        ) : (
          <Cell key={i} cell={cell} />
        ),
      )}
    </tr>
  );
}

function Page({ laid, rows, number, total }: { laid: LaidOutSheet; rows: GridRow[]; number: number; total: number }): ReactElement {
  const landscape = laid.orientation === 'landscape';
  const width = (landscape ? A4.height : A4.width) - MARGINS.left - MARGINS.right;
  // The page box is the printable area less a hair, so that Chromium never pushes a page's last row on.
  const height = (landscape ? A4.width : A4.height) - MARGINS.top - MARGINS.bottom - 2;
  const tableWidth = laid.columns.reduce((s, w) => s + w, 0);
  // Rows that a header cell spans into leave their place to it.
  return (
    <section className={`page${landscape ? ' landscape' : ''}`} style={{ width: `${width}pt`, height: `${height}pt` }}>
      <table className="grid" style={{ width: `${tableWidth}pt` }}>
        <colgroup>
          {laid.columns.map((w, i) => (
            <col key={i} style={{ width: `${w}pt` }} />
          ))}
        </colgroup>
        <tbody>
          {rows.map((row, i) => (
            <Row key={i} row={row} />
          ))}
        </tbody>
      </table>
      <div className="footer">{zh.report.pageOf(number, total)}</div>
    </section>
  );
}

/** One HTML document of one or more sheets, each sheet's pages numbered on their own. */
export function reportHtml(sheets: readonly ReportSheet[], title: string): string {
  const laidOut = sheets.map((sheet) => layoutSheet(sheet, LAYOUT_WORDS));
  const body = (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: pageCss() }} />
      </head>
      <body>
        {laidOut.flatMap((laid, s) => laid.pages.map((rows, p) => <Page key={`${s}-${p}`} laid={laid} rows={rows} number={p + 1} total={laid.pages.length} />))}
      </body>
    </html>
  );
  return `<!doctype html>${renderToStaticMarkup(body)}`;
}
