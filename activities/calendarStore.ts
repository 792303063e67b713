// Reads and writes of the working calendar in MongoDB. The seed files (cuti-bersama.json and each
// profile's extraNonWorkingDates) fill it once per database, on first use; after that the office
// keeps it over the API, and a seed never overwrites what an admin recorded.
import mongoose from 'mongoose';
import { retryWhileBusy } from '../shared/db/busyRetry';
import { CalendarSource, CalendarYear, calendarYearId, NATIONAL } from '../shared/db/calendarYear';
import { isDuplicateKey } from '../shared/db/duplicateKey';
import { listProfiles } from '../shared/profile/registry';
import { seededCutiBersama } from './calendar';

/** One recorded year of one scope, as callers see it. */
export interface CalendarEntry {
  scope: string;
  year: number;
  dates: string[];
  decree?: string;
  note?: string;
  source: CalendarSource;
  updatedAt: Date;
  updatedBy?: string;
}

type NewEntry = Omit<CalendarEntry, 'updatedAt'>;

async function insertUnlessRecorded(entry: NewEntry): Promise<void> {
  try {
    await retryWhileBusy(() => CalendarYear.create({ _id: calendarYearId(entry.scope, entry.year), ...entry, updatedAt: new Date() }));
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** Inserts every seeded year that is not recorded yet; safe to run again and from several processes. */
export async function seedCalendar(): Promise<void> {
  for (const { year, decree, dates } of seededCutiBersama()) {
    await insertUnlessRecorded({ scope: NATIONAL, year, dates, decree, source: 'cuti-bersama.json' });
  }
  for (const profile of listProfiles()) {
    for (const [year, dates] of Object.entries(profile.calendar.extraNonWorkingDates)) {
      await insertUnlessRecorded({ scope: profile.id, year: Number(year), dates: [...new Set(dates)].sort(), source: 'profile' });
    }
  }
}

// Per database, so a process (or a test) that switches databases seeds the new one too.
const seeded = new Map<string, Promise<void>>();

export function ensureCalendarSeeded(): Promise<void> {
  const database = mongoose.connection.name;
  let done = seeded.get(database);
  if (!done) {
    // A failed seed (an outage) is tried again by the next caller rather than remembered.
    done = seedCalendar().catch((error: unknown) => {
      seeded.delete(database);
      throw error;
    });
    seeded.set(database, done);
  }
  return done;
}

function toEntry(doc: { scope: string; year: number; dates: string[]; decree?: string | null; note?: string | null; source: CalendarSource; updatedAt: Date; updatedBy?: string | null }): CalendarEntry {
  return {
    scope: doc.scope,
    year: doc.year,
    dates: doc.dates,
    decree: doc.decree ?? undefined,
    note: doc.note ?? undefined,
    source: doc.source,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy ?? undefined,
  };
}

/** The national and the agency's entries, of the given years or of every recorded year. */
export async function calendarEntries(profileId: string, years?: number[]): Promise<CalendarEntry[]> {
  await ensureCalendarSeeded();
  const filter = { scope: { $in: [NATIONAL, profileId] }, ...(years ? { year: { $in: years } } : {}) };
  const docs = await retryWhileBusy(() => CalendarYear.find(filter).sort({ year: 1 }).lean());
  return docs.map(toEntry);
}

async function record(entry: NewEntry): Promise<CalendarEntry> {
  await ensureCalendarSeeded();
  const doc = { ...entry, dates: [...new Set(entry.dates)].sort(), updatedAt: new Date() };
  // A whole-document upsert keyed by _id: the one write FerretDB makes atomic without conditions.
  await retryWhileBusy(() => CalendarYear.replaceOne({ _id: calendarYearId(entry.scope, entry.year) }, doc, { upsert: true }));
  return doc;
}

/** Records (or replaces) a year's national cuti bersama; an empty list with its decree is a covered year. */
export function recordCutiBersama(year: number, o: { decree: string; dates: string[]; by: string }): Promise<CalendarEntry> {
  return record({ scope: NATIONAL, year, dates: o.dates, decree: o.decree, source: 'admin', updatedBy: o.by });
}

/** Records (or replaces) an agency's own non-working days of a year. */
export function recordAgencyDays(profileId: string, year: number, o: { dates: string[]; note?: string; by: string }): Promise<CalendarEntry> {
  return record({ scope: profileId, year, dates: o.dates, note: o.note, source: 'admin', updatedBy: o.by });
}
