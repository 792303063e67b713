// Starts a case's workflow. Safe to call again for the same number and submission: a running case
// is attached to (USE_EXISTING) and a closed one is never started anew (REJECT_DUPLICATE), so a
// retry after a crash or a replayed submission never makes two cases. The workflow carries a
// fingerprint of who submitted what, so attaching to somebody else's case is detected, not hidden.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { createHash } from 'node:crypto';
import type { Actor } from '../../shared/decisions';
import type { Profile } from '../../shared/profile/schema';
import type { Submission } from '../../shared/request';
import { SA } from '../../shared/searchAttributes';
import { caseSummary, colocationInputSchema, colocationWorkflowId } from '../../shared/workflowInput';
import type { colocationRequestWorkflow } from '../../workflows/colocationRequest';
import type { ApiDeps } from '../deps';
import { withTemporalDeadline } from './temporalDeadline';

export function submissionFingerprint(userId: string, bodyHash: string): string {
  return createHash('sha256').update(`${userId}:${bodyHash}`).digest('hex');
}

/** Whether no workflow has this request number's id yet. */
export async function workflowIdIsFree(deps: ApiDeps, requestNumber: string): Promise<boolean> {
  try {
    await withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(colocationWorkflowId(requestNumber)).describe());
    return false;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return true;
    throw error;
  }
}

export class ForeignCaseError extends Error {
  constructor(readonly requestNumber: string) {
    super(`workflow ${colocationWorkflowId(requestNumber)} belongs to another submission: request numbers and workflows are out of step (a restored database, or two deployments on one namespace?)`);
    this.name = 'ForeignCaseError';
  }
}

export async function startCase(deps: ApiDeps, profile: Profile, requestNumber: string, submission: Submission, submittedBy: Actor, fingerprint: string): Promise<string> {
  const workflowId = colocationWorkflowId(requestNumber);
  const input = colocationInputSchema.parse({ requestNumber, profileId: profile.id, submission, submittedBy });
  try {
    await withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.start<typeof colocationRequestWorkflow>('colocationRequestWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: SA.agency, value: profile.agency.name },
        { key: SA.applicantUnit, value: submission.form.unitName },
        { key: SA.requestNumber, value: requestNumber },
        { key: SA.status, value: 'inProgress' },
      ],
      memo: {
        summary: caseSummary(requestNumber, submission),
        profileId: profile.id,
        submissionFingerprint: fingerprint,
      },
    }));
  } catch (error) {
    // Already started and since closed: fine if it is this submission's case (checked below).
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  const { memo } = await withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(workflowId).describe());
  if (memo?.submissionFingerprint !== fingerprint) throw new ForeignCaseError(requestNumber);
  return workflowId;
}
