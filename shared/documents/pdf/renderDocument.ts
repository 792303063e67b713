// Renders an issued document to PDF with pdfkit, from its stored fields only: kop surat, title and
// number (or a letter's head), the numbered fields, the server table, the signature blocks, and on
// every page a footer with the verification QR code and "Halaman i dari n". The PDF's dates are the
// issue date, so the same record renders the same bytes.
import PDFDocument from 'pdfkit';
import type { DocumentSection, IssuedDocument, Signature } from '../content';
import { indonesianDate } from '../indonesianDate';
import { CONTENT_WIDTH, FONT, FOOTER_TOP, LABEL_WIDTH, MARGIN, PAGE, SIZE } from './layout';
import { drawQrCode } from './qr';

type Doc = PDFKit.PDFDocument;

function bottomLimit(): number {
  return PAGE.height - MARGIN.bottom;
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit()) doc.addPage();
}

function letterhead(doc: Doc, d: IssuedDocument): void {
  const { government, agency, address } = d.letterhead;
  doc.font(FONT.bold).fontSize(SIZE.government).text(government, MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH, align: 'center' });
  doc.fontSize(SIZE.agency).text(agency, { width: CONTENT_WIDTH, align: 'center' });
  doc.font(FONT.regular).fontSize(SIZE.address);
  for (const line of address) doc.text(line, { width: CONTENT_WIDTH, align: 'center' });
  const y = doc.y + 4;
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(2).stroke();
  doc.moveTo(MARGIN.left, y + 3).lineTo(MARGIN.left + CONTENT_WIDTH, y + 3).lineWidth(0.6).stroke();
  doc.x = MARGIN.left;
  doc.y = y + 16;
}

/** Title and the seeds' "No. / Tanggal / Halaman" box of a form; answers where the page count goes. */
function formHead(doc: Doc, d: IssuedDocument): { x: number; y: number; width: number } {
  doc.font(FONT.bold).fontSize(SIZE.title).text(d.content.title, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center', underline: true });
  doc.moveDown(0.6);
  const rows: [string, string][] = [['No.', d.number], ['Tanggal', indonesianDate(d.issuedAt.getTime(), d.timeZone)], ['Halaman', '']];
  const boxWidth = 250;
  const x = MARGIN.left + CONTENT_WIDTH - boxWidth;
  let y = doc.y;
  doc.font(FONT.regular).fontSize(9);
  for (const [label, value] of rows) {
    doc.rect(x, y, 60, 15).rect(x + 60, y, boxWidth - 60, 15).lineWidth(0.5).stroke();
    doc.text(label, x + 4, y + 4, { width: 54, lineBreak: false });
    doc.text(value, x + 64, y + 4, { width: boxWidth - 68, lineBreak: false });
    y += 15;
  }
  doc.x = MARGIN.left;
  doc.y = y + 14;
  return { x: x + 64, y: y - 15 + 4, width: boxWidth - 68 };
}

/** A letter's head: number, nature, attachment, subject on the left, the date on the right, the addressee. */
function letterHead(doc: Doc, d: IssuedDocument): void {
  const letter = d.content.letter!;
  const top = doc.y;
  doc.font(FONT.regular).fontSize(SIZE.body).text(d.content.place, MARGIN.left, top, { width: CONTENT_WIDTH, align: 'right' });
  doc.y = top + 18;
  for (const [label, value] of [['Nomor', d.number], ['Sifat', 'Biasa'], ['Lampiran', '-'], ['Perihal', letter.subject]] as const) field(doc, label, value, 70);
  doc.moveDown(0.8);
  doc.text('Kepada');
  for (const line of letter.to) doc.text(line);
  doc.moveDown(1);
}

function field(doc: Doc, label: string, value: string, labelWidth = LABEL_WIDTH): void {
  doc.font(FONT.regular).fontSize(SIZE.body);
  const valueX = MARGIN.left + labelWidth + 10;
  const valueWidth = CONTENT_WIDTH - labelWidth - 10;
  const height = Math.max(doc.heightOfString(label, { width: labelWidth }), doc.heightOfString(value || '-', { width: valueWidth }));
  ensureRoom(doc, height + 3);
  const y = doc.y;
  doc.text(label, MARGIN.left, y, { width: labelWidth });
  doc.text(':', MARGIN.left + labelWidth, y, { width: 10 });
  doc.text(value || '-', valueX, y, { width: valueWidth });
  doc.x = MARGIN.left;
  doc.y = y + height + 3;
}

function heading(doc: Doc, text: string): void {
  ensureRoom(doc, 40);
  doc.moveDown(0.3).font(FONT.bold).fontSize(SIZE.body).text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.2);
}

