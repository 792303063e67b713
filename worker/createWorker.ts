import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { Activities, createActivities, ActivityDeps } from '../activities';
import { dataConverterFromEnv } from '../shared/dataConverter';
import { bundleWorkflowsInChild } from './bundleWorkflows';
import { heartbeatWhileRunning } from './heartbeatWhileRunning';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles workflows/ itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Payload encryption; by default with the keys of KOLOKASI_PAYLOAD_KEYS. */
  dataConverter?: DataConverter;
  /** Workflow runs kept in memory (KOLOKASI_WORKFLOW_CACHE); 40 unless given. */
  maxCachedWorkflows?: number;
  /** Replaces some activities (tests: one that fails or hangs). */
  activities?: Partial<Activities>;
}

export function createWorker(o: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: { ...createActivities(o.deps), ...o.activities },
    interceptors: { activity: [heartbeatWhileRunning] },
    dataConverter: o.dataConverter ?? dataConverterFromEnv(),
    // Open cases wait days between decisions: keeping each one's workflow in memory would grow the
    // worker with every open case (over 2 GiB at 1,000). A bounded cache (above the benchmark's 25
    // clients at once) replays an evicted case's short history on its next decision instead. Each
    // cached run holds its own evaluation of the bundle's modules and its state: 2–3 MiB of the
    // workflow thread's heap (about 120 MiB live with 40 runs, measured from the GC trace).
    maxCachedWorkflows: o.maxCachedWorkflows ?? 40,
    workflowBundle: o.workflowBundle ?? bundleWorkflowsInChild(),
  });
}
