// Records the replay corpus (test/histories/*.json): runs each scenario of
// test/workflow/support/historyScenarios.ts on the time-skipping test server, with the real
// activities, and writes its history. Run after an intended, versioned change (docs/VERSIONING.md):
//   npm run record-histories                     every scenario
//   npm run record-histories -- <name> [<name>]  some
// Never to make a failing replay pass: a history that no longer replays is a case that would break.
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import setup from '../test/support/globalSetup';
import teardown from '../test/support/globalTeardown';
import { createHarness } from '../test/workflow/support/caseHarness';
import { scenarios } from '../test/workflow/support/historyScenarios';

const dir = join(__dirname, '..', 'test', 'histories');

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !scenarios[name]);
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  await setup();
  // Placements start at go-live, as in the worker (their scenarios record the placement workflow).
  const h = await createHarness('kolokasi_record_histories', undefined, undefined, { placements: true });
  try {
    for (const name of wanted.length ? wanted : Object.keys(scenarios)) {
      const handle = await scenarios[name]!(h);
      await handle.result().catch(() => undefined); // a cancelled or expired case may end with an error
      const last = await handle.describe();
      const write = (file: string, history: unknown) => writeFileSync(join(dir, `${file}.json`), historyToJSON(history as Parameters<typeof historyToJSON>[0]));
      write(name, await h.env.client.workflow.getHandle(handle.workflowId, last.runId).fetchHistory());
      // A case that continued as new: its first run too, which ends in ContinueAsNew.
      const first = (handle as { firstExecutionRunId?: string }).firstExecutionRunId;
      if (first && first !== last.runId) write(`${name}-first-run`, await h.env.client.workflow.getHandle(handle.workflowId, first).fetchHistory());
      console.log(`recorded ${name}`);
    }
  } finally {
    await h.close();
    await teardown();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
