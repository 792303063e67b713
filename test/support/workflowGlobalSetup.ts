// Workflow tests run on Temporal's Java time-skipping test server (provisioned, not downloaded).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionTestServer } from '../../scripts/tools';
import { BUNDLE_ENV, writeWorkflowBundle } from './workflowBundle';

export const TEST_SERVER_ENV = 'KOLOKASI_TEST_SERVER';

export default async function setup(): Promise<void> {
  process.env[TEST_SERVER_ENV] = await provisionTestServer();
  process.env[BUNDLE_ENV] = await writeWorkflowBundle(mkdtempSync(join(tmpdir(), 'kolokasi-wf-')));
}
