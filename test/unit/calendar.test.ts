import { nationalHolidays, seededCutiBersama } from '../../activities/calendar';
import type { CalendarEntry } from '../../activities/calendarStore';
import { mergeWorkingYears } from '../../activities/workingYears';
import type { CalendarSpec } from '../../shared/profile/schema';

const spec: CalendarSpec = {
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '08:00', end: '16:00' },
  holidays: { country: 'ID' },
  extraNonWorkingDates: {},
};

const entry = (scope: string, year: number, dates: string[]): CalendarEntry => ({ scope, year, dates, source: 'admin', updatedAt: new Date() });

test('2026 has the national holidays', () => {
  const dates = nationalHolidays(spec, [2026]);
  expect(dates).toEqual(expect.arrayContaining(['2026-01-01', '2026-08-17', '2026-12-25', '2026-05-27']));
  // Idul Fitri 1447 H as the SKB sets it (date-holidays alone computes 20–21 March).
  expect(dates).toEqual(expect.arrayContaining(['2026-03-21', '2026-03-22']));
});

test('the SKB corrects date-holidays where their dates differ', () => {
  const dates = nationalHolidays(spec, [2025]);
  // Idul Fitri 1446 H and 1 Muharram 1447 H fell a day later than date-holidays computes.
  expect(dates).toEqual(expect.arrayContaining(['2025-03-31', '2025-04-01', '2025-06-27']));
  expect(dates).not.toContain('2025-06-26');
});

test('the seed file records the 2025 and 2026 cuti bersama with their decree, and invents no 2027', () => {
  const seeded = seededCutiBersama();
  expect(seeded.map((s) => s.year)).toEqual([2025, 2026]);
  const y2026 = seeded.find((s) => s.year === 2026)!;
  expect(y2026.dates).toEqual(expect.arrayContaining(['2026-03-20', '2026-03-23', '2026-03-24', '2026-12-24']));
  expect(y2026.decree).toContain('Cuti Bersama Tahun 2026');
});

test('a year is merged from national holidays, its cuti bersama and the agency’s days, sorted and unique', () => {
  const merged = mergeWorkingYears(spec, 'cirebon', [2026], [entry('national', 2026, ['2026-12-24']), entry('cirebon', 2026, ['2026-07-01', '2026-08-17'])]);
  expect(merged.nonWorkingDates).toEqual(expect.arrayContaining(['2026-01-01', '2026-12-24', '2026-07-01']));
  expect(merged.nonWorkingDates.filter((date) => date === '2026-08-17')).toHaveLength(1);
  expect(merged.nonWorkingDates).toEqual([...new Set(merged.nonWorkingDates)].sort());
  expect(merged).toMatchObject({ years: [2026], missing: [] });
});

test('a year without recorded cuti bersama is missing, and still has its national holidays', () => {
  const merged = mergeWorkingYears(spec, 'cirebon', [2027, 2026], [entry('national', 2026, []), entry('cirebon', 2027, ['2027-07-01'])]);
  expect(merged.years).toEqual([2026, 2027]);
  expect(merged.missing).toEqual([2027]);
  expect(merged.nonWorkingDates).toEqual(expect.arrayContaining(['2027-01-01', '2027-08-17', '2027-07-01']));
});

test('another agency’s days and unlisted years are left out', () => {
  const merged = mergeWorkingYears(spec, 'cirebon', [2026], [entry('national', 2026, []), entry('sumbar', 2026, ['2026-07-01']), entry('national', 2025, ['2025-12-26'])]);
  expect(merged.nonWorkingDates).not.toContain('2026-07-01');
  expect(merged.nonWorkingDates.every((date) => date.startsWith('2026-'))).toBe(true);
});
