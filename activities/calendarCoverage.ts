// Which years the working calendar must cover, and telling admins when it does not. A case may run
// into next year, so this year and the next need their cuti bersama recorded; until then the
// calendar counts those days as working days, which the office must hear about, not discover.
import { staffAddresses } from './emails/staffDirectory';
import { NATIONAL } from '../shared/db/calendarYear';
import { getProfile } from '../shared/profile/registry';
import { UTC_OFFSET_MINUTES } from '../shared/workingTime';
import { calendarEntries } from './calendarStore';
import { EnqueueResult, enqueueEmail } from './outbox/enqueue';

export const CALENDAR_MISSING_TEMPLATE = 'calendarYearMissing';

export interface CalendarCoverage {
  /** Recorded years from this year on. */
  covered: number[];
  /** This year or the next, without a recorded cuti bersama. */
  missing: number[];
}

/** This year and the next, in the agency's own time zone (its new year starts before Jakarta's in WIT). */
export function requiredYears(profileId: string, nowMs: number): number[] {
  const year = new Date(nowMs + UTC_OFFSET_MINUTES[getProfile(profileId).timeZone] * 60_000).getUTCFullYear();
  return [year, year + 1];
}

export async function calendarCoverage(profileId: string, nowMs: number): Promise<CalendarCoverage> {
  const required = requiredYears(profileId, nowMs);
  const national = new Set((await calendarEntries(profileId)).filter((e) => e.scope === NATIONAL).map((e) => e.year));
  return {
    covered: [...national].filter((year) => year >= required[0]!).sort((a, b) => a - b),
    missing: required.filter((year) => !national.has(year)),
  };
}

export function calendarMissingKey(profileId: string, year: number): string {
  return `calendar-missing/${profileId}/${year}`;
}

/** Emails the admins about each missing year, once per year: the outbox key is the year's. */
export async function noticeMissingYears(profileId: string, nowMs: number): Promise<{ year: number; result: EnqueueResult }[]> {
  const { missing } = await calendarCoverage(profileId, nowMs);
  if (!missing.length) return [];
  const to = await staffAddresses(['admin']);
  // Nobody to tell yet: written now, the email would stay unsent for good; the next check tries again.
  if (!to.length) return missing.map((year) => ({ year, result: 'noRecipient' as const }));
  const agency = getProfile(profileId).agency.name;
  const notices = [];
  for (const year of missing) {
    const result = await enqueueEmail({
      key: calendarMissingKey(profileId, year),
      // Not about a request: the outbox groups by this field, so the calendar year stands in.
      requestNumber: `KALENDER-${year}`,
      template: CALENDAR_MISSING_TEMPLATE,
      to,
      cc: [],
      subject: `Kalender kerja ${year} belum lengkap: cuti bersama belum dicatat`,
      text: [
        'Yth. Admin Kolokasi,',
        '',
        `Cuti bersama tahun ${year} belum dicatat di kalender kerja ${agency}.`,
        `Sampai dicatat, tenggat permohonan yang berjalan pada ${year} menghitung hari cuti bersama sebagai hari kerja (libur nasional tetap dihitung).`,
        '',
        `Begitu SKB Hari Libur Nasional dan Cuti Bersama Tahun ${year} terbit, catat tanggalnya melalui API:`,
        `PUT /calendar/years/${year}/cuti-bersama dengan {"decree": "<nomor SKB>", "dates": ["${year}-MM-DD", ...]}`,
        'Bila tahun itu tidak ada cuti bersama, kirim "dates": [] dengan "decree": "tidak ada".',
        `Hari libur khusus instansi dicatat melalui PUT /calendar/years/${year}/agency-days.`,
        '',
        'Salam,',
        'Sistem Kolokasi',
      ].join('\n'),
    });
    notices.push({ year, result });
  }
  return notices;
}
