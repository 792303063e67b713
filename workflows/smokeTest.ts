import { proxyActivities } from '@temporalio/workflow';
import type { SmokeTestActivities } from '../activities';
import type { SmokeTestInput } from '../activities/smokeTest';

const { recordAndAnnounceSmokeTest } = proxyActivities<SmokeTestActivities>({ startToCloseTimeout: '1 minute' });

/** Proves the stack end to end: Temporal runs it, the activity touches MongoDB and SMTP. */
export async function smokeTestWorkflow(input: SmokeTestInput): Promise<string> {
  return recordAndAnnounceSmokeTest(input);
}
