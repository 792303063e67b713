// Finds a case for a caller: from the read model the workflow writes, or, in the moment between the
// start and its first write, from the workflow itself. A case outside an applicant's unit is answered
// exactly like an unknown one, so request numbers of other units leak nothing.
import { WorkflowNotFoundError } from '@temporalio/common';
import type { CaseState, CaseStatus } from '../../shared/caseState';
import { caseStateQuery, SA } from '../../shared/contracts/sopCase';
import { RequestRecord } from '../../shared/db/requestRecord';
import { getProfile } from '../../shared/profile/registry';
import { requestNumberSchema } from '../../shared/workflowInput';
import { Caller, unitScope } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { workflowIdOfNumber } from './procedures';
import { withTemporalDeadline } from './temporalDeadline';

export interface LoadedCase {
  requestNumber: string;
  workflowId: string;
  profileId: string;
  applicantUnit: string;
  status: CaseStatus;
  /** Null only while a just-started workflow has not run its first step yet. */
  state: CaseState | null;
  /** When the workflow started; known also while `state` is null. */
  startedAt: string | null;
  updatedAt: string | null;
}

/**
 * The workflow ID a case with this number has. Numbers are the deployment's (its profile's code and
 * procedure codes), and a procedure's ID never changes once cases run under it.
 */
export function caseWorkflowId(deps: Pick<ApiDeps, 'profileId'>, requestNumber: string): string | undefined {
  return workflowIdOfNumber(getProfile(deps.profileId), requestNumber);
}

async function fromWorkflow(deps: ApiDeps, requestNumber: string): Promise<LoadedCase | null> {
  const workflowId = caseWorkflowId(deps, requestNumber);
  if (!workflowId) return null;
  const handle = deps.temporal.workflow.getHandle(workflowId);
  try {
    const state = await withTemporalDeadline(deps.temporal, () => handle.query(caseStateQuery));
    return { requestNumber, workflowId, profileId: state.profileId, applicantUnit: state.applicantUnit, status: state.status, state, startedAt: state.submittedAt, updatedAt: null };
  } catch (queryError) {
    try {
      const description = await withTemporalDeadline(deps.temporal, () => handle.describe());
      const applicantUnit = description.typedSearchAttributes.get(SA.applicantUnit);
      const profileId = description.memo?.profileId;
      if (!applicantUnit || typeof profileId !== 'string') return null;
      return { requestNumber, workflowId, profileId, applicantUnit, status: 'inProgress', state: null, startedAt: description.startTime.toISOString(), updatedAt: null };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw queryError;
    }
  }
}

/** The case as it stands, whoever asks; null when there is no such case. */
export async function findCase(deps: ApiDeps, requestNumber: string): Promise<LoadedCase | null> {
  const record = await RequestRecord.findById(requestNumber).lean();
  return record
    ? {
        requestNumber,
        workflowId: record.state.workflowId,
        profileId: record.state.profileId,
        applicantUnit: record.state.applicantUnit,
        status: record.state.status,
        state: record.state,
        startedAt: record.state.submittedAt,
        updatedAt: record.updatedAt instanceof Date ? record.updatedAt.toISOString() : null,
      }
    : fromWorkflow(deps, requestNumber);
}

export async function loadCase(deps: ApiDeps, caller: Caller, rawNumber: string): Promise<LoadedCase> {
  const number = requestNumberSchema.safeParse(rawNumber);
  if (!number.success) throw notFound();
  const loaded = await findCase(deps, number.data);
  if (!loaded) throw notFound();
  const unit = unitScope(caller);
  if (unit !== undefined && loaded.applicantUnit !== unit) throw notFound();
  return loaded;
}
