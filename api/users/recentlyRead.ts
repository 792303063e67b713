// What a credential named, remembered for a few seconds. Every call otherwise reads its token and
// then its user before any work: in the benchmark those two reads were 48 of the API's 90 store
// commands per case, each a round trip the call waits for.
//
// A change made through this API forgets what it changed at once (the next call reads the store
// again), so revoking a token or deactivating a user still counts from the next call. A change
// made to the store behind the API's back (a script) counts within FRESH_MS.
export const FRESH_MS = 5_000;
/** Tokens and users in use are few; the bound only stops a flood of distinct ones from growing the map. */
const MAX_ENTRIES = 5_000;

export class RecentlyRead<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  /** Bumped by every forget: a read that began before one must not store what it read. */
  private generation = 0;

  /** The remembered value, or `read()` (remembered unless it found nothing or something forgot meanwhile). */
  async get(key: string, read: () => Promise<V | null>, now = Date.now()): Promise<V | null> {
    const entry = this.entries.get(key);
    if (entry && entry.until > now) return entry.value;
    const started = this.generation;
    const value = await read();
    if (value === null || started !== this.generation) {
      this.entries.delete(key);
      return value;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, until: now + FRESH_MS });
    return value;
  }

  forget(key: string): void {
    this.generation += 1;
    this.entries.delete(key);
  }
}
