// Working time for SLA timers: how much office time a step has used, and when its time runs out.
// This runs inside Temporal's workflow sandbox, so it must stay pure and deterministic: it reads
// no clock and no locale, and works only with UTC getters shifted by the zone's fixed offset
// (Indonesia keeps no daylight saving time).
import type { IndonesianTimeZone, ProfileSnapshot, SopDuration } from './profile/schema';

export const UTC_OFFSET_MINUTES: Record<IndonesianTimeZone, number> = { WIB: 7 * 60, WITA: 8 * 60, WIT: 9 * 60 };

export interface WorkingCalendar {
  timeZone: IndonesianTimeZone;
  utcOffsetMinutes: number;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
  /** Local dates (YYYY-MM-DD) that are not worked although their weekday is. */
  /** Grows as a running case reaches a new year (workflows/sop/caseBook.ts ensureCalendar). */
  nonWorkingDates: Set<string>;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** A calendar that yields no working time for this long has none at all; stop instead of looping forever. */
const MAX_DAYS_WITHOUT_WORK = 3 * 366;

export function workingCalendar(snapshot: ProfileSnapshot): WorkingCalendar {
  const { timeZone, calendar } = snapshot.profile;
  return {
    timeZone,
    utcOffsetMinutes: UTC_OFFSET_MINUTES[timeZone],
    workingDays: [...calendar.workingDays],
    startMinute: clockToMinutes(calendar.workingHours.start),
    endMinute: clockToMinutes(calendar.workingHours.end),
    nonWorkingDates: new Set(snapshot.nonWorkingDates),
  };
}

function clockToMinutes(clock: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!match) throw new Error(`invalid clock time "${clock}", expected HH:mm`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function workingDayMinutes(cal: WorkingCalendar): number {
  return cal.endMinute - cal.startMinute;
}

export function durationToWorkingMinutes(d: SopDuration, cal: WorkingCalendar): number {
  switch (d.unit) {
    case 'menit':
      return d.amount;
    case 'jam':
      return d.amount * 60;
    case 'hari':
      // In an SOP "1 hari" is one working day, not 24 hours.
      return d.amount * workingDayMinutes(cal);
  }
}

/**
 * The part of one local day's working period that lies within [fromLocal, toLocal], or undefined
 * if there is none. Times are "local ms": epoch ms shifted by the zone offset, so that UTC getters
 * read local fields.
 */
function workingSpan(dayIndex: number, fromLocal: number, toLocal: number, cal: WorkingCalendar): { start: number; end: number } | undefined {
  const dayStart = dayIndex * DAY_MS;
  const date = new Date(dayStart);
  const isoWeekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  if (!cal.workingDays.includes(isoWeekday) || cal.nonWorkingDates.has(isoDate(date))) return undefined;
  const start = Math.max(dayStart + cal.startMinute * MINUTE_MS, fromLocal);
  const end = Math.min(dayStart + cal.endMinute * MINUTE_MS, toLocal);
  return start < end ? { start, end } : undefined;
}

function assertFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

function noWorkingTimeError(cal: WorkingCalendar): Error {
  return new Error(
    `the working calendar (${cal.timeZone}, days ${cal.workingDays.join(',')}, minutes ${cal.startMinute}-${cal.endMinute}) ` +
      `has no working time within ${MAX_DAYS_WITHOUT_WORK} days`,
  );
}

/**
 * The instant at which `minutes` working minutes have elapsed since fromMs. Time outside working
 * periods does not count; a deadline that lands exactly on the end of a period stays there.
 */
export function addWorkingMinutes(fromMs: number, minutes: number, cal: WorkingCalendar): number {
  assertFinite('fromMs', fromMs);
  assertFinite('minutes', minutes);
  if (minutes < 0) throw new RangeError(`minutes must not be negative, got ${minutes}`);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return fromMs;

  const offsetMs = cal.utcOffsetMinutes * MINUTE_MS;
  const fromLocal = fromMs + offsetMs;
  let idleDays = 0;
  for (let day = Math.floor(fromLocal / DAY_MS); ; day++) {
    const span = workingSpan(day, fromLocal, Infinity, cal);
    if (!span) {
      if (++idleDays > MAX_DAYS_WITHOUT_WORK) throw noWorkingTimeError(cal);
      continue;
    }
    idleDays = 0;
    const available = span.end - span.start;
    if (remaining <= available) return span.start + remaining - offsetMs;
    remaining -= available;
  }
}

export function addWorkingDuration(fromMs: number, d: SopDuration, cal: WorkingCalendar): number {
  return addWorkingMinutes(fromMs, durationToWorkingMinutes(d, cal), cal);
}

/** Working minutes within [fromMs, toMs]; 0 if toMs is not after fromMs. Inverse of addWorkingMinutes. */
export function workingMinutesBetween(fromMs: number, toMs: number, cal: WorkingCalendar): number {
  assertFinite('fromMs', fromMs);
  assertFinite('toMs', toMs);
  if (toMs <= fromMs) return 0;
  const offsetMs = cal.utcOffsetMinutes * MINUTE_MS;
  const fromLocal = fromMs + offsetMs;
  const toLocal = toMs + offsetMs;
  let totalMs = 0;
  for (let day = Math.floor(fromLocal / DAY_MS); day * DAY_MS < toLocal; day++) {
    const span = workingSpan(day, fromLocal, toLocal, cal);
    if (span) totalMs += span.end - span.start;
  }
  return totalMs / MINUTE_MS;
}

/** Indonesian writes decimals with a comma: "1,5 jam". */
function formatNumber(n: number): string {
  return String(n).replace('.', ',');
}

export function formatSopDuration(d: SopDuration): string {
  return `${formatNumber(d.amount)} ${d.unit}`;
}

/** E.g. "1 hari 2 jam 5 menit", where a day is one working day of the calendar; rounded to whole minutes. */
export function formatWorkingMinutes(minutes: number, cal: WorkingCalendar): string {
  const total = Math.round(Math.abs(minutes));
  // A negative amount is shown with a sign rather than thrown, because formatting runs in emails
  // and workflow code, where an exception would stall the case.
  const sign = minutes < 0 && total > 0 ? '-' : '';
  const dayLength = workingDayMinutes(cal);
  const days = dayLength > 0 ? Math.floor(total / dayLength) : 0;
  const rest = total - days * dayLength;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} hari`);
  if (Math.floor(rest / 60) > 0) parts.push(`${Math.floor(rest / 60)} jam`);
  if (rest % 60 > 0) parts.push(`${rest % 60} menit`);
  return parts.length === 0 ? '0 menit' : sign + parts.join(' ');
}

const DAY_NAMES = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
export const MONTH_NAMES = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDate(local: Date): string {
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

function toLocal(ms: number, timeZone: IndonesianTimeZone): Date {
  return new Date(ms + UTC_OFFSET_MINUTES[timeZone] * MINUTE_MS);
}

/** E.g. "Senin, 23 November 2026 09.15 WIB": Indonesians separate hours and minutes with a dot. */
export function formatLocalDateTime(ms: number, timeZone: IndonesianTimeZone): string {
  const local = toLocal(ms, timeZone);
  const day = DAY_NAMES[local.getUTCDay()];
  const month = MONTH_NAMES[local.getUTCMonth()];
  const time = `${pad(local.getUTCHours())}.${pad(local.getUTCMinutes())}`;
  return `${day}, ${local.getUTCDate()} ${month} ${local.getUTCFullYear()} ${time} ${timeZone}`;
}

/** The local calendar date (YYYY-MM-DD) of an instant in the calendar's zone. */
export function localDate(ms: number, cal: WorkingCalendar): string {
  return isoDate(new Date(ms + cal.utcOffsetMinutes * MINUTE_MS));
}
