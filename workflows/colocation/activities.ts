// The activities a colocation case calls, with the retry policy that suits each kind of work.
import { ActivityOptions, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const recordOptions: ActivityOptions = {
  // Capacity writes may wait up to 30 s for the capacity lock a crashed worker left behind.
  startToCloseTimeout: '2 minutes',
  // Records and emails must eventually happen; they are idempotent, so retrying forever is safe.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
};

export const acts = proxyActivities<Activities>(recordOptions);

/** Runs an activity with a summary that the Temporal UI shows, naming the SOP step it serves. */
export function runForStep<K extends keyof Activities>(
  name: K,
  summary: string,
  ...args: Parameters<Activities[K]>
): Promise<Awaited<ReturnType<Activities[K]>>> {
  const activity = acts[name] as unknown as { executeWithOptions(o: ActivityOptions, a: unknown[]): Promise<Awaited<ReturnType<Activities[K]>>> };
  return activity.executeWithOptions({ ...recordOptions, summary }, args);
}
