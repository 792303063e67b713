// After a submission the workflow records the case and reaches its first task on its own; the
// caller should learn who acts first and be able to act at once, so the API waits that moment out
// (briefly) before it answers. (Decisions need no wait: their Update answers when the case waits again.)
import type { WorkflowHandle } from '@temporalio/client';
import { CaseState, caseStateQuery } from '../../shared/caseState';

/** Automatic work between two decisions takes well under a second; past this, answer anyway. */
const SETTLE_MS = 3_000;
const POLL_MS = 100;

const settled = (state: Pick<CaseState, 'status' | 'currentStep'>): boolean => state.status !== 'inProgress' || !!state.currentStep?.pending;

/** The case once it waits for a person or has closed; the last state read if that takes too long. */
export async function settledState(handle: WorkflowHandle, maxMs = SETTLE_MS): Promise<CaseState | undefined> {
  const deadline = Date.now() + maxMs;
  let last: CaseState | undefined;
  for (;;) {
    // Until the workflow's first task has run, it has no query handler yet: keep polling.
    last = (await handle.query(caseStateQuery).catch(() => undefined)) ?? last;
    if ((last && settled(last)) || Date.now() >= deadline) return last;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
