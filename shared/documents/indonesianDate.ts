// Dates as an Indonesian office writes them on a form: the day and the month by name, in the
// agency's own time zone, never in UTC ("Senin, 23 November 2026").
import type { IndonesianTimeZone } from '../profile/schema';
import { MONTH_NAMES, UTC_OFFSET_MINUTES } from '../workingTime';

const DAY_NAMES = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

function local(ms: number, timeZone: IndonesianTimeZone): Date {
  return new Date(ms + UTC_OFFSET_MINUTES[timeZone] * 60_000);
}

/** "Senin, 23 November 2026". */
export function indonesianDate(ms: number, timeZone: IndonesianTimeZone): string {
  const d = local(ms, timeZone);
  return `${DAY_NAMES[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "23 November 2026", as after the place in a signature block. */
export function indonesianDay(ms: number, timeZone: IndonesianTimeZone): string {
  const d = local(ms, timeZone);
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "Senin, 23 November 2026 pukul 14.05 WIB". */
export function indonesianDateTime(ms: number, timeZone: IndonesianTimeZone): string {
  const d = local(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${indonesianDate(ms, timeZone)} pukul ${pad(d.getUTCHours())}.${pad(d.getUTCMinutes())} ${timeZone}`;
}

/** An ISO date (YYYY-MM-DD) written out: a calendar date has no time zone to convert. */
export function indonesianIsoDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d} ${MONTH_NAMES[(m ?? 1) - 1]} ${y}`;
}

export function localYear(ms: number, timeZone: IndonesianTimeZone): number {
  return local(ms, timeZone).getUTCFullYear();
}

export function romanMonth(ms: number, timeZone: IndonesianTimeZone): string {
  return ROMAN_MONTHS[local(ms, timeZone).getUTCMonth()]!;
}
