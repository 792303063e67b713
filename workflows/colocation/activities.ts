// The activities a colocation case calls, with the timeouts and retry policy that suit each kind of
// work. Records and emails must eventually happen and are idempotent, so they retry forever; each
// attempt is short, so the work of a crashed worker is taken up by another within seconds.
import { ActivityOptions, LocalActivityOptions, proxyActivities, proxyLocalActivities, RetryPolicy } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

/** Capacity changes may wait up to 30 s for the capacity lock a crashed worker left behind. */
const waitsForCapacityLock = new Set<keyof Activities>(['checkInfrastructureCapacity', 'reserveCapacity', 'releaseCapacity', 'assignIpAddress']);

// Cases started before the lean path run their activities on the task queue. Each one heartbeats
// while its worker runs it (worker/createWorker.ts), so a dead worker's attempt times out after
// the heartbeat timeout rather than after its start-to-close timeout.
const remoteOptions = (name: keyof Activities): ActivityOptions => ({
  startToCloseTimeout: waitsForCapacityLock.has(name) ? '45 seconds' : '15 seconds',
  heartbeatTimeout: '5 seconds',
  retry,
});

// The lean path runs its activities as local activities, inside the workflow task: no task queue
// round trip, and one marker in history instead of three events and a workflow task. A crashed
// worker's workflow task times out (10 s) and another worker replays the case and runs them again.
// Longer backoffs wait on a workflow timer, so an outage does not keep the workflow task open.
const localOptions = (name: keyof Activities): LocalActivityOptions => ({
  startToCloseTimeout: waitsForCapacityLock.has(name) ? '45 seconds' : '15 seconds',
  localRetryThreshold: '10 seconds',
  retry,
});

export const acts = proxyActivities<Activities>(remoteOptions('loadProfileSnapshot'));
const localActs = proxyLocalActivities<Activities>(localOptions('loadProfileSnapshot'));

type Result<K extends keyof Activities> = Promise<Awaited<ReturnType<Activities[K]>>>;
interface WithOptions<O> {
  executeWithOptions(o: O, a: unknown[]): Promise<unknown>;
}

/** Runs an activity, locally on the lean path, with a summary naming the SOP step it serves (shown in the Temporal UI). */
export function runActivity<K extends keyof Activities>(lean: boolean, name: K, summary: string, ...args: Parameters<Activities[K]>): Result<K> {
  if (lean) return (localActs[name] as unknown as WithOptions<LocalActivityOptions>).executeWithOptions({ ...localOptions(name), summary }, args) as Result<K>;
  return (acts[name] as unknown as WithOptions<ActivityOptions>).executeWithOptions({ ...remoteOptions(name), summary }, args) as Result<K>;
}