function table(doc: Doc, columns: string[], rows: string[][]): void {
  doc.fontSize(SIZE.table);
  // "No" narrow; the rest share the width in proportion to what they hold.
  const weights = columns.map((c, i) => (i === 0 ? 0.5 : Math.max(1, Math.min(3, Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)) / 10))));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * CONTENT_WIDTH);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? FONT.bold : FONT.regular);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || '-', { width: widths[i]! - 6 }))) + 6;
    ensureRoom(doc, height);
    const y = doc.y;
    let x = MARGIN.left;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, height).lineWidth(0.5).stroke();
      doc.text(c || '-', x + 3, y + 3, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    doc.x = MARGIN.left;
    doc.y = y + height;
  };
  drawRow(columns, true);
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.6);
}

function section(doc: Doc, s: DocumentSection, number: number | undefined): void {
  if (s.type === 'paragraph') {
    doc.font(FONT.regular).fontSize(SIZE.body);
    ensureRoom(doc, doc.heightOfString(s.text, { width: CONTENT_WIDTH }) + 6);
    doc.text(s.text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'justify' });
    doc.moveDown(0.5);
    return;
  }
  if (s.heading) heading(doc, number !== undefined ? `${number}. ${s.heading}` : s.heading);
  if (s.type === 'table') return table(doc, s.columns, s.rows.map((r) => r.cells));
  for (const f of s.fields) field(doc, f.label, f.value);
  doc.moveDown(0.4);
}

function signatures(doc: Doc, d: IssuedDocument): void {
  const blocks: Signature[] = d.content.signatures;
  const width = CONTENT_WIDTH / 2;
  ensureRoom(doc, 150);
  if (!d.content.letter) {
    doc.font(FONT.regular).fontSize(SIZE.body).text(d.content.place, MARGIN.left + width, doc.y + 6, { width, align: 'center' });
  }
  const top = doc.y + 4;
  doc.font(FONT.regular).fontSize(SIZE.body);
  // Names on one line across the blocks, however many lines each title takes.
  const heads = blocks.map((b) => doc.heightOfString(b.caption, { width }) + doc.heightOfString(b.title, { width }));
  const nameY = top + Math.max(...heads) + 52;
  let bottom = top;
  blocks.forEach((b, i) => {
    // One signer stands on the right, as a head of office signs; two stand side by side.
    const x = MARGIN.left + (blocks.length === 1 ? width : i * width);
    doc.font(FONT.regular).fontSize(SIZE.body);
    doc.text(b.caption, x, top, { width, align: 'center' });
    doc.text(b.title, x, doc.y, { width, align: 'center' });
    doc.font(FONT.bold).text(b.name ? b.name : '(.........................................)', x, nameY, { width, align: 'center', underline: !!b.name });
    doc.font(FONT.regular).text(`NIP. ${b.nip ?? '.................................'}`, x, doc.y, { width, align: 'center' });
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = MARGIN.left;
  doc.y = bottom + 10;
}

function footer(doc: Doc, d: IssuedDocument, page: number, pages: number): void {
  const y = FOOTER_TOP;
  doc.moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + CONTENT_WIDTH, y - 6).lineWidth(0.5).stroke();
  drawQrCode(doc, d.verificationUrl, MARGIN.left, y, 64);
  const x = MARGIN.left + 74;
  const width = CONTENT_WIDTH - 74;
  doc.font(FONT.regular).fontSize(SIZE.footer);
  doc.text(`Nomor ${d.number} · ${d.requestNumber}`, x, y + 4, { width, lineBreak: false });
  doc.text('Keaslian dan keberlakuan dokumen ini dapat diperiksa dengan memindai kode QR atau membuka:', x, y + 16, { width, lineBreak: false });
  doc.font(FONT.bold).text(d.verificationUrl, x, y + 27, { width, lineBreak: false });
  doc.font(FONT.regular).text(`Halaman ${page} dari ${pages}`, x, y + 44, { width, align: 'right', lineBreak: false });
}

/** The document as PDF bytes. */
export function renderDocumentPdf(d: IssuedDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: `${d.content.title} ${d.number}`, Author: d.letterhead.agency, Subject: d.requestNumber, Creator: 'Kolokasi', Producer: 'Kolokasi (PDFKit)', CreationDate: d.issuedAt, ModDate: d.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  letterhead(doc, d);
  if (d.content.letter) letterHead(doc, d);
  // The page count is known only at the end: the form's box gets it then (below).
  const pageCountAt = d.content.letter ? undefined : formHead(doc, d);
  let numbered = 0;
  for (const s of d.content.sections) section(doc, s, s.type !== 'paragraph' && s.heading ? ++numbered : undefined);
  signatures(doc, d);
  if (d.content.note) doc.font(FONT.italic).fontSize(SIZE.table).text(d.content.note, MARGIN.left, doc.y, { width: CONTENT_WIDTH });

  const range = doc.bufferedPageRange();
  if (pageCountAt) {
    doc.switchToPage(range.start);
    doc.font(FONT.regular).fontSize(9).text(`${range.count} halaman`, pageCountAt.x, pageCountAt.y, { width: pageCountAt.width, lineBreak: false });
  }
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing in the footer band must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    footer(doc, d, i + 1, range.count);
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
