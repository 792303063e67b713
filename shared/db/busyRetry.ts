// FerretDB on SQLite answers "database is locked (5) (SQLITE_BUSY)" when writers contend. The write
// did not happen, so trying it again a moment later is safe; callers wrap single operations with
// this rather than failing a person's request with a 500.

export function isBusy(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /SQLITE_BUSY|database is locked/i.test(message);
}

export interface BusyRetryOptions {
  attempts?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** Runs `operation`, again with growing, jittered pauses while the store says it is busy. */
export async function retryWhileBusy<T>(operation: () => Promise<T>, o: BusyRetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? 10;
  let delay = o.firstDelayMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isBusy(error) || attempt >= attempts) throw error;
      // Jitter, so writers that collided once do not collide again in step.
      await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * delay));
      delay = Math.min(delay * 2, o.maxDelayMs ?? 1000);
    }
  }
}
