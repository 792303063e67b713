// The non-working dates of the years a case reaches, read from the working calendar when the case
// reaches them (not frozen at its start), so a year the office records later still counts. A year
// without a recorded cuti bersama is named in `missing`: its national holidays still count, and
// the gap is reported (health, an email to admins) rather than silently taken as "no cuti bersama".
import type { CalendarSpec } from '../shared/profile/schema';
import { getProfile } from '../shared/profile/registry';
import { NATIONAL } from '../shared/db/calendarYear';
import { nationalHolidays } from './calendar';
import { CalendarEntry, calendarEntries } from './calendarStore';

export interface WorkingYears {
  /** YYYY-MM-DD, sorted and unique: national holidays, cuti bersama and the agency's own days. */
  nonWorkingDates: string[];
  years: number[];
  /** The listed years whose cuti bersama is not recorded. */
  missing: number[];
}

/** Merges what the calendar records with the national holidays; pure, so it is tested without a store. */
export function mergeWorkingYears(spec: CalendarSpec, profileId: string, years: number[], entries: readonly CalendarEntry[]): WorkingYears {
  const wanted = [...new Set(years)].sort((a, b) => a - b);
  const dates = new Set(nationalHolidays(spec, wanted));
  const covered = new Set<number>();
  for (const entry of entries) {
    if (!wanted.includes(entry.year) || (entry.scope !== NATIONAL && entry.scope !== profileId)) continue;
    if (entry.scope === NATIONAL) covered.add(entry.year);
    for (const date of entry.dates) dates.add(date);
  }
  return { nonWorkingDates: [...dates].sort(), years: wanted, missing: wanted.filter((year) => !covered.has(year)) };
}

export async function loadWorkingYears(input: { profileId: string; years: number[] }): Promise<WorkingYears> {
  const profile = getProfile(input.profileId);
  const entries = await calendarEntries(profile.id, input.years);
  return mergeWorkingYears(profile.calendar, profile.id, input.years, entries);
}

export function createWorkingYearsActivities() {
  return { loadWorkingYears };
}
