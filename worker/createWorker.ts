import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { Activities, createActivities, ActivityDeps } from '../activities';
import { heartbeatWhileRunning } from './heartbeatWhileRunning';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles workflows/ itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
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
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
  });
}
