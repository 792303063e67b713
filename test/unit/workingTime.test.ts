import type { IndonesianTimeZone, ProfileSnapshot } from '../../shared/profile/schema';
import {
  UTC_OFFSET_MINUTES,
  type WorkingCalendar,
  addWorkingDuration,
  addWorkingMinutes,
  durationToWorkingMinutes,
  formatLocalDateTime,
  formatSopDuration,
  formatWorkingMinutes,
  localDate,
  workingCalendar,
  workingMinutesBetween,
} from '../../shared/workingTime';

// Non-working weekdays around the 2026 dates used below: Independence Day, Nyepi with its cuti
// bersama and Idul Fitri's, and Christmas with its cuti bersama.
const HOLIDAYS_2026 = ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24', '2026-08-17', '2026-12-24', '2026-12-25'];

/** Monday to Friday, 08:00–16:00: an 8-hour (480-minute) working day. */
function officeCalendar(timeZone: IndonesianTimeZone = 'WIB', nonWorkingDates: string[] = HOLIDAYS_2026): WorkingCalendar {
  return {
    timeZone,
    utcOffsetMinutes: UTC_OFFSET_MINUTES[timeZone],
    workingDays: [1, 2, 3, 4, 5],
    startMinute: 8 * 60,
    endMinute: 16 * 60,
    nonWorkingDates: new Set(nonWorkingDates),
  };
}

const OFFSETS: Record<IndonesianTimeZone, string> = { WIB: '+07:00', WITA: '+08:00', WIT: '+09:00' };

/** An instant given as local wall-clock time, e.g. at('2026-11-20T14:00'). */
function at(local: string, timeZone: IndonesianTimeZone = 'WIB'): number {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return Date.parse(`${withSeconds}${OFFSETS[timeZone]}`);
}

const wib = officeCalendar('WIB');

test('the zones have fixed offsets', () => {
  expect(UTC_OFFSET_MINUTES).toEqual({ WIB: 420, WITA: 480, WIT: 540 });
});

test('workingCalendar reads the profile snapshot', () => {
  // Only the fields workingCalendar reads; a whole profile is beside the point here.
  const snapshot = {
    profile: {
      timeZone: 'WITA',
      calendar: { workingDays: [1, 2, 3, 4, 5], workingHours: { start: '07:30', end: '16:00' }, holidays: { country: 'ID' }, extraNonWorkingDates: {} },
    },
    nonWorkingDates: ['2026-08-17'],
  } as unknown as ProfileSnapshot;
  const cal = workingCalendar(snapshot);
  expect(cal).toMatchObject({ timeZone: 'WITA', utcOffsetMinutes: 480, workingDays: [1, 2, 3, 4, 5], startMinute: 450, endMinute: 960 });
  expect([...cal.nonWorkingDates]).toEqual(['2026-08-17']);
  expect(durationToWorkingMinutes({ amount: 1, unit: 'hari' }, cal)).toBe(510);
});

test('durations convert to working minutes, a day being one working day', () => {
  expect(durationToWorkingMinutes({ amount: 15, unit: 'menit' }, wib)).toBe(15);
  expect(durationToWorkingMinutes({ amount: 2, unit: 'jam' }, wib)).toBe(120);
  expect(durationToWorkingMinutes({ amount: 2, unit: 'hari' }, wib)).toBe(960);
  expect(durationToWorkingMinutes({ amount: 0.5, unit: 'jam' }, wib)).toBe(30);
});

test('within one working day', () => {
  expect(addWorkingMinutes(at('2026-11-23T09:00'), 15, wib)).toBe(at('2026-11-23T09:15'));
  expect(addWorkingDuration(at('2026-11-23T09:00'), { amount: 1, unit: 'jam' }, wib)).toBe(at('2026-11-23T10:00'));
});

test('Friday afternoon plus 2 jam lands on Monday morning', () => {
  expect(addWorkingDuration(at('2026-11-20T15:00'), { amount: 2, unit: 'jam' }, wib)).toBe(at('2026-11-23T09:00'));
  expect(workingMinutesBetween(at('2026-11-20T15:00'), at('2026-11-23T09:00'), wib)).toBe(120);
});

