import { TestWorkflowEnvironment } from '@temporalio/testing';

/** A time-skipping environment on the provisioned Java test server. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.KOLOKASI_TEST_SERVER;
  if (!path) throw new Error('KOLOKASI_TEST_SERVER is not set: run tests through jest so globalSetup provisions it');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}
