// Opening a register review from the API: the same workflow and ID the agency's Schedule uses, so
// an admin's "open now" and the yearly Schedule meet in one review per year. A running review is
// joined (USE_EXISTING); a finished year is refused (REJECT_DUPLICATE), its report stands.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import {
  REGISTER_REVIEW_PROCEDURE,
  REGISTER_REVIEW_WORKFLOW_TYPE,
  registerReviewInputSchema,
  registerReviewWorkflowId,
  reviewOpenedUpdate,
  ReviewView,
  SA,
} from '../../shared/contracts/registerReview';
import type { Profile } from '../../shared/profile/schema';
import type { registerReviewWorkflow } from '../../workflows/registerReview';
import { withTemporalDeadline } from '../cases/temporalDeadline';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';

/** Writing hundreds of tasks takes a while; longer than a plain call, short for a person. */
const OPEN_DEADLINE_MS = 30_000;

const finished = (workflowId: string, year: number): ApiError =>
  new ApiError(409, 'CLOSED', `Peninjauan aset register tahun ${year} sudah selesai dan tidak dibuka lagi; laporannya: GET /reviews/${workflowId}.`);

export async function openReview(deps: ApiDeps, profile: Profile, year: number, admin: { userId: string; name: string }): Promise<{ joined: boolean; view: ReviewView }> {
  const workflowId = registerReviewWorkflowId(profile.id, year);
  let joined = false;
  try {
    const described = await withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(workflowId).describe());
    if (described.status.name !== 'RUNNING' && described.status.name !== 'CONTINUED_AS_NEW') throw finished(workflowId, year);
    joined = true;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  const input = registerReviewInputSchema.parse({ v: 1, profileId: profile.id, year, openedBy: { kind: 'admin', ...admin } });
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof registerReviewWorkflow>(REGISTER_REVIEW_WORKFLOW_TYPE, {
    taskQueue: deps.taskQueue,
    workflowId,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: [
      { key: SA.agency, value: profile.agency.name },
      { key: SA.procedure, value: REGISTER_REVIEW_PROCEDURE },
      { key: SA.requestNumber, value: workflowId },
      { key: SA.status, value: 'open' },
    ],
  });
  try {
    const view = await withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.executeUpdateWithStart(reviewOpenedUpdate, { startWorkflowOperation }), OPEN_DEADLINE_MS);
    return { joined, view };
  } catch (error) {
    // Finished between the look and the start.
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw finished(workflowId, year);
    throw error;
  }
}
