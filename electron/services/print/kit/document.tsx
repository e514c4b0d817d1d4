/**
 * The document shell every print-out shares: A4 with fixed margins, the machine's own CJK fonts
 * (nothing is fetched: the app never touches the network), body text at 11 pt, and the classes of
 * the kit's parts (parts.tsx). Templates add their own CSS through `css`.
 */
import type { ReactElement, ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BODY_PT, LINE_FACTOR, MARGIN } from './layout';

/**
 * Body: 宋体 as the local habit has it, then the same face on other systems (Songti on macOS, Noto or
 * Source Han Serif on Linux), then any CJK sans. SimSun-ExtB and MingLiU-ExtB come right after SimSun:
 * Windows draws rare names outside the Basic Multilingual Plane (𠀾, 䶮 …) from them.
 */
export const BODY_FONTS = [
  'SimSun',
  '宋体',
  'SimSun-ExtB',
  'MingLiU-ExtB',
  'Songti SC',
  'STSong',
  'Noto Serif CJK SC',
  'Source Han Serif SC',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'Microsoft YaHei',
  'serif',
];
/** Titles and table headings: 黑体, then its equivalents. */
export const TITLE_FONTS = [
  'SimHei',
  '黑体',
  'SimSun-ExtB',
  'Heiti SC',
  'STHeiti',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'Microsoft YaHei',
  'sans-serif',
];

function fontList(fonts: readonly string[]): string {
  return fonts.map((f) => (/^(serif|sans-serif)$/.test(f) ? f : `'${f}'`)).join(', ');
}

/** The kit's CSS; classes start with pk- so a template's own classes never collide with them. */
export const KIT_CSS = `
@page { size: A4 portrait; margin: ${MARGIN.topMm}mm ${MARGIN.sideMm}mm ${MARGIN.bottomMm}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${fontList(BODY_FONTS)}; font-size: ${BODY_PT}pt; line-height: ${LINE_FACTOR}; color: #000; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1, h2, h3, th, .pk-heading { font-family: ${fontList(TITLE_FONTS)}; font-weight: normal; }
p { margin: 0; }
table { border-collapse: collapse; }

.pk-page { break-after: page; }
.pk-page:last-child { break-after: auto; }
table.pk-frame { width: 100%; table-layout: fixed; }
/* 0.3 mm each side: Chromium clips what lies outside the printable area, and a table's outer border
   (border-collapse) lies half outside the table: without the padding a full-width table loses its right rule. */
table.pk-frame > thead > tr > td, table.pk-frame > tbody > tr > td { padding: 0 0.3mm; border: 0; vertical-align: top; text-align: left; }
.pk-title { font-size: 18pt; line-height: 9mm; text-align: center; margin: 0 0 2mm; }

.pk-keep { break-inside: avoid; }
.pk-keep-with-previous { break-inside: avoid; break-before: avoid; }

.pk-sign { display: inline-flex; align-items: baseline; white-space: nowrap; break-inside: avoid; }
.pk-rule { display: inline-block; height: 1em; border-bottom: 1px solid #000; margin: 0 0.5mm; }
.pk-signatures { display: flex; flex-wrap: wrap; column-gap: 8mm; row-gap: 7mm; }

.pk-check { display: inline-block; white-space: nowrap; break-inside: avoid; }
.pk-check + .pk-check { margin-left: 1em; }
.pk-box { font-size: 1.3em; line-height: 1; vertical-align: -0.1em; }
.pk-check .pk-box { margin-right: 0.12em; }
.pk-checks-stacked .pk-check { display: block; }
.pk-checks-stacked .pk-check + .pk-check { margin-left: 0; }
`;

export interface PrintDocumentProps {
  /** The document's title (the PDF's title). */
  title: string;
  /** The template's own CSS, after the kit's. Constant text of the template, never user data. */
  css?: string;
  children: ReactNode;
}

/** The html element of a print-out; render it with renderDocument. */
export function PrintDocument({ title, css = '', children }: PrintDocumentProps): ReactElement {
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
        {/* The CSS is the kit's and the template's own constant text: no user data reaches it. */}
        <style>{KIT_CSS + css}</style>
      </head>
      <body>{children}</body>
    </html>
  );
}

/** The HTML string of a document element, ready for printToPDF: React escapes every text and attribute. */
export function renderDocument(element: ReactElement): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}

/**
 * Markup rendered by React, to be placed into a document with `Rendered`: for a part printed many
 * times over (2,000 alike ballots), render it once and repeat the string instead of rendering
 * every copy again.
 */
export interface Markup {
  readonly html: string;
}

export function renderFragment(element: ReactElement): Markup {
  return { html: renderToStaticMarkup(element) };
}

/** Places markup from renderFragment, unchanged. Only ever React's own output: it is escaped already. */
export function Rendered({ markup }: { markup: Markup | readonly Markup[] }): ReactElement {
  const html = Array.isArray(markup) ? (markup as readonly Markup[]).map((m) => m.html).join('') : (markup as Markup).html;
  return <div className="pk-rendered" dangerouslySetInnerHTML={{ __html: html }} />;
}
