// Starts a case's workflow and waits, in the same call, until the case waits for its first action
// (Update-with-Start: the caseOpened Update is sent with the start), so the answer says who acts
// first without polling. Safe to call again for the same number and submission: a running case is
// attached to (USE_EXISTING) and a closed one is never started anew (REJECT_DUPLICATE), so a retry
// after a crash or a replayed submission never makes two cases. The workflow carries a fingerprint
// of who submitted what, so attaching to somebody else's case is detected, not hidden.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { type CaseRequest, type CaseView, requestUnit } from '../../shared/caseState';
import { caseOpenedUpdate, SA, SOP_CASE_WORKFLOW_TYPE, sopCaseInputSchema, sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import type { Actor } from '../../shared/decisions';
import type { Procedure, Profile } from '../../shared/profile/schema';
import { caseSummary } from '../../shared/workflowInput';
import type { sopCaseWorkflow } from '../../workflows/sopCase';
import type { ApiDeps } from '../deps';
import { isUnreachable } from '../outage';
import { withTemporalDeadline } from './temporalDeadline';

export function submissionFingerprint(userId: string, bodyHash: string): string {
  return createHash('sha256').update(`${userId}:${bodyHash}`).digest('hex');
}

/** Whether no workflow has this ID yet. */
export async function workflowIdIsFree(deps: ApiDeps, workflowId: string): Promise<boolean> {
  try {
    await withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(workflowId).describe());
    return false;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return true;
    throw error;
  }
}

export class ForeignCaseError extends Error {
  constructor(readonly workflowId: string) {
    super(`workflow ${workflowId} belongs to another submission: request numbers and workflows are out of step (a restored database, or two deployments on one namespace?)`);
    this.name = 'ForeignCaseError';
  }
}

export interface CaseToStart {
  profile: Profile;
  procedure: Procedure;
  requestNumber: string;
  request: CaseRequest;
  submittedBy: Actor;
  fingerprint: string;
}

export interface StartedCase {
  workflowId: string;
  /** The case as it waits for its first action; null when it did not get there in time (no worker polls) or has closed. */
  view: CaseView | null;
}

export async function startCase(deps: ApiDeps, c: CaseToStart): Promise<StartedCase> {
  const workflowId = sopCaseWorkflowId(c.procedure.id, c.requestNumber);
  // The frozen input the workflow replays against: checked here too, so a mismatch is ours, at the door.
  const input = sopCaseInputSchema.parse({ v: 1, requestNumber: c.requestNumber, profileId: c.profile.id, procedureId: c.procedure.id, request: c.request, submittedBy: c.submittedBy });
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof sopCaseWorkflow>(SOP_CASE_WORKFLOW_TYPE, {
    taskQueue: deps.taskQueue,
    workflowId,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: [
      { key: SA.agency, value: c.profile.agency.name },
      { key: SA.applicantUnit, value: requestUnit(c.request) },
      { key: SA.requestNumber, value: c.requestNumber },
      { key: SA.procedure, value: c.procedure.id },
      { key: SA.status, value: 'inProgress' },
    ],
    memo: {
      summary: caseSummary(c.requestNumber, c.request),
      profileId: c.profile.id,
      procedureId: c.procedure.id,
      submissionFingerprint: c.fingerprint,
    },
  });
  let view: CaseView | null = null;
  let failure: unknown;
  try {
    view = await withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.executeUpdateWithStart(caseOpenedUpdate, { startWorkflowOperation }));
  } catch (error) {
    if (isUnreachable(error)) throw error;
    // Past the deadline (no worker polls the queue), or the case has closed since (REJECT_DUPLICATE
    // refuses the start): the workflow itself says below whether it exists and is this submission's.
    failure = error;
  }
  let memo: Record<string, unknown> | undefined;
  try {
    ({ memo } = await withTemporalDeadline(deps.temporal, () => deps.temporal.workflow.getHandle(workflowId).describe()));
  } catch (error) {
    throw error instanceof WorkflowNotFoundError && failure ? failure : error;
  }
  if (memo?.submissionFingerprint !== c.fingerprint) throw new ForeignCaseError(workflowId);
  return { workflowId, view };
}
