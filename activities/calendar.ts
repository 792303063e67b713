// National non-working dates: public holidays as date-holidays computes them, corrected to the SKB,
// and the seed of the working calendar (profiles/calendar/cuti-bersama.json). The calendar itself
// lives in MongoDB (activities/calendarStore.ts), where admins add each year's cuti bersama.
import fs from 'node:fs';
import path from 'node:path';
import Holidays from 'date-holidays';
import { z } from 'zod';
import type { CalendarSpec } from '../shared/profile/schema';

const CUTI_BERSAMA_FILE = path.resolve(__dirname, '../profiles/calendar/cuti-bersama.json');
const DAY_MS = 24 * 60 * 60 * 1000;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((date) => addDays(date, 0) === date, 'is not a calendar date');
const year = z.string().regex(/^\d{4}$/, 'must be a year');

const cutiBersamaFileSchema = z
  .object({
    source: z.string().min(1),
    /** The decree each year's cuti bersama comes from. */
    decrees: z.record(year, z.string().min(1)),
    years: z.record(year, z.array(isoDate)),
    /** Where the SKB's national holidays differ from what date-holidays computes. */
    nationalHolidayCorrections: z
      .record(year, z.object({ add: z.array(isoDate).default([]), remove: z.array(isoDate).default([]) }))
      .default({}),
  })
  .superRefine((file, ctx) => {
    const checkYear = (year: string, dates: string[], where: PropertyKey[]) =>
      dates.forEach((date, i) => {
        if (!date.startsWith(`${year}-`)) ctx.addIssue({ code: 'custom', path: [...where, i], message: `${date} is not in ${year}` });
      });
    for (const [year, dates] of Object.entries(file.years)) {
      checkYear(year, dates, ['years', year]);
      if (!file.decrees[year]) ctx.addIssue({ code: 'custom', path: ['decrees', year], message: `the decree of ${year} is missing` });
    }
    for (const [year, { add, remove }] of Object.entries(file.nationalHolidayCorrections)) {
      checkYear(year, add, ['nationalHolidayCorrections', year, 'add']);
      checkYear(year, remove, ['nationalHolidayCorrections', year, 'remove']);
    }
  });
type CutiBersamaFile = z.infer<typeof cutiBersamaFileSchema>;

let cutiBersama: CutiBersamaFile | undefined;

function loadCutiBersama(): CutiBersamaFile {
  if (!cutiBersama) {
    const parsed = cutiBersamaFileSchema.safeParse(JSON.parse(fs.readFileSync(CUTI_BERSAMA_FILE, 'utf8')));
    if (!parsed.success) throw new Error(`${CUTI_BERSAMA_FILE} is invalid:\n${z.prettifyError(parsed.error)}`);
    cutiBersama = parsed.data;
  }
  return cutiBersama;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Public holidays as date-holidays computes them. Its `date` is the holiday's first local day
 * (Islamic ones carry a foreign offset, e.g. "2026-03-20 00:00:00 -0600", and start at the previous
 * sunset), so the first day comes from `date` and only the length from start/end.
 */
// Computing a year's holidays takes milliseconds (lunar dates) and never changes, so each
// country, region and year is computed once per process.
const holidaysByYear = new Map<string, string[]>();

function libraryHolidays(spec: CalendarSpec, year: number): string[] {
  const { country, region } = spec.holidays;
  const key = `${country}/${region ?? ''}/${year}`;
  let dates = holidaysByYear.get(key);
  if (!dates) {
    dates = computeLibraryHolidays(region ? new Holidays(country, region) : new Holidays(country), year);
    holidaysByYear.set(key, dates);
  }
  return dates;
}

function computeLibraryHolidays(holidays: Holidays, year: number): string[] {
  return holidays
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .flatMap((holiday) => {
      const first = holiday.date.slice(0, 10);
      const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
      return Array.from({ length: days }, (_, i) => addDays(first, i));
    });
}

/** A year's national cuti bersama as the seed file records it. */
export interface SeededCutiBersama {
  year: number;
  decree: string;
  dates: string[];
}

export function seededCutiBersama(): SeededCutiBersama[] {
  const file = loadCutiBersama();
  return Object.entries(file.years).map(([year, dates]) => ({ year: Number(year), decree: file.decrees[year]!, dates: [...dates].sort() }));
}

/** Sorted, unique national public holidays (date-holidays, corrected to the SKB) of the given years. */
export function nationalHolidays(spec: CalendarSpec, years: number[]): string[] {
  const file = loadCutiBersama();
  const dates = new Set<string>();
  for (const year of years) {
    const corrections = file.nationalHolidayCorrections[String(year)];
    const removed = new Set(corrections?.remove);
    for (const date of libraryHolidays(spec, year)) if (!removed.has(date)) dates.add(date);
    for (const date of corrections?.add ?? []) dates.add(date);
  }
  return [...dates].sort();
}

/** Whether `date` is a real YYYY-MM-DD calendar date (not 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && addDays(date, 0) === date;
}
