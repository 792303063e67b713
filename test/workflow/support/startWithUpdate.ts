// Starts a workflow with an Update in the same call (update-with-start), so the Update reaches the
// workflow in its first task, before it has read what its validator checks (workflows/onceReady.ts).
import { Client, WithStartWorkflowOperation, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import type { UpdateDefinition, Workflow } from '@temporalio/common';

export interface StartedWithUpdate<W extends Workflow, Ret> {
  handle: WorkflowHandle<W>;
  /** The Update's answer; a refusal is read from it. */
  result: Promise<Ret>;
}

export async function startWithUpdate<W extends Workflow, Ret, Args extends unknown[]>(
  client: Client,
  workflow: W,
  start: WorkflowStartOptions<W>,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
  updateId: string,
): Promise<StartedWithUpdate<W, Ret>> {
  const startWorkflowOperation = new WithStartWorkflowOperation(workflow, { ...start, workflowIdConflictPolicy: 'FAIL' });
  const result = client.workflow.executeUpdateWithStart(update, { args, updateId, startWorkflowOperation });
  // Held by `result` too: a refusal is read from it, not reported as unhandled here.
  result.catch(() => undefined);
  return { handle: await startWorkflowOperation.workflowHandle(), result };
}
