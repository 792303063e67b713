// How the compliance report's PDF writes numbers and dates: the Indonesian way (decimal comma,
// thousands with a dot, "31 Desember 2026").
import type { IndonesianTimeZone } from '../../shared/profile/schema';
import { MONTH_NAMES, UTC_OFFSET_MINUTES } from '../../shared/workingTime';

export function formatMinutes(n: number | null): string {
  if (n === null) return '–';
  return n.toLocaleString('id-ID', { maximumFractionDigits: 2 });
}

export function formatPercent(n: number | null): string {
  return n === null ? '–' : `${n.toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`;
}

/** The local date of an instant, e.g. "31 Desember 2026". */
export function formatLocalDate(ms: number, timeZone: IndonesianTimeZone): string {
  const local = new Date(ms + UTC_OFFSET_MINUTES[timeZone] * 60_000);
  return `${local.getUTCDate()} ${MONTH_NAMES[local.getUTCMonth()]} ${local.getUTCFullYear()}`;
}
