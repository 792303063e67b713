// The compliance report as a PDF for the yearly evaluation: the agency's kop, the title, the period,
// then per procedure a table of its SOP rows (mutu baku against the actual time) with the whole
// service's figures and a bar chart. A4 landscape, so a table row fits on one line.
import PDFDocument from 'pdfkit';
import type { Letterhead } from '../../shared/documents/content';
import type { ComplianceReport, ProcedureCompliance, StepCompliance } from '../../shared/report/complianceReportSchema';
import { chartHeight, drawStepChart } from './complianceChart';
import { formatLocalDate, formatMinutes, formatPercent } from './pdfFormat';

export const REPORT_TITLE = 'Laporan Pemantauan dan Evaluasi SOP';
const MARGIN = 40;
const STATUS_NAMES: Record<string, string> = { completed: 'selesai', rejected: 'ditolak', withdrawn: 'ditarik', expired: 'kedaluwarsa', noCapacity: 'kapasitas tidak tersedia', cancelled: 'dibatalkan' };

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
  value(step: StepCompliance): string;
}

const COLUMNS: Column[] = [
  { header: 'No', width: 26, align: 'center', value: (s) => s.sopStep },
  { header: 'Aktivitas', width: 250, value: (s) => s.title },
  { header: 'Pelaksana', width: 110, value: (s) => (s.applicantTime ? `${s.performerTitle} (waktu pemohon)` : s.performerTitle) },
  { header: 'Mutu baku', width: 70, value: (s) => (s.standard ? `${s.standard.text} (${formatMinutes(s.standard.workingMinutes)} mnt)` : '–') },
  { header: 'Permohonan', width: 52, align: 'right', value: (s) => String(s.cases) },
  { header: 'Median (mnt)', width: 52, align: 'right', value: (s) => formatMinutes(s.medianMinutes) },
  { header: 'P90 (mnt)', width: 52, align: 'right', value: (s) => formatMinutes(s.p90Minutes) },
  { header: 'Tepat waktu', width: 62, align: 'right', value: (s) => (s.assessed ? `${s.onTime}/${s.assessed} (${formatPercent(s.onTimePercent)})` : '–') },
  { header: 'Lewat', width: 34, align: 'right', value: (s) => String(s.breaches) },
  { header: 'Eskalasi', width: 40, align: 'right', value: (s) => String(s.escalations) },
];

function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage();
}

/** The agency's kop surat, the same as on its other documents (shared/documents/letterhead.ts). */
function kop(doc: PDFKit.PDFDocument, letterhead: Letterhead): void {
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(12).text(letterhead.government, MARGIN, MARGIN, { width, align: 'center' });
  doc.fontSize(14).text(letterhead.agency, { width, align: 'center' });
  doc.font('Helvetica').fontSize(9);
  for (const line of letterhead.address) doc.text(line, { width, align: 'center' });
  const lineY = doc.y + 4;
  doc.moveTo(MARGIN, lineY).lineTo(MARGIN + width, lineY).lineWidth(2).stroke();
  doc.moveTo(MARGIN, lineY + 3).lineTo(MARGIN + width, lineY + 3).lineWidth(0.6).stroke();
  doc.lineWidth(1);
  doc.y = lineY + 14;
}

function heading(doc: PDFKit.PDFDocument, report: ComplianceReport): void {
  const width = doc.page.width - 2 * MARGIN;
  const lastDay = Date.parse(report.period.to) - 1;
  doc.font('Helvetica-Bold').fontSize(14).text(REPORT_TITLE.toUpperCase(), MARGIN, doc.y, { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).text(`Periode: ${report.period.label} (${formatLocalDate(Date.parse(report.period.from), report.timeZone)} – ${formatLocalDate(lastDay, report.timeZone)}, ${report.timeZone})`, { width, align: 'center' });
  doc.moveDown(0.6).fontSize(8.5);
  doc.text(`Dasar: Peraturan Menteri PAN Nomor PER/21/M.PAN/11/2008 tentang Pedoman Penyusunan SOP AP — pemantauan dan evaluasi penerapan SOP terhadap mutu bakunya.`, MARGIN, doc.y, { width });
  doc.text(`Dihitung dari ${report.cases} permohonan yang ditutup dalam periode (permohonan yang masih berjalan tidak dihitung). Waktu dalam menit kerja menurut kalender kerja instansi; median dan persentil 90 dengan metode peringkat terdekat (nearest-rank). Waktu aktivitas pemohon adalah waktu menunggu pemohon dan tidak dihitung sebagai waktu instansi.`, { width });
  doc.moveDown(0.8);
}

function tableRow(doc: PDFKit.PDFDocument, cells: string[], bold: boolean): void {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
  const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: (COLUMNS[i]?.width ?? 40) - 6 }))) + 6;
  ensureRoom(doc, height);
  const y = doc.y;
  let x = MARGIN;
  cells.forEach((text, i) => {
    const column = COLUMNS[i];
    if (!column) return;
    if (bold) doc.rect(x, y, column.width, height).fillAndStroke('#e8eef5', '#888888').fillColor('black');
    else doc.rect(x, y, column.width, height).lineWidth(0.4).strokeColor('#888888').stroke();
    doc.fillColor('black').text(text, x + 3, y + 3, { width: column.width - 6, align: column.align ?? 'left' });
    x += column.width;
  });
  doc.strokeColor('black').lineWidth(1);
  doc.x = MARGIN;
  doc.y = y + height;
}

