// (a) Raw Temporal on the same server, on a worker in this process with its own task queue,
// `concurrency` workflows at a time: workflows of ten no-op activities (activities/s and history
// events/s), and workflows that take ten no-op Updates, each after a local activity (Updates/s):
// the engine's ceiling for decisions shaped as a case's, with nothing done in them.
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { performance } from 'node:perf_hooks';
import { noopActivities } from './noopActivities';
import { NOOP_ACTIVITIES, NOOP_DECISIONS, noopDecision, tenNoopActivities, tenNoopDecisions } from './noopWorkflow';
import { pool } from './stats';

export interface RawFigures {
  concurrency: number;
  workflows: number;
  seconds: number;
  activitiesPerSecond: number;
  eventsPerWorkflow: number;
  eventsPerSecond: number;
  /** The second yardstick, run after the first with the same concurrency. */
  updatesPerSecond: number;
}

export interface RawRunner {
  run(workflows: number, concurrency: number): Promise<RawFigures>;
  close(): Promise<void>;
}

export async function startRawTemporal(address: string, runId: string): Promise<RawRunner> {
  const taskQueue = `bench-raw-${runId}`;
  // Only warnings: the table is what this process prints.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowsPath: require.resolve('./noopWorkflow'), activities: noopActivities });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  let batch = 0;

  return {
    async run(workflows, concurrency) {
      batch += 1;
      const ids: string[] = [];
      const started = performance.now();
      await pool(workflows, concurrency, async (i) => {
        const workflowId = `bench-raw-${runId}-${batch}-${i}`;
        ids.push(workflowId);
        await client.workflow.execute(tenNoopActivities, { taskQueue, workflowId });
      });
      const seconds = (performance.now() - started) / 1000;
      const lengths = await Promise.all(ids.map(async (id) => (await client.workflow.getHandle(id).describe()).historyLength));
      const events = lengths.reduce((a, b) => a + b, 0);

      const updatesStarted = performance.now();
      await pool(workflows, concurrency, async (i) => {
        const handle = await client.workflow.start(tenNoopDecisions, { taskQueue, workflowId: `bench-raw-updates-${runId}-${batch}-${i}` });
        for (let d = 0; d < NOOP_DECISIONS; d += 1) await handle.executeUpdate(noopDecision, { args: [d] });
        await handle.result();
      });
      const updatesPerSecond = (workflows * NOOP_DECISIONS) / ((performance.now() - updatesStarted) / 1000);
      return { concurrency, workflows, seconds, activitiesPerSecond: (workflows * NOOP_ACTIVITIES) / seconds, eventsPerWorkflow: events / workflows, eventsPerSecond: events / seconds, updatesPerSecond };
    },
    async close() {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}
