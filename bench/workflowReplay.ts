// What the workflow thread spends on one whole case, without the store, the API or Temporal's
// server: committed histories (test/histories/) replayed through the worker's own bundle, as a
// worker replays a case evicted from its cache. Deterministic enough to compare workflow-code
// changes that a whole-stack run (±25%) cannot show.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dataConverterFromEnv } from '../shared/dataConverter';
import { bundleWorkflowsInChild } from '../worker/bundleWorkflows';

export async function measureWorkflowReplay(historyName: string, cases: number): Promise<{ wallMs: number; cpuMs: number; events: number }> {
  const json = JSON.parse(readFileSync(join(__dirname, '..', 'test', 'histories', `${historyName}.json`), 'utf8'));
  const history = historyFromJSON(json);
  const workflowBundle = bundleWorkflowsInChild();
  const replay = async (n: number, from: number) => {
    const histories = Array.from({ length: n }, (_, i) => ({ workflowId: `${historyName}-${from + i}`, history }));
    for await (const result of Worker.runReplayHistories({ workflowBundle, dataConverter: dataConverterFromEnv() }, histories)) {
      if (result.error) throw result.error;
    }
  };
  await replay(10, 0); // warm-up
  const cpu = process.cpuUsage();
  const started = performance.now();
  await replay(cases, 10);
  const used = process.cpuUsage(cpu);
  return { wallMs: (performance.now() - started) / cases, cpuMs: (used.user + used.system) / 1000 / cases, events: history.events?.length ?? 0 };
}

if (require.main === module) {
  const name = process.argv[2] ?? 'cirebon-colocation-ya';
  void measureWorkflowReplay(name, Number(process.argv[3] ?? 100)).then((r) => console.log(`${name}: ${r.events} events, ${r.wallMs.toFixed(1)} ms wall, ${r.cpuMs.toFixed(1)} ms CPU per case replayed`));
}
