// FerretDB 1.24 on SQLite answers "database is locked (SQLITE_BUSY)" when writes contend. Such a
// write did not happen and can simply be made again after a short, growing, jittered pause.
const BUSY = /SQLITE_BUSY|database is locked/i;

export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Error && BUSY.test(error.message);
}

export async function retryWhileBusy<T>(write: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseBusy(error) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.min(1_000, 10 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}
