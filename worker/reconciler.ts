// Runs the read-model reconciler beside the worker: a pass at start, then one every interval, never
// two at once in this process (several processes may run it: each pass is idempotent).
import type { Client } from '@temporalio/client';
import { createReconciler, ReconcileReport } from '../activities/reconcile/reconcileCases';

export interface ReconcilerLoopOptions {
  client: Client;
  taskQueue: string;
  intervalMs?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

/** Often enough that a terminated case frees its capacity within a minute or two. */
const INTERVAL_MS = 60_000;
/** A workflow Temporal does not know is only taken as gone once its record has been quiet this long. */
const NOT_FOUND_GRACE_MS = 15 * 60_000;
const BATCH_SIZE = 200;

export function startReconcilerLoop(o: ReconcilerLoopOptions): { stop(): Promise<void> } {
  const log = o.log ?? ((line: string) => console.log(line));
  const reconciler = createReconciler({ client: o.client, taskQueue: o.taskQueue, now: o.now ?? (() => new Date()), notFoundGraceMs: NOT_FOUND_GRACE_MS, batchSize: BATCH_SIZE });
  let running: Promise<void> = Promise.resolve();
  let busy = false;

  const runPass = () => {
    if (busy) return; // a slow pass (an outage) is not joined by a second one
    busy = true;
    running = reconciler
      .pass()
      .then(
        (report) => describe(report, log),
        // A store or Temporal outage: the next pass tries again.
        (error: unknown) => log(`[reconciler] pass failed, retrying in ${(o.intervalMs ?? INTERVAL_MS) / 1000}s: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        busy = false;
      });
  };
  runPass();
  const timer = setInterval(runPass, o.intervalMs ?? INTERVAL_MS);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

function describe(report: ReconcileReport, log: (line: string) => void): void {
  for (const { requestNumber, ending } of report.closed) log(`[reconciler] ${requestNumber}: workflow ${ending}, record closed as cancelled`);
  if (report.released.length > 0) log(`[reconciler] capacity given back for ${report.released.join(', ')}`);
  if (report.placementsStarted.length > 0) log(`[reconciler] placements started for ${report.placementsStarted.join(', ')}`);
}
