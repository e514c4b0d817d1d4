/**
 * The print kit: what every print-out template (blank ballots, the 正字 tally sheet, interview record
 * sheets, the 计票结果报告单) is built from. See README.md beside this file for how to use it.
 */
export { BODY_FONTS, KIT_CSS, PrintDocument, Rendered, renderDocument, renderFragment, TITLE_FONTS } from './document';
export type { Markup, PrintDocumentProps } from './document';
export { Checkbox, Checkboxes, DateLine, Keep, Page, SignatureLine, Signatures, Title } from './parts';
export type { CheckboxProps, DateLineProps, PageProps, SignatureLineProps } from './parts';
export { A4, BODY_PT, CONTENT, estimateLines, LINE_FACTOR, lineHeightMm, MARGIN, MIN_BODY_PT, mm, MM_PER_PT, paginate, ptToMm, textWidthEm, textWidthMm } from './layout';
export type { Block } from './layout';
