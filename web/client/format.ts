// Dates as the agency writes them: in its own time zone, the Indonesian way ("Senin, 23 November 2026").
export type AgencyZone = 'WIB' | 'WITA' | 'WIT';

const ianaZones: Record<AgencyZone, string> = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' };

let zone: AgencyZone = 'WIB';

export function useAgencyZone(z: AgencyZone): void {
  zone = z;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const text = new Intl.DateTimeFormat('id-ID', { timeZone: ianaZones[zone], weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  return `${text} ${zone}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  // A bare calendar date names a day, not an instant: read it at noon UTC, so no zone moves it.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso;
  return new Intl.DateTimeFormat('id-ID', { timeZone: ianaZones[zone], weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(at));
}

/** Working minutes as hours and minutes of working time. */
export function formatWorkingMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m} menit kerja`;
  return m === 0 ? `${h} jam kerja` : `${h} jam ${m} menit kerja`;
}

/** "2 jam lagi" / "terlambat 3 hari", in calendar time: what a person at a desk reads off a deadline. */
export function relativeToNow(iso: string | null | undefined, nowMs = Date.now()): string {
  if (!iso) return 'tanpa batas waktu';
  const diff = Date.parse(iso) - nowMs;
  const abs = Math.abs(diff);
  const hours = abs / 3_600_000;
  const amount = hours >= 48 ? `${Math.round(hours / 24)} hari` : hours >= 1 ? `${Math.round(hours)} jam` : `${Math.max(1, Math.round(abs / 60_000))} menit`;
  return diff >= 0 ? `${amount} lagi` : `terlambat ${amount}`;
}
