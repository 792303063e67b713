// A temporary term's dates: reminders at the profile's lead times before the end date, and the end
// itself, each at the start of the agency's working day in its own time zone. Calendar dates, not
// durations: "30 hari sebelum 2027-03-31" is 2027-03-01 whatever the clock did meanwhile, and a run
// continued as new computes the same instants from the same dates.
import type { PlacementSettings, PlacementState } from '../../shared/contracts/placement';
import { UTC_OFFSET_MINUTES } from '../../shared/workingTime';

const DAY_MS = 86_400_000;

/** `date` (YYYY-MM-DD) at `clock` (HH:mm) in the agency's zone, as epoch milliseconds. */
export function localInstant(date: string, clock: string, timeZone: PlacementSettings['timeZone']): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = clock.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh, mm) - UTC_OFFSET_MINUTES[timeZone] * 60_000;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The date it is now in the agency's zone. */
export function localToday(nowMs: number, timeZone: PlacementSettings['timeZone']): string {
  return new Date(nowMs + UTC_OFFSET_MINUTES[timeZone] * 60_000).toISOString().slice(0, 10);
}

export interface Reminder {
  key: string;
  daysBefore: number;
  at: number;
}

/** The reminders of the current end date, largest lead first; none for a permanent term. */
export function reminders(state: PlacementState, settings: PlacementSettings): Reminder[] {
  if (state.term.kind !== 'temporary') return [];
  const until = state.term.until;
  return [...new Set(settings.reminderLeadDays)]
    .sort((a, b) => b - a)
    .map((daysBefore) => ({ key: `${until}/${daysBefore}`, daysBefore, at: localInstant(addDays(until, -daysBefore), settings.workingStart, settings.timeZone) }));
}

export function termEndAt(state: PlacementState, settings: PlacementSettings): number | undefined {
  return state.term.kind === 'temporary' ? localInstant(state.term.until, settings.workingStart, settings.timeZone) : undefined;
}

/**
 * The reminders to send now. Several past at once (a placement that went live 10 days before its
 * end): only the nearest is sent, the earlier ones are marked as passed.
 */
export function dueReminders(state: PlacementState, settings: PlacementSettings, nowMs: number): { send?: Reminder; skip: Reminder[] } {
  const end = termEndAt(state, settings);
  if (end === undefined || nowMs >= end) return { skip: [] };
  const due = reminders(state, settings).filter((r) => r.at <= nowMs && !state.remindersSent.includes(r.key));
  return { send: due.at(-1), skip: due.slice(0, -1) };
}

/** The request id of the withdrawal the end of this term starts. */
export const termEndRequestId = (until: string): string => `term-end-${until}`;

/** The end of the current term has started its withdrawal already (one that was then rejected counts). */
export function termEndHandled(state: PlacementState): boolean {
  if (state.term.kind !== 'temporary') return true;
  const id = termEndRequestId(state.term.until);
  return state.withdrawal?.requestId === id || state.pastWithdrawals.some((w) => w.requestId === id);
}

/** When the placement must next act on its own: its next reminder or the end of its term. */
export function nextDueAt(state: PlacementState, settings: PlacementSettings): number | undefined {
  const end = termEndAt(state, settings);
  if (end === undefined || termEndHandled(state)) return undefined;
  const pending = reminders(state, settings).filter((r) => !state.remindersSent.includes(r.key) && r.at < end).map((r) => r.at);
  return Math.min(end, ...pending);
}