test('a deadline exactly at the end of the day stays there', () => {
  expect(addWorkingDuration(at('2026-11-20T14:00'), { amount: 2, unit: 'jam' }, wib)).toBe(at('2026-11-20T16:00'));
  expect(addWorkingDuration(at('2026-11-23T08:00'), { amount: 1, unit: 'hari' }, wib)).toBe(at('2026-11-23T16:00'));
  expect(addWorkingMinutes(at('2026-11-23T16:00'), 1, wib)).toBe(at('2026-11-24T08:01'));
});

test('"1 hari" from mid-morning lands on the next working day at the same clock time', () => {
  expect(addWorkingDuration(at('2026-11-23T10:00'), { amount: 1, unit: 'hari' }, wib)).toBe(at('2026-11-24T10:00'));
  expect(addWorkingDuration(at('2026-11-20T10:15'), { amount: 1, unit: 'hari' }, wib)).toBe(at('2026-11-23T10:15'));
  expect(addWorkingDuration(at('2026-11-23T10:00'), { amount: 3, unit: 'hari' }, wib)).toBe(at('2026-11-26T10:00'));
});

test('counting starts at the next working period when the start is outside working time', () => {
  expect(addWorkingMinutes(at('2026-11-23T06:00'), 30, wib)).toBe(at('2026-11-23T08:30'));
  expect(addWorkingMinutes(at('2026-11-23T17:00'), 30, wib)).toBe(at('2026-11-24T08:30'));
  expect(addWorkingMinutes(at('2026-11-21T10:00'), 30, wib)).toBe(at('2026-11-23T08:30'));
  expect(workingMinutesBetween(at('2026-11-21T10:00'), at('2026-11-23T08:30'), wib)).toBe(30);
});

test('zero minutes is the start itself, even outside working time', () => {
  expect(addWorkingMinutes(at('2026-11-21T10:00'), 0, wib)).toBe(at('2026-11-21T10:00'));
});

test('national holidays are skipped', () => {
  // Monday 17 August 2026 is Independence Day.
  expect(addWorkingDuration(at('2026-08-14T15:00'), { amount: 2, unit: 'jam' }, wib)).toBe(at('2026-08-18T09:00'));
  expect(addWorkingDuration(at('2026-08-13T10:00'), { amount: 2, unit: 'hari' }, wib)).toBe(at('2026-08-18T10:00'));
  // Without the holiday the same deadline is Monday.
  expect(addWorkingDuration(at('2026-08-14T15:00'), { amount: 2, unit: 'jam' }, officeCalendar('WIB', []))).toBe(at('2026-08-17T09:00'));
});

test('cuti bersama is skipped like a holiday', () => {
  // Thursday 24 December 2026 is cuti bersama, Friday the 25th Christmas.
  expect(addWorkingDuration(at('2026-12-23T15:00'), { amount: 2, unit: 'jam' }, wib)).toBe(at('2026-12-28T09:00'));
  // Nyepi, Idul Fitri and their cuti bersama close the office from Wednesday 18 to Tuesday 24 March.
  expect(addWorkingDuration(at('2026-03-17T15:00'), { amount: 2, unit: 'jam' }, wib)).toBe(at('2026-03-25T09:00'));
  expect(workingMinutesBetween(at('2026-03-16T08:00'), at('2026-03-27T16:00'), wib)).toBe(5 * 480); // 16, 17, 25, 26 and 27 March
});

