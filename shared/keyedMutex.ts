// One at a time per key, within this process: callers with the same key queue in arrival order,
// callers with different keys run side by side. Across processes something else (a unique insert)
// must still decide; this only stops a process from racing itself.
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** `othersWaiting` tells the critical section whether someone queued behind it meanwhile. */
  async run<T>(key: string, critical: (othersWaiting: () => boolean) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await critical(() => this.tails.get(key) !== tail);
    } finally {
      release();
      // The last in the queue removes the key, so the map does not grow with every prefix ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
