// What the agency's Temporal Schedule starts each year: it opens the review of the year it fires in
// (in the agency's zone) as a workflow of its own, named `register-review-<agency>-<year>`. A
// Schedule would add its firing time to the workflow ID; this keeps the ID meaningful, so an admin's
// earlier "open now" for that year is joined, and a finished year is never opened twice.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ApplicationFailure, ParentClosePolicy, startChild, WorkflowIdReusePolicy } from '@temporalio/workflow';
import {
  REGISTER_REVIEW_PROCEDURE,
  RegisterReviewOpenerInput,
  registerReviewOpenerInputSchema,
  registerReviewWorkflowId,
  SA,
} from '../../shared/contracts/registerReview';
import { UTC_OFFSET_MINUTES } from '../../shared/workingTime';
import { registerReviewWorkflow } from '../registerReview';

export async function registerReviewOpenerWorkflow(rawInput: RegisterReviewOpenerInput): Promise<{ reviewId: string; started: boolean }> {
  const parsed = registerReviewOpenerInputSchema.safeParse(rawInput);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`Input tidak valid: ${parsed.error.message}`, 'InvalidInput');
  const { profileId, timeZone } = parsed.data;
  const year = new Date(Date.now() + UTC_OFFSET_MINUTES[timeZone] * 60_000).getUTCFullYear();
  const reviewId = registerReviewWorkflowId(profileId, year);
  try {
    await startChild(registerReviewWorkflow, {
      workflowId: reviewId,
      args: [{ v: 1, profileId, year, openedBy: { kind: 'schedule' } }],
      // The review outlives this opener by weeks.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: SA.procedure, value: REGISTER_REVIEW_PROCEDURE },
        { key: SA.requestNumber, value: reviewId },
        { key: SA.status, value: 'open' },
      ],
    });
    return { reviewId, started: true };
  } catch (error) {
    // Opened already this year: running (an admin opened it) or finished.
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { reviewId, started: false };
    throw error;
  }
}