test('the same instant is judged in the calendar’s own zone', () => {
  const instant = Date.parse('2026-11-23T00:30:00Z'); // 07:30 WIB, 08:30 WITA, 09:30 WIT
  expect(addWorkingMinutes(instant, 60, officeCalendar('WIB'))).toBe(at('2026-11-23T09:00', 'WIB'));
  expect(addWorkingMinutes(instant, 60, officeCalendar('WITA'))).toBe(at('2026-11-23T09:30', 'WITA'));
  expect(addWorkingMinutes(instant, 60, officeCalendar('WIT'))).toBe(instant + 60 * 60_000);
  expect(workingMinutesBetween(instant, instant + 60 * 60_000, officeCalendar('WIB'))).toBe(30);

  const afternoon = Date.parse('2026-11-23T08:30:00Z'); // 15:30 WIB, 16:30 WITA, 17:30 WIT
  expect(addWorkingMinutes(afternoon, 30, officeCalendar('WIB'))).toBe(at('2026-11-23T16:00', 'WIB'));
  expect(addWorkingMinutes(afternoon, 30, officeCalendar('WITA'))).toBe(at('2026-11-24T08:30', 'WITA'));
  expect(addWorkingMinutes(afternoon, 30, officeCalendar('WIT'))).toBe(at('2026-11-24T08:30', 'WIT'));

  // Sunday 23:30 UTC is already Monday morning in WIT, but still Monday's early hours in WIB.
  const sundayUtc = Date.parse('2026-11-22T23:30:00Z');
  expect(addWorkingMinutes(sundayUtc, 10, officeCalendar('WIT'))).toBe(at('2026-11-23T08:40', 'WIT'));
  expect(addWorkingMinutes(sundayUtc, 10, officeCalendar('WIB'))).toBe(at('2026-11-23T08:10', 'WIB'));
});

test('a holiday is a local date: it starts at local midnight of the calendar’s zone', () => {
  const wit = officeCalendar('WIT', ['2026-08-17']);
  // 16 August 23:00 UTC is 17 August 08:00 WIT: already the holiday there.
  expect(addWorkingMinutes(Date.parse('2026-08-16T23:00:00Z'), 60, wit)).toBe(at('2026-08-18T09:00', 'WIT'));
});

test('fractional minutes keep millisecond precision', () => {
  expect(addWorkingMinutes(at('2026-11-23T15:59:30'), 1, wib)).toBe(at('2026-11-24T08:00:30'));
  expect(addWorkingMinutes(at('2026-11-23T09:00'), 0.001, wib)).toBe(at('2026-11-23T09:00') + 60);
  expect(workingMinutesBetween(at('2026-11-23T09:00'), at('2026-11-23T09:00:30'), wib)).toBe(0.5);
});

test('workingMinutesBetween is 0 for an empty or reversed interval', () => {
  expect(workingMinutesBetween(at('2026-11-23T10:00'), at('2026-11-23T10:00'), wib)).toBe(0);
  expect(workingMinutesBetween(at('2026-11-23T10:00'), at('2026-11-23T09:00'), wib)).toBe(0);
  expect(workingMinutesBetween(at('2026-11-21T10:00'), at('2026-11-22T10:00'), wib)).toBe(0);
});

test('workingMinutesBetween undoes addWorkingMinutes on fixed cases', () => {
  const cases: [string, number][] = [
    ['2026-11-20T15:00', 120],
    ['2026-11-23T08:00', 480],
    ['2026-11-21T03:00', 1],
    ['2026-12-23T15:59', 481],
    ['2026-03-17T12:00', 5 * 480],
  ];
  for (const [local, minutes] of cases) {
    expect(workingMinutesBetween(at(local), addWorkingMinutes(at(local), minutes, wib), wib)).toBe(minutes);
  }
});

test('workingMinutesBetween and addWorkingMinutes agree on pseudo-random cases', () => {
  // Park–Miller's generator with a fixed seed, so every run checks the same cases.
  let seed = 20261123;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const base = Date.parse('2026-01-01T00:00:00Z');
  const zones: IndonesianTimeZone[] = ['WIB', 'WITA', 'WIT'];
  for (let i = 0; i < 200; i++) {
    const cal = officeCalendar(zones[i % 3]);
    const from = base + Math.floor(random() * 365 * 86_400_000);
    const minutes = Math.round(random() * 10 * 480 * 60_000) / 60_000;
    const deadline = addWorkingMinutes(from, minutes, cal);
    expect(workingMinutesBetween(from, deadline, cal)).toBeCloseTo(minutes, 9);

    const to = from + Math.floor(random() * 20 * 86_400_000);
    const elapsed = workingMinutesBetween(from, to, cal);
    const reached = addWorkingMinutes(from, elapsed, cal);
    expect(reached).toBeLessThanOrEqual(to);
    expect(workingMinutesBetween(reached, to, cal)).toBe(0);
  }
});

