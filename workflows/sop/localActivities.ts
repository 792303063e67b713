// How a case calls its activities: as local activities, inside the workflow task (no task queue
// round trip, one marker in history). Records and emails must eventually happen and are
// idempotent, so they retry forever; a crashed worker's workflow task times out (10 s) and
// another worker replays the case and runs them again. Longer backoffs wait on a workflow timer,
// so an outage does not keep the workflow task open.
import { LocalActivityOptions, proxyLocalActivities, RetryPolicy } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['IpUnavailable'] };

/** Capacity changes may wait up to 30 s for the capacity lock a crashed worker left behind. */
const waitsForCapacityLock = new Set<keyof Activities>(['checkInfrastructureCapacity', 'reserveCapacity', 'releaseCapacity', 'assignIpAddress', 'releasePlacement']);

const options = (name: keyof Activities): LocalActivityOptions => ({
  startToCloseTimeout: waitsForCapacityLock.has(name) ? '45 seconds' : '15 seconds',
  localRetryThreshold: '10 seconds',
  retry,
});

const localActs = proxyLocalActivities<Activities>(options('commitCase'));

type Result<K extends keyof Activities> = Promise<Awaited<ReturnType<Activities[K]>>>;
interface WithOptions {
  executeWithOptions(o: LocalActivityOptions, a: unknown[]): Promise<unknown>;
}

/** Runs an activity with a summary naming the SOP row it serves (shown in the Temporal UI). */
export function runActivity<K extends keyof Activities>(name: K, summary: string, ...args: Parameters<Activities[K]>): Result<K> {
  return (localActs[name] as unknown as WithOptions).executeWithOptions({ ...options(name), summary }, args) as Result<K>;
}