function serviceLines(procedure: ProcedureCompliance): string[] {
  const s = procedure.service;
  const standard = s.standard ? `mutu baku ${s.standard.text} (${formatMinutes(s.standard.workingMinutes)} menit kerja), tepat waktu ${s.onTime}/${s.cases} (${formatPercent(s.onTimePercent)})` : 'SOP tidak menetapkan mutu baku seluruh layanan';
  return [
    `Seluruh layanan (${s.cases} permohonan selesai): ${standard}; waktu instansi: median ${formatMinutes(s.agencyMedianMinutes)} menit kerja, persentil ke-90 ${formatMinutes(s.agencyP90Minutes)} menit kerja.`,
    `Waktu menunggu pemohon (tidak dihitung sebagai waktu instansi): median ${formatMinutes(s.applicantWaitMedianMinutes)} menit kerja, persentil ke-90 ${formatMinutes(s.applicantWaitP90Minutes)} menit kerja, jumlah ${formatMinutes(s.applicantWaitTotalMinutes)} menit kerja.`,
  ];
}

function procedureSection(doc: PDFKit.PDFDocument, procedure: ProcedureCompliance, index: number): void {
  const width = doc.page.width - 2 * MARGIN;
  ensureRoom(doc, 120);
  doc.font('Helvetica-Bold').fontSize(11).text(`${index + 1}. ${procedure.title}`, MARGIN, doc.y, { width });
  const statuses = Object.entries(procedure.statuses).map(([status, n]) => `${STATUS_NAMES[status] ?? status} ${n}`).join(', ');
  doc.font('Helvetica').fontSize(8.5).text(`${procedure.sopNumber ? `Nomor SOP ${procedure.sopNumber}. ` : ''}Permohonan ditutup: ${procedure.cases}${statuses ? ` (${statuses})` : ''}.`, { width });
  doc.moveDown(0.4);
  tableRow(doc, COLUMNS.map((c) => c.header), true);
  for (const step of procedure.steps) tableRow(doc, COLUMNS.map((c) => c.value(step)), false);
  doc.moveDown(0.4).font('Helvetica').fontSize(8.5);
  for (const line of serviceLines(procedure)) doc.text(line, MARGIN, doc.y, { width });
  doc.moveDown(0.6);
  const height = chartHeight(procedure.steps);
  ensureRoom(doc, height + 14);
  doc.font('Helvetica-Bold').fontSize(8.5).text(`Grafik: mutu baku dan waktu aktual per aktivitas — ${procedure.title}`, MARGIN, doc.y, { width });
  const top = doc.y + 4;
  drawStepChart(doc, procedure.steps, MARGIN, top, width);
  doc.font('Helvetica');
  doc.x = MARGIN;
  doc.y = top + height + 16;
}

function signatureBlock(doc: PDFKit.PDFDocument, report: ComplianceReport, place: string): void {
  const width = 300;
  const x = doc.page.width - MARGIN - width;
  ensureRoom(doc, 110);
  const { signatory } = report;
  doc.font('Helvetica').fontSize(9).fillColor('black');
  doc.text(`${place}, ${formatLocalDate(Date.parse(report.generatedAt), report.timeZone)}`, x, doc.y + 10, { width, align: 'center' });
  doc.text('Mengetahui,', { width, align: 'center' });
  doc.text(signatory.title, { width, align: 'center' });
  doc.moveDown(3.5);
  doc.font('Helvetica-Bold').text(signatory.name ?? '(................................................)', { width, align: 'center', underline: signatory.name !== null });
  doc.font('Helvetica').text(`NIP. ${signatory.nip ?? '.................................'}`, { width, align: 'center' });
  doc.x = MARGIN;
}

function pageNumbers(doc: PDFKit.PDFDocument, report: ComplianceReport): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.height - MARGIN + 8;
    // Writing below the bottom margin would otherwise make pdfkit open a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7.5).fillColor('#555555')
      .text(`${REPORT_TITLE} — ${report.agency.name} — ${report.period.label}`, MARGIN, bottom, { lineBreak: false })
      .text(`Halaman ${i + 1} dari ${range.count}`, doc.page.width - MARGIN - 100, bottom, { width: 100, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.fillColor('black');
}

/** `place` is the city the evaluation is signed in (shared/documents/letterhead.ts placeOf). */
export function compliancePdf(report: ComplianceReport, letterhead: Letterhead, place: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, bufferPages: true, info: { Title: `${REPORT_TITLE} ${report.period.label}`, Author: report.agency.name, Subject: 'Pemantauan dan evaluasi SOP terhadap mutu baku' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  kop(doc, letterhead);
  heading(doc, report);
  report.procedures.forEach((procedure, i) => procedureSection(doc, procedure, i));
  signatureBlock(doc, report, place);
  pageNumbers(doc, report);
  doc.end();
  return done;
}
