// After a submission the workflow records the case and reaches its first task on its own; the
// caller should learn who acts first and be able to act at once, so the API waits that moment out
// (briefly) before it answers. (Decisions need no wait: their Update answers when the case waits again.)
import type { Client } from '@temporalio/client';
import { CaseState, caseStateQuery } from '../../shared/caseState';

/** Automatic work between two decisions takes well under a second; past this, answer anyway. */
const SETTLE_MS = 3_000;
const POLL_MS = 100;

const settled = (state: Pick<CaseState, 'status' | 'currentStep'>): boolean => state.status !== 'inProgress' || !!state.currentStep?.pending;

/**
 * The case once it waits for a person or has closed; the last state read (or nothing) when that
 * takes longer than `maxMs` in total. Each query shares that one deadline: with no worker running a
 * query is never answered, and must not hold the caller past it.
 */
export async function settledState(temporal: Client, workflowId: string, maxMs = SETTLE_MS): Promise<CaseState | undefined> {
  const deadline = Date.now() + maxMs;
  const handle = temporal.workflow.getHandle(workflowId);
  let last: CaseState | undefined;
  for (;;) {
    // Until the workflow's first task has run, it has no query handler yet: keep polling.
    last = (await temporal.withDeadline(deadline, () => handle.query(caseStateQuery)).catch(() => undefined)) ?? last;
    if ((last && settled(last)) || Date.now() >= deadline) return last;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
