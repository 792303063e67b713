// Side by side, but finished: under the capacity lock a step must not return (and so let the next
// holder in) while one of its writes is still on its way, even when another write failed.

/** Waits for every task, then throws the first failure, or gives every value in order. */
export async function allFinished<T>(tasks: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
