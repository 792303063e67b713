// The compliance report as CSV: one line per procedure step, for a spreadsheet. Written for
// spreadsheets set to Indonesian: columns separated by a semicolon and decimals with a comma
// ("12,5"), and a UTF-8 byte order mark so Excel reads the letters right.
import type { ComplianceReport, ProcedureCompliance, StepCompliance } from '../../shared/report/complianceReportSchema';

export const CSV_HEADER = [
  'Prosedur',
  'Nomor SOP',
  'No. Aktivitas',
  'Aktivitas',
  'Pelaksana',
  'Waktu Pemohon',
  'Mutu Baku',
  'Mutu Baku (menit kerja)',
  'Jumlah Permohonan',
  'Jumlah Pelaksanaan',
  'Median (menit kerja)',
  'Persentil 90 (menit kerja)',
  'Dinilai',
  'Tepat Waktu',
  'Tepat Waktu (%)',
  'Melewati Mutu Baku',
  'Eskalasi',
] as const;

const SEPARATOR = ';';

function decimal(n: number | null): string {
  return n === null ? '' : String(n).replace('.', ',');
}

function field(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function stepLine(procedure: ProcedureCompliance, step: StepCompliance): string[] {
  return [
    procedure.title,
    procedure.sopNumber ?? '',
    step.sopStep,
    step.title,
    step.performerTitle,
    step.applicantTime ? 'ya' : 'tidak',
    step.standard?.text ?? '',
    decimal(step.standard?.workingMinutes ?? null),
    String(step.cases),
    String(step.runs),
    decimal(step.medianMinutes),
    decimal(step.p90Minutes),
    String(step.assessed),
    String(step.onTime),
    decimal(step.onTimePercent),
    String(step.breaches),
    String(step.escalations),
  ];
}

export function complianceCsv(report: ComplianceReport): string {
  const lines = [CSV_HEADER.map(field).join(SEPARATOR)];
  for (const procedure of report.procedures) {
    for (const step of procedure.steps) lines.push(stepLine(procedure, step).map(field).join(SEPARATOR));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** E.g. "laporan-sop-kaltim-2026-Q4.csv". */
export function reportFileName(report: ComplianceReport, extension: 'csv' | 'pdf'): string {
  return `laporan-sop-${report.profileId}-${report.period.code}.${extension}`;
}
