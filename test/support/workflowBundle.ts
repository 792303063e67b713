// Bundling workflows/ takes seconds; a test run does it once and every worker loads the file.
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workflowBundleOptions } from '../../worker/bundleWorkflows';

export const BUNDLE_ENV = 'KOLOKASI_TEST_WORKFLOW_BUNDLE';

export async function writeWorkflowBundle(dir: string): Promise<string> {
  const { code } = await bundleWorkflowCode(workflowBundleOptions());
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'workflow-bundle.js');
  writeFileSync(path, code);
  return path;
}

export function workflowBundleFromEnv(): { codePath: string } {
  const codePath = process.env[BUNDLE_ENV];
  if (!codePath) throw new Error(`${BUNDLE_ENV} is not set: run tests through jest so globalSetup bundles workflows`);
  return { codePath };
}
