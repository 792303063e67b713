import { resolveNonWorkingDates } from '../../activities/calendar';
import type { CalendarSpec } from '../../shared/profile/schema';

function spec(extraNonWorkingDates: CalendarSpec['extraNonWorkingDates'] = {}): CalendarSpec {
  return {
    workingDays: [1, 2, 3, 4, 5],
    workingHours: { start: '08:00', end: '16:00' },
    holidays: { country: 'ID' },
    extraNonWorkingDates,
  };
}

test('2026 has the national holidays', () => {
  const dates = resolveNonWorkingDates(spec(), [2026]);
  expect(dates).toEqual(expect.arrayContaining(['2026-01-01', '2026-08-17', '2026-12-25', '2026-05-27']));
  // Idul Fitri 1447 H as the SKB sets it (date-holidays alone computes 20–21 March).
  expect(dates).toEqual(expect.arrayContaining(['2026-03-21', '2026-03-22']));
});

test('2026 has the cuti bersama from profiles/calendar/cuti-bersama.json', () => {
  const dates = resolveNonWorkingDates(spec(), [2026]);
  expect(dates).toEqual(expect.arrayContaining(['2026-03-20', '2026-03-23', '2026-03-24', '2026-12-24']));
});

test('the SKB corrects date-holidays where their dates differ', () => {
  const dates = resolveNonWorkingDates(spec(), [2025]);
  // Idul Fitri 1446 H and 1 Muharram 1447 H fell a day later than date-holidays computes.
  expect(dates).toEqual(expect.arrayContaining(['2025-03-31', '2025-04-01', '2025-06-27']));
  expect(dates).not.toContain('2025-06-26');
});

test('only the requested years are resolved', () => {
  const dates = resolveNonWorkingDates(spec({ '2027': ['2027-01-04'] }), [2026]);
  expect(dates.every((date) => date.startsWith('2026-'))).toBe(true);
});

test('the profile’s extra dates are merged, and the result is sorted and unique', () => {
  const dates = resolveNonWorkingDates(spec({ '2026': ['2026-07-01', '2026-08-17'], '2025': ['2025-10-10'] }), [2026, 2025]);
  expect(dates).toContain('2026-07-01');
  expect(dates).toContain('2025-10-10');
  expect(dates.filter((date) => date === '2026-08-17')).toHaveLength(1);
  expect(dates).toEqual([...new Set(dates)].sort());
  expect(dates[0]).toBe('2025-01-01');
});
