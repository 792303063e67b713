// The bar chart of one procedure in the compliance PDF, drawn with pdfkit's vector drawing: for
// each SOP row, the mutu baku beside the median and the 90th percentile of the actual working time,
// as horizontal bars on one scale, so a row that overruns its standard stands out at a glance.
import type { StepCompliance } from '../../shared/report/complianceReportSchema';
import { formatMinutes } from './pdfFormat';

const COLORS = { standard: '#9e9e9e', median: '#1f4e79', p90: '#e07b00', axis: '#444444', grid: '#dddddd' } as const;
const BAR = 5;
const GAP = 2;
const ROW = 3 * BAR + 2 * GAP + 8;
const LABEL_WIDTH = 150;
const AXIS_HEIGHT = 16;
const LEGEND_HEIGHT = 16;

export function chartHeight(steps: readonly StepCompliance[]): number {
  return LEGEND_HEIGHT + steps.length * ROW + AXIS_HEIGHT + 6;
}

/** A round step for the axis ticks: 1, 2 or 5 times a power of ten, giving at most about 6 ticks. */
function tickStep(max: number): number {
  const raw = max / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

function legend(doc: PDFKit.PDFDocument, x: number, y: number): void {
  let cx = x;
  for (const [label, color] of [['Mutu baku', COLORS.standard], ['Median aktual', COLORS.median], ['Persentil 90 aktual', COLORS.p90]] as const) {
    doc.rect(cx, y + 2, 10, 6).fill(color);
    doc.font('Helvetica').fillColor('black').fontSize(7).text(label, cx + 13, y + 1, { lineBreak: false });
    cx += 13 + doc.widthOfString(label) + 14;
  }
}

/** Draws the chart with its top-left corner at (x, y), `width` wide; the caller has made room for chartHeight(steps). */
export function drawStepChart(doc: PDFKit.PDFDocument, steps: readonly StepCompliance[], x: number, y: number, width: number): void {
  legend(doc, x + LABEL_WIDTH, y);
  const top = y + LEGEND_HEIGHT;
  const plotX = x + LABEL_WIDTH;
  const plotWidth = width - LABEL_WIDTH - 10;
  const values = steps.flatMap((s) => [s.standard?.workingMinutes ?? 0, s.medianMinutes ?? 0, s.p90Minutes ?? 0]);
  const step = tickStep(Math.max(1, ...values));
  const max = Math.ceil(Math.max(1, ...values) / step) * step;
  const scale = (minutes: number): number => (minutes / max) * plotWidth;
  const bottom = top + steps.length * ROW;

  for (let tick = 0; tick <= max; tick += step) {
    const tx = plotX + scale(tick);
    doc.moveTo(tx, top).lineTo(tx, bottom).lineWidth(0.4).strokeColor(COLORS.grid).stroke();
    doc.fillColor(COLORS.axis).fontSize(6.5).text(formatMinutes(tick), tx - 20, bottom + 3, { width: 40, align: 'center', lineBreak: false });
  }
  doc.fillColor(COLORS.axis).fontSize(6.5).text('menit kerja', plotX + plotWidth - 60, bottom + 10, { width: 60, align: 'right', lineBreak: false });

  steps.forEach((s, i) => {
    const rowY = top + i * ROW + 4;
    const label = `${s.sopStep}. ${s.title}${s.applicantTime ? ' (pemohon)' : ''}`;
    doc.font('Helvetica').fillColor('black').fontSize(6.5).text(label, x, rowY, { width: LABEL_WIDTH - 6, height: ROW - 2, ellipsis: true });
    const bars: [number | null, string][] = [[s.standard?.workingMinutes ?? null, COLORS.standard], [s.medianMinutes, COLORS.median], [s.p90Minutes, COLORS.p90]];
    bars.forEach(([value, color], b) => {
      if (value === null) return;
      const by = rowY + b * (BAR + GAP);
      doc.rect(plotX, by, Math.max(0.8, scale(value)), BAR).fill(color);
    });
  });
  doc.moveTo(plotX, top).lineTo(plotX, bottom).lineWidth(0.8).strokeColor(COLORS.axis).stroke();
  doc.moveTo(plotX, bottom).lineTo(plotX + plotWidth, bottom).stroke();
  doc.fillColor('black').strokeColor('black').lineWidth(1);
}