test('a calendar without working time fails clearly instead of looping', () => {
  const closed: WorkingCalendar = { ...wib, workingDays: [] };
  expect(() => addWorkingMinutes(at('2026-11-23T09:00'), 10, closed)).toThrow(/no working time/);
  expect(workingMinutesBetween(at('2026-11-23T09:00'), at('2026-11-30T09:00'), closed)).toBe(0);
});

test('invalid input is rejected', () => {
  expect(() => addWorkingMinutes(at('2026-11-23T09:00'), -1, wib)).toThrow(RangeError);
  expect(() => addWorkingMinutes(Number.NaN, 1, wib)).toThrow(RangeError);
});

test('formatSopDuration writes the SOP’s own words', () => {
  expect(formatSopDuration({ amount: 15, unit: 'menit' })).toBe('15 menit');
  expect(formatSopDuration({ amount: 1, unit: 'jam' })).toBe('1 jam');
  expect(formatSopDuration({ amount: 2, unit: 'hari' })).toBe('2 hari');
  expect(formatSopDuration({ amount: 1.5, unit: 'jam' })).toBe('1,5 jam');
});

test('formatWorkingMinutes counts days as working days', () => {
  expect(formatWorkingMinutes(0, wib)).toBe('0 menit');
  expect(formatWorkingMinutes(5, wib)).toBe('5 menit');
  expect(formatWorkingMinutes(60, wib)).toBe('1 jam');
  expect(formatWorkingMinutes(480, wib)).toBe('1 hari');
  expect(formatWorkingMinutes(480 + 125, wib)).toBe('1 hari 2 jam 5 menit');
  expect(formatWorkingMinutes(2 * 480 + 5, wib)).toBe('2 hari 5 menit');
  expect(formatWorkingMinutes(29.6, wib)).toBe('30 menit');
  expect(formatWorkingMinutes(-90, wib)).toBe('-1 jam 30 menit');
  expect(formatWorkingMinutes(510, { ...wib, startMinute: 450 })).toBe('1 hari');
});

test('formatLocalDateTime writes Indonesian date and time in the given zone', () => {
  const instant = Date.parse('2026-11-23T02:15:00Z');
  expect(formatLocalDateTime(instant, 'WIB')).toBe('Senin, 23 November 2026 09.15 WIB');
  expect(formatLocalDateTime(instant, 'WITA')).toBe('Senin, 23 November 2026 10.15 WITA');
  expect(formatLocalDateTime(instant, 'WIT')).toBe('Senin, 23 November 2026 11.15 WIT');
  expect(formatLocalDateTime(Date.parse('2026-08-16T16:30:00Z'), 'WIB')).toBe('Minggu, 16 Agustus 2026 23.30 WIB');
  expect(formatLocalDateTime(Date.parse('2026-08-16T16:30:00Z'), 'WITA')).toBe('Senin, 17 Agustus 2026 00.30 WITA');
  expect(formatLocalDateTime(Date.parse('2027-01-01T01:05:00Z'), 'WIB')).toBe('Jumat, 1 Januari 2027 08.05 WIB');
});

test('localDate is the date in the calendar’s zone', () => {
  const lateEvening = Date.parse('2026-12-31T16:30:00Z'); // 23:30 WIB, 00:30 WITA on 1 January
  expect(localDate(lateEvening, officeCalendar('WIB'))).toBe('2026-12-31');
  expect(localDate(lateEvening, officeCalendar('WITA'))).toBe('2027-01-01');
});
