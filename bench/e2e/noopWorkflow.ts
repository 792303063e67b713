// Raw Temporal's yardsticks (bundled on their own): a workflow of ten no-op activities, one after
// another; and a workflow shaped like a case, with no work in it: it takes ten Updates, one after
// another, each answered after a no-op local activity, as a case answers a decision after its commit.
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { noopActivities } from './noopActivities';

const { noop } = proxyActivities<typeof noopActivities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<typeof noopActivities>({ startToCloseTimeout: '30 seconds' });

export const NOOP_ACTIVITIES = 10;
export const NOOP_DECISIONS = 10;

export const noopDecision = defineUpdate<void, [number]>('noopDecision');

export async function tenNoopActivities(): Promise<void> {
  for (let i = 0; i < NOOP_ACTIVITIES; i += 1) await noop(i);
}

export async function tenNoopDecisions(): Promise<void> {
  let decided = 0;
  setHandler(noopDecision, async (i) => {
    await local.noop(i);
    decided += 1;
  });
  await condition(() => decided === NOOP_DECISIONS);
}
