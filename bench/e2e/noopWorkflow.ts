// Raw Temporal's yardstick: a workflow of ten no-op activities, one after another (bundled on its own).
import { proxyActivities } from '@temporalio/workflow';
import type { noopActivities } from './noopActivities';

const { noop } = proxyActivities<typeof noopActivities>({ startToCloseTimeout: '30 seconds' });

export const NOOP_ACTIVITIES = 10;

export async function tenNoopActivities(): Promise<void> {
  for (let i = 0; i < NOOP_ACTIVITIES; i += 1) await noop(i);
}
