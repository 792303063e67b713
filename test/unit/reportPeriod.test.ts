// The compliance report's period: how it is written, refused, named and bounded in the agency's zone.
import { parseReportPeriod, periodBounds, periodCode, periodLabel, reportPeriodTextSchema } from '../../shared/report/period';

test('a month, a quarter and a year are read as written', () => {
  expect(parseReportPeriod('2026-11')).toEqual({ kind: 'month', year: 2026, month: 11 });
  expect(parseReportPeriod('2026-Q4')).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
  expect(parseReportPeriod('2026-q1')).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
  expect(parseReportPeriod(' 2026 ')).toEqual({ kind: 'year', year: 2026 });
});

test.each(['', '26', '2026-13', '2026-00', '2026-1', '2026-Q5', '2026-Q0', '2026/11', '2026-11-01', '1999', '2101', 'tahun ini'])('"%s" is not a period', (text) => {
  expect(parseReportPeriod(text)).toBeUndefined();
});

test('the query refuses a bad period in Indonesian, saying how to write one', () => {
  const bad = reportPeriodTextSchema.safeParse('2026-13');
  expect(bad.success).toBe(false);
  expect(bad.error?.issues[0]?.message).toBe('Periode "2026-13" tidak dikenal. Periode ditulis YYYY-MM (bulan, mis. 2026-11), YYYY-Qn (triwulan, mis. 2026-Q4) atau YYYY (tahun, mis. 2026). Tahun 2000–2100.');
  const missing = reportPeriodTextSchema.safeParse(undefined);
  expect(missing.error?.issues[0]?.message).toMatch(/^Periode laporan wajib diisi\./);
  expect(reportPeriodTextSchema.parse('2026-Q4')).toBe('2026-Q4');
});

test('codes and labels as the report prints them', () => {
  expect([periodCode({ kind: 'month', year: 2026, month: 3 }), periodLabel({ kind: 'month', year: 2026, month: 3 })]).toEqual(['2026-03', 'Maret 2026']);
  expect([periodCode({ kind: 'quarter', year: 2026, quarter: 4 }), periodLabel({ kind: 'quarter', year: 2026, quarter: 4 })]).toEqual(['2026-Q4', 'Triwulan IV 2026']);
  expect([periodCode({ kind: 'year', year: 2026 }), periodLabel({ kind: 'year', year: 2026 })]).toEqual(['2026', 'Tahun 2026']);
});

test('bounds run from local midnight of the first day to local midnight after the last, in the agency zone', () => {
  const iso = (b: { fromMs: number; toMs: number }) => [new Date(b.fromMs).toISOString(), new Date(b.toMs).toISOString()];
  expect(iso(periodBounds({ kind: 'month', year: 2026, month: 11 }, 'WIB'))).toEqual(['2026-10-31T17:00:00.000Z', '2026-11-30T17:00:00.000Z']);
  expect(iso(periodBounds({ kind: 'month', year: 2026, month: 12 }, 'WITA'))).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  expect(iso(periodBounds({ kind: 'quarter', year: 2026, quarter: 4 }, 'WIT'))).toEqual(['2026-09-30T15:00:00.000Z', '2026-12-31T15:00:00.000Z']);
  expect(iso(periodBounds({ kind: 'quarter', year: 2026, quarter: 1 }, 'WIB'))).toEqual(['2025-12-31T17:00:00.000Z', '2026-03-31T17:00:00.000Z']);
  expect(iso(periodBounds({ kind: 'year', year: 2026 }, 'WIB'))).toEqual(['2025-12-31T17:00:00.000Z', '2026-12-31T17:00:00.000Z']);
});
