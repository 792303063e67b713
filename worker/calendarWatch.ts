// Checks beside the worker that the working calendar covers this year and the next, at start and
// then every few hours, and emails the admins about a missing year (once per year: the outbox key
// says which). Several worker processes may run it; the key keeps it to one email.
import { noticeMissingYears } from '../activities/calendarCoverage';

export interface CalendarWatchOptions {
  profileId: string;
  intervalMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/** A new year arrives at most once a year; a few hours late is early enough to record it. */
const INTERVAL_MS = 6 * 60 * 60_000;

export function startCalendarWatch(o: CalendarWatchOptions): { stop(): Promise<void> } {
  const log = o.log ?? ((line: string) => console.log(line));
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  // An email still waiting in the outbox answers "queued" at every check: say so once per process.
  const logged = new Set<string>();
  const logOnce = (line: string) => {
    if (!logged.has(line)) log(line);
    logged.add(line);
  };

  const check = () => {
    if (busy) return;
    busy = true;
    running = noticeMissingYears(o.profileId, (o.now ?? Date.now)())
      .then(
        (notices) => {
          for (const { year, result } of notices) {
            if (result === 'queued') logOnce(`[calendar] cuti bersama ${year} is not recorded: admins emailed`);
            if (result === 'noRecipient') logOnce(`[calendar] cuti bersama ${year} is not recorded, and no active admin to email`);
          }
        },
        (error: unknown) => log(`[calendar] check failed, retrying at the next one: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        busy = false;
      });
  };
  check();
  const timer = setInterval(check, o.intervalMs ?? INTERVAL_MS);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
