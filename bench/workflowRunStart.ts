// What it costs the workflow thread to start a run (a new case, a case evicted from the cache and
// replayed, a Continue-As-New): the SDK gives each run its own copy of our modules, so whatever a
// module builds when it loads (zod schemas above all) is built again for every run. Uses the
// worker's own bundle in the SDK's reusable sandbox, as the worker does.
import { parseWorkflowCode } from '@temporalio/worker/lib/worker';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import { performance } from 'node:perf_hooks';
import { bundleWorkflowsInChild } from '../worker/bundleWorkflows';

function infoOf(runId: string) {
  const now = new Date();
  return {
    workflowId: `bench-${runId}`, runId, firstExecutionRunId: runId, workflowType: 'sopCaseWorkflow', namespace: 'default', taskQueue: 'bench',
    attempt: 1, historyLength: 1, historySize: 0, continueAsNewSuggested: false, startTime: now, runStartTime: now,
    searchAttributes: {}, typedSearchAttributes: [], memo: {}, priority: {}, unsafe: { isReplaying: false, now: Date.now },
  };
}

/** Milliseconds of wall time and of CPU per run started (and disposed), after a warm-up. */
export async function measureWorkflowRunStart(runs: number): Promise<{ wallMs: number; cpuMs: number }> {
  const creator = await ReusableVMWorkflowCreator.create(parseWorkflowCode(bundleWorkflowsInChild().code), 5_000, new Set(), undefined as never);
  const start = async (i: number): Promise<void> => {
    const run = await creator.createWorkflow({ info: infoOf(`run-${i}`) as never, randomnessSeed: [i], now: Date.now(), showStackTraceSources: false });
    await run.dispose();
  };
  try {
    for (let i = 0; i < 20; i += 1) await start(i);
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) await start(20 + i);
    const used = process.cpuUsage(cpu);
    return { wallMs: (performance.now() - started) / runs, cpuMs: (used.user + used.system) / 1000 / runs };
  } finally {
    await creator.destroy();
  }
}
