// What the workflow tests read back the way a person would: the emails one address got about a
// case, and why a decision was refused.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DECISION_REFUSED, RefusalDetails } from '../../../shared/decisions';
import { emailsTo, listEmails, ReceivedEmail } from '../../support/mailbox';

export async function emailsFor(requestNumber: string, address: string): Promise<ReceivedEmail[]> {
  return emailsTo(await listEmails(), address).filter((e) => e.subject.startsWith(`[${requestNumber}]`));
}

/** The refusal a decision got; fails the test if it was not refused the workflow's way. */
export async function refusalOf(promise: Promise<unknown>): Promise<RefusalDetails> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
  expect(cause.type).toBe(DECISION_REFUSED);
  return cause.details![0] as RefusalDetails;
}
