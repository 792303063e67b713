// The period of a compliance report: a month ("2026-11"), a quarter ("2026-Q4") or a year ("2026"),
// bounded in the agency's own time zone, since a case closed at 23.30 WIT on 31 December belongs to
// that year's evaluation although it is already the next year in UTC.
import { z } from 'zod';
import type { IndonesianTimeZone } from '../profile/schema';
import { MONTH_NAMES, UTC_OFFSET_MINUTES } from '../workingTime';

export type ReportPeriod =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number };

const PERIOD_PATTERN = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

export const PERIOD_FORMAT_HINT = 'Periode ditulis YYYY-MM (bulan, mis. 2026-11), YYYY-Qn (triwulan, mis. 2026-Q4) atau YYYY (tahun, mis. 2026).';

/** Parses a period as written in a query; undefined when it is not one. */
export function parseReportPeriod(text: string): ReportPeriod | undefined {
  const match = PERIOD_PATTERN.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  if (match[2]) return { kind: 'month', year, month: Number(match[2]) };
  if (match[3]) return { kind: 'quarter', year, quarter: Number(match[3]) };
  return { kind: 'year', year };
}

/** The period as a query parameter: written the three ways above, refused in words otherwise. */
export const reportPeriodTextSchema = z
  .string({ error: `Periode laporan wajib diisi. ${PERIOD_FORMAT_HINT}` })
  .trim()
  .refine((text) => parseReportPeriod(text) !== undefined, {
    error: (issue) => `Periode "${String(issue.input)}" tidak dikenal. ${PERIOD_FORMAT_HINT} Tahun ${FIRST_YEAR}–${LAST_YEAR}.`,
  });

/** The canonical way to write the period: what the report, the CSV's name and the PDF show. */
export function periodCode(period: ReportPeriod): string {
  switch (period.kind) {
    case 'month':
      return `${period.year}-${String(period.month).padStart(2, '0')}`;
    case 'quarter':
      return `${period.year}-Q${period.quarter}`;
    case 'year':
      return String(period.year);
  }
}

const QUARTER_NUMERALS = ['I', 'II', 'III', 'IV'];

/** E.g. "November 2026", "Triwulan IV 2026", "Tahun 2026". */
export function periodLabel(period: ReportPeriod): string {
  switch (period.kind) {
    case 'month':
      return `${MONTH_NAMES[period.month - 1]} ${period.year}`;
    case 'quarter':
      return `Triwulan ${QUARTER_NUMERALS[period.quarter - 1]} ${period.year}`;
    case 'year':
      return `Tahun ${period.year}`;
  }
}

/** The period as instants [fromMs, toMs): local midnight of its first day to local midnight after its last. */
export function periodBounds(period: ReportPeriod, timeZone: IndonesianTimeZone): { fromMs: number; toMs: number } {
  const [firstMonth, months] = period.kind === 'month' ? [period.month, 1] : period.kind === 'quarter' ? [(period.quarter - 1) * 3 + 1, 3] : [1, 12];
  const offsetMs = UTC_OFFSET_MINUTES[timeZone] * 60_000;
  // Date.UTC rolls month 13 over into January of the next year.
  return { fromMs: Date.UTC(period.year, firstMonth - 1, 1) - offsetMs, toMs: Date.UTC(period.year, firstMonth - 1 + months, 1) - offsetMs };
}
