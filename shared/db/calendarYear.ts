// The working calendar as the office keeps it: per year, the national cuti bersama (with the decree
// that sets it) and each agency's own non-working days. One document per year and scope, keyed by
// _id, so a seed is a plain insert (a duplicate means someone already recorded that year: keep
// theirs) and an admin's change is a plain upsert: FerretDB has no atomic conditional update.
import { InferSchemaType, Schema, model } from 'mongoose';

/** Who wrote a year's entry: the seed files at start, or an admin over the API. */
export const calendarSources = ['cuti-bersama.json', 'profile', 'admin'] as const;
export type CalendarSource = (typeof calendarSources)[number];

const calendarYearSchema = new Schema({
  /** "national/2026" or "agency/cirebon/2026": see calendarYearId. */
  _id: { type: String, required: true },
  /** "national" for the cuti bersama, otherwise the agency's profile id. */
  scope: { type: String, required: true },
  year: { type: Number, required: true },
  /** YYYY-MM-DD, sorted, unique, all in `year`. May be empty: a decree can set no cuti bersama. */
  dates: { type: [String], default: [] },
  /** National only: the decree (SKB) the dates come from; "tidak ada" when a year has none. */
  decree: { type: String },
  /** Agency only: why these days are off (e.g. the regent's circular). */
  note: { type: String },
  source: { type: String, required: true, enum: calendarSources },
  updatedAt: { type: Date, required: true },
  /** The admin's user id, for entries written over the API. */
  updatedBy: { type: String },
});
calendarYearSchema.index({ scope: 1, year: 1 });
export type CalendarYearDoc = InferSchemaType<typeof calendarYearSchema> & { _id: string };

export const CalendarYear = model('CalendarYear', calendarYearSchema, 'calendar_years');

export const NATIONAL = 'national';

export function calendarYearId(scope: string, year: number): string {
  return scope === NATIONAL ? `${NATIONAL}/${year}` : `agency/${scope}/${year}`;
}
