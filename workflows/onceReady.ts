// An Update can reach a workflow before it has read what its validator checks against (a case's
// profile, a placement's settings, a review's tasks): sent with the start, or taken by a worker that
// starts the workflow over after the previous one died mid-task. Its validator can then check only
// the shape; the handler waits here and runs the validator again, so the Update is applied (or
// refused for what it is) rather than refused as "too early".
import { condition } from '@temporalio/workflow';

/**
 * Waits until `ready()` gives a value, runs `validate`, then gives that value. Call it as
 * `ready() ?? (await onceReady(ready, validate))`: when the workflow is ready, the handler takes no
 * extra await, so the command sequence of every recorded history stays the same.
 */
export async function onceReady<T>(ready: () => T | undefined, validate: () => void): Promise<T> {
  await condition(() => ready() !== undefined);
  validate();
  return ready()!;
}
