// The measures of an A4 form: margins, the footer band that carries the QR code, and fonts. One
// place, so every document looks like one office's paper.
export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { left: 60, right: 56, top: 36, bottom: 110 };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const FOOTER_TOP = PAGE.height - MARGIN.bottom + 18;
export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };
export const SIZE = { government: 13, agency: 12.5, address: 9, title: 12, body: 10, table: 8, footer: 7.5 };
/** The column where a field's value starts, after its label and the colon. */
export const LABEL_WIDTH = 165;
