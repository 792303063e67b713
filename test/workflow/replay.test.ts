// Replays committed histories of real cases against today's workflow code: a change that would
// break cases already running (non-determinism) fails here, before it reaches a worker. The corpus
// (test/histories/) covers every branch: each procedure's "Ya" path, each decision row's "Tidak",
// cancellation, escalation, expiry, withdrawal and a backup continued as new. It is recorded by
// `npm run record-histories` after an intended, versioned change (docs/VERSIONING.md), never to
// make this test pass.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataConverterFromEnv } from '../../shared/dataConverter';
import { workflowBundleFromEnv } from '../support/workflowBundle';
import { scenarios } from './support/historyScenarios';

const dir = join(__dirname, '..', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('every branch has a recorded history', () => {
  const missing = Object.keys(scenarios).filter((name) => !files.includes(`${name}.json`));
  expect(missing).toEqual([]);
  // The backup that continued as new: both its runs are kept.
  expect(files).toContain('jateng-backup-continued-as-new-first-run.json');
});

test('every committed history replays on the current workflow code', async () => {
  const histories = files.map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8'))) }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: workflowBundleFromEnv(), dataConverter: dataConverterFromEnv() }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
