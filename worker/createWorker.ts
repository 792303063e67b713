import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { createActivities, ActivityDeps } from '../activities';
import { dataConverterFromEnv } from '../shared/dataConverter';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles workflows/ itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Payload encryption; by default with the keys of KOLOKASI_PAYLOAD_KEYS. */
  dataConverter?: DataConverter;
}

export function createWorker(o: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: createActivities(o.deps),
    dataConverter: o.dataConverter ?? dataConverterFromEnv(),
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
  });
}
